import { describe, expect, it } from 'vitest';
import {
  ZohoDiscountSchema, ZohoIdRefSchema, ZohoIdSchema, ZohoNumberSchema, ZohoPercentageSchema, ZohoStringSchema,
  blankAsNull, openEnum,
} from '../../src/schemas/index.js';

describe('ZohoIdSchema', () => {
  it.each([
    ['460000000026049', '460000000026049'],
    [460000000026049, '460000000026049'],
    [' 982000000567001 ', '982000000567001'],
  ])('normalises %j to the string %j', (input, expected) => {
    expect(ZohoIdSchema.parse(input)).toBe(expected);
  });

  it.each([[''], ['   '], [null], [undefined], [1.5], [-3], [true], [{ id: '1' }]])('refuses %j', (input) => {
    expect(ZohoIdSchema.safeParse(input).success).toBe(false);
  });

  it('refuses a numeric id above 2^53, which JSON.parse has already rounded', () => {
    const parsed = JSON.parse('{"id": 132086000000107337}') as { id: number };
    const result = ZohoIdSchema.safeParse(parsed.id);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/rounded/);
  });
});

describe('ZohoIdRefSchema', () => {
  it('keeps the blank strings Books sends for an empty reference', () => {
    expect(ZohoIdRefSchema.parse('')).toBe('');
    expect(ZohoIdRefSchema.parse(' ')).toBe(' ');
  });
  it('normalises numeric ids like ZohoIdSchema', () => {
    expect(ZohoIdRefSchema.parse(9820)).toBe('9820');
  });
});

describe('numbers and percentages', () => {
  it.each([
    [120, 120],
    ['40.6', 40.6],
    [' -4.5 ', -4.5],
    ['.5', 0.5],
    ['1e3', 1000],
  ])('ZohoNumberSchema reads %j as %j', (input, expected) => {
    expect(ZohoNumberSchema.parse(input)).toBe(expected);
  });

  it.each([['12,5'], ['abc'], ['70%'], [''], [Number.NaN], [Number.POSITIVE_INFINITY]])('ZohoNumberSchema refuses %j', (input) => {
    expect(ZohoNumberSchema.safeParse(input).success).toBe(false);
  });

  it.each([
    [12.5, 12.5],
    ['70%', 70],
    ['70 %', 70],
    ['18', 18],
  ])('ZohoPercentageSchema reads %j as %j percent', (input, expected) => {
    expect(ZohoPercentageSchema.parse(input)).toBe(expected);
  });

  it('blankAsNull turns null and blank strings into null and parses the rest', () => {
    const schema = blankAsNull(ZohoNumberSchema);
    expect(schema.parse('')).toBeNull();
    expect(schema.parse(null)).toBeNull();
    expect(schema.parse('7')).toBe(7);
  });

  it('keeps a discount exactly as sent, because "10%" and 10 mean different things', () => {
    expect(ZohoDiscountSchema.parse('10%')).toBe('10%');
    expect(ZohoDiscountSchema.parse(10)).toBe(10);
  });

  it('ZohoStringSchema turns a numeric zip or HSN code into a string', () => {
    expect(ZohoStringSchema.parse(94588)).toBe('94588');
    expect(ZohoStringSchema.parse('00501')).toBe('00501');
  });
});

describe('openEnum', () => {
  const Status = openEnum(['active', 'inactive'] as const);
  it('accepts documented and undocumented strings alike', () => {
    expect(Status.parse('active')).toBe('active');
    expect(Status.parse('archived')).toBe('archived');
  });
  it('refuses non-strings and names the known values', () => {
    const result = Status.safeParse(3);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('active, inactive');
  });
});
