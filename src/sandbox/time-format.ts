/**
 * Books/Invoice timestamps: `2013-08-05T12:06:10+0530`, the offset without a colon
 * (from the OAS examples).
 */
export function booksTimestamp(epochMs: number, utcOffsetMinutes: number): string {
  return `${localIso(epochMs, utcOffsetMinutes)}${offset(utcOffsetMinutes, '')}`;
}

/** FSM timestamps: ISO 8601 with a colon in the offset, `2022-02-09T01:29:46-08:00`. */
export function fsmTimestamp(epochMs: number, utcOffsetMinutes: number): string {
  return `${localIso(epochMs, utcOffsetMinutes)}${offset(utcOffsetMinutes, ':')}`;
}

/** A calendar date `yyyy-mm-dd` in the given offset (Books dates). */
export function booksDate(epochMs: number, utcOffsetMinutes: number): string {
  return localIso(epochMs, utcOffsetMinutes).slice(0, 10);
}

/**
 * Parses a Books timestamp (`2023-11-18T02:02:51-0800`), an ISO timestamp with a colon or `Z`, or a
 * date; returns epoch ms or `undefined` when unreadable.
 */
export function parseTimestamp(text: string): number | undefined {
  // An unencoded `+` in a query string arrives as a space.
  const normalised = text.trim().replace(/ (\d{2}:?\d{2})$/, '+$1').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? undefined : ms;
}

function localIso(epochMs: number, utcOffsetMinutes: number): string {
  return new Date(epochMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
}

function offset(minutes: number, separator: string): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}${separator}${mm}`;
}

/** A `yyyy-mm-dd` date as the epoch ms of its midnight in the given offset; other text as {@link parseTimestamp}. */
export function parseLocalDate(text: string, utcOffsetMinutes: number): number | undefined {
  const ms = parseTimestamp(text);
  if (ms === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) return ms;
  return ms - utcOffsetMinutes * 60_000;
}
