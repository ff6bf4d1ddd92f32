/**
 * Exactly once, whatever dies on the way: a work order's line ends on at most one live invoice
 * (and a line billing calls Invoiced on exactly that one), and a payment is recorded once.
 *
 * A "process" is a new Billing (with a new syncer) over the same storage. {@link CrashStorage}
 * kills it at its nth storage operation, before or after the operation lands; the sandbox's seeded
 * faults lose replies (the write is applied, the client sees a network error), drop requests (not
 * applied) and answer 500 or 429. The clock is sometimes moved past every lease between processes
 * (a later process settles an interrupted create by its reference), sometimes not (then the work
 * order is WORK_ORDER_BUSY). At the end one clean process reads every work order back and the
 * Books invoices and payments themselves are checked.
 *
 * Seeds: FIXED_SEEDS run in `npm test`. More: `BILLING_SEEDS=<n> npx vitest run test/billing/exactly-once.test.ts`
 * adds n random seeds (1000, 1001, …); `BILLING_SEED=<n>` replays one seed alone.
 */
import { describe, expect, it } from 'vitest';
import { Billing } from '../../src/billing/billing.js';
import type { LineState } from '../../src/billing/line-selection.js';
import { BillingError } from '../../src/errors/billing-error.js';
import { FsmBillingError } from '../../src/errors/fsm-billing-error.js';
import { SyncLeaseError } from '../../src/errors/sync-lease-error.js';
import type { FaultKind } from '../../src/sandbox/index.js';
import { SeededRandom } from '../../src/sandbox/random.js';
import { TaxSync } from '../../src/tax/tax-sync.js';
import { duplicates, syncWorld, type SyncWorld } from '../sync/helpers.js';
import { CrashStorage, type CrashPoint } from './crash-storage.js';

type Row = Record<string, unknown>;

const FIXED_SEEDS = [1, 2, 3];
const replay = process.env.BILLING_SEED;
const extra = Number(process.env.BILLING_SEEDS ?? 0);
const SEEDS = replay ? [Number(replay)] : [...FIXED_SEEDS, ...Array.from({ length: extra }, (_, i) => 1000 + i)];

/** Past billing's pending lease and the syncer's run lease (ten minutes). */
const LEASES_OVER = 600_001;
/** The refusals a call on a work order someone else is billing (or has billed) may get. */
const REFUSALS: readonly string[] = ['LINE_ALREADY_INVOICED', 'NOTHING_TO_INVOICE', 'WORK_ORDER_BUSY'];
/** A payment asked again while an earlier call's claim holds the invoice (the code's newer name, and its older one). */
const PAYMENT_REFUSALS: readonly string[] = ['INVOICE_BUSY', 'WORK_ORDER_BUSY'];
/** A work order ledger's compare-and-set, in {@link CrashStorage.log}. */
const LEDGER_WRITE = /^compareAndSet billing\/.*\/work-orders\//;
const FAULTS: Partial<Record<FaultKind, number>> = { 'lost-ack': 0.08, drop: 0.03, 'server-error': 0.03, 'rate-limit': 0.02 };

interface OrderLine { id: string; item: string; quantity: number }
interface Order { id: string; name: string; lines: OrderLine[] }

interface BillingWorld extends SyncWorld {
  storage: CrashStorage;
  taxes: TaxSync;
  orders: Order[];
  leaseMs: number;
}

