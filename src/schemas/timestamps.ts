import { ValidationError } from '../errors/validation-error.js';

// Books writes `2013-08-05T12:06:10+0530` (offset without colon), FSM
// writes `2022-02-09T01:29:46-08:00` (ISO 8601 with colon). `Z` and fractions are accepted too.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

// Real offsets run from -12:00 to +14:00; anything beyond is a corrupt value, not a time zone.
const MAX_OFFSET_MINUTES = 14 * 60;

function invalid(input: unknown, reason: string): ValidationError {
  const shown = typeof input === 'string' ? JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input) : typeof input;
  const message = `${shown} is not a Zoho timestamp (${reason}); expected 2013-08-05T12:06:10+0530 (Books) or 2022-02-09T01:29:46-08:00 (FSM)`;
  return new ValidationError(message, [{ path: [], message, code: 'invalid_timestamp' }]);
}

/**
 * Parses a Zoho timestamp, Books form (`+0530`) or FSM form (`-08:00`), to epoch milliseconds.
 * Wire schemas keep timestamps as the strings Zoho sent; call this where you compare them.
 *
 * @throws ValidationError (`INVALID_INPUT`) when the text is not such a timestamp or names an
 * impossible date (Feb 30th, hour 25, offset beyond ±14:00). A timestamp without offset is refused,
 * because its instant is unknown.
 * @example
 * ```ts
 * parseZohoTimestamp('2013-08-05T12:06:10+0530') === parseZohoTimestamp('2013-08-05T06:36:10Z'); // true
 * ```
 */
export function parseZohoTimestamp(text: string): number {
  const match = typeof text === 'string' ? TIMESTAMP.exec(text) : null;
  if (match === null) throw invalid(text, 'unrecognised format');
  const [, y, mo, d, h, mi, s, fraction = '', zulu, sign, oh, om] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const offset = zulu === undefined ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  if (Number(om) >= 60 || Math.abs(offset) > MAX_OFFSET_MINUTES) throw invalid(text, 'offset out of range');
  if (hour > 23 || minute > 59 || second > 59) throw invalid(text, 'time out of range');
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  if (utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) throw invalid(text, 'no such date');
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  return utc.getTime() + millis - offset * 60_000;
}

function format(ms: number, offsetMinutes: number, offsetSeparator: '' | ':'): string {
  if (!Number.isFinite(ms)) throw invalid(String(ms), 'not a finite time');
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) {
    throw invalid(String(offsetMinutes), 'offset must be whole minutes within ±14:00');
  }
  // Zoho's timestamps carry whole seconds; drop the fraction rather than round into the next second.
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  if (year < 0 || year > 9999) throw invalid(String(ms), 'year outside 0000-9999');
  const two = (n: number) => String(n).padStart(2, '0');
  const abs = Math.abs(offsetMinutes);
  const zone = `${offsetMinutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}${offsetSeparator}${two(abs % 60)}`;
  return `${String(year).padStart(4, '0')}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}${zone}`;
}

/**
 * Formats epoch milliseconds as a Books timestamp at the given UTC offset, e.g. for the invoice
 * `last_modified_time` filter. Sub-second precision is dropped.
 *
 * @throws ValidationError when `ms` is not finite or `offsetMinutes` is not whole minutes within ±14:00.
 * @example
 * ```ts
 * formatBooksTimestamp(Date.UTC(2013, 7, 5, 6, 36, 10), 330); // '2013-08-05T12:06:10+0530'
 * ```
 */
export function formatBooksTimestamp(ms: number, offsetMinutes: number): string {
  return format(ms, offsetMinutes, '');
}

/**
 * Formats epoch milliseconds as an FSM timestamp (ISO 8601 with a colon offset), e.g. for a
 * DateTime search value. Sub-second precision is dropped.
 *
 * @throws ValidationError when `ms` is not finite or `offsetMinutes` is not whole minutes within ±14:00.
 * @example
 * ```ts
 * formatFsmTimestamp(Date.UTC(2022, 1, 9, 9, 29, 46), -480); // '2022-02-09T01:29:46-08:00'
 * ```
 */
export function formatFsmTimestamp(ms: number, offsetMinutes: number): string {
  return format(ms, offsetMinutes, ':');
}
