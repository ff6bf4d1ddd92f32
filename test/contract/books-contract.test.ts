import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_ONLY } from '../sync/helpers.js';
import type { Flow, FlowSetting } from './contract-world.js';
import { CONTRACT_EXCEPTIONS } from './exceptions.js';
import { billingFlow } from './flow-billing.js';
import { clientFlow } from './flow-client.js';
import { demoFlow } from './flow-demo.js';
import { estimatesFlow } from './flow-estimates.js';
import { listFilterSamples } from './flow-filters.js';
import { healthGuardFlow, switchFlow } from './flow-guard.js';
import { dailyCapFlow, importFlow } from './flow-lifecycle.js';
import { onboardingFlow } from './flow-onboarding.js';
import { paymentsFlow } from './flow-payments.js';
import { syncFlow } from './flow-sync.js';
import { taxFlow } from './flow-taxes.js';
import { OPENAPI_AVAILABLE, OpenApiIndex } from './openapi-index.js';
import type { Exchange } from './record-exchanges.js';
import { exceptionUsed, validateExchange, type ContractViolation } from './validate-exchange.js';

const index = OpenApiIndex.load();

function report(violations: ContractViolation[]): string {
  return violations.map((v) => `${v.exchange}\n    ${v.problem}`).join('\n');
}

function violationsOf(log: Exchange[]): ContractViolation[] {
  return log.flatMap((exchange) => validateExchange(index, exchange, CONTRACT_EXCEPTIONS));
}

/** `METHOD /template` of an exchange, as the published description names the operation. */
function operationOf(e: Exchange): string {
  const match = index.match(e.method, e.path);
  return `${e.method} ${match.kind === 'found' ? match.operations[0]?.operation.template : e.path}`;
}

const CONTACT_SYNC = [
  'GET /contacts', 'GET /contacts/{contact_id}', 'POST /contacts', 'PUT /contacts/{contact_id}',
  'GET /contacts/{contact_id}/contactpersons', 'POST /contacts/contactpersons', 'PUT /contacts/contactpersons/{contact_person_id}',
  'GET /items', 'POST /items', 'PUT /items/{item_id}',
];

const BILLING = [
  'POST /contacts', 'POST /items', 'POST /invoices', 'GET /invoices/{invoice_id}', 'PUT /invoices/{invoice_id}/address/billing',
  'POST /invoices/{invoice_id}/status/sent', 'GET /share/paymentlink', 'POST /customerpayments', 'GET /customerpayments',
  'POST /invoices/{invoice_id}/status/void', 'GET /settings/taxes', 'POST /estimates', 'GET /estimates/{estimate_id}', 'POST /invoices/fromestimates',
];

/**
 * One recorded run: a flow, how it runs, and the operations (and reply statuses) it must show, so
 * a later change cannot silently drop coverage.
 */
interface Run {
  name: string;
  flow: Flow;
  setting: FlowSetting;
  wanted: readonly string[];
  statuses?: readonly number[];
}

const books: FlowSetting = { app: 'books' };
const booksDocumented: FlowSetting = { app: 'books', undocumented: DOCUMENTED_ONLY };
const invoice: FlowSetting = { app: 'invoice' };

