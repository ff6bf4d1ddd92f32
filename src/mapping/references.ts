// Reference translation (FSM id ↔ finance id) belongs to other components: the link store knows
// which customer a company became, TaxSync knows which Books tax an FSM tax is. The mapper only
// asks, through a resolver passed per call, so it stays pure and the syncer can batch its lookups.

/**
 * What a reference field points at. `customers` is a work order's billing customer: a company or
 * a contact, depending on the sync type; the resolver is asked with the
 * concrete kind (`companies` or `contacts`).
 */
export const REFERENCE_KINDS = [
  'companies', 'contacts', 'customers', 'items', 'taxes', 'tax_exemptions', 'tax_authorities', 'currencies',
] as const;
/** A kind of reference. */
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/**
 * Translates references between the two sides. Return `undefined` when there is no counterpart
 * yet (the record is not linked, the tax is not in the map): the conversion then fails with a
 * `ValidationError` naming the field, or leaves the field out with `unresolved: 'omit'`.
 * Synchronous on purpose: load the links a batch needs first (`storage.getMany`), then convert.
 *
 * @example
 * ```ts
 * const resolve: ReferenceResolver = {
 *   toFinance: (kind, id) => (kind === 'companies' ? customerIdByCompanyId.get(id) : taxMap.get(id)),
 *   toFsm: (kind, id) => (kind === 'companies' ? companyIdByCustomerId.get(id) : undefined),
 * };
 * ```
 */
export interface ReferenceResolver {
  /** The finance id of an FSM reference (an FSM id; a currency code for `currencies`). */
  toFinance(kind: Exclude<ReferenceKind, 'customers'>, fsmValue: string): string | undefined;
  /** The FSM value of a finance id. */
  toFsm(kind: Exclude<ReferenceKind, 'customers'>, financeId: string): string | undefined;
}

/** Pairs `[fsmValue, financeId]` per kind, for {@link createMapResolver}. */
export type ReferencePairs = Partial<Record<Exclude<ReferenceKind, 'customers'>, Iterable<readonly [fsmValue: string, financeId: string]>>>;

/**
 * A resolver over in-memory pairs: what a syncer builds after loading a batch's links, and what
 * tests and examples use. Each kind is a one-to-one table; a later pair for the same value wins.
 *
 * @example
 * ```ts
 * const resolve = createMapResolver({ companies: [['1011000000195085', '460000000026049']], taxes: [['T1', '460000000000048']] });
 * resolve.toFinance('companies', '1011000000195085'); // '460000000026049'
 * ```
 */
export function createMapResolver(pairs: ReferencePairs): ReferenceResolver {
  const toFinance = new Map<string, Map<string, string>>();
  const toFsm = new Map<string, Map<string, string>>();
  for (const [kind, list] of Object.entries(pairs) as Array<[string, ReferencePairs[keyof ReferencePairs]]>) {
    const forward = new Map<string, string>();
    const backward = new Map<string, string>();
    for (const [fsmValue, financeId] of list ?? []) {
      forward.set(fsmValue, financeId);
      backward.set(financeId, fsmValue);
    }
    toFinance.set(kind, forward);
    toFsm.set(kind, backward);
  }
  return {
    toFinance: (kind, value) => toFinance.get(kind)?.get(value),
    toFsm: (kind, id) => toFsm.get(kind)?.get(id),
  };
}

/**
 * A reference whose kind is decided per record (a work order's `Customer`), produced by a
 * virtual field's reader.
 */
export interface KindedReference {
  readonly kind: Exclude<ReferenceKind, 'customers'>;
  readonly id: unknown;
}

const KINDED = Symbol('kinded reference');

/** Marks a reference whose kind is known only per record. */
export function kindedReference(kind: Exclude<ReferenceKind, 'customers'>, id: unknown): KindedReference {
  return Object.freeze({ kind, id, [KINDED]: true });
}

/** True for a value made by {@link kindedReference}. */
export function isKindedReference(value: unknown): value is KindedReference {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, KINDED);
}

/** A row of TaxSync's id map, structurally (`TaxIdMapEntry`): which finance object an FSM tax object is. */
export interface TaxIdMapRow {
  readonly kind: 'tax' | 'group' | 'authority' | 'exemption';
  readonly fsmId: string;
  readonly financeId?: string;
}

/**
 * Resolver pairs from TaxSync's id map: taxes and groups answer `taxes` references, authorities
 * `tax_authorities`, exemptions `tax_exemptions`. Rows still pending (no finance id) are skipped.
 *
 * FSM's tax fields (`Tax.Tax_Id`, `Tax.Tax_Exemption_Id`, `Tax.Tax_Authority_Id`, India's
 * `Intra_State_Tax_Rate` / `Inter_State_Tax_Rate`) hold the Books/Invoice id itself, and FSM refuses
 * anything else: so a finance id maps to itself. TaxSync's own ids (`gst18`, or `tax-<id>` from a
 * pull) are read as their finance id too, so a record written with one by an earlier version still
 * resolves, but they are never written to FSM. Only ids in the map resolve: a tax missing from it
 * (deleted in Books, or created after the last pull) leaves the reference unresolved.
 *
 * @example
 * ```ts
 * const resolve = createMapResolver({ ...taxReferencePairs(await taxStore.entries()), companies: links });
 * resolve.toFsm('taxes', '460000000000048');   // '460000000000048' (the GST18 group)
 * resolve.toFinance('taxes', '460000000000048'); // '460000000000048'
 * ```
 */
export function taxReferencePairs(rows: Iterable<TaxIdMapRow>): ReferencePairs {
  const taxes: Array<[string, string]> = [];
  const authorities: Array<[string, string]> = [];
  const exemptions: Array<[string, string]> = [];
  for (const row of rows) {
    if (row.financeId === undefined) continue;
    const list = row.kind === 'authority' ? authorities : row.kind === 'exemption' ? exemptions : taxes;
    // The SDK's id first: a later pair wins the finance → FSM direction, which must be the finance id.
    list.push([row.fsmId, row.financeId], [row.financeId, row.financeId]);
  }
  return { taxes, tax_authorities: authorities, tax_exemptions: exemptions };
}
