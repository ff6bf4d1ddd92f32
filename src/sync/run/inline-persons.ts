import type { StorageOp } from '../../storage/storage.js';
import type { BaseSnapshot } from '../state/base-store.js';
import { contentHash } from '../merge/content-hash.js';
import { IdHashSet } from '../collections/id-hash-set.js';
import { withDerivedWrites } from './derived-writes.js';
import { type FieldPath, project } from '../merge/field-paths.js';
import type { CreateIntent } from '../state/intent-store.js';
import { applyLink, type LinkIndex } from '../state/link-store.js';
import type { SourceRecord } from '../sources/record-source.js';
import { type RunContext, wrote } from './run-context.js';
import { settledOps } from './settled-parents.js';
import { listAll } from '../state/storage-scan.js';
import { SyncKeys } from '../state/sync-keys.js';
import type { SyncConverter } from '../merge/sync-mapper.js';
import type { SyncUnit } from './sync-units.js';
import type { MergeEntry } from '../merge/three-way-merge.js';
import { companyIdOf, companyIdsOf, entriesOf, pathsOf, type UnitState } from './unit-state.js';
import { keptFields, leanRecord } from '../merge/lean-records.js';
import type { RecordStage } from '../state/record-stage.js';

type Data = Record<string, unknown>;

/** One FSM contact that goes inside its company's new Books customer. */
export interface InlinePerson {
  readonly record: SourceRecord;
  /** The contact person as sent (no `contact_id`: the customer does not exist yet). */
  readonly payload: Data;
}

/** What the companies unit needs of the contact persons unit to create persons with their customer. */
interface PersonsPlan {
  readonly unit: SyncUnit;
  readonly converter: SyncConverter;
  /** The persons unit's merge entries and the paths they read, worked out once per plan. */
  readonly entries: readonly MergeEntry[];
  readonly paths: { readonly fsm: readonly FieldPath[]; readonly finance: readonly FieldPath[] };
  /** FSM contacts of each FSM company not linked when the plan was made, ready to go inline. */
  readonly byCompany: Map<string, SourceRecord[]>;
  readonly links: LinkIndex;
  /** The companies unit's stage: where contacts past the first few wait for their company's create. */
  readonly stage: RecordStage | undefined;
}

// One plan per run, made on the first new company and shared by the rest.
const pending = new WeakMap<RunContext, Promise<PersonsPlan | undefined>>();
const plans = new WeakMap<RunContext, PersonsPlan>();

const PERSONS_UNIT = 'contact_persons';

/**
 * Whether the companies unit of this run creates Books customers together with their contact
 * persons: the run syncs contact persons too (sync types III and IV), it is a real run (not a dry
 * run, not `syncOne`), and more FSM companies are new than there are pages of companies: the
 * extra read of FSM contacts it costs (a full scan, a page per 200) is then about repaid by the
 * person creates it saves (one call each).
 */
function worthIt(ctx: RunContext, state: UnitState): boolean {
  if (ctx.dryRun || state.narrow || !ctx.units.some((u) => u.module === PERSONS_UNIT)) return false;
  // Staged records are all unlinked.
  let fresh = state.stage?.count('fsm') ?? 0;
  for (const id of state.fsm.records.keys()) {
    // A record whose link left the window is a pair the run is done with (DonePairs): linked.
    if (!state.links.loaded('fsm', id)) continue;
    if (!state.links.byFsm.has(id) && !state.links.detached.fsm.has(id)) fresh += 1;
  }
  return fresh > Math.ceil((state.fsm.records.size + (state.stage?.count('fsm') ?? 0)) / 200);
}