const FLOWS: ReadonlyArray<Omit<Run, 'setting' | 'name'> & { name: string; settings: readonly FlowSetting[] }> = [
  { name: 'onboarding', flow: onboardingFlow, settings: [books, booksDocumented], wanted: ['GET /organizations', 'POST /organizations', 'GET /organizations/{organization_id}', 'GET /settings/taxes'] },
  {
    name: 'taxes', flow: taxFlow, settings: [books, booksDocumented, invoice],
    wanted: ['GET /settings/taxes', 'POST /settings/taxes', 'POST /settings/taxgroups', 'GET /settings/taxauthorities', 'POST /settings/taxauthorities', 'GET /settings/taxexemptions', 'POST /settings/taxexemptions'],
  },
  {
    name: 'sync (types I-IV, every delete and conflict policy)', flow: syncFlow, settings: [books, booksDocumented, invoice],
    wanted: [...CONTACT_SYNC, 'POST /contacts/{contact_id}/inactive', 'DELETE /contacts/{contact_id}', 'DELETE /contacts/contactpersons/{contact_person_id}', 'POST /items/{item_id}/inactive', 'DELETE /items/{item_id}'],
  },
  { name: 'import, then the first sync', flow: importFlow, settings: [books, booksDocumented, invoice], wanted: ['GET /contacts', 'GET /contacts/{contact_id}', 'GET /items', 'PUT /contacts/{contact_id}'] },
  { name: 'daily cap and resume', flow: dailyCapFlow, settings: [books, booksDocumented, invoice], wanted: ['GET /organizations/{organization_id}', 'GET /contacts', 'POST /contacts', 'GET /items', 'POST /items'], statuses: [429] },
  { name: 'health guard and limitsFor', flow: healthGuardFlow, settings: [books, booksDocumented, invoice], wanted: ['GET /organizations', 'GET /organizations/{organization_id}'] },
  { name: 'switch attempts', flow: switchFlow, settings: [books, booksDocumented], wanted: ['GET /organizations', 'GET /organizations/{organization_id}'] },
  {
    name: 'client CRUD, invoice status changes, every list filter', flow: clientFlow, settings: [books, booksDocumented],
    wanted: [
      'POST /invoices', 'GET /invoices/{invoice_id}', 'PUT /invoices/{invoice_id}', 'DELETE /invoices/{invoice_id}', 'GET /invoices',
      'POST /invoices/{invoice_id}/status/sent', 'POST /invoices/{invoice_id}/status/void', 'POST /invoices/{invoice_id}/status/draft',
      'POST /contacts/{contact_id}/active', 'POST /items/{item_id}/active', 'POST /contacts/contactpersons/{contact_person_id}/primary',
      'GET /contacts/{contact_id}/contactpersons/{contact_person_id}', 'DELETE /contacts/contactpersons/{contact_person_id}',
    ],
  },
  {
    name: 'estimates and sales orders', flow: estimatesFlow, settings: [books, booksDocumented, invoice],
    wanted: [
      'POST /estimates', 'GET /estimates/{estimate_id}', 'PUT /estimates/{estimate_id}', 'DELETE /estimates/{estimate_id}', 'GET /estimates',
      'POST /estimates/{estimate_id}/status/sent', 'POST /estimates/{estimate_id}/status/accepted', 'POST /estimates/{estimate_id}/status/declined',
      'POST /invoices/fromestimates',
    ],
  },
  {
    name: 'invoice lifecycle, payment links, customer payments, chart of accounts', flow: paymentsFlow, settings: [books, booksDocumented],
    wanted: [
      'POST /invoices/{invoice_id}/status/sent', 'POST /invoices/{invoice_id}/status/void', 'POST /invoices/{invoice_id}/status/draft',
      'GET /share/paymentlink', 'GET /invoices/{invoice_id}/payments', 'POST /customerpayments', 'GET /customerpayments',
      'GET /customerpayments/{payment_id}', 'PUT /customerpayments/{payment_id}', 'DELETE /customerpayments/{payment_id}',
      'GET /chartofaccounts', 'GET /chartofaccounts/{account_id}',
    ],
  },
  {
    name: 'payments in Zoho Invoice', flow: paymentsFlow, settings: [invoice],
    wanted: ['GET /share/paymentlink', 'POST /customerpayments', 'PUT /customerpayments/{payment_id}', 'DELETE /customerpayments/{payment_id}'],
  },
  {
    name: 'billing (invoice a work order, address, send, payment link, payments, void and invoice again, estimate, sales order)', flow: billingFlow, settings: [books, booksDocumented],
    wanted: [...BILLING, 'POST /salesorders', 'GET /salesorders/{salesorder_id}'],
  },
  { name: 'billing in Zoho Invoice', flow: billingFlow, settings: [invoice], wanted: BILLING },
  { name: 'the demo (examples/demo.ts)', flow: demoFlow, settings: [books, booksDocumented], wanted: ['GET /organizations', 'GET /contacts', 'POST /contacts', 'PUT /contacts/{contact_id}', 'GET /items'] },
];

