import { describe, expect, it } from 'vitest';
import { failuresToCsv, type FailureGroup } from '../../src/sync/index.js';

const HEADER = '"direction","entity","reason","title","fsm_id","finance_id","name","message"';

/** The CSV of one failed record whose name and message are both `text`. */
function csvOf(text: string): string {
  const group: FailureGroup = {
    reason: 'ZOHO_1001',
    title: 'Already exists',
    direction: 'toFinance',
    count: 1,
    records: [{ entity: 'companies', module: 'companies', direction: 'toFinance', fsmId: '42', name: text, message: text }],
  };
  return failuresToCsv({ failures: [group] });
}

// OWASP CSV injection: a cell starting with = + - @ TAB CR gets a leading single quote; every cell
// is wrapped in double quotes with inner quotes doubled; a plain number stays a number.
const CASES: Array<{ cell: string; csv: string; why: string }> = [
  { why: 'a formula', cell: '=1+2', csv: `"'=1+2"` },
  { why: 'a formula with quotes', cell: '=HYPERLINK("http://x.example","click")', csv: `"'=HYPERLINK(""http://x.example"",""click"")"` },
  { why: 'a leading +', cell: '+1 555 0100', csv: `"'+1 555 0100"` },
  { why: 'a leading - that is not a number', cell: '-2+3+cmd|calc', csv: `"'-2+3+cmd|calc"` },
  { why: 'a lone -', cell: '-', csv: `"'-"` },
  { why: 'a double minus', cell: '--12', csv: `"'--12"` },
  { why: 'a number followed by text', cell: '-12.5abc', csv: `"'-12.5abc"` },
  { why: 'a leading @', cell: '@SUM(A1:A9)', csv: `"'@SUM(A1:A9)"` },
  { why: 'a leading TAB', cell: '\t=cmd', csv: `"'\t=cmd"` },
  { why: 'a leading CR', cell: '\r=cmd', csv: `"'\r=cmd"` },
  { why: 'a negative decimal number', cell: '-12.5', csv: '"-12.5"' },
  { why: 'a negative integer', cell: '-12', csv: '"-12"' },
  { why: 'a negative number with an exponent', cell: '-1e-7', csv: '"-1e-7"' },
  { why: 'a number without a leading digit', cell: '-.5', csv: '"-.5"' },
  { why: 'a positive number', cell: '12.5', csv: '"12.5"' },
  { why: 'plain text', cell: 'Acme Ltd', csv: '"Acme Ltd"' },
  { why: 'text with a comma', cell: 'Acme, Ltd', csv: '"Acme, Ltd"' },
  { why: 'text with quotes', cell: 'say "hi"', csv: '"say ""hi"""' },
  { why: 'text with a line break inside', cell: 'one\r\ntwo', csv: '"one\r\ntwo"' },
  { why: 'a formula character later in the text', cell: 'a=b-c', csv: '"a=b-c"' },
  { why: 'an empty cell', cell: '', csv: '""' },
];

describe('failuresToCsv keeps formulas out of spreadsheets (OWASP CSV injection) and numbers numbers', () => {
  it.each(CASES)('writes $why as $csv', ({ cell, csv }) => {
    expect(csvOf(cell)).toBe(`${HEADER}\r\n"toFinance","companies","ZOHO_1001","Already exists","42","",${csv},${csv}\r\n`);
  });
});
