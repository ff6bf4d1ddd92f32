import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { IntegrationClient } from '../../src/client/integration-client.js';
import {
  EstimateSchema, FinanceContactPersonSchema, FinanceContactSchema, FinanceCustomerPaymentSchema, FinanceInvoiceSchema,
  FinanceTaxSchema, FsmEstimateSchema, SalesOrderSchema, FinanceItemSchema, FsmCompanySchema,
  FsmContactSchema, FsmServiceAndPartSchema, FsmWorkOrderSchema, unknownFields,
  type FinanceAddress, type FinanceContact, type FinanceContactPerson, type FinanceInvoice, type FinanceItem,
  type FsmCompany, type FsmContact, type FsmServiceAndPart, type FsmWorkOrder,
} from '../../src/schemas/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';

const root = join(import.meta.dirname, '../..');

describe('record types have the documented fields only', () => {
  // These lines are checked by `tsc --noEmit` (npm run typecheck, CI): each @ts-expect-error fails
  // the type check if the misspelt field compiled.
  it('refuses a misspelt field at the top and inside nested objects', () => {
    const contact = FinanceContactSchema.parse({ contact_id: '1', contact_name: 'Bowman', billing_address: { city: 'Pleasanton' } });
    // @ts-expect-error contct_name is not a field of FinanceContact
    expect(contact.contct_name).toBeUndefined();
    // @ts-expect-error citty is not a field of FinanceAddress
    expect(contact.billing_address?.citty).toBeUndefined();
    // @ts-expect-error first_nam is not a field of FinanceContactPerson
    expect(FinanceContactPersonSchema.parse({ contact_person_id: '2' }).first_nam).toBeUndefined();
    // @ts-expect-error nme is not a field of FinanceItem
    expect(FinanceItemSchema.parse({ item_id: '3' }).nme).toBeUndefined();
    // @ts-expect-error invoice_numbr is not a field of FinanceInvoice
    expect(FinanceInvoiceSchema.parse({ invoice_id: '4' }).invoice_numbr).toBeUndefined();
    // @ts-expect-error Company_Nam is not a field of FsmCompany
    expect(FsmCompanySchema.parse({ id: '5' }).Company_Nam).toBeUndefined();
    // @ts-expect-error Emial is not a field of FsmContact
    expect(FsmContactSchema.parse({ id: '6' }).Emial).toBeUndefined();
    // @ts-expect-error Unit_Prce is not a field of FsmServiceAndPart
    expect(FsmServiceAndPartSchema.parse({ id: '7' }).Unit_Prce).toBeUndefined();
    // @ts-expect-error Summry is not a field of FsmWorkOrder
    expect(FsmWorkOrderSchema.parse({ id: '8' }).Summry).toBeUndefined();
    // @ts-expect-error tax_nme is not a field of FinanceTax
    expect(FinanceTaxSchema.parse({ tax_id: '9' }).tax_nme).toBeUndefined();
    // @ts-expect-error estimate_numbr is not a field of Estimate
    expect(EstimateSchema.parse({ estimate_id: '10' }).estimate_numbr).toBeUndefined();
    // @ts-expect-error salesorder_numbr is not a field of SalesOrder
    expect(SalesOrderSchema.parse({ salesorder_id: '11' }).salesorder_numbr).toBeUndefined();
    // @ts-expect-error amont is not a field of FinanceCustomerPayment
    expect(FinanceCustomerPaymentSchema.parse({ payment_id: '12' }).amont).toBeUndefined();
    // @ts-expect-error Summry is not a field of FsmEstimate
    expect(FsmEstimateSchema.parse({ id: '13' }).Summry).toBeUndefined();
    expect(contact.contact_name).toBe('Bowman');
  });

  it('parses to the named interfaces', () => {
    expectTypeOf(FinanceContactSchema.parse).returns.toEqualTypeOf<FinanceContact>();
    expectTypeOf<NonNullable<FinanceContact['billing_address']>>().toEqualTypeOf<FinanceAddress>();
    expectTypeOf<NonNullable<FinanceContact['contact_persons']>[number]>().toEqualTypeOf<FinanceContactPerson>();
    // An open bag (keys that vary by module set) stays a record of unknowns.
    expectTypeOf<NonNullable<FinanceContact['default_templates']>>().toEqualTypeOf<{ [key: string]: unknown }>();
    expectTypeOf(FinanceItemSchema.parse).returns.toEqualTypeOf<FinanceItem>();
    expectTypeOf(FinanceInvoiceSchema.parse).returns.toEqualTypeOf<FinanceInvoice>();
    expectTypeOf(FsmCompanySchema.parse).returns.toEqualTypeOf<FsmCompany>();
    expectTypeOf(FsmContactSchema.parse).returns.toEqualTypeOf<FsmContact>();
    expectTypeOf(FsmServiceAndPartSchema.parse).returns.toEqualTypeOf<FsmServiceAndPart>();
    expectTypeOf(FsmWorkOrderSchema.parse).returns.toEqualTypeOf<FsmWorkOrder>();
  });

  it('shows the interface name, not an expanded zod type (what an editor shows on hover)', () => {
    const file = join(root, 'test/schemas/__record-type-names.ts');
    const names = ['FinanceContact', 'FinanceContactPerson', 'FinanceItem', 'FinanceInvoice', 'FsmCompany', 'FsmContact', 'FsmServiceAndPart', 'FsmWorkOrder'];
    const source = [
      `import * as s from '../../src/schemas/index.js';`,
      ...names.map((name) => `export const ${name} = s.${name}Schema.parse({});`),
      `export const address = s.FinanceContactSchema.parse({}).billing_address;`,
      `export const owner = s.FsmCompanySchema.parse({}).Owner;`,
    ].join('\n');
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);
    const host = ts.createCompilerHost(config.options);
    const read = host.readFile.bind(host);
    host.readFile = (path) => (path === file ? source : read(path));
    const exists = host.fileExists.bind(host);
    host.fileExists = (path) => path === file || exists(path);
    const program = ts.createProgram([file], { ...config.options, noEmit: true }, host);
    const checker = program.getTypeChecker();
    const shown = new Map<string, string>();
    const sourceFile = program.getSourceFile(file)!;
    for (const statement of sourceFile.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      const declaration = statement.declarationList.declarations[0]!;
      shown.set(declaration.name.getText(sourceFile), checker.typeToString(checker.getTypeAtLocation(declaration.name)));
    }
    for (const name of names) expect(shown.get(name)).toBe(name);
    expect(shown.get('address')).toBe('FinanceAddress | null | undefined');
    expect(shown.get('owner')).toBe('FsmUser | null | undefined');
  }, 60_000);

  it('names in the contact interface only fields of Zoho’s (contacts.yml)', () => {
    // The OAS of Books is the truth for field names: every documented top-level field of the
    // contact interface is a property somewhere in contacts.yml.
    const oas = readFileSync(join(root, '../shared/zoho-openapi/books-v3/contacts.yml'), 'utf8');
    const properties = new Set<string>();
    (function walk(node: unknown): void {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (record['properties'] && typeof record['properties'] === 'object') for (const key of Object.keys(record['properties'])) properties.add(key);
      for (const value of Object.values(record)) walk(value);
    })(parseYaml(oas));
    const documented = Object.keys(FinanceContactSchema.shape);
    expect(documented.filter((field) => !properties.has(field))).toEqual([]);
  });
});

