import * as z from 'zod/mini';
import { type Page, type PageSort, Paginator } from '../../transport/paginator.js';
import type { HttpMethod } from '../../transport/transport.js';
import { type CallOptions, type CreateOptions, type ListOptions, listQuery, pageSize } from '../list-params.js';
import { parseWith } from '../parse.js';
import { idSegment } from '../path.js';
import { financeCall, sendFinance, type FinanceContext } from './finance-context.js';

/** How one Books/Invoice resource looks on the wire. */
export interface FinanceResourceSpec<R extends z.ZodMiniType, C extends z.ZodMiniType, U extends z.ZodMiniType> {
  /** Collection path, e.g. `/contacts`. */
  path: string;
  /** Envelope key of one record, e.g. `contact`. */
  one: string;
  /** Envelope key of a list, e.g. `contacts`. */
  many: string;
  /** Human name for messages, e.g. `contact`. */
  label: string;
  record: R;
  create: C;
  update: U;
  /**
   * `false` for a list whose operation declares no `page` / `per_page` (tax authorities, tax
   * exemptions): it is read in one call, without paging parameters. Default `true`.
   */
  paged?: boolean;
  /**
   * The filters the list accepts, camelCase name to the query name the operation declares
   * (see `listFilters`). Anything else is refused before sending. Default: none.
   */
  filters?: Readonly<Record<string, string>>;
}

/**
 * The get/create/update/delete surface shared by Books and Invoice resources. Inputs are
 * validated before anything is sent; replies are validated and keep fields the schema does not
 * know.
 */
export class FinanceRecordResource<R extends z.ZodMiniType, C extends z.ZodMiniType, U extends z.ZodMiniType> {
  protected readonly context: FinanceContext;
  protected readonly spec: FinanceResourceSpec<R, C, U>;

  constructor(context: FinanceContext, spec: FinanceResourceSpec<R, C, U>) {
    this.context = context;
    this.spec = spec;
  }

  /** One record by id. @throws NotFoundError when Zoho has no such record. */
  async get(id: string, options: CallOptions = {}): Promise<z.output<R>> {
    const body = await this.call('GET', `${this.spec.path}/${idSegment(id, `${this.spec.label} id`)}`, options);
    return this.readOne(body, `GET ${this.spec.path}/{id}`);
  }

  /** Creates a record and returns it as Zoho stored it. A create is not retried after an ambiguous failure unless `retrySafe`. */
  async create(data: z.input<C>, options: CreateOptions = {}): Promise<z.output<R>> {
    const input = parseWith(this.spec.create, data, { what: `The new ${this.spec.label}`, kind: 'input' });
    const body = await this.call('POST', this.spec.path, options, input, options.retrySafe);
    return this.readOne(body, `POST ${this.spec.path}`);
  }

  /**
   * Changes the given fields of a record and returns it as Zoho stored it. Zoho's published
   * description of Books makes some fields required on every update, changed or not, and Zoho
   * refuses the call without them (HTTP 400): a contact's `contact_name` and `contact_type`, an
   * item's `name` and `rate`, an invoice's `customer_id` and `line_items` (each with `item_id`), a
   * tax exemption's `tax_exemption_code` and `type`. Send them with the fields you change.
   */
  async update(id: string, data: z.input<U>, options: CallOptions = {}): Promise<z.output<R>> {
    const segment = idSegment(id, `${this.spec.label} id`);
    const input = parseWith(this.spec.update, data, { what: `The ${this.spec.label} update`, kind: 'input' });
    const body = await this.call('PUT', `${this.spec.path}/${segment}`, options, input);
    return this.readOne(body, `PUT ${this.spec.path}/{id}`);
  }

  /** Deletes a record. */
  async delete(id: string, options: CallOptions = {}): Promise<void> {
    await this.call('DELETE', `${this.spec.path}/${idSegment(id, `${this.spec.label} id`)}`, options);
  }

  /** Sends one call of this resource. */
  protected call(method: HttpMethod, path: string, options: CallOptions, body?: unknown, retrySafe?: boolean): Promise<unknown> {
    return sendFinance(this.context, method, path, options, body, retrySafe);
  }

  /** Validates the single record under the `one` key (Zoho sometimes wraps it in an array). */
  protected readOne(body: unknown, what: string): z.output<R> {
    const raw = (body as Record<string, unknown> | undefined)?.[this.spec.one];
    const record = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
    return parseWith(this.spec.record, record, { what, kind: 'response', pathPrefix: [this.spec.one] });
  }

}

