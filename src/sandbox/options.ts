import type { Clock } from '../clock.js';
import type { Region } from '../regions.js';
import type { SandboxEdition } from './editions.js';
import type { FaultOptions } from './faults.js';
import type { LimitOptions } from './limits.js';
import type { SandboxPlan } from './org-state.js';

/**
 * How many records the generator puts in an organisation. A number `n` means `n` customers and
 * `n` items (or services and parts), and no invoices or work orders.
 */
export type RecordCounts =
  | number
  | {
      /** Books/Invoice contacts, or FSM companies plus individual contacts (each business brings 1–3 people). */
      customers?: number;
      /** Books/Invoice items, or FSM Service_And_Parts. */
      items?: number;
      /** Books/Invoice invoices (draft, on generated customers and items). */
      invoices?: number;
      /** FSM work orders (on generated companies and services). */
      workOrders?: number;
      /**
       * Skip the first `offset` generated customers and items. Two organisations of the same
       * edition draw from the same sequence, so the default (0) makes their first records
       * duplicates of each other — what a first sync must match by name or email.
       */
      offset?: number;
    };

/** A Books or Invoice organisation of a sandbox user. */
export interface FinanceOrgInit {
  /** Default: a generated 8-digit id. */
  organizationId?: string;
  /** Default: `"<user's company> (Books)"` or `(Invoice)`. */
  name?: string;
  /** Decides the daily API cap and 5 (free) or 10 concurrent calls. Default: `'standard'` for Books, `'free'` for Invoice. */
  plan?: SandboxPlan;
  /** Trial end date, `yyyy-mm-dd` or epoch ms. Default: no trial. */
  trialEndsAt?: string | number;
  /** Avalara integration enabled. Default: false. */
  avalara?: boolean;
  /** `is_org_active`. Default: true. */
  active?: boolean;
  /** A deleted org is not listed and every call to it fails. Default: false. */
  deleted?: boolean;
  /** Tax edition. Default: the data centre's country (us → `'us'`, in → `'in'`, eu → `'de'`…). */
  edition?: SandboxEdition;
  /** Base currency code. Default: the edition's. */
  currencyCode?: string;
  /** Taxes enabled. Default: true. */
  taxEnabled?: boolean;
  /** Allow two contacts with the same display name (otherwise code 3062). Default: false. */
  allowDuplicateNames?: boolean;
  /** Books only: inventory enabled, which sales orders need. Default: false. Ignored for Invoice orgs. */
  inventory?: boolean;
  /** `is_default_org`. Default: true for the user's first org of the app. */
  isDefault?: boolean;
  /** Generated records. Default: the sandbox's `records`. */
  records?: RecordCounts;
}

/** The FSM organisation of a sandbox user. */
export interface FsmOrgInit {
  organizationId?: string;
  name?: string;
  edition?: SandboxEdition;
  /** Generated records. Default: the sandbox's `records`. */
  records?: RecordCounts;
  /**
   * The finance org `process_sync` links to and pushes into. Default: the user's first Books org,
   * else their first Invoice org.
   */
  finance?: { app: 'books' | 'invoice'; organizationId: string };
}

/** A Zoho user: one login (email) owning Books, Invoice and FSM organisations. */
export interface SandboxUserInit {
  email: string;
  /** Display name. Default: derived from the email. */
  name?: string;
  /** Data centre of the account: tokens work only on its hosts. Default: `'us'`. */
  region?: Region;
  /** The user's refresh token. Default: a generated `1000.<hex>.<hex>`. */
  refreshToken?: string;
  books?: FinanceOrgInit[];
  invoice?: FinanceOrgInit[];
  /** The FSM org, or `false` for none. Default: one FSM org. */
  fsm?: FsmOrgInit | false;
}

/** An OAuth client registered at the sandbox's accounts server. */
export interface SandboxClient {
  clientId: string;
  clientSecret: string;
}

/**
 * Options of {@link createSandbox}. Everything has a default: `createSandbox()` is one user
 * `owner@example.com` in the US with one Books org, one Invoice org and one FSM org, no records.
 */
export interface SandboxOptions {
  /** Seed of every generated value: same seed → same data, tokens and faults. Default: 1. */
  seed?: number;
  /** Time source for timestamps, token expiry, limits and slow replies. Default: the system clock. */
  clock?: Clock;
  users?: SandboxUserInit[];
  /** Records generated in every org that does not set its own. Default: 0. */
  records?: RecordCounts;
  /** OAuth clients. Default: one, {@link DEFAULT_SANDBOX_CLIENT}. */
  clients?: SandboxClient[];
  /** Zoho's per-org API limits; all configurable. */
  limits?: LimitOptions;
  /** Injected faults by seeded probability (scripted ones: `sandbox.faults.next`). */
  faults?: FaultOptions;
  /** Delay of every API reply in ms, on the clock. Default: 0. */
  latencyMs?: number;
  /**
   * How the sandbox treats behaviour Zoho is seen to have but its published API description does
   * not promise. By default the sandbox has it (what tests of the happy path want); turn it off
   * to prove code stays correct if Zoho stops doing it.
   *
   * @example
   * ```ts
   * // Books ignores sort_order and items carry no times: the adverse case for an incremental read.
   * const sandbox = createSandbox({ undocumented: { sortOrder: 'ignore', itemTimestamps: 'omit' } });
   * // Books reads only the query parameters it declares (sort_order included), items carry no times.
   * const strict = createSandbox({ undocumented: { params: 'ignore', itemTimestamps: 'omit' } });
   * ```
   */
  undocumented?: UndocumentedBehaviour;
}

/**
 * Behaviour of the Books/Invoice sandbox beyond Zoho's published API description, each one
 * switchable off. See {@link SandboxOptions.undocumented}.
 */
export interface UndocumentedBehaviour {
  /**
   * The `sort_order` query parameter (`A` / `D`) of Books list endpoints, which the published
   * description of GET /contacts, /items and /invoices does not declare. `'honour'` (default):
   * lists are sorted in the order asked for. `'ignore'`: the parameter has no effect; each list
   * comes in its default order — ascending for contacts and items (so GET /contacts sorted by
   * `last_modified_time` lists the oldest change first), descending for invoices — and
   * `page_context.sort_order` says that order.
   */
  sortOrder?: 'honour' | 'ignore';
  /**
   * `created_time` and `last_modified_time` of an item, which the published description of the
   * item reply does not have. `'include'` (default): every item reply carries them. `'omit'`:
   * API replies (list, get, create, update) leave them out; `sandbox.record()` still shows them.
   */
  itemTimestamps?: 'include' | 'omit';
  /**
   * Query parameters a Books/Invoice operation does not declare in Zoho's published API
   * description. `'honour'` (default): the sandbox reads them as Zoho is seen to (`sort_order`,
   * paging of the tax authority and exemption lists, a filter one list has and another lacks).
   * `'ignore'`: every parameter the operation does not declare is dropped before the endpoint
   * sees it — `sort_order` among them, so it implies `sortOrder: 'ignore'` — to test code
   * against a Books that does only what is published.
   *
   * @example
   * ```ts
   * const sandbox = createSandbox({ undocumented: { params: 'ignore', itemTimestamps: 'omit' } });
   * // GET /settings/taxauthorities?per_page=1 now lists every authority: the list declares no paging.
   * ```
   */
  params?: 'honour' | 'ignore';
}

/** The OAuth client a sandbox registers when `clients` is not given. */
export const DEFAULT_SANDBOX_CLIENT: Readonly<SandboxClient> = Object.freeze({
  clientId: '1000.SANDBOXCLIENTID',
  clientSecret: 'sandbox-client-secret',
});
