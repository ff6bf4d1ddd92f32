import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { formatBooksTimestamp, formatFsmTimestamp, parseZohoTimestamp } from '../../src/schemas/index.js';

describe('parseZohoTimestamp', () => {
  it.each([
    ['2013-08-05T12:06:10+0530', Date.UTC(2013, 7, 5, 6, 36, 10)],
    ['2013-11-18T02:17:40-0800', Date.UTC(2013, 10, 18, 10, 17, 40)],
    ['2022-02-09T01:29:46-08:00', Date.UTC(2022, 1, 9, 9, 29, 46)],
    ['2022-02-09T09:29:46Z', Date.UTC(2022, 1, 9, 9, 29, 46)],
    ['2022-02-09T09:29:46.250+00:00', Date.UTC(2022, 1, 9, 9, 29, 46, 250)],
    ['2024-02-29T00:00:00+0000', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, expected) => {
    expect(parseZohoTimestamp(text)).toBe(expected);
  });

  it('gives the same instant for the Books and FSM forms of one time', () => {
    expect(parseZohoTimestamp('2013-08-05T12:06:10+0530')).toBe(parseZohoTimestamp('2013-08-05T12:06:10+05:30'));
  });

  it.each([
    ['2013-08-05'],
    ['2013-08-05T12:06:10'],
    ['2013-08-05 12:06:10+0530'],
    ['2023-02-29T00:00:00+0000'],
    ['2013-13-05T12:06:10+0530'],
    ['2013-08-05T24:00:00+0530'],
    ['2013-08-05T12:06:10+1500'],
    ['2013-08-05T12:06:10+05:75'],
    ['yesterday'],
    [''],
  ])('throws a ValidationError for %j', (text) => {
    expect(() => parseZohoTimestamp(text)).toThrow(ValidationError);
  });

  it('names both accepted forms in the error and reports INVALID_INPUT', () => {
    try {
      parseZohoTimestamp('garbage');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const failure = error as ValidationError;
      expect(failure.code).toBe('INVALID_INPUT');
      expect(failure.message).toContain('+0530');
      expect(failure.message).toContain('-08:00');
    }
  });
});

describe('formatBooksTimestamp / formatFsmTimestamp', () => {
  const instant = Date.UTC(2013, 7, 5, 6, 36, 10, 999);

  it('writes the Books form without a colon in the offset', () => {
    expect(formatBooksTimestamp(instant, 330)).toBe('2013-08-05T12:06:10+0530');
    expect(formatBooksTimestamp(instant, -480)).toBe('2013-08-04T22:36:10-0800');
    expect(formatBooksTimestamp(instant, 0)).toBe('2013-08-05T06:36:10+0000');
  });

  it('writes the FSM form with a colon in the offset', () => {
    expect(formatFsmTimestamp(instant, -480)).toBe('2013-08-04T22:36:10-08:00');
    expect(formatFsmTimestamp(instant, 345)).toBe('2013-08-05T12:21:10+05:45');
  });

  it('round-trips through parseZohoTimestamp to the second, for many instants and offsets', () => {
    const offsets = [-720, -570, -480, 0, 60, 330, 345, 525, 840];
    for (let i = 0; i < 500; i += 1) {
      const ms = Date.UTC(1971, 0, 1) + ((i * 7_919_999_999_977) % 2_000_000_000_000);
      const offset = offsets[i % offsets.length] ?? 0;
      const whole = Math.floor(ms / 1000) * 1000;
      expect(parseZohoTimestamp(formatBooksTimestamp(ms, offset))).toBe(whole);
      expect(parseZohoTimestamp(formatFsmTimestamp(ms, offset))).toBe(whole);
    }
  });

  it.each([
    [Number.NaN, 0],
    [0, 30.5],
    [0, 900],
    [Date.UTC(10000, 0, 1), 0],
  ])('throws a ValidationError for ms=%j offset=%j', (ms, offset) => {
    expect(() => formatBooksTimestamp(ms, offset)).toThrow(ValidationError);
  });
});
