import { ApiError } from '../errors/api-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { NumberSet } from '../util/number-set.js';

/**
 * The most pages one walk of a list fetches when the first reply gives no total: 5,000 pages, a
 * million records at 200 a page. Past it the walk stops with `PAGINATION_LOOP`; pass `maxPages`
 * to a list call for a longer list.
 */
export const DEFAULT_MAX_PAGES = 5000;

/** How one walk is bounded. */
export interface PageWalkOptions<T> {
  /** What is walked, for messages: `GET /contacts`. */
  what: string;
  /** Most pages fetched; default {@link DEFAULT_MAX_PAGES}. */
  maxPages?: number | undefined;
  /** A row's identity (its Zoho id). Rows without one are told apart by their content. */
  idOf?: ((item: T) => unknown) | undefined;
}

/** Why a walk was stopped: a page of rows already read, or more pages than the list can hold. */
export type PaginationLoopReason = 'repeated-page' | 'too-many-pages';

/**
 * Watches one walk of a paged list so that a server answering "more pages follow" forever cannot
 * hold the walk (and its rate-limit slots and daily budget) for ever. A page whose rows were all
 * on earlier pages — the same page again, or pages cycling — stops the walk; so does a walk past
 * its page cap: `maxPages`, lowered when the first page says how many records the list holds
 * (`total`) to twice the pages that needs plus 5, room for records added during the walk.
 *
 * Records modified during a walk sorted by modified time move up the list, so a page may repeat a
 * few rows of the one before: that is not a loop. A whole page of rows already read is.
 *
 * @example
 * ```ts
 * const walk = new PageWalk<Contact>({ what: 'GET /contacts', idOf: (c) => c.contact_id });
 * walk.admit(firstPage);        // throws ApiError PAGINATION_LOOP on a page of rows already read
 * if (firstPage.hasMore) walk.assertMayContinue(); // throws once the cap is reached
 * ```
 */
export class PageWalk<T> {
  readonly #what: string;
  readonly #maxPages: number;
  readonly #idOf: ((item: T) => unknown) | undefined;
  // 52-bit hashes of the rows read, not their ids: a walk of 50,000 rows holds numbers in one
  // typed array, not strings. A false "seen" needs every row of a page to collide (about 1 in
  // 10^11 per row).
  readonly #seen = new NumberSet();
  #limit: number;
  #pages = 0;

  constructor(options: PageWalkOptions<T>) {
    this.#what = options.what;
    this.#maxPages = checkMaxPages(options.maxPages);
    this.#limit = this.#maxPages;
    this.#idOf = options.idOf;
  }

  /** Takes the page just fetched; throws when all its rows were read before. */
  admit(page: { items: readonly T[]; page: number; total?: number | undefined }): void {
    this.#pages++;
    if (this.#pages === 1) this.#limit = this.#derivedLimit(page);
    if (page.items.length === 0) return;
    let fresh = false;
    for (const item of page.items) {
      const key = this.#keyOf(item);
      // A row that cannot be identified is never taken for a repeat.
      if (key === undefined || !this.#seen.has(key)) fresh = true;
      if (key !== undefined) this.#seen.add(key);
    }
    if (!fresh) {
      throw this.#loop('repeated-page', page.page,
        `${this.#what}: page ${page.page} holds only records already read on earlier pages: the server repeats pages instead of moving on. The walk stopped after ${this.#pages} pages; nothing more was fetched. Try again later; if it persists, report it to Zoho.`);
    }
  }

  /** Throws when the walk has fetched as many pages as it may, before another is fetched. */
  assertMayContinue(): void {
    if (this.#pages < this.#limit) return;
    const bound = this.#limit < this.#maxPages ? `${this.#limit} pages (twice what the total the first page reported needs, plus 5)` : `maxPages (${this.#maxPages})`;
    throw this.#loop('too-many-pages', this.#pages,
      `${this.#what}: after ${this.#pages} pages the reply still says more pages follow, past ${bound}. The walk stopped; nothing more was fetched. If the list really is that long, pass a larger maxPages to the list call.`);
  }

  #derivedLimit(first: { items: readonly T[]; total?: number | undefined }): number {
    const { total } = first;
    if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0) return this.#maxPages;
    const needed = Math.ceil(total / Math.max(1, first.items.length));
    return Math.min(this.#maxPages, 2 * Math.max(1, needed) + 5);
  }

  #keyOf(item: T): number | undefined {
    const id = this.#idOf?.(item);
    if (typeof id === 'string' || typeof id === 'number') return hash52(`id:${String(id)}`);
    try {
      const json = JSON.stringify(item);
      return json === undefined ? undefined : hash52(`row:${json}`);
    } catch {
      return undefined;
    }
  }

  #loop(reason: PaginationLoopReason, page: number, message: string): ApiError {
    return new ApiError(message, {
      status: 200,
      method: 'GET',
      details: { reason, what: this.#what, page, pagesRead: this.#pages, maxPages: this.#limit },
    }, 'PAGINATION_LOOP');
  }
}

/**
 * `maxPages` as given, or the default; anything but a whole number of at least 1 is refused.
 *
 * @example
 * ```ts
 * checkMaxPages(undefined); // 5000
 * checkMaxPages(0);         // throws ValidationError INVALID_INPUT
 * ```
 */
export function checkMaxPages(maxPages: number | undefined): number {
  if (maxPages === undefined) return DEFAULT_MAX_PAGES;
  if (Number.isSafeInteger(maxPages) && maxPages >= 1) return maxPages;
  throw new ValidationError(`maxPages must be a whole number of at least 1; got ${JSON.stringify(maxPages) ?? String(maxPages)}. Nothing was sent to Zoho.`, [
    { path: ['maxPages'], message: 'not a whole number of at least 1', code: 'invalid_max_pages' },
  ]);
}

// A row's fingerprint (64-bit FNV-1a over UTF-16 units, as two 32-bit halves, cut to 52 bits so
// it is an exact number): cheap, synchronous, and enough to tell rows apart.
function hash52(text: string): number {
  let low = 0x84222325;
  let high = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    low ^= text.charCodeAt(i);
    // Multiply by the 64-bit FNV prime 0x100000001b3 in 32-bit halves.
    const lowProduct = Math.imul(low, 0x1b3) >>> 0;
    const carry = Math.floor(((low >>> 0) * 0x1b3) / 0x100000000);
    high = (Math.imul(high, 0x1b3) + Math.imul(low, 0x100) + carry) >>> 0;
    low = lowProduct;
  }
  return (high & 0xfffff) * 0x100000000 + (low >>> 0);
}
