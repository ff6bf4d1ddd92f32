import { describe, expect, it } from 'vitest';
import {
  gstinCheckCharacter,
  validateAbn,
  validateCanadaBn,
  validateEin,
  validateGstin,
  validateRegistration,
  validateTrn,
  validateUkVat,
  validateUstIdNr,
  validateZaVat,
  type RegistrationCheck,
} from '../../src/tax/index.js';

/** A case: the input, and the normalised value (valid) or the failure reason. */
type Case = [input: string, expected: { value: string } | { reason: string }];

function check(validate: (input: string) => RegistrationCheck, cases: Case[]) {
  it.each(cases)('%j → %j', (input, expected) => {
    const result = validate(input);
    if ('value' in expected) {
      expect(result).toEqual({ valid: true, value: expected.value });
    } else {
      expect(result).toMatchObject({ valid: false, reason: expected.reason });
      expect(result.valid ? '' : result.message).not.toBe('');
    }
  });
}

describe('validateGstin (India; state code, PAN shape, mod-36 check character)', () => {
  check(validateGstin, [
    ['27AAPFU0939F1ZV', { value: '27AAPFU0939F1ZV' }], // the GSTN's own example
    ['04AABFN9870CMZT', { value: '04AABFN9870CMZT' }], // another valid example
    ['24aaacc1206d1zm', { value: '24AAACC1206D1ZM' }],
    ['27 AAPFU 0939F 1ZV', { value: '27AAPFU0939F1ZV' }],
    ['', { reason: 'EMPTY' }],
    ['27AAPFU0939F1Z#', { reason: 'CHARACTERS' }],
    ['27AAPFU0939F1Z', { reason: 'LENGTH' }],
    ['40AAPFU0939F1ZV', { reason: 'STATE_CODE' }],
    ['27AAPF10939F1ZV', { reason: 'PAN_FORMAT' }],
    ['29ABCDE1234F1Z5', { reason: 'PAN_HOLDER_TYPE' }], // a common placeholder GSTIN: its 4th PAN letter, D, is no holder type
    ['27AAPFU0939F0ZV', { reason: 'ENTITY_NUMBER' }],
    ['27AAPFU0939F1ZW', { reason: 'CHECK_CHARACTER' }],
  ]);

  it('computes the check character (Luhn mod 36) and can require the contact’s state', () => {
    expect(gstinCheckCharacter('27AAPFU0939F1Z')).toBe('V');
    expect(validateGstin('27AAPFU0939F1ZV', { state: 'MH' }).valid).toBe(true);
    expect(validateGstin('27AAPFU0939F1ZV', { state: 'KA' })).toMatchObject({ valid: false, reason: 'STATE_MISMATCH' });
  });
});

describe('validateAbn (Australia; weighted mod 89)', () => {
  check(validateAbn, [
    ['51 824 753 556', { value: '51824753556' }], // the ATO's example
    ['33 051 775 556', { value: '33051775556' }],
    ['53004085616', { value: '53004085616' }],
    ['', { reason: 'EMPTY' }],
    ['51 824 753 55A', { reason: 'CHARACTERS' }],
    ['5182475355', { reason: 'LENGTH' }],
    ['518247535561', { reason: 'LENGTH' }],
    ['01824753556', { reason: 'LEADING_ZERO' }],
    ['51 824 753 557', { reason: 'CHECKSUM' }],
    ['15 824 753 556', { reason: 'CHECKSUM' }],
  ]);
});

describe('validateUkVat (mod 97 and the 9755 variant)', () => {
  check(validateUkVat, [
    ['GB 980 7806 84', { value: '980780684' }], // HMRC's example (mod 97)
    ['123456782', { value: '123456782' }],
    ['GB100123404', { value: '100123404' }], // 9755 scheme: (weighted + 55) mod 97 = 0
    ['GB 123 4567 82 001', { value: '123456782001' }], // branch trader
    ['XI980780684', { value: '980780684' }], // Northern Ireland
    ['GBGD001', { value: 'GD001' }],
    ['HA599', { value: 'HA599' }],
    ['', { reason: 'EMPTY' }],
    ['FR980780684', { reason: 'COUNTRY_PREFIX' }],
    ['GB98078068X', { reason: 'CHARACTERS' }],
    ['GB98078068', { reason: 'LENGTH' }],
    ['GD500', { reason: 'GOVERNMENT_RANGE' }],
    ['HA499', { reason: 'GOVERNMENT_RANGE' }],
    ['GB980780685', { reason: 'CHECKSUM' }],
  ]);
});