describe('unknown fields stay on the record', () => {
  it('unknownFields gives the fields the schema does not name, and only those', () => {
    const contact = FinanceContactSchema.parse({ contact_id: '1', contact_name: 'Bowman', cf_region: 'North', zoho_new: { a: 1 } });
    expect(unknownFields(FinanceContactSchema, contact)).toEqual({ cf_region: 'North', zoho_new: { a: 1 } });
    expect(unknownFields(FsmCompanySchema, FsmCompanySchema.parse({ id: '1', Company_Name: 'Zylker' }))).toEqual({});
  });

  it('survive a get then update round trip through the client, nested ones included', async () => {
    const stored: Record<string, unknown> = {
      contact_id: '460000000026049', contact_name: 'Bowman and Co', cf_region: 'North', zoho_new_field: { nested: [1] },
      billing_address: { city: 'Pleasanton', landmark: 'Opposite the mall' },
    };
    const sent: unknown[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      if (request.method === 'PUT') {
        const body: unknown = await request.json();
        sent.push(body);
        return Response.json({ code: 0, message: 'The contact has been updated.', contact: { ...(body as object), contact_id: stored['contact_id'] } });
      }
      return Response.json({ code: 0, message: 'success', contact: stored });
    };
    const client = new IntegrationClient({
      region: 'us',
      finance: { app: 'books', organizationId: '10234695' },
      auth: { accessToken: 'token' },
      transport: createFetchTransport({ fetch }),
    });
    const contact = await client.finance.contacts.get('460000000026049');
    expect(unknownFields(FinanceContactSchema, contact)).toEqual({ cf_region: 'North', zoho_new_field: { nested: [1] } });
    const { contact_id: _id, ...fields } = contact;
    const updated = await client.finance.contacts.update(contact.contact_id, { ...fields, notes: 'called' });
    expect(sent).toEqual([{ ...fields, notes: 'called' }]);
    expect(sent[0]).toMatchObject({ cf_region: 'North', zoho_new_field: { nested: [1] }, billing_address: { landmark: 'Opposite the mall' } });
    expect(unknownFields(FinanceContactSchema, updated)).toEqual({ cf_region: 'North', zoho_new_field: { nested: [1] } });
    expect(updated.notes).toBe('called');
  });
});
