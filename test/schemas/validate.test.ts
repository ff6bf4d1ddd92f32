import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ValidationError } from '../../src/errors/index.js';
import { FinanceContactCreateSchema, FinanceContactSchema, englishErrorMap, toValidationIssues, validatePayload } from '../../src/schemas/index.js';

describe('validatePayload', () => {
  it('returns the parsed payload, ids as strings and unknown fields kept', () => {
    const contact = validatePayload(FinanceContactSchema, { contact_id: 460000000026049, cf_region: 'North' });
    expect(contact).toEqual({ contact_id: '460000000026049', cf_region: 'North' });
  });

  it('throws INVALID_INPUT with every issue and its path, saying nothing was sent', () => {
    try {
      validatePayload(FinanceContactCreateSchema, { credit_limit: 'lots' }, { what: 'contact' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const failure = error as ValidationError;
      expect(failure.code).toBe('INVALID_INPUT');
      expect(failure.message).toMatch(/^contact is not valid at /);
      expect(failure.message).toContain('Nothing was sent');
      expect(failure.issues.map((issue) => issue.path).sort()).toEqual([['contact_name'], ['credit_limit']]);
      expect(failure.details['issues']).toEqual(failure.issues);
    }
  });

  it('throws INVALID_RESPONSE for a bad reply when asked to', () => {
    expect(() => validatePayload(FinanceContactSchema, {}, { code: 'INVALID_RESPONSE', what: 'GET /contacts/1 reply' })).toThrow(
      expect.objectContaining({ code: 'INVALID_RESPONSE', message: expect.stringContaining('report it') }),
    );
  });
});

describe('toValidationIssues', () => {
  it('keeps zod paths and codes', () => {
    const result = FinanceContactSchema.safeParse({ contact_persons: [{}] });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(toValidationIssues(result.error)).toContainEqual(
        expect.objectContaining({ path: ['contact_persons', 0, 'contact_person_id'] }),
      );
    }
  });
});

describe('englishErrorMap (the schemas are zod mini, which has no locale of its own)', () => {
  it('validatePayload words zod’s own issues in English', () => {
    expect(() => validatePayload(FinanceContactSchema, { contact_id: '1', contact_name: 42 })).toThrow(
      'payload is not valid at contact_name: Invalid input: expected string, received number',
    );
  });

  it('gives the English sentence to a caller who parses directly, whatever locale zod is set to', () => {
    // zod's configuration is global (another test file of the same worker may have loaded classic
    // zod, which sets English); set another locale, then restore it.
    const { localeError, customError } = z.config();
    try {
      z.config({ localeError: () => 'nicht Englisch' });
      expect(FinanceContactSchema.safeParse({ contact_id: '1', contact_name: 42 }).error?.issues[0]?.message).toBe('nicht Englisch');
      const english = FinanceContactSchema.safeParse({ contact_id: '1', contact_name: 42 }, { error: englishErrorMap });
      expect(english.error?.issues[0]?.message).toBe('Invalid input: expected string, received number');
      expect(() => validatePayload(FinanceContactSchema, { contact_id: '1', contact_name: 42 })).toThrow('Invalid input: expected string, received number');
      z.config({ customError: () => 'the caller’s own message' });
      expect(FinanceContactSchema.safeParse({ contact_id: '1', contact_name: 42 }, { error: englishErrorMap }).error?.issues[0]?.message).toBe('the caller’s own message');
    } finally {
      z.config({ localeError, customError });
    }
  });

  it('never replaces the SDK’s own messages', () => {
    const result = FinanceContactSchema.safeParse({ contact_id: '' }, { error: englishErrorMap });
    expect(result.error?.issues[0]?.message).toBe('Expected a Zoho id, got an empty string');
  });
});
