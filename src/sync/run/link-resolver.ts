import type { ReferenceKind, ReferenceResolver } from '../../mapping/references.js';
import type { LinkIndex } from '../state/link-store.js';

/** The id map of TaxSync, by shape: `new TaxSync(...)` fits. */
export interface TaxIdSource {
  idMap(): Promise<ReadonlyArray<{ kind: 'tax' | 'group' | 'authority' | 'exemption'; fsmId: string; financeId?: string | undefined }>>;
}

type Kind = Exclude<ReferenceKind, 'customers'>;
const TAX_KINDS: ReadonlySet<Kind> = new Set(['taxes', 'tax_exemptions', 'tax_authorities']);

/** Tax id pairs by resolver kind, loaded once per run. */
export interface TaxPairs {
  toFinance: Map<Kind, Map<string, string>>;
  toFsm: Map<Kind, Map<string, string>>;
}

/** Loads TaxSync's id map into resolver tables. */
export async function loadTaxPairs(source: TaxIdSource | undefined): Promise<TaxPairs | undefined> {
  if (source === undefined) return undefined;
  const pairs: TaxPairs = { toFinance: new Map(), toFsm: new Map() };
  for (const entry of await source.idMap()) {
    if (entry.financeId === undefined) continue;
    const kind: Kind = entry.kind === 'authority' ? 'tax_authorities' : entry.kind === 'exemption' ? 'tax_exemptions' : 'taxes';
    if (!pairs.toFinance.has(kind)) {
      pairs.toFinance.set(kind, new Map());
      pairs.toFsm.set(kind, new Map());
    }
    // FSM's tax fields hold the finance id itself (FSM refuses anything else): TaxSync's own ids
    // are understood when read, never written.
    pairs.toFinance.get(kind)?.set(entry.fsmId, entry.financeId);
    pairs.toFinance.get(kind)?.set(entry.financeId, entry.financeId);
    pairs.toFsm.get(kind)?.set(entry.financeId, entry.financeId);
  }
  return pairs;
}

/**
 * Translates references through what the syncer knows: company ↔ customer through the companies
 * links (live: links made earlier in the same run count), other synced records through theirs,
 * taxes through TaxSync's id map (a finance id known to it maps to itself). Without a tax map, tax
 * ids pass through unchanged: FSM's tax fields hold the finance org's tax ids.
 */
export function linkResolver(links: ReadonlyMap<string, LinkIndex>, taxes: TaxPairs | undefined): ReferenceResolver {
  const unit = (kind: Kind): LinkIndex | undefined => links.get(kind === 'contacts' ? 'contacts' : kind);
  return {
    toFinance(kind, value) {
      if (TAX_KINDS.has(kind)) return taxes ? taxes.toFinance.get(kind)?.get(value) : value;
      // Currency codes ↔ finance currency ids need the org's currency list: not known here.
      if (kind === 'currencies') return undefined;
      return unit(kind)?.byFsm.get(value)?.financeId;
    },
    toFsm(kind, id) {
      if (TAX_KINDS.has(kind)) return taxes ? taxes.toFsm.get(kind)?.get(id) : id;
      if (kind === 'currencies') return undefined;
      return unit(kind)?.byFinance.get(id);
    },
  };
}
