import { describe, expect, it } from 'vitest';
import {
  GCC_TAX_EDITIONS, GST_TREATMENTS, GstTreatmentSchema, INDIAN_STATE_CODES, IndianStateCodeSchema, TAX_EDITIONS,
  TAX_TREATMENTS, TAX_TREATMENTS_BY_EDITION, ZOHO_EDITION_TAGS, isTaxEdition, toZohoEditionTag,
} from '../../src/schemas/index.js';

describe('toZohoEditionTag', () => {
  it.each([
    ['us', 'us'], ['ca', 'ca'], ['au', 'au'], ['in', 'in'], ['uk', 'uk'], ['de', 'eu'], ['za', 'za'],
    ['global', 'global'], ['ae', 'gcc'], ['sa', 'gcc'], ['kw', 'gcc'], ['qa', 'gcc'], ['bh', 'gcc'], ['om', 'gcc'],
  ] as const)('maps the %s edition to the OAS tag %s', (edition, tag) => {
    expect(toZohoEditionTag(edition)).toBe(tag);
  });

  it('maps every product edition to a known OAS tag', () => {
    for (const edition of TAX_EDITIONS) expect(ZOHO_EDITION_TAGS).toContain(toZohoEditionTag(edition));
  });

  it('treats exactly the Gulf editions as gcc', () => {
    const gcc = TAX_EDITIONS.filter((edition) => toZohoEditionTag(edition) === 'gcc');
    expect([...gcc].sort()).toEqual([...GCC_TAX_EDITIONS].sort());
  });
});

describe('isTaxEdition', () => {
  it('recognises product editions and nothing else', () => {
    expect(isTaxEdition('ae')).toBe(true);
    expect(isTaxEdition('gcc')).toBe(false);
    expect(isTaxEdition(undefined)).toBe(false);
  });
});

describe('tax codes', () => {
  it('closed enums refuse what the open record fields would pass through', () => {
    expect(GstTreatmentSchema.safeParse('business_sez').success).toBe(false);
    expect(GST_TREATMENTS).toContain('consumer');
  });

  it('lists every per-edition tax treatment in TAX_TREATMENTS', () => {
    for (const values of Object.values(TAX_TREATMENTS_BY_EDITION)) {
      for (const value of values) expect(TAX_TREATMENTS).toContain(value);
    }
  });

  it('has 2-letter, unique Indian state codes including Telangana and Ladakh', () => {
    expect(new Set(INDIAN_STATE_CODES).size).toBe(INDIAN_STATE_CODES.length);
    for (const code of INDIAN_STATE_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
    expect(IndianStateCodeSchema.parse('TG')).toBe('TG');
    expect(IndianStateCodeSchema.parse('LA')).toBe('LA');
  });
});
