import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_EXCEPTIONS } from './exceptions.js';
import { clientFlow } from './flow-client.js';
import { onboardingFlow } from './flow-onboarding.js';
import { syncFlow } from './flow-sync.js';
import { taxFlow } from './flow-taxes.js';
import { OpenApiIndex } from './openapi-index.js';
import type { Exchange } from './record-exchanges.js';
import { exceptionUsed, validateExchange, type ContractViolation } from './validate-exchange.js';

const index = OpenApiIndex.load();

function report(violations: ContractViolation[]): string {
  return violations.map((v) => `${v.exchange}\n    ${v.problem}`).join('\n');
}

function violationsOf(log: Exchange[]): ContractViolation[] {
  return log.flatMap((exchange) => validateExchange(index, exchange, CONTRACT_EXCEPTIONS));
}

const flows = { onboarding: onboardingFlow, taxes: taxFlow, sync: syncFlow, client: clientFlow } as const;

describe('every Books/Invoice exchange of an end-to-end run follows Zoho\'s published description of Books', () => {
  const logs: Record<string, Exchange[]> = {};
  const failures: Record<string, unknown> = {};

  // Each flow runs once; a flow that throws still has its exchanges so far checked, then fails its test.
  beforeAll(async () => {
    for (const [name, flow] of Object.entries(flows)) {
      const log: Exchange[] = [];
      logs[name] = log;
      await flow(log).catch((error: unknown) => {
        failures[name] = error;
      });
    }
  }, 60_000);

  for (const name of Object.keys(flows)) {
    it(`${name}: every operation is declared, with declared query parameters, required body fields and declared types`, () => {
      const log = logs[name] ?? [];
      expect(log.length, `the ${name} flow made no Books/Invoice call`).toBeGreaterThan(0);
      const violations = violationsOf(log);
      const failure = failures[name];
      if (failure !== undefined) throw new Error(`the ${name} flow stopped after ${log.length} exchanges (violations so far:\n${report(violations)})`, { cause: failure });
      expect(violations.length, `${violations.length} contract violations in ${log.length} exchanges:\n${report(violations)}`).toBe(0);
    });
  }

  it('the run covers both apps, every write method, and error replies', () => {
    const all = Object.values(logs).flat();
    expect(new Set(all.map((e) => e.app))).toEqual(new Set(['books', 'invoice']));
    expect(new Set(all.map((e) => e.method))).toEqual(new Set(['GET', 'POST', 'PUT', 'DELETE']));
    expect(all.some((e) => e.status >= 400)).toBe(true);
    const operations = new Set(all.map((e) => {
      const match = index.match(e.method, e.path);
      return `${e.method} ${match.kind === 'found' ? match.operations[0]?.operation.template : e.path}`;
    }));
    const wanted = [
      'POST /organizations', 'GET /organizations/{organization_id}',
      'PUT /contacts/{contact_id}', 'POST /contacts/{contact_id}/inactive', 'DELETE /contacts/{contact_id}',
      'POST /contacts/contactpersons', 'PUT /contacts/contactpersons/{contact_person_id}', 'DELETE /contacts/contactpersons/{contact_person_id}',
      'POST /items', 'PUT /items/{item_id}', 'DELETE /items/{item_id}',
      'POST /invoices', 'PUT /invoices/{invoice_id}', 'DELETE /invoices/{invoice_id}',
      'POST /settings/taxes', 'POST /settings/taxgroups', 'POST /settings/taxauthorities', 'POST /settings/taxexemptions',
    ];
    expect(wanted.filter((op) => !operations.has(op)), `operations never exercised; seen:\n${[...operations].sort().join('\n')}`).toEqual([]);
  });

  it('every exception is still needed: each one matches at least one exchange', () => {
    const all = Object.values(logs).flat();
    for (const exception of CONTRACT_EXCEPTIONS) {
      const used = all.some((exchange) => exceptionUsed(index, exchange, exception));
      expect(used, `the exception for ${String(exception.operations)} (${exception.undeclaredQuery ?? String(exception.replyField)}) matches no exchange: remove it`).toBe(true);
    }
  });
});
