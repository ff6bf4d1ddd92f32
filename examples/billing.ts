/**
 * Billing against the sandbox: invoice an FSM work order whose customer and items are not in Books
 * yet (billing creates and links them), follow its lines' statuses, send it, share its payment
 * link, get paid in two parts (through the link, then by hand), void and re-invoice another work
 * order, push an estimate and convert it once accepted, and bill a work order against its sales
 * order once inventory is on.
 *
 *   node --import tsx examples/billing.ts
 */
import { Billing, createFetchTransport, FieldMapper, IntegrationClient, ManualClock, MemoryStorage, TaxSync } from '../src/index.js';
import { createSandbox } from '../src/sandbox/index.js';
import { BidirectionalSyncer, zohoFinanceSource, zohoFsmSource } from '../src/sync/index.js';

const quiet = process.env.EXAMPLE_QUIET === '1';
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};
const check = (ok: boolean, what: string) => {
  if (!ok) throw new Error(`billing example: ${what}`);
};

// An India org pair. The Books org's records start past the FSM org's (offset 10), so no seeded
// work order's customer or item has a Books counterpart: billing has to create them.
const clock = new ManualClock({ autoAdvance: true });
const sandbox = createSandbox({
  seed: 3,
  clock,
  users: [{
    email: 'billing@example.com',
    region: 'in',
    books: [{ edition: 'in', records: { customers: 3, items: 2, offset: 10 } }],
    fsm: { edition: 'in', records: { customers: 6, items: 5, workOrders: 6 } },
  }],
});
const books = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
const fsm = sandbox.orgs({ app: 'fsm' })[0]?.organizationId ?? '';
const { clientId, clientSecret, refreshToken } = sandbox.credentials();
const client = new IntegrationClient({
  region: 'in',
  finance: { app: 'books', organizationId: books },
  auth: { clientId, clientSecret, refreshToken },
  transport: createFetchTransport({ fetch: sandbox.fetch }),
  clock,
});
const storage = new MemoryStorage(); // SqliteStorage from fsm-billing-sync/node in production
const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'in' });
const taxes = new TaxSync({ client, storage, edition: 'in', origin: 'KA' });
await taxes.pull(); // the org's GST taxes: each line's tax comes from the prefill matrix
const syncer = new BidirectionalSyncer({ storage, mapper, taxes, clock, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client) });
const billing = new Billing({ client, storage, mapper, taxes, syncer, clock });
billing.on('counterpart', ({ entity, fsmId, financeId }) => say(`   created in Books: ${entity} ${fsmId} → ${financeId}`));

const today = new Date(clock.now()).toISOString().slice(0, 10);
const money = (value: unknown) => Number(value).toFixed(2);
// Seeded work orders: WO1 has one line; WO2 and later are ready to bill (WO4 bills a contact).
const orders = sandbox.records(fsm, 'Work_Orders').filter((w) => w.Company && w.Name !== 'WO1');
const [first, second, third] = orders.map((w) => String(w.id));
check(first !== undefined && second !== undefined && third !== undefined, 'the sandbox should seed three company work orders');
const workOrderName = (id: string) => String(sandbox.record(fsm, 'Work_Orders', id)?.Name);

say(`1. Invoice ${workOrderName(first!)}: its company and items are missing in Books`);
const invoiced = await billing.invoiceWorkOrder(first!);
const invoiceId = invoiced.invoice.invoice_id;
say(`   invoice ${String(invoiced.invoice.invoice_number)} (${String(invoiced.invoice.status)}), reference ${invoiced.reference}`);
for (const line of invoiced.lines) {
  say(`   ${line.partLineId ? '  part ' : 'service'} ${line.quantity} × ${money(line.rate)}  tax ${line.tax?.name || 'none'} (${line.tax?.rate ?? 0} %)`);
}
say(`   expected: sub total ${invoiced.totals?.subTotal}, tax ${invoiced.totals?.taxTotal}, total ${invoiced.totals?.total}; Books says ${money(invoiced.invoice.total)}`);
check(invoiced.created.some((c) => c.entity === 'companies'), 'the company should have been created in Books');
check(invoiced.totals?.total === money(invoiced.invoice.total), 'Books should compute the total billing expected');

say('2. Line statuses, kept in storage and shown on the FSM work order');
for (const line of await billing.lines(first!)) say(`   line ${line.lineId}: ${line.status} ${line.invoiceId ?? ''}`);
const shown = sandbox.record(fsm, 'Work_Orders', first!)?.Service_Line_Items as Array<Record<string, unknown>>;
check(shown.every((l) => l.Billing_Status === 'Invoiced' && l.Invoice_Id === invoiceId), 'FSM should show the lines Invoiced');
const refused = await billing.invoiceWorkOrder(first!).catch((error: unknown) => error as { code?: string });
say(`   invoicing it again: ${String((refused as { code?: string }).code)}`);