/** Work orders of 2–3 service lines, some with parts, on customers and items missing in Books. */
async function billingWorld(seed: number, options: { orders: number; leaseMs?: number; alike?: boolean; fetch?: (sandboxFetch: typeof fetch) => typeof fetch }): Promise<BillingWorld> {
  const storage = new CrashStorage();
  const world = syncWorld({
    edition: 'us', seed, storage,
    fsmRecords: { customers: 4, items: 5, workOrders: 0 },
    booksRecords: { customers: 2, items: 2, offset: 10 },
    faults: { seed, rates: {} },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const taxes = new TaxSync({ client: world.client, edition: 'us', storage } as never);
  await taxes.pull();
  const random = new SeededRandom(seed * 7919 + 17);
  const products = world.sandbox.records(world.fsm, 'Service_And_Parts');
  const seeded = world.sandbox.records(world.fsm, 'Companies');
  // Some seeds make individuals only; Type I bills a company.
  const companies = seeded.length > 0 ? seeded : [world.sandbox.insert(world.fsm, 'Companies', { Company_Name: `Exactly Once ${seed}` })];
  // A service line's quantity is its position (1, 2, 3) and a part's 10 or more, so an invoice
  // line's (item name, quantity) names the work-order line it bills.
  const draw = () => ({
    Company: random.pick(companies).id,
    Service_Line_Items: Array.from({ length: random.int(2, 3) }, (_, n) => ({
      Service: random.pick(products).id,
      Quantity: n + 1,
      List_Price: 10 * (n + 1),
      Part_Line_Items: Array.from({ length: random.int(0, 2) }, (_, p) => ({ Part: random.pick(products).id, Quantity: 10 + p, List_Price: 2 })),
    })),
  });
  const first = draw();
  const orders = Array.from({ length: options.orders }, (_, i): Order => {
    const order = world.sandbox.insert(world.fsm, 'Work_Orders', { Summary: 'Exactly once', ...(options.alike === true || i === 0 ? first : draw()) });
    return {
      id: String(order.id),
      name: String(order.Name),
      lines: (order.Service_Line_Items as Row[]).map((l) => ({ id: String(l.id), item: String((l.Service as Row).name), quantity: Number(l.Quantity) })),
    };
  });
  return Object.assign(world, { storage, taxes, orders, leaseMs: options.leaseMs ?? 300_000 });
}

interface Plan {
  /** Where to kill the process. */
  crashAt?: CrashPoint | undefined;
  mode?: 'before' | 'after';
  /** Seeded lost replies, dropped requests, 500s and 429s on every Books and FSM call. */
  faults?: boolean;
}

type Outcome<T> = { ok: true; value: T; crashed: boolean } | { ok: false; error: unknown; crashed: boolean };

function newBilling(w: BillingWorld): Billing {
  return new Billing({ client: w.client, storage: w.storage, mapper: w.mapper, taxes: w.taxes, syncer: w.syncer(), clock: w.clock, pendingLeaseMs: w.leaseMs });
}

/** Runs `body` in a new process (a new Billing); a crash ends it, and its Billing is dropped. */
async function inProcess<T>(w: BillingWorld, plan: Plan, body: (billing: Billing) => Promise<T>): Promise<Outcome<T>> {
  w.storage.revive(plan.crashAt, plan.mode);
  // Rates only: a fault a test queued (faults.next) stays queued.
  for (const [kind, rate] of Object.entries(FAULTS)) w.sandbox.faults.setRate(kind as FaultKind, plan.faults ? rate : 0);
  try {
    const value = await body(newBilling(w));
    return { ok: true, value, crashed: w.storage.dead };
  } catch (error) {
    return { ok: false, error, crashed: w.storage.dead };
  } finally {
    for (const kind of Object.keys(FAULTS)) w.sandbox.faults.setRate(kind as FaultKind, 0);
  }
}

function describeError(error: unknown): string {
  return error instanceof FsmBillingError ? `${error.name} ${error.code}: ${error.message}` : String(error);
}

/** A failure a process may end with: a crash, a typed refusal, or (under faults) a typed client error. */
function expectAllowed(outcome: Outcome<unknown>, plan: Plan, what: string, refusals: readonly string[] = REFUSALS): void {
  if (outcome.ok || outcome.crashed) return;
  const e = outcome.error;
  if (e instanceof BillingError && refusals.includes(e.code)) return;
  // A killed syncOne's lease holds the binding until it expires.
  if (e instanceof SyncLeaseError) return;
  if (plan.faults === true && e instanceof FsmBillingError) return;
  expect.fail(`${what}: unexpected failure ${describeError(e)}`);
}

function ledgerOf(w: BillingWorld, orderId: string): Promise<{ pending?: { until: number }; lines: Record<string, { status: string }> } | undefined> {
  return w.storage.inner.get(`billing/zoho-fsm/work-orders/${encodeURIComponent(orderId)}`);
}

function liveInvoices(w: BillingWorld, order: Order): Row[] {
  return w.sandbox.records(w.books, 'invoices').filter((i) => String(i.reference_number).startsWith(`${order.name}-`) && i.status !== 'void');
}

/**
 * After one clean process past every lease: each line is on at most one live (non-void) Books
 * invoice; an Invoiced line on exactly the one billing names, any other line on none; FSM shows
 * billing's statuses; no reference is used twice; no customer or item exists twice; nothing pending.
 */
async function expectExactlyOnce(w: BillingWorld, label: string, orders: readonly Order[] = w.orders): Promise<Map<string, LineState[]>> {
  await w.clock.advance(LEASES_OVER);
  const read = await inProcess(w, {}, async (billing) => {
    const states = new Map<string, LineState[]>();
    for (const order of orders) {
      await billing.lines(order.id);
      states.set(order.id, await billing.refresh(order.id));
    }
    return states;
  });
  if (!read.ok) throw new Error(`${label}: the clean recovery process failed: ${describeError(read.error)}`, { cause: read.error });
  const references = w.sandbox.records(w.books, 'invoices').map((i) => String(i.reference_number));
  expect(references.filter((r, i) => references.indexOf(r) !== i), `${label}: references on more than one Books invoice`).toEqual([]);
  for (const order of orders) {
    const on = new Map(order.lines.map((l) => [l.id, [] as string[]]));
    for (const invoice of liveInvoices(w, order)) {
      const billed = (invoice.line_items as Row[]).flatMap((item) => order.lines.filter((l) => l.item === item.name && l.quantity === item.quantity));
      expect(billed.length, `${label}: live invoice ${String(invoice.reference_number)} bills no line of ${order.name}`).toBeGreaterThan(0);
      for (const line of billed) on.get(line.id)?.push(String(invoice.invoice_id));
    }
    const fsmLines = new Map(((w.sandbox.record(w.fsm, 'Work_Orders', order.id)?.Service_Line_Items ?? []) as Row[]).map((l) => [String(l.id), l]));
    for (const state of read.value.get(order.id) ?? []) {
      const where = `${label}: ${order.name} line ${state.lineId} (${state.status}${state.invoiceId ? ` on ${state.invoiceId}` : ''})`;
      expect(on.get(state.lineId), `${where} is on these live Books invoices`).toEqual(state.status === 'Invoiced' ? [state.invoiceId] : []);
      expect(fsmLines.get(state.lineId)?.Billing_Status ?? 'Not yet Invoiced', `${where}: FSM's Billing_Status`).toBe(state.status);
    }
    expect((await ledgerOf(w, order.id))?.pending, `${label}: ${order.name} still has an invoice pending`).toBeUndefined();
  }
  expect(duplicates(w), `${label}: customers or items created twice`).toEqual([]);
  return read.value;
}

describe('invoicing a work order is exactly once under crashes and lost replies', () => {
  it('invoicing an already-invoiced line is refused with LINE_ALREADY_INVOICED naming the invoice; invoicing with nothing left is NOTHING_TO_INVOICE', async () => {
    const w = await billingWorld(7, { orders: 1 });
    const [order] = w.orders as [Order];
    const billing = newBilling(w);
    const first = await billing.invoiceWorkOrder(order.id, { lines: [order.lines[0]?.id as string] });
    await expect(billing.invoiceWorkOrder(order.id, { lines: order.lines.map((l) => l.id) })).rejects.toMatchObject({
      code: 'LINE_ALREADY_INVOICED', details: { lineId: order.lines[0]?.id, invoiceId: first.invoice.invoice_id },
    });
    await billing.invoiceWorkOrder(order.id);
    await expect(newBilling(w).invoiceWorkOrder(order.id)).rejects.toMatchObject({ code: 'NOTHING_TO_INVOICE' });
    expect(liveInvoices(w, order)).toHaveLength(2);
    await expectExactlyOnce(w, 'refusals');
  });

  it('two processes invoicing one work order at once: one invoice, the other a typed refusal, and no second invoice made in Books', async () => {
    const w = await billingWorld(13, { orders: 4, alike: true });
    await newBilling(w).invoiceWorkOrder((w.orders[0] as Order).id);
    for (const order of w.orders.slice(1)) {
      const made = w.sandbox.records(w.books, 'invoices').length;
      const both = await Promise.allSettled([newBilling(w).invoiceWorkOrder(order.id), newBilling(w).invoiceWorkOrder(order.id, { lines: order.lines.map((l) => l.id) })]);
      const codes = both.map((r) => (r.status === 'fulfilled' ? 'invoiced' : r.reason instanceof FsmBillingError ? r.reason.code : String(r.reason)));
      expect(codes.filter((c) => c === 'invoiced'), `${order.name}: ${codes.join(', ')}`).toHaveLength(1);
      expect(REFUSALS, `${order.name}: ${codes.join(', ')}`).toContain(codes.find((c) => c !== 'invoiced'));
      expect(w.sandbox.records(w.books, 'invoices').length - made, `${order.name}: Books invoices made`).toBe(1);
    }
    await expectExactlyOnce(w, 'concurrent calls');
  });

  for (const stalled of ['request', 'reply'] as const) {
    for (const voidFails of [false, true]) {
      // A void of the late duplicate that fails is done again by the next call on the work order.
      it(`a create whose ${stalled} is stalled past its lease while another process bills the work order${voidFails ? ' (and the first void request fails)' : ''}: the lines end on one live invoice`, async () => {
        // Holds the next invoice create in transit (not on the clock): before it reaches Books, or after.
        const stall = { armed: false, reached: () => {}, go: () => {} };
        const reached = new Promise<void>((resolve) => { stall.reached = resolve; });
        const go = new Promise<void>((resolve) => { stall.go = resolve; });
        const w = await billingWorld(17, { orders: 2, alike: true, fetch: (f) => async (input, init) => {
          const request = new Request(input, init);
          if (!stall.armed || request.method !== 'POST' || !new URL(request.url).pathname.endsWith('/invoices')) return f(request);
          stall.armed = false;
          stall.reached();
          if (stalled === 'request') return go.then(() => f(request));
          const reply = await f(request);
          await go;
          return reply;
        } });
        await newBilling(w).invoiceWorkOrder((w.orders[0] as Order).id);
        const order = w.orders[1] as Order;
        stall.armed = true;
        const late = newBilling(w).invoiceWorkOrder(order.id).then(() => 'invoiced', (e: unknown) => (e instanceof FsmBillingError ? e.code : String(e)));
        await reached;
        await w.clock.advance(LEASES_OVER);
        const other = await inProcess(w, {}, (billing) => billing.invoiceWorkOrder(order.id));
        expectAllowed(other, {}, 'the second process');
        if (voidFails) w.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: /\/invoices\/\d+\/status\/void$/ }, fault: 'drop' });
        stall.go();
        // A late create that landed first was settled by the other process: it is the lines' invoice.
        // One that landed after the other process billed the lines is a duplicate: voided, refused.
        expect(await late, 'the stalled call').toBe(stalled === 'reply' ? 'invoiced' : 'WORK_ORDER_BUSY');
        const states = (await expectExactlyOnce(w, `${stalled} stalled${voidFails ? ', void failed' : ''}`, [order])).get(order.id) ?? [];
        // One of the two calls invoiced the lines: they stay invoiced.
        expect(states.map((s) => s.status), 'the lines after both calls').toEqual(order.lines.map(() => 'Invoiced'));
      });
    }
  }

  for (const lostCreate of [false, true]) {
    const how = lostCreate ? ' with the invoice create\'s reply lost' : '';
    it(`killed before or after each storage operation from the intent to the status write${how}: refused while the lease holds, settled after it, every line on one invoice`, async () => {
      // Work orders alike (one customer, the same items): the first makes the customer and items,
      // then each crash point gets a work order of its own, every call the same operations.
      const w = await billingWorld(11, { orders: 64, alike: true });
      const fresh = [...w.orders];
      const next = () => fresh.shift() as Order;
      const lostReply = () => { if (lostCreate) w.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/invoices' }, fault: 'lost-ack' }); };
      await newBilling(w).invoiceWorkOrder(next().id);
      lostReply();
      const probed = await inProcess(w, {}, (billing) => billing.invoiceWorkOrder(next().id));
      expect(probed.ok && probed.value.recovered, 'the probe call recovered its invoice after the lost reply').toBe(lostCreate);
      const { ops, log } = w.storage;
      // The intent is the first ledger write; every operation from the one before it is a crash point.
      const intent = log.findIndex((op) => LEDGER_WRITE.test(op)) + 1;
      expect(intent, `no intent write among ${log.join('; ')}`).toBeGreaterThan(1);
      for (const mode of ['before', 'after'] as const) {
        for (let crashAt = intent - 1; crashAt <= ops; crashAt++) {
          const label = `crash ${mode} op ${crashAt} (${log[crashAt - 1] ?? ''})${how}`;
          const order = next();
          const call = (billing: Billing) => billing.invoiceWorkOrder(order.id);
          lostReply();
          const killed = await inProcess(w, { crashAt, mode }, call);
          expect(killed.crashed, `${label}: the process should die`).toBe(true);
          w.sandbox.faults.clear();
          // Before the lease ends, a pending create keeps the work order: nothing is made meanwhile.
          const pending = (await ledgerOf(w, order.id))?.pending !== undefined;
          const invoicesBefore = w.sandbox.records(w.books, 'invoices').length;
          const early = await inProcess(w, {}, call);
          if (pending) {
            expect(early.ok ? 'invoiced' : (early.error as BillingError).code, `${label}: a call within the lease`).toBe('WORK_ORDER_BUSY');
            expect(w.sandbox.records(w.books, 'invoices'), `${label}: invoices made within the lease`).toHaveLength(invoicesBefore);
          } else {
            expectAllowed(early, {}, label);
          }
          await w.clock.advance(LEASES_OVER);
          expectAllowed(await inProcess(w, {}, call), {}, label);
          const states = (await expectExactlyOnce(w, label, [order])).get(order.id) ?? [];
          expect(states.map((s) => s.status), `${label}: every line invoiced once`).toEqual(order.lines.map(() => 'Invoiced'));
        }
      }
      await expectExactlyOnce(w, `every crash point${how}`, w.orders.slice(0, w.orders.length - fresh.length));
    });
  }

  for (const seed of SEEDS) {
    it(`seed ${seed}: random line sets, voids, concurrent calls, crashes and lost replies leave each line on at most one live invoice`, async () => {
      const rng = new SeededRandom(seed);
      const w = await billingWorld(seed, { orders: 3, leaseMs: rng.pick([300_000, 60_000]) });
      const trace: string[] = [];
      const label = () => `seed ${seed} after [${trace.join('; ')}]`;
      for (let step = 0; step < 12; step++) {
        const order = rng.pick(w.orders);
        const roll = rng.next();
        // A crash anywhere in the call (a first call makes customers and items: ~150 operations),
        // or a few operations after its first ledger write (the intent, a settle or a void).
        const crashAt = rng.chance(0.4) ? undefined : rng.chance(0.4) ? rng.int(1, 150) : { after: LEDGER_WRITE, plus: rng.int(0, 8) };
        const plan: Plan = { crashAt, mode: rng.chance(0.5) ? 'before' : 'after', faults: rng.chance(0.5) };
        const where = typeof crashAt === 'number' ? `op ${crashAt}` : `ledger write + ${crashAt?.plus ?? 0}`;
        const planText = `${crashAt === undefined ? '' : ` crash ${plan.mode} ${where}`}${plan.faults ? ' faults' : ''}`;
        const live = liveInvoices(w, order);
        if (roll < 0.15) {
          // Two processes at once on one work order: at most one invoice, the other a typed refusal.
          const ledger = await ledgerOf(w, order.id);
          const free = order.lines.some((l) => ledger?.lines[l.id] === undefined || ledger.lines[l.id]?.status === 'void');
          w.storage.revive();
          const made = w.sandbox.records(w.books, 'invoices').length;
          const both = await Promise.allSettled([newBilling(w).invoiceWorkOrder(order.id), newBilling(w).invoiceWorkOrder(order.id)]);
          const wins = both.filter((r) => r.status === 'fulfilled').length;
          const errors = both.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
          trace.push(`${order.name} concurrent → ${wins} invoice(s), ${errors.map((e) => (e instanceof FsmBillingError ? e.code : String(e))).join(', ')}`);
          for (const error of errors) expectAllowed({ ok: false, error, crashed: false }, {}, label());
          expect(wins, `${label()}: concurrent calls both invoiced`).toBeLessThanOrEqual(1);
          expect(w.sandbox.records(w.books, 'invoices').length - made, `${label()}: Books invoices the concurrent calls made (a voided duplicate counts)`).toBe(wins);
          if (ledger?.pending === undefined && free && !errors.some((e) => e instanceof SyncLeaseError)) expect(wins, `${label()}: neither concurrent call invoiced`).toBe(1);
        } else if (roll < 0.3 && live.length > 0) {
          const target = String(rng.pick(live).invoice_id);
          const outcome = await inProcess(w, plan, (billing) => billing.voidInvoice(target));
          trace.push(`${order.name} void ${target}${planText} → ${outcome.ok ? 'ok' : outcome.crashed ? 'crashed' : describeError(outcome.error).slice(0, 60)}`);
          expectAllowed(outcome, plan, label());
        } else {
          const picked = order.lines.filter(() => rng.chance(0.5)).map((l) => l.id);
          const lines = rng.chance(0.4) || picked.length === 0 ? undefined : picked;
          const outcome = await inProcess(w, plan, (billing) => billing.invoiceWorkOrder(order.id, lines ? { lines } : {}));
          trace.push(`${order.name} invoice ${lines ? lines.map((id) => order.lines.findIndex((l) => l.id === id)).join('+') : 'all'}${planText} → ${outcome.ok ? outcome.value.reference : outcome.crashed ? 'crashed' : describeError(outcome.error).slice(0, 60)}`);
          expectAllowed(outcome, plan, label());
          if (outcome.ok && !outcome.crashed) {
            // The lines just invoiced are refused at once, by a new process too.
            const again = await inProcess(w, {}, (billing) => billing.invoiceWorkOrder(order.id, { lines: outcome.value.lines.map((l) => l.lineId) }));
            expect(again.ok ? 'invoiced twice' : (again.error as BillingError).code, `${label()}: invoicing the same lines again`).toBe('LINE_ALREADY_INVOICED');
          }
        }
        if (rng.chance(0.5)) {
          await w.clock.advance(LEASES_OVER);
          trace.push('leases over');
        }
      }
      await expectExactlyOnce(w, label());
    });
  }
});