async function makePlan(ctx: RunContext, state: UnitState): Promise<PersonsPlan | undefined> {
  const unit = ctx.units.find((u) => u.module === PERSONS_UNIT);
  if (!unit) return undefined;
  const converter = await ctx.mapper.converter(PERSONS_UNIT);
  // A window: each page's contacts are looked up as it comes (links made here join it).
  const links = ctx.stores.links.window(PERSONS_UNIT);
  const [intents, retries] = await Promise.all([
    ctx.stores.intents.load(PERSONS_UNIT),
    listAll(ctx.storage, ctx.keys.retry(PERSONS_UNIT, 'fsm')),
  ]);
  const busy = new Set([...intents.fsm.keys(), ...retries.map((e) => SyncKeys.idOf(e.key))]);
  const byCompany = new Map<string, SourceRecord[]>();
  // Held until the run ends: only the fields the persons unit syncs by.
  const caps = ctx.sources.fsm.capabilities(unit.fsmCollection);
  const kept = caps === undefined ? undefined : keptFields(converter, 'fsm', caps);
  for await (const page of ctx.sources.fsm.read(unit.fsmCollection, { signal: ctx.signal, runId: ctx.runId })) {
    // A read the source guard refused records of is not a safe basis: those contacts go the usual way.
    if (page.refused.length > 0) return undefined;
    await links.ensure({ fsm: page.records.map((r) => r.id) });
    // Last before the lookups: the companies unit lets go of the links of the pairs it is done with.
    // Held for the lookups only: the companies' window does not keep a mark of every company.
    const release = await state.links.hold({ fsm: companyIdsOf(page.records) });
    const chosen: Array<[string, SourceRecord]> = [];
    try {
      for (const record of page.records) {
        const companyId = companyIdOf(record.data);
        if (companyId === undefined || state.links.byFsm.has(companyId)) continue;
        if (links.byFsm.has(record.id) || links.detached.fsm.has(record.id) || busy.has(record.id)) continue;
        chosen.push([companyId, leanRecord(record, kept)]);
      }
    } finally {
      release();
    }
    // Every new company's contacts, until its create: in the unit's stage (filed under the
    // company) past the first few.
    const companyOf = new Map(chosen.map(([companyId, lean]) => [lean, companyId]));
    const leans = chosen.map(([, lean]) => lean);
    const held = state.stage ? await state.stage.page('inline', leans, () => true, (record) => companyOf.get(record)) : leans;
    for (const record of held) {
      const companyId = companyOf.get(record) as string;
      const list = byCompany.get(companyId);
      if (list) list.push(record);
      else byCompany.set(companyId, [record]);
    }
    // Only the links the plan makes count from here (`made`): the window need not hold these.
    links.evict(page.records.map((r) => r.id));
  }
  const entries = entriesOf(converter);
  // The run's link counts include the persons linked with their customer, even if it stops before their unit.
  if (!ctx.links.has(PERSONS_UNIT)) ctx.links.set(PERSONS_UNIT, links);
  return { unit, converter, entries, paths: pathsOf(entries), byCompany, links, stage: state.stage };
}

/** Normalised email: how a reply's persons are told apart. */
function emailOf(data: Data): string | undefined {
  return typeof data.email === 'string' && data.email.trim() !== '' ? data.email.trim().toLowerCase() : undefined;
}

/**
 * The FSM contacts of a new company that can go inside its Books customer's create: mapped, with
 * what Books requires of a person, no write-back to make afterwards, and one per email. Those left
 * out are created by the contact persons unit as usual.
 */
export async function inlinePersons(ctx: RunContext, state: UnitState, companyFsmId: string): Promise<InlinePerson[]> {
  if (state.unit.module !== 'companies') return [];
  let making = pending.get(ctx);
  if (!making) {
    // Decided once, on the run's first new company: later ones find fewer new companies left.
    making = worthIt(ctx, state) ? makePlan(ctx, state) : Promise.resolve(undefined);
    pending.set(ctx, making);
  }
  const ready = await making;
  if (ready) plans.set(ctx, ready);
  if (!ready) return [];
  const held = ready.byCompany.get(companyFsmId) ?? [];
  ready.byCompany.delete(companyFsmId);
  // Each company's contacts go with its create once: a create tried again sends none.
  const staged = ready.stage ? await ready.stage.byKey('inline', companyFsmId) : [];
  if (staged.length > 0) await ready.stage?.take('inline', staged.map((record) => ({ record, key: companyFsmId })));
  const contacts = [...held, ...staged];
  const required = (ctx.sources.finance.capabilities(PERSONS_UNIT)?.requiredOnCreate ?? []).filter((f) => f !== 'contact_id');
  // The company's customer is what is being made: its reference is left out, and the person goes inside it.
  const options = { resolve: ctx.resolver, unresolved: 'omit' as const };
  const emails = new Set<string>();
  const out: InlinePerson[] = [];
  for (const record of contacts) {
    let payload: Data;
    try {
      payload = ready.converter.toFinance(record.data, options);
    } catch {
      continue;
    }
    delete payload.contact_id;
    if (required.some((f) => payload[f] === undefined || payload[f] === null || payload[f] === '')) continue;
    const email = emailOf(payload);
    if (email === undefined || emails.has(email)) continue;
    const derived = withDerivedWrites({
      entries: ready.entries,
      toFinance: (r) => ready.converter.toFinance(r, options),
      toFsm: (r) => ready.converter.toFsm(r, options),
      fsm: record.data,
      finance: payload,
      writes: { toFsm: [], toFinance: [] },
      fresh: 'finance',
      computed: { fsm: [], finance: [] },
    });
    if (derived.toFsm.length + derived.toFinance.length > 0) continue;
    emails.add(email);
    out.push({ record, payload });
  }
  return out;
}

/**
 * The companies unit is over: no new customer is created any more, so the plan is let go of with
 * the FSM contacts it held for them and the companies unit's stage (its links stay: the run's
 * contact persons window, which the persons unit uses).
 */
