import type { CollectionCapabilities, SourceRecord } from '../sources/record-source.js';
import type { SyncConverter } from './sync-mapper.js';
import type { SyncSide } from '../state/sync-keys.js';

type Data = Record<string, unknown>;

/**
 * Fields the syncer reads of a record besides the mapped ones: ids, references to a company or
 * contact, the customer's kind, modified times, emails and names it matches and checks by, the
 * fields Zoho requires in an update body (taken from the record last read), and a Books customer's
 * `contact_persons` (its primary email; the persons a read returned).
 */
const STRUCTURAL: readonly string[] = [
  'id', 'Company', 'Contact', 'Email', 'First_Name', 'Last_Name', 'Full_Name', 'Modified_Time',
  'contact_id', 'contact_person_id', 'item_id', 'customer_sub_type', 'contact_type', 'contact_name', 'email', 'first_name', 'name', 'rate',
  'contact_persons', 'last_modified_time',
];

// The top-level field a mapping path starts at: `Billing_Address.City` → `Billing_Address`,
// `contact_persons[is_primary_contact=true].email` → `contact_persons`.
function topField(path: string): string {
  const end = path.search(/[.[]/);
  return end < 0 ? path : path.slice(0, end);
}

/**
 * The fields of a side's records the sync of a unit reads: what the converter reads, every mapped
 * path's top-level field (the merge, the hashes and update bodies), the side's match, required and
 * unique fields, and the structural ones. `undefined` when the converter does not say what it
 * reads: records are then kept whole.
 */
export function keptFields(converter: SyncConverter, side: SyncSide, caps: CollectionCapabilities): ReadonlySet<string> | undefined {
  const read = converter.sourceFields?.[side];
  if (read === undefined) return undefined;
  const kept = new Set<string>([...STRUCTURAL, ...read, ...(caps.requiredOnCreate ?? []), ...(caps.uniqueFields ?? []), ...(caps.computed ?? [])]);
  if (caps.matchField !== undefined) kept.add(caps.matchField);
  for (const entry of converter.entries) kept.add(topField(side === 'fsm' ? entry.fsm : entry.finance));
  return kept;
}

/**
 * The record with only the `kept` fields of its data (each kept whole), so a unit holds what it
 * syncs by rather than the whole API object; the record itself when `kept` is undefined.
 */
export function leanRecord(record: SourceRecord, kept: ReadonlySet<string> | undefined): SourceRecord {
  if (kept === undefined) return record;
  const data: Data = {};
  for (const key of Object.keys(record.data)) if (kept.has(key)) data[key] = record.data[key];
  return { ...record, data };
}