// Paging reads `page_context.has_more_page`; some OAS files type page_context as an array.
function hasMorePage(pageContext: unknown): boolean {
  const context = Array.isArray(pageContext) ? pageContext[0] : pageContext;
  return typeof context === 'object' && context !== null && (context as { has_more_page?: unknown }).has_more_page === true;
}

// The order a reply reports in `page_context` (`sort_column`, `sort_order` "A" / "D"), if any.
function pageSort(pageContext: unknown): PageSort | undefined {
  const context = Array.isArray(pageContext) ? pageContext[0] : pageContext;
  if (typeof context !== 'object' || context === null) return undefined;
  const { sort_column: column, sort_order: order } = context as { sort_column?: unknown; sort_order?: unknown };
  const sort: PageSort = {
    ...(typeof column === 'string' && column !== '' ? { column } : {}),
    ...(order === 'A' || order === 'D' ? { order } : {}),
  };
  return sort.column === undefined && sort.order === undefined ? undefined : sort;
}

// The list's record count, when page_context gives one (`total`; Zoho returns counts with some
// `response_option` values). Only bounds how many pages a walk fetches.
function pageTotal(pageContext: unknown): number | undefined {
  const context = Array.isArray(pageContext) ? pageContext[0] : pageContext;
  const total = typeof context === 'object' && context !== null ? (context as { total?: unknown }).total : undefined;
  return typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? total : undefined;
}

const arrays = /* @__PURE__ */ new WeakMap<z.ZodMiniType, z.ZodMiniType>();
/** `z.array(schema)`, built once per schema: list pages are parsed on a hot path. */
function arrayOf<S extends z.ZodMiniType>(schema: S): z.ZodMiniType<Array<z.output<S>>> {
  let cached = arrays.get(schema);
  if (!cached) {
    cached = z.array(schema);
    arrays.set(schema, cached);
  }
  return cached as z.ZodMiniType<Array<z.output<S>>>;
}

/** A finance resource with a paged list endpoint. */
export class FinanceResource<R extends z.ZodMiniType, C extends z.ZodMiniType, U extends z.ZodMiniType, L extends object = object> extends FinanceRecordResource<R, C, U> {
  /**
   * Every record, page by page as you iterate (`for await`), or `.pages()` for pages.
   * Filters and sorting use Zoho's query names in camelCase (`sortColumn`, `filterBy`).
   */
  list(params: L & ListOptions = {} as L & ListOptions): Paginator<z.output<R>> {
    const { signal, maxPages } = params;
    // Refused at the call, not at the first page: a bad filter fails where it is written.
    this.listQuery(params);
    return new Paginator((page, pageSignal) => this.listPage(page, { ...params, ...(pageSignal ? { signal: pageSignal } : {}) }), {
      what: `GET ${this.spec.path}`,
      idOf: (record) => (record as Record<string, unknown> | undefined)?.[`${this.spec.one}_id`],
      ...(signal ? { signal } : {}),
      ...(maxPages === undefined ? {} : { maxPages }),
    });
  }

  /**
   * One page of the list (1-based), for callers that keep their own place. Only the list's own
   * filters are accepted; any other name (`organizationId` included) is refused before sending.
   */
  async listPage(page: number, params: L & ListOptions = {} as L & ListOptions): Promise<Page<z.output<R>>> {
    const { perPage, signal } = params;
    const filters = this.listQuery(params);
    const paged = this.spec.paged !== false;
    // An unpaged list is whole in its first reply: there is no second page to ask for.
    if (!paged && page > 1) return { items: [], page, hasMore: false };
    const body = await financeCall(this.context, {
      method: 'GET',
      path: this.spec.path,
      query: paged ? { ...filters, page, per_page: pageSize(perPage) } : filters,
      ...(signal ? { signal } : {}),
    });
    const result = this.readPage(body, page);
    return paged ? result : { ...result, hasMore: false };
  }

  /** The query of the list's filters; refuses names the list does not accept. */
  protected listQuery(params: object): Record<string, string | number | boolean> {
    return listQuery(`GET ${this.spec.path}`, params, this.spec.filters ?? {});
  }

  /** Validates one page of a list reply. */
  protected readPage(body: unknown, page: number): Page<z.output<R>> {
    const envelope = (body ?? {}) as Record<string, unknown>;
    const list = envelope[this.spec.many] ?? [];
    const items = parseWith(arrayOf(this.spec.record), list, { what: `GET ${this.spec.path}`, kind: 'response', pathPrefix: [this.spec.many] });
    const sort = pageSort(envelope.page_context);
    const total = pageTotal(envelope.page_context);
    return { items, page, hasMore: hasMorePage(envelope.page_context), ...(sort ? { sort } : {}), ...(total === undefined ? {} : { total }) };
  }
}
