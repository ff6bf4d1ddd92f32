/**
 * Characters that make a spreadsheet read a cell as a formula, per OWASP's CSV Injection page:
 * `=`, `+`, `-`, `@`, TAB (0x09) and CR (0x0D).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A plain decimal number (`12`, `-12.5`, `.5`, `-1e-7`): a spreadsheet reads it as a number and
 * runs nothing, so a leading `-` is left alone and the number stays a number.
 */
const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * One CSV cell, safe to open in a spreadsheet, following OWASP's CSV-injection rules: a cell that
 * starts with `=`, `+`, `-`, `@`, TAB or CR gets a leading single quote (unless it is a plain number
 * such as `-12.5`), and every cell is wrapped in double quotes with inner double quotes doubled
 * (RFC 4180), so commas, quotes and line breaks stay inside it. `undefined` and `null` are empty.
 *
 * @example
 * ```ts
 * csvCell('=HYPERLINK("http://x")'); // '"\'=HYPERLINK(""http://x"")"'
 * csvCell('-12.5');                  // '"-12.5"'
 * ```
 */
export function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  const guarded = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return `"${guarded.replace(/"/g, '""')}"`;
}