/** Books payments applied to an invoice, with the amount applied there. */
function paymentsOn(w: BillingWorld, invoiceId: string): Array<{ id: string; reference: string; amount: number }> {
  return w.sandbox.records(w.books, 'customerpayments').flatMap((p) => ((p.invoices ?? []) as Row[])
    .filter((applied) => applied.invoice_id === invoiceId)
    .map((applied) => ({ id: String(p.payment_id), reference: String(p.reference_number), amount: Number(applied.amount_applied) })));
}

const cents = (value: number) => Math.round(value * 100);

/** One invoice to pay, made cleanly. */
async function invoiceToPay(seed: number, leaseMs?: number): Promise<{ w: BillingWorld; invoiceId: string; total: number }> {
  const w = await billingWorld(seed, { orders: 1, ...(leaseMs === undefined ? {} : { leaseMs }) });
  const { invoice } = await newBilling(w).invoiceWorkOrder((w.orders[0] as Order).id);
  return { w, invoiceId: invoice.invoice_id, total: Number(invoice.total) };
}

/** Each intended payment once on the invoice (by amount; by reference when it has one), and the balance the total less them. */
async function expectPaidOnce(w: BillingWorld, invoiceId: string, total: number, intended: readonly { amount: number; reference?: string }[], label: string): Promise<void> {
  const paid = paymentsOn(w, invoiceId);
  expect(paid.map((p) => cents(p.amount)).sort((a, b) => a - b), `${label}: payments on the invoice (${paid.map((p) => `${p.reference} ${p.amount}`).join(', ')})`)
    .toEqual(intended.map((p) => cents(p.amount)).sort((a, b) => a - b));
  for (const p of intended) if (p.reference !== undefined) expect(paid.filter((x) => x.reference === p.reference), `${label}: payments with reference ${p.reference}`).toHaveLength(1);
  const status = await newBilling(w).status(invoiceId);
  expect(cents(status.balance), `${label}: balance`).toBe(cents(total) - intended.reduce((sum, p) => sum + cents(p.amount), 0));
}

