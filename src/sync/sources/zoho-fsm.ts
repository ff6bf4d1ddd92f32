import type { IntegrationClient } from '../../client/integration-client.js';
import type { FsmWriteResult } from '../../client/fsm/fsm-write-result.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { Page } from '../../transport/paginator.js';
import type {
  CollectionCapabilities, ReadOptions, RecordCallOptions, RecordSource, SourcePage, SourceRecord, SyncCollection, WriteResult,
} from './record-source.js';
import { fsmLimits } from './client-limits.js';

type Data = Record<string, unknown>;

// The slice of an FSM module resource the source uses. The typed resources take their module's
// input types; the syncer's payloads come from the field mapping, and the client validates them
// against the same schemas at run time, so the source talks to them through this shape.
interface FsmModule {
  list(options: { signal?: AbortSignal }): { pages(): AsyncGenerator<Page<Data>, void, undefined> };
  search(field: string, value: string, options: { signal?: AbortSignal }): { toArray(): Promise<Data[]> };
  get(id: string, options: { signal?: AbortSignal }): Promise<Data>;
  create(data: Data, options: { signal?: AbortSignal }): Promise<FsmWriteResult>;
  update(id: string, data: Data, options: { signal?: AbortSignal }): Promise<FsmWriteResult>;
}

const MODULE_NAMES = { companies: 'Companies', contacts: 'Contacts', items: 'Service_And_Parts' } as const;

// create-company / create-contact / create-product required fields, and the search fields.
const CAPABILITIES: Readonly<Record<'companies' | 'contacts' | 'items', CollectionCapabilities>> = {
  companies: { changeFeed: 'scan', tombstones: false, deactivate: false, delete: true, requiredOnCreate: ['Company_Name'], matchField: 'Company_Name' },
  contacts: { changeFeed: 'scan', tombstones: false, deactivate: false, delete: true, requiredOnCreate: ['Last_Name', 'Email'], computed: ['Full_Name'], matchField: 'Email' },
  // Services and parts carry `$inactive`, so they can be deactivated.
  items: { changeFeed: 'scan', tombstones: false, deactivate: true, delete: true, requiredOnCreate: ['Name', 'Unit_Price', 'Type'], matchField: 'Name' },
};

function fsmCollection(collection: SyncCollection): 'companies' | 'contacts' | 'items' {
  if (collection === 'contact_persons') return 'contacts';
  return collection;
}

function signalOf(options: { signal?: AbortSignal | undefined } | undefined): { signal?: AbortSignal } {
  return options?.signal ? { signal: options.signal } : {};
}

function toRecord(data: Data): SourceRecord {
  const modified = data.Modified_Time;
  return { id: String(data.id), data, ...(typeof modified === 'string' ? { modifiedTime: modified } : {}) };
}

function written(result: FsmWriteResult): WriteResult {
  return { id: result.id, ...(result.modifiedTime === undefined ? {} : { modifiedTime: result.modifiedTime }) };
}

/** Options of {@link zohoFsmSource}. */
export interface ZohoFsmSourceOptions {
  /** Names the side in storage keys. Default `'zoho-fsm'`. */
  id?: string;
}

/**
 * Zoho FSM as a {@link RecordSource}: Companies, Contacts and Services and Parts through the
 * client. FSM lists have no modified-since filter (newest created first), so
 * every read is a full scan that the syncer compares by content hash; writes return ids and
 * times only. Deletes use `DELETE /<Module>/<id>`; services and parts can be deactivated
 * (`$inactive`).
 *
 * @example
 * ```ts
 * const syncer = new BidirectionalSyncer({ storage, mapper, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client) });
 * ```
 */
export function zohoFsmSource(client: IntegrationClient, options: ZohoFsmSourceOptions = {}): RecordSource {
  let calls = 0;
  client.on('request', (event) => {
    if (event.service === 'fsm') calls += 1;
  });
  const modules: Record<'companies' | 'contacts' | 'items', FsmModule> = {
    companies: client.fsm.companies as unknown as FsmModule,
    contacts: client.fsm.contacts as unknown as FsmModule,
    items: client.fsm.serviceAndParts as unknown as FsmModule,
  };
  const module = (collection: SyncCollection) => modules[fsmCollection(collection)];

  return {
    id: options.id ?? 'zoho-fsm',
    capabilities: (collection) => CAPABILITIES[fsmCollection(collection)],
    async *read(collection: SyncCollection, read: ReadOptions): AsyncGenerator<SourcePage> {
      for await (const page of module(collection).list(signalOf(read)).pages()) {
        yield { records: page.items.map(toRecord) };
      }
      yield { records: [], complete: true };
    },
    async get(collection, id, call) {
      try {
        return toRecord(await module(collection).get(id, signalOf(call)));
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    async create(collection, data, call) {
      return written(await module(collection).create(data, signalOf(call)));
    },
    async update(collection, id, patch, call) {
      return written(await module(collection).update(id, patch, signalOf(call)));
    },
    async deactivate(collection, id, call) {
      await module(collection).update(id, { $inactive: true }, signalOf(call));
    },
    async delete(collection, id, call?: RecordCallOptions) {
      await client.request({ service: 'fsm', method: 'DELETE', path: `/${MODULE_NAMES[fsmCollection(collection)]}/${encodeURIComponent(id)}`, ...signalOf(call) });
    },
    async findByKey(collection, value, call) {
      const field = CAPABILITIES[fsmCollection(collection)].matchField;
      if (field === undefined) return [];
      return (await module(collection).search(field, value, signalOf(call)).toArray()).map(toRecord);
    },
    callCount: () => calls,
    limits: () => fsmLimits(client),
  };
}