export function releaseInlinePersons(ctx: RunContext): void {
  plans.get(ctx)?.byCompany.clear();
  plans.delete(ctx);
  pending.set(ctx, Promise.resolve(undefined));
}

/** The open create intents of inline persons, committed with their company's own intent. */
export function inlineIntentOps(ctx: RunContext, companyFsmId: string, persons: readonly InlinePerson[]): StorageOp[] {
  const plan = plans.get(ctx);
  if (!plan || persons.length === 0) return [];
  return persons.flatMap(({ record, payload }) => {
    const intent: CreateIntent = {
      target: 'finance',
      hash: contentHash(project(payload, plan.paths.finance)),
      payload,
      parentOf: companyFsmId,
      at: ctx.clock.now(),
      runId: ctx.runId,
    };
    return ctx.stores.intents.putOps(PERSONS_UNIT, 'fsm', record.id, intent);
  });
}

/** Removes the intents of inline persons whose customer's create was refused: nothing was made. */
export function inlineIntentClearOps(ctx: RunContext, persons: readonly InlinePerson[]): StorageOp[] {
  return persons.flatMap(({ record }) => ctx.stores.intents.clearOps(PERSONS_UNIT, 'fsm', record.id));
}

/**
 * What the customer's create reply says of its persons, as links, bases and intent removals to
 * commit in the customer's own batch, and the customer settled for the persons unit when every
 * person sent came back. A person the reply does not show keeps its intent: the persons unit
 * finds it (or creates it) as after any interrupted create.
 */
export function inlineLinkOps(ctx: RunContext, customer: { id: string; data: Data | undefined; modifiedTime: string | undefined }, persons: readonly InlinePerson[]): { ops: StorageOp[]; linked: Array<{ fsmId: string; financeId: string; payload: Data }> } {
  const plan = plans.get(ctx);
  const replied = Array.isArray(customer.data?.contact_persons) ? (customer.data.contact_persons as unknown[]).filter((p): p is Data => typeof p === 'object' && p !== null) : [];
  if (!plan || persons.length === 0 || replied.length === 0) return { ops: [], linked: [] };
  const byEmail = new Map<string, Data>();
  for (const person of replied) {
    const email = emailOf(person);
    if (email !== undefined && typeof person.contact_person_id === 'string') byEmail.set(email, person);
  }
  const ops: StorageOp[] = [];
  const linked: Array<{ fsmId: string; financeId: string; payload: Data }> = [];
  const now = ctx.clock.now();
  for (const { record, payload } of persons) {
    const email = emailOf(payload);
    const person = email === undefined ? undefined : byEmail.get(email);
    if (!person) continue;
    const financeId = String(person.contact_person_id);
    const fsmFields = project(record.data, plan.paths.fsm);
    const financeFields = project({ ...person, contact_id: customer.id }, plan.paths.finance);
    const base: BaseSnapshot = {
      fsm: { hash: contentHash(fsmFields), fields: fsmFields, ...(record.modifiedTime === undefined ? {} : { modifiedTime: record.modifiedTime }) },
      finance: { hash: contentHash(financeFields), fields: financeFields, ...(customer.modifiedTime === undefined ? {} : { modifiedTime: customer.modifiedTime }) },
      mappingVersion: plan.converter.version,
      syncedAt: now,
    };
    const link = { financeId, parentId: customer.id, linkedAt: now };
    ops.push(
      ...ctx.stores.links.linkOps(PERSONS_UNIT, record.id, link),
      ...ctx.stores.bases.putOps(PERSONS_UNIT, record.id, base),
      ...ctx.stores.intents.clearOps(PERSONS_UNIT, 'fsm', record.id),
    );
    linked.push({ fsmId: record.id, financeId, payload });
  }
  // Every person the new customer holds is one the sync sent and linked: nothing of it is left to read.
  if (linked.length === replied.length && customer.modifiedTime !== undefined) {
    ops.push(...settledOps(ctx, PERSONS_UNIT, customer.id, { time: customer.modifiedTime, readAt: now, exact: true }));
  }
  return { ops, linked };
}

/** After the customer's batch: the persons count as created, and the persons unit takes them as linked this run. */
export function inlineCommitted(ctx: RunContext, linked: ReadonlyArray<{ fsmId: string; financeId: string; payload: Data }>, parentId: string): void {
  const plan = plans.get(ctx);
  if (!plan) return;
  const fresh = ctx.linkedThisRun.get(PERSONS_UNIT) ?? new IdHashSet();
  for (const { fsmId, financeId, payload } of linked) {
    applyLink(plan.links, fsmId, { financeId, parentId, linkedAt: ctx.clock.now() });
    plan.links.evict([fsmId]);
    fresh.add(fsmId);
    wrote(ctx, plan.unit, 'finance', 'created', { fsmId, financeId }, payload);
  }
  ctx.linkedThisRun.set(PERSONS_UNIT, fresh);
}
