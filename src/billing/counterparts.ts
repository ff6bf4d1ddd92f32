import type { IntegrationClient } from '../client/integration-client.js';
import { BillingError, type BillingErrorCode } from '../errors/billing-error.js';
import { ApiError } from '../errors/api-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import type { FieldMapper } from '../mapping/field-mapper.js';
import { createMapResolver } from '../mapping/references.js';
import type { SyncEntity } from '../sync/run/sync-units.js';
import type { BillingSyncer, CreatedCounterpart } from './billing-types.js';
import type { ResolvedItem } from './invoice-draft.js';
import type { BillableLine, BillableWorkOrder } from './work-order.js';

type Row = Readonly<Record<string, unknown>>;

/** The customer a work order bills under the sync type: its company (I, III, IV) or its contact (II, IV). */
export function billedCustomer(syncType: string, order: BillableWorkOrder): { entity: 'companies' | 'contacts'; fsmId: string } {
  const company = order.companyId;
  const contact = order.contactId;
  if (syncType === 'II' ? contact : syncType === 'IV' ? company ?? contact : company) {
    if (syncType === 'II' || (syncType === 'IV' && !company)) return { entity: 'contacts', fsmId: contact as string };
    return { entity: 'companies', fsmId: company as string };
  }
  const wanted = syncType === 'II' ? 'a contact' : syncType === 'IV' ? 'a company or a contact' : 'a company';
  throw new BillingError('CUSTOMER_MISSING', `Work order ${order.name ?? order.id} names no customer to bill: under sync type ${syncType} it needs ${wanted}.`, { details: { workOrderId: order.id, syncType } });
}

/**
 * Finds the finance counterparts a work order's invoice needs, creating and linking the missing
 * ones through the syncer (one record each, as the next sync run would).
 */
export class CounterpartResolver {
  readonly #syncer: BillingSyncer;
  readonly #mapper: FieldMapper;
  readonly #client: IntegrationClient;
  readonly #waitMs: number;

  constructor(syncer: BillingSyncer, mapper: FieldMapper, client: IntegrationClient, waitMs: number) {
    this.#syncer = syncer;
    this.#mapper = mapper;
    this.#client = client;
    this.#waitMs = waitMs;
  }

  async customer(order: BillableWorkOrder, created: CreatedCounterpart[], signal?: AbortSignal): Promise<{ entity: SyncEntity; fsmId: string; financeId: string; record: Row }> {
    const { entity, fsmId } = billedCustomer(this.#mapper.syncType, order);
    const financeId = await this.#ensure(entity, fsmId, created, 'CUSTOMER_MISSING', order, signal);
    const record = (await this.#client.finance.contacts.get(financeId, signal ? { signal } : {})) as Row;
    return { entity, fsmId, financeId, record };
  }

  async items(order: BillableWorkOrder, lines: readonly BillableLine[], created: CreatedCounterpart[], signal?: AbortSignal): Promise<Map<string, ResolvedItem>> {
    const items = new Map<string, ResolvedItem>();
    for (const line of lines) {
      for (const source of [line, ...(line.parts ?? [])]) {
        if (source.itemId === '') {
          throw new BillingError('ITEM_MISSING', `Line ${line.id} of work order ${order.name ?? order.id} has no Service or Part; set one, or mark the line Non Billable.`, { details: { workOrderId: order.id, lineId: line.id } });
        }
        if (items.has(source.itemId)) continue;
        const financeId = await this.#ensure('items', source.itemId, created, 'ITEM_MISSING', order, signal);
        const record = (await this.#client.finance.items.get(financeId, signal ? { signal } : {})) as Row;
        items.set(source.itemId, { financeId, record });
      }
    }
    return items;
  }

  /** The invoice's header fields from the invoice mapping (custom fields, place of supply, currency...). */
  async mappedHeader(order: BillableWorkOrder, customerId: string, items: ReadonlyMap<string, ResolvedItem>): Promise<Record<string, unknown>> {
    const record: Record<string, unknown> = {
      ...(order.record ?? {}),
      id: order.id,
      ...(order.name === undefined ? {} : { Name: order.name }),
      Company: order.companyId === undefined ? null : { id: order.companyId },
      Contact: order.contactId === undefined ? null : { id: order.contactId },
      ...(order.billingAddress === undefined ? {} : { Billing_Address: order.billingAddress }),
      ...(order.placeOfSupply === undefined ? {} : { Place_of_Supply: order.placeOfSupply }),
      ...(order.currency === undefined ? {} : { Currency: order.currency }),
      Service_Line_Items: [],
    };
    const customers: Array<[string, string]> = [order.companyId, order.contactId].filter((id): id is string => id !== undefined).map((id) => [id, customerId]);
    const resolve = createMapResolver({ companies: customers, contacts: customers, items: [...items].map(([fsmId, item]) => [fsmId, item.financeId] as [string, string]) });
    return this.#mapper.toFinance('invoices', record, { resolve, unresolved: 'omit', partial: true });
  }

  async #ensure(entity: SyncEntity, fsmId: string, created: CreatedCounterpart[], code: BillingErrorCode, order: BillableWorkOrder, signal?: AbortSignal): Promise<string> {
    const module = entity === 'contacts' ? 'contacts' : entity;
    const linked = await this.#syncer.linkedId(module, 'fsm', fsmId);
    if (linked !== undefined) return linked;
    let result: Awaited<ReturnType<BillingSyncer['syncOne']>>;
    try {
      result = await this.#syncer.syncOne(entity, 'fsm', fsmId, { waitMs: this.#waitMs, ...(signal ? { signal } : {}) });
    } catch (error) {
      // Only a refusal of the record is about the customer or item; a sync run holding the
      // binding, an import, a rate limit, a network error or an abort pass through as they are.
      if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500 || error instanceof RateLimitError) throw error;
      throw new BillingError(code, `Work order ${order.name ?? order.id}: the ${entity === 'items' ? 'item' : 'customer'} ${fsmId} is not in finance and could not be created there: ${error instanceof Error ? error.message : String(error)}`, { details: { workOrderId: order.id, entity, fsmId }, cause: error });
    }
    if (result.counterpartId === undefined) {
      throw new BillingError(code, `Work order ${order.name ?? order.id}: the ${entity === 'items' ? 'item' : 'customer'} ${fsmId} has no counterpart in finance after syncing it (${result.action}${result.failure ? `: ${result.failure.message}` : ''}).`, { details: { workOrderId: order.id, entity, fsmId, action: result.action } });
    }
    if (result.action === 'created') created.push({ entity, fsmId, financeId: result.counterpartId });
    return result.counterpartId;
  }
}