say('3. Send it, share the payment link, get paid in two parts');
await billing.send(invoiceId);
const link = await billing.paymentLink(invoiceId, { expiresOn: '2026-12-31' });
say(`   payment link: ${link}`);
const total = Number(invoiced.invoice.total);
const part = Math.round(total * 40) / 100; // 40 %, through the link
sandbox.payByLink(link, { amount: part });
say(`   the customer paid ${money(part)} through the link: ${(await billing.status(invoiceId)).status}`);
const rest = await billing.status(invoiceId);
const over = await billing.recordPayment(invoiceId, { amount: rest.balance + 1, date: today, mode: 'cash' }).catch((error: unknown) => error as { code?: string });
say(`   a payment above the balance: ${String((over as { code?: string }).code)} (nothing written)`);
const paid = await billing.recordPayment(invoiceId, { amount: rest.balance, date: today, mode: 'banktransfer', reference: 'NEFT-0042' });
say(`   recorded ${paid.amount} by bank transfer: ${paid.invoice.status}, balance ${money(paid.invoice.balance)}`);
check(paid.invoice.status === 'paid', 'the invoice should be paid');

say(`4. Void ${workOrderName(second!)}'s invoice and invoice it again`);
const wrong = await billing.invoiceWorkOrder(second!, { salesperson: 'Meera' });
const freed = await billing.voidInvoice(wrong.invoice.invoice_id);
say(`   voided ${String(wrong.invoice.invoice_number)}: lines ${freed?.map((l) => l.status).join(', ')}`);
const again = await billing.invoiceWorkOrder(second!);
say(`   re-invoiced as ${String(again.invoice.invoice_number)}, reference ${again.reference}; nothing created in Books this time (${again.created.length})`);
check(again.reference.endsWith('-2') && again.created.length === 0, 'the second invoice should be the work order\'s second reference, with nothing created');

say('5. An estimate: pushed once, accepted in Books, converted to an invoice once');
// A company no invoice needed yet: the push creates its customer in Books, as invoicing does.
const unlinked = await Promise.all(sandbox.records(fsm, 'Companies').map(async (c) => ((await syncer.linkedId('companies', 'fsm', String(c.id))) === undefined ? c : undefined)));
const company = unlinked.find((c) => c !== undefined) as Record<string, unknown>;
const service = sandbox.records(fsm, 'Service_And_Parts')[0] as Record<string, unknown>;
const written = await client.fsm.estimates.create({ Summary: 'Annual maintenance', Company: String(company.id), Service_Line_Items: [{ Service: String(service.id), Quantity: 4 }] });
const estimateId = String(written.id);
const pushed = await billing.pushEstimate(estimateId);
say(`   ${String(pushed.estimate.estimate_number)} for ${String(company.Company_Name)}: ${String(pushed.estimate.status)}, total ${money(pushed.estimate.total)}, ${pushed.created.length} record(s) created in Books for it`);
await client.finance.estimates.markSent(pushed.estimate.estimate_id);
await client.finance.estimates.markAccepted(pushed.estimate.estimate_id); // the customer accepts it
say(`   status read back (and shown on FSM's estimate): ${(await billing.estimateStatus(estimateId)).status}`);
const converted = await billing.convertEstimate(estimateId, { to: 'invoice' });
const convertedAgain = await billing.convertEstimate(estimateId, { to: 'invoice' });
check(converted.to === 'invoice' && convertedAgain.to === 'invoice' && converted.invoiceId === convertedAgain.invoiceId && !convertedAgain.converted, 'converting twice should give one invoice');
say(`   converted to invoice ${converted.to === 'invoice' ? String(converted.invoice.invoice_number) : ''}; a second call returns the same one`);

say(`6. A sales order for ${workOrderName(third!)} (Books with inventory), then its invoice`);
const noInventory = await billing.salesOrderFor(third!).catch((error: unknown) => error as { code?: string });
say(`   without inventory: ${String((noInventory as { code?: string }).code)}`);
sandbox.updateOrg(books, { inventory: true });
const order = await billing.salesOrderFor(third!);
const orderAgain = await billing.salesOrderFor(third!); // the product's "Try Again": never a second order
check(order.salesOrder.salesorder_id === orderAgain.salesOrder.salesorder_id && !orderAgain.converted, 'one sales order per work order');
const againstOrder = await billing.invoiceWorkOrder(third!);
const after = (await client.finance.salesOrders.get(order.salesOrder.salesorder_id)) as Record<string, unknown>;
const against = ((after.invoices ?? []) as Array<{ invoice_number?: string }>).map((i) => i.invoice_number);
check(against.includes(String(againstOrder.invoice.invoice_number)), 'the invoice should be against the sales order');
say(`   ${String(order.salesOrder.salesorder_number)} (calling again returns it: the product's "Try Again"); invoices against it: ${against.join(', ')}`);

say('7. The next sync run: what billing created is already linked, so nothing is created twice');
const run = await syncer.run();
const names = [...sandbox.records(books, 'contacts').map((c) => String(c.contact_name)), ...sandbox.records(books, 'items').map((i) => String(i.name))];
check(new Set(names).size === names.length, 'no customer or item should exist twice in Books');
say(`   ${run.toFinance.created} Books records created for FSM records no document needed yet; no name twice among ${names.length}`);