const RUNS: Run[] = FLOWS.flatMap(({ settings, name, ...rest }) =>
  settings.map((setting) => ({ ...rest, setting, name: `${name} [${setting.app}${setting.undocumented ? ', documented only' : ''}]` })),
);

describe.skipIf(!OPENAPI_AVAILABLE)('every Books/Invoice exchange of an end-to-end run follows Zoho\'s published description of Books', () => {
  const logs: Record<string, Exchange[]> = {};
  const failures: Record<string, unknown> = {};

  // Each run goes once; a run that throws still has its exchanges so far checked, then fails its test.
  beforeAll(async () => {
    for (const run of RUNS) {
      const log: Exchange[] = [];
      logs[run.name] = log;
      await run.flow(log, run.setting).catch((error: unknown) => {
        failures[run.name] = error;
      });
    }
  }, 120_000);

  for (const run of RUNS) {
    it(`${run.name}: every operation is declared, with declared query parameters, required body fields and declared types`, () => {
      const log = logs[run.name] ?? [];
      expect(log.length, `the ${run.name} flow made no Books/Invoice call`).toBeGreaterThan(0);
      const violations = violationsOf(log);
      const failure = failures[run.name];
      if (failure !== undefined) throw new Error(`the ${run.name} flow stopped after ${log.length} exchanges (violations so far:\n${report(violations)})`, { cause: failure });
      expect(violations.length, `${violations.length} contract violations in ${log.length} exchanges:\n${report(violations)}`).toBe(0);
    });

    it(`${run.name}: exercises its key operations, through the ${run.setting.app === 'invoice' ? 'Invoice app with the organisation header' : 'Books app'}`, () => {
      const log = logs[run.name] ?? [];
      const operations = new Set(log.map(operationOf));
      expect(run.wanted.filter((op) => !operations.has(op)), `operations never exercised; seen:\n${[...operations].sort().join('\n')}`).toEqual([]);
      for (const status of run.statuses ?? []) expect(log.some((e) => e.status === status), `no reply with status ${status}`).toBe(true);
      if (run.setting.app === 'invoice') {
        const organisationCalls = log.filter((e) => !e.path.startsWith('/organizations'));
        expect(organisationCalls.filter((e) => e.app !== 'invoice' || !e.invoiceOrgHeader).map((e) => `${e.app} ${e.method} ${e.path}`)).toEqual([]);
      }
    });
  }

  it('the run covers both apps, every write method, error replies, and every write the sandbox serves', () => {
    const all = Object.values(logs).flat();
    expect(new Set(all.map((e) => e.app))).toEqual(new Set(['books', 'invoice']));
    expect(new Set(all.map((e) => e.method))).toEqual(new Set(['GET', 'POST', 'PUT', 'DELETE']));
    expect(all.some((e) => e.status >= 400)).toBe(true);
    const operations = new Set(all.map(operationOf));
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

  it('the filters sent are exactly the query parameters Zoho declares for GET /contacts, /items and /invoices', () => {
    const samples = listFilterSamples({ contactId: '1', itemId: '2', taxId: '3' });
    for (const [path, filters] of Object.entries(samples)) {
      const match = index.match('GET', path);
      const declared = match.kind === 'found' ? match.operations.flatMap(({ operation }) => operation.parameters.filter((p) => p.in === 'query').map((p) => p.name)) : [];
      expect(Object.keys(filters).sort(), `filters of GET ${path}`).toEqual([...new Set(declared)].filter((name) => name !== 'organization_id').sort());
    }
  });

  it('every exception is still needed: each one matches at least one exchange', () => {
    const all = Object.values(logs).flat();
    for (const exception of CONTRACT_EXCEPTIONS) {
      const used = all.some((exchange) => exceptionUsed(index, exchange, exception));
      expect(used, `the exception for ${String(exception.operations)} (${exception.undeclaredQuery ?? String(exception.replyField)}) matches no exchange: remove it`).toBe(true);
    }
  });
});