/**
 * Pays through processes until one returns: a killed or failed process is followed by a retry
 * of the same payment (past the lease, or not: then WORK_ORDER_BUSY), the last one clean.
 */
async function payUntilDone(w: BillingWorld, invoiceId: string, payment: { amount: number; reference?: string }, plans: readonly (Plan & { leasesOver?: boolean })[], trace: string[]): Promise<void> {
  const input = { amount: payment.amount, date: '2026-01-05', mode: 'cash', ...(payment.reference === undefined ? {} : { reference: payment.reference }) };
  for (const [i, plan] of [...plans, {}].entries()) {
    if (i === plans.length) await w.clock.advance(LEASES_OVER);
    const outcome = await inProcess(w, plan, (billing) => billing.recordPayment(invoiceId, input));
    trace.push(`pay ${payment.amount}${payment.reference ? ` ${payment.reference}` : ''}${plan.crashAt === undefined ? '' : ` crash ${plan.mode ?? 'before'} ${String(plan.crashAt)}`}${plan.faults ? ' faults' : ''} → ${outcome.ok ? (outcome.value.recovered ? 'recovered' : 'paid') : outcome.crashed ? 'crashed' : describeError(outcome.error).slice(0, 50)}`);
    if (outcome.ok && !outcome.crashed) return;
    expectAllowed(outcome, plan, trace.join('; '), PAYMENT_REFUSALS);
    if (plan.leasesOver) await w.clock.advance(LEASES_OVER);
  }
  expect.fail(`${trace.join('; ')}: a clean process past the lease did not record the payment`);
}

