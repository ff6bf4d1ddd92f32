import * as z from 'zod/mini';
import {
  FinanceOrganizationCreateSchema,
  FinanceOrganizationSchema,
  type FinanceOrganization,
  type FinanceOrganizationCreate,
} from '../../schemas/finance/index.js';
import type { CallOptions, CreateOptions } from '../list-params.js';
import { parseWith } from '../parse.js';
import { idSegment } from '../path.js';
import { sendFinance, type FinanceContext } from './finance-context.js';

/**
 * The organisations the token's user belongs to (`/organizations`). These calls
 * need no organisation id, so they work before one is chosen; and they never send one, because
 * Zoho's published description of these operations declares no `organization_id` parameter.
 *
 * @example
 * ```ts
 * const orgs = await client.financeFor('invoice').organizations.list();
 * ```
 */
export class OrganizationsResource {
  readonly #context: FinanceContext;

  constructor(context: FinanceContext) {
    // User-scoped calls: no organization_id query parameter (Books) nor organisation header (Invoice).
    this.#context = { ...context, organizationId: undefined };
  }

  /** Every organisation of the user (Zoho returns them in one reply). */
  async list(options: CallOptions = {}): Promise<FinanceOrganization[]> {
    const body = await this.#call('GET', '/organizations', options);
    return parseWith(z.array(FinanceOrganizationSchema), (body as Record<string, unknown> | undefined)?.organizations ?? [], {
      what: 'GET /organizations',
      kind: 'response',
      pathPrefix: ['organizations'],
    });
  }

  /** One organisation with its address and settings. */
  async get(organizationId: string, options: CallOptions = {}): Promise<FinanceOrganization> {
    const body = await this.#call('GET', `/organizations/${idSegment(organizationId, 'organization id')}`, options);
    return this.#readOne(body, 'GET /organizations/{id}');
  }

  /** Creates an organisation (for a new Zoho Invoice account: the FSM organisation's name). */
  async create(data: FinanceOrganizationCreate, options: CreateOptions = {}): Promise<FinanceOrganization> {
    const input = parseWith(FinanceOrganizationCreateSchema, data, { what: 'The new organisation', kind: 'input' });
    return this.#readOne(await this.#call('POST', '/organizations', options, input, options.retrySafe), 'POST /organizations');
  }

  #call(method: 'GET' | 'POST', path: string, options: CallOptions, body?: unknown, retrySafe?: boolean): Promise<unknown> {
    return sendFinance(this.#context, method, path, options, body, retrySafe);
  }

  #readOne(body: unknown, what: string): FinanceOrganization {
    return parseWith(FinanceOrganizationSchema, (body as Record<string, unknown> | undefined)?.organization, { what, kind: 'response', pathPrefix: ['organization'] });
  }
}