describe('validateTrn (GCC; 15 digits, Saudi starts and ends with 3)', () => {
  const sa = (v: string) => validateTrn(v, { country: 'sa' });
  const ae = (v: string) => validateTrn(v, { country: 'AE' });
  check(sa, [
    ['300000000000003', { value: '300000000000003' }],
    ['310 1234 5678 9003', { value: '310123456789003' }],
    ['', { reason: 'EMPTY' }],
    ['30000000000000A', { reason: 'CHARACTERS' }],
    ['30000000000003', { reason: 'LENGTH' }],
    ['200000000000003', { reason: 'PREFIX' }],
    ['300000000000004', { reason: 'SUFFIX' }],
  ]);
  check(ae, [
    ['100123456700003', { value: '100123456700003' }],
    ['200123456700003', { reason: 'PREFIX' }],
  ]);
  check((v) => validateTrn(v, { country: 'om' }), [
    ['OM1100012345', { value: 'OM1100012345' }],
    ['123456789012345', { value: '123456789012345' }],
  ]);
});

describe('validateCanadaBn (9 digits, Luhn, program account)', () => {
  check(validateCanadaBn, [
    ['123456782', { value: '123456782' }],
    ['123456782 RT 0001', { value: '123456782RT0001' }],
    ['123026635rp0002', { value: '123026635RP0002' }],
    ['', { reason: 'EMPTY' }],
    ['12345678#', { reason: 'CHARACTERS' }],
    ['12345678', { reason: 'LENGTH' }],
    ['123456789', { reason: 'CHECK_DIGIT' }], // CRA's placeholder: fails Luhn
    ['123456782XX0001', { reason: 'PROGRAM' }],
    ['123456782RT01', { reason: 'REFERENCE' }],
    ['123456782RT0000', { reason: 'REFERENCE' }],
  ]);
});

describe('validateZaVat (South Africa; 10 digits starting with 4)', () => {
  check(validateZaVat, [
    ['4123456789', { value: '4123456789' }],
    ['4 000 123 456', { value: '4000123456' }],
    ['', { reason: 'EMPTY' }],
    ['412345678X', { reason: 'CHARACTERS' }],
    ['412345678', { reason: 'LENGTH' }],
    ['41234567890', { reason: 'LENGTH' }],
    ['9123456789', { reason: 'PREFIX' }],
    ['0123456789', { reason: 'PREFIX' }],
  ]);
});

describe('validateUstIdNr (Germany; ISO 7064 MOD 11,10)', () => {
  check(validateUstIdNr, [
    ['DE 136 695 976', { value: 'DE136695976' }],
    ['DE129273398', { value: 'DE129273398' }],
    ['811569869', { value: 'DE811569869' }],
    ['', { reason: 'EMPTY' }],
    ['AT136695976', { reason: 'COUNTRY_PREFIX' }],
    ['DE13669597X', { reason: 'CHARACTERS' }],
    ['DE13669597', { reason: 'LENGTH' }],
    ['DE036695976', { reason: 'LEADING_ZERO' }],
    ['DE136695977', { reason: 'CHECK_DIGIT' }],
  ]);
});

describe('validateEin (US; format and IRS prefixes)', () => {
  check(validateEin, [
    ['94-2404110', { value: '94-2404110' }], // Apple Inc.
    ['911144442', { value: '91-1144442' }], // Microsoft Corporation
    ['', { reason: 'EMPTY' }],
    ['94-24O4110', { reason: 'FORMAT' }],
    ['942-404110', { reason: 'FORMAT' }],
    ['94-240411', { reason: 'LENGTH' }],
    ['07-1234567', { reason: 'PREFIX' }],
    ['00-1234567', { reason: 'PREFIX' }],
    ['89-1234567', { reason: 'PREFIX' }],
  ]);
});

describe('validateRegistration', () => {
  it.each([
    ['in', '27AAPFU0939F1ZV', true],
    ['au', '51 824 753 556', true],
    ['uk', 'GB980780684', true],
    ['ca', '123456782RT0001', true],
    ['za', '4123456789', true],
    ['de', 'DE136695976', true],
    ['us', '94-2404110', true],
    ['sa', '300000000000004', false],
    ['ae', '100123456700003', true],
    ['kw', '123456789012345', true],
    ['global', 'ANY-123', true],
    ['global', '  ', false],
  ] as const)('picks the %s edition’s validator for %j (valid: %s)', (edition, value, valid) => {
    expect(validateRegistration(edition, value).valid).toBe(valid);
  });
});
