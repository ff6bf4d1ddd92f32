import * as z from 'zod/mini';
import {
  FinanceContactPersonCreateSchema,
  FinanceContactPersonSchema,
  FinanceContactPersonUpdateSchema,
  type FinanceContactPerson,
  type FinanceContactPersonCreate,
  type FinanceContactPersonUpdate,
} from '../../schemas/finance/index.js';
import { type Page, Paginator } from '../../transport/paginator.js';
import { type CallOptions, type CreateOptions, type ListOptions, listQuery, pageSize } from '../list-params.js';
import { parseWith } from '../parse.js';
import { idSegment } from '../path.js';
import { financeCall, sendFinance, type FinanceContext } from './finance-context.js';

const ONE = 'contact_person';
const MANY = 'contact_persons';

/**
 * The people of a customer (`/contacts/{contact_id}/contactpersons`, `/contacts/contactpersons`). Under sync type III, FSM contacts map to these.
 *
 * @example
 * ```ts
 * const person = await client.finance.contactPersons.create({ contact_id, first_name: 'Ana', last_name: 'Lee', email: 'ana@acme.test' });
 * for await (const p of client.finance.contactPersons.list(contact_id)) { ... }
 * ```
 */
export class ContactPersonsResource {
  readonly #context: FinanceContext;

  constructor(context: FinanceContext) {
    this.#context = context;
  }

  /** Every contact person of a contact. */
  list(contactId: string, options: ListOptions = {}): Paginator<FinanceContactPerson> {
    const contact = idSegment(contactId, 'contact id');
    listQuery('GET /contacts/{id}/contactpersons', options, {});
    return new Paginator(
      async (page, signal): Promise<Page<FinanceContactPerson>> => {
        const body = (await financeCall(this.#context, {
          method: 'GET',
          path: `/contacts/${contact}/contactpersons`,
          query: { page, per_page: pageSize(options.perPage) },
          ...(signal ? { signal } : {}),
        })) as Record<string, unknown> | undefined;
        const items = parseWith(z.array(FinanceContactPersonSchema), body?.[MANY] ?? [], {
          what: 'GET /contacts/{id}/contactpersons',
          kind: 'response',
          pathPrefix: [MANY],
        });
        const context = body?.page_context as { has_more_page?: unknown } | undefined;
        return { items, page, hasMore: context?.has_more_page === true };
      },
      {
        what: 'GET /contacts/{id}/contactpersons',
        idOf: (person) => person.contact_person_id,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }),
      },
    );
  }

  /** One contact person. */
  async get(contactId: string, contactPersonId: string, options: CallOptions = {}): Promise<FinanceContactPerson> {
    const path = `/contacts/${idSegment(contactId, 'contact id')}/contactpersons/${idSegment(contactPersonId, 'contact person id')}`;
    return this.#readOne(await this.#call('GET', path, options), 'GET /contacts/{id}/contactpersons/{id}');
  }

  /** Adds a contact person to the contact named by `contact_id`. */
  async create(data: FinanceContactPersonCreate, options: CreateOptions = {}): Promise<FinanceContactPerson> {
    const input = parseWith(FinanceContactPersonCreateSchema, data, { what: 'The new contact person', kind: 'input' });
    const body = await this.#call('POST', '/contacts/contactpersons', options, input, options.retrySafe);
    return this.#readOne(body, 'POST /contacts/contactpersons');
  }

  /**
   * Changes a contact person. Zoho requires `contact_id` and `first_name` on every update (its
   * published description of Books), changed or not: send them with the fields you change.
   */
  async update(contactPersonId: string, data: FinanceContactPersonUpdate, options: CallOptions = {}): Promise<FinanceContactPerson> {
    const segment = idSegment(contactPersonId, 'contact person id');
    const input = parseWith(FinanceContactPersonUpdateSchema, data, { what: 'The contact person update', kind: 'input' });
    return this.#readOne(await this.#call('PUT', `/contacts/contactpersons/${segment}`, options, input), 'PUT /contacts/contactpersons/{id}');
  }

  /** Deletes a contact person. */
  async delete(contactPersonId: string, options: CallOptions = {}): Promise<void> {
    await this.#call('DELETE', `/contacts/contactpersons/${idSegment(contactPersonId, 'contact person id')}`, options);
  }

  /** Makes this person the contact's primary contact person. */
  async markPrimary(contactPersonId: string, options: CallOptions = {}): Promise<void> {
    await this.#call('POST', `/contacts/contactpersons/${idSegment(contactPersonId, 'contact person id')}/primary`, options, undefined, true);
  }

  #call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: CallOptions, body?: unknown, retrySafe?: boolean): Promise<unknown> {
    return sendFinance(this.#context, method, path, options, body, retrySafe);
  }

  #readOne(body: unknown, what: string): FinanceContactPerson {
    return parseWith(FinanceContactPersonSchema, (body as Record<string, unknown> | undefined)?.[ONE], { what, kind: 'response', pathPrefix: [ONE] });
  }
}
