import * as z from 'zod/mini';
import { ValidationError } from '../../errors/validation-error.js';
import type { RequestPipeline } from '../../transport/request-pipeline.js';
import { type Page, Paginator } from '../../transport/paginator.js';
import type { HttpMethod } from '../../transport/transport.js';
import { type CallOptions, type CreateOptions, type ListOptions, listQuery, pageSize } from '../list-params.js';
import { parseWith } from '../parse.js';
import { idSegment } from '../path.js';
import { type FsmWriteResult, readFsmWriteResult } from './fsm-write-result.js';

/** How one FSM module looks on the wire. */
export interface FsmModuleSpec<R extends z.ZodMiniType, C extends z.ZodMiniType, U extends z.ZodMiniType, F extends string> {
  /** Module API name: `Companies`, `Contacts`, `Service_And_Parts`, `Work_Orders`, `Service_Appointments`, `Assets`. */
  module: string;
  /** Human name for messages. */
  label: string;
  record: R;
  create: C;
  update: U;
  /** Fields FSM can search by. */
  searchFields: readonly F[];
}

/** `equal` or `contains` for text; the date comparators for DateTime fields. */
export type FsmComparator =
  | 'equal'
  | 'contains'
  | 'not_equal'
  | 'greater_than'
  | 'greater_equal'
  | 'less_than'
  | 'less_equal'
  | 'between'
  | 'not_between';

/** Options of an FSM search. */
export interface FsmSearchOptions extends ListOptions {
  comparator?: FsmComparator;
}

// The search's own option besides ListOptions; the field and value are arguments.
const SEARCH_OPTIONS = { comparator: 'comparator' } as const;

/**
 * list / get / create / update / search over one FSM module (`/fsm/v1/<Module>`).
 * FSM answers an empty list with HTTP 204 and no body; that is an empty page here.
 */
export class FsmModuleResource<R extends z.ZodMiniType, C extends z.ZodMiniType, U extends z.ZodMiniType, F extends string> {
  protected readonly pipeline: RequestPipeline;
  protected readonly spec: FsmModuleSpec<R, C, U, F>;
  readonly #records: z.ZodMiniType<Array<z.output<R>>>;

  constructor(pipeline: RequestPipeline, spec: FsmModuleSpec<R, C, U, F>) {
    this.pipeline = pipeline;
    this.spec = spec;
    this.#records = z.array(spec.record);
  }

  /** Every record of the module, page by page as you iterate. */
  list(options: ListOptions = {}): Paginator<z.output<R>> {
    listQuery(`GET /${this.spec.module}`, options, {});
    return this.#paginate(`/${this.spec.module}`, {}, options);
  }

  /** Records whose `field` matches `value` (`comparator` defaults to `equal`). */
  search(field: F, value: string, options: FsmSearchOptions = {}): Paginator<z.output<R>> {
    if (!this.spec.searchFields.includes(field)) {
      throw new ValidationError(
        `FSM cannot search ${this.spec.module} by ${JSON.stringify(field)}. Searchable fields: ${this.spec.searchFields.join(', ')}.`,
        [{ path: ['field'], message: 'not a searchable field', code: 'invalid_search_field' }],
      );
    }
    listQuery(`GET /${this.spec.module}/search`, options, SEARCH_OPTIONS);
    return this.#paginate(`/${this.spec.module}/search`, { api_name: field, value, comparator: options.comparator ?? 'equal' }, options);
  }

  /** One record by id. @throws NotFoundError when FSM has no such record. */
  async get(id: string, options: CallOptions = {}): Promise<z.output<R>> {
    const body = await this.call('GET', `/${this.spec.module}/${idSegment(id, `${this.spec.label} id`)}`, options);
    const data = (body as { data?: unknown } | undefined)?.data;
    const record = Array.isArray(data) ? data[0] : data;
    return parseWith(this.spec.record, record, { what: `GET /${this.spec.module}/{id}`, kind: 'response', pathPrefix: ['data', 0] });
  }

  /** Creates a record; resolves with its id and times. Not retried after an ambiguous failure unless `retrySafe`. */
  async create(data: z.input<C>, options: CreateOptions = {}): Promise<FsmWriteResult> {
    const input = parseWith(this.spec.create, data, { what: `The new ${this.spec.label}`, kind: 'input' });
    await this.beforeCreate(options);
    const body = await this.call('POST', `/${this.spec.module}`, options, { data: [input] }, options.retrySafe);
    return readFsmWriteResult(body, this.spec.module, `POST /${this.spec.module}`, 201);
  }

  /** Changes the given fields of a record. */
  async update(id: string, data: z.input<U>, options: CallOptions = {}): Promise<FsmWriteResult> {
    const segment = idSegment(id, `${this.spec.label} id`);
    const input = parseWith(this.spec.update, data, { what: `The ${this.spec.label} update`, kind: 'input' });
    const body = await this.call('PUT', `/${this.spec.module}/${segment}`, options, { data: [input] });
    return readFsmWriteResult(body, this.spec.module, `PUT /${this.spec.module}/{id}`, 200);
  }

  /** Runs after a create's input is checked and before it is sent: a subclass may refuse the create here. */
  protected beforeCreate(_options: CreateOptions): Promise<void> {
    return Promise.resolve();
  }

  /** Sends one FSM call. */
  protected call(method: HttpMethod, path: string, options: CallOptions, body?: unknown, retrySafe?: boolean, query?: Record<string, string>): Promise<unknown> {
    return this.pipeline.send({
      service: 'fsm',
      method,
      path,
      ...(query ? { query } : {}),
      ...(body === undefined ? {} : { body }),
      ...(retrySafe ? { retrySafe } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  #paginate(path: string, query: Record<string, string>, options: ListOptions): Paginator<z.output<R>> {
    const size = pageSize(options.perPage);
    return new Paginator(
      async (page, signal): Promise<Page<z.output<R>>> => {
        const body = (await this.pipeline.send({
          service: 'fsm',
          method: 'GET',
          path,
          query: { ...query, page, per_page: size },
          ...(signal ? { signal } : {}),
        })) as { data?: unknown; info?: { more_records?: unknown } } | undefined;
        const items = parseWith(this.#records, body?.data ?? [], { what: `GET ${path}`, kind: 'response', pathPrefix: ['data'] });
        return { items, page, hasMore: body?.info?.more_records === true };
      },
      {
        what: `GET ${path}`,
        idOf: (record) => (record as { id?: unknown } | undefined)?.id,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }),
      },
    );
  }
}