describe('a payment is recorded once under crashes and lost replies', () => {
  for (const reference of ['CHQ-7', undefined]) {
    const asked = reference ? 'the same reference' : 'no reference';
    it(`killed before or after each storage operation (and with the payment's reply lost), the retry with ${asked} records it once`, async () => {
      const { w, invoiceId, total } = await invoiceToPay(5);
      const payment = { amount: 1, ...(reference ? { reference } : {}) };
      w.storage.revive();
      await newBilling(w).recordPayment(invoiceId, { ...payment, reference: 'PROBE', date: '2026-01-05', mode: 'cash' });
      const ops = w.storage.ops;
      expect(ops, `storage operations of a payment: ${w.storage.log.join('; ')}`).toBeGreaterThan(1);
      const intended: Array<{ amount: number; reference?: string }> = [{ amount: 1, reference: 'PROBE' }];
      for (const lost of [false, true]) {
        for (const mode of ['before', 'after'] as const) {
          for (let crashAt = 1; crashAt <= ops; crashAt++) {
            // Without a reference, a call killed after its last write (the payment made, its record
            // cleared) is indistinguishable from a finished one: asking again is a new payment.
            if (!reference && mode === 'after' && crashAt === ops) continue;
            const trace: string[] = [];
            if (lost) w.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/customerpayments' }, fault: 'lost-ack' });
            // Within the lease first (refused while a claim is held), then past it.
            await payUntilDone(w, invoiceId, reference ? { ...payment, reference: `${reference}-${intended.length}` } : payment, [{ crashAt, mode }, {}], trace);
            w.sandbox.faults.clear();
            intended.push(reference ? { ...payment, reference: `${reference}-${intended.length}` } : payment);
            await expectPaidOnce(w, invoiceId, total, intended, `${lost ? 'lost reply, ' : ''}crash ${mode} op ${crashAt} (${trace.join('; ')})`);
          }
        }
      }
    });
  }

  for (const seed of SEEDS) {
    it(`seed ${seed}: payments with and without a reference, through crashes, lost replies, 500s and 429s, are each recorded once and the balance is right`, async () => {
      const rng = new SeededRandom(seed + 500);
      const { w, invoiceId, total } = await invoiceToPay(seed, rng.pick([300_000, 60_000]));
      const intended: Array<{ amount: number; reference?: string }> = [];
      const trace: string[] = [];
      for (let n = 0; n < 4; n++) {
        const payment = { amount: rng.int(100, Math.floor(cents(total) / 6)) / 100, ...(rng.chance(0.5) ? { reference: `TR-${seed}-${n}` } : {}) };
        const plans = Array.from({ length: rng.int(1, 3) }, (): Plan & { leasesOver: boolean } => ({
          // Without a reference only 'before': see the enumeration above.
          crashAt: rng.chance(0.6) ? rng.int(1, 4) : undefined, mode: payment.reference && rng.chance(0.5) ? 'after' : 'before', faults: rng.chance(0.7), leasesOver: rng.chance(0.5),
        }));
        await payUntilDone(w, invoiceId, payment, plans, trace);
        intended.push(payment);
      }
      await expectPaidOnce(w, invoiceId, total, intended, `seed ${seed} [${trace.join('; ')}]`);
    });
  }
});
