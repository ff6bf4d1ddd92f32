import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatProgressLine, ProgressDisplay, type ProgressMode } from '../../src/node/cli/progress-display.js';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

function display(mode: ProgressMode) {
  let now = 0;
  const out = capture();
  const d = new ProgressDisplay({ mode, stream: out.stream, now: () => now, plainEveryMs: 1000 });
  return { d, out, at: (ms: number) => (now = ms) };
}

describe('ProgressDisplay', () => {
  it('plain: a line at each phase change and at most one a second per entity side; an unknown total (undefined) shows as ?', () => {
    const { d, out, at } = display('plain');
    d.update({ entity: 'companies', module: 'companies', phase: 'read', side: 'fsm', done: 0, total: undefined });
    at(500);
    d.update({ entity: 'companies', module: 'companies', phase: 'read', side: 'fsm', done: 200, total: undefined });
    at(1000);
    d.update({ entity: 'companies', module: 'companies', phase: 'read', side: 'fsm', done: 400, total: undefined });
    at(1100);
    // The side's last page: its total is known, a line of its own even within the second.
    d.update({ entity: 'companies', module: 'companies', phase: 'read', side: 'fsm', done: 400, total: 400 });
    at(1200);
    d.update({ entity: 'companies', module: 'companies', phase: 'read', side: 'finance', done: 200, total: 400 });
    at(2000);
    d.update({ entity: 'companies', module: 'companies', phase: 'sync', done: 10, total: 40 });
    at(2500);
    d.update({ entity: 'companies', module: 'companies', phase: 'sync', done: 40, total: 40 });
    d.stop();
    d.update({ entity: 'companies', module: 'companies', phase: 'sync', done: 41, total: 40 });
    expect(out.text().split('\n').filter(Boolean)).toEqual([
      'companies        FSM      read  0/?',
      'companies        FSM      read  400/?  400/s',
      'companies        FSM      read  400/400 100%  364/s',
      'companies        finance  read  200/400 50%',
      'companies                 sync  10/40 25%',
      'companies                 sync  40/40 100%  80/s',
    ]);
  });

  it('json: one object per event, total null while unknown, with the rate', () => {
    const { d, out, at } = display('json');
    d.update({ entity: 'items', module: 'items', phase: 'read', side: 'finance', done: 0, total: undefined });
    at(2000);
    d.update({ entity: 'items', module: 'items', phase: 'read', side: 'finance', done: 500, total: 500 });
    d.stop();
    expect(out.text().trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual([
      { type: 'progress', entity: 'items', module: 'items', side: 'finance', phase: 'read', done: 0, total: null, rate: 0 },
      { type: 'progress', entity: 'items', module: 'items', side: 'finance', phase: 'read', done: 500, total: 500, rate: 250 },
    ]);
  });

  it('live: redraws one region in place and leaves the last drawing on screen', () => {
    const { d, out, at } = display('live');
    d.update({ entity: 'items', module: 'items', phase: 'read', side: 'fsm', done: 100, total: undefined });
    at(1000);
    d.update({ entity: 'items', module: 'items', phase: 'read', side: 'fsm', done: 300, total: 300 });
    d.stop();
    const text = out.text();
    const plain = text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain.trimEnd().split('\n').at(-1)).toBe('items            FSM      read  300/300 100%  300/s');
    expect(text).not.toContain('100/?'); // drawn at stop only: the 100 ms redraw never came in between
  });

  it('formats a line with the count, the share and the rate', () => {
    expect(formatProgressLine({ module: 'contact_persons', side: 'fsm', phase: 'read', done: 7, total: undefined, rate: 2.25 })).toBe('contact_persons  FSM      read  7/?  2.3/s');
    expect(formatProgressLine({ module: 'items', side: '', phase: 'sync', done: 3, total: 9, rate: 0 })).toBe('items                     sync  3/9 33%');
    // A known total of 0 (nothing to sync) is a figure, not an unknown.
    expect(formatProgressLine({ module: 'items', side: '', phase: 'sync', done: 0, total: 0, rate: 0 })).toBe('items                     sync  0/0');
  });
});
