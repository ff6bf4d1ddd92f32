import { checkMaxPages, PageWalk } from './page-walk.js';

/** One page of a list. */
export interface Page<T> {
  /** The records of this page. */
  items: T[];
  /** 1-based page number. */
  page: number;
  /** True when Zoho says another page follows (`page_context.has_more_page`, FSM `info.more_records`). */
  hasMore: boolean;
  /**
   * The order the server says this page is in (Books `page_context.sort_column` and `sort_order`),
   * when the reply says it. A caller that relies on an order checks it here rather than assuming
   * the one it asked for.
   */
  sort?: PageSort | undefined;
  /**
   * How many records the whole list holds, when the reply says (Books `page_context.total`). The
   * first page's total bounds how many pages a walk fetches.
   */
  total?: number | undefined;
}

/** How a list page says it is sorted. */
export interface PageSort {
  /** The field sorted by (`last_modified_time`). */
  column?: string | undefined;
  /** `A` ascending, `D` descending. */
  order?: 'A' | 'D' | undefined;
}

/** Fetches page `page` (1-based). */
export type PageFetcher<T> = (page: number, signal: AbortSignal | undefined) => Promise<Page<T>>;

/** How a {@link Paginator} walks. */
export interface PaginatorOptions<T> {
  /** Stops the walk before the next page (and per record). */
  signal?: AbortSignal | undefined;
  /** The first page fetched (1-based). Default 1. */
  startPage?: number | undefined;
  /** What is walked, for error messages: `GET /contacts`. */
  what?: string | undefined;
  /** A row's identity (its Zoho id), to notice a page of rows already read. */
  idOf?: ((item: T) => unknown) | undefined;
  /** Most pages one walk fetches; default `DEFAULT_MAX_PAGES` (5,000). */
  maxPages?: number | undefined;
  /** Only rows it accepts are yielded; a page's rows are checked for repeats before it. */
  keep?: ((item: T) => boolean) | undefined;
}

/**
 * Every record of a Zoho list, fetched page by page as you iterate (200 per page, Zoho's
 * maximum). `for await (const r of list)` walks records; `list.pages()` walks pages. Nothing is
 * fetched until you iterate, and an aborted signal stops the walk before the next page.
 *
 * A reply that says more pages follow for ever cannot hold a walk: a page whose rows were all read
 * on earlier pages, or a walk past its page cap (`maxPages`, or less when the first page reports
 * the list's total), stops it with an `ApiError` of code `PAGINATION_LOOP`, and nothing more is
 * fetched.
 *
 * @example
 * ```ts
 * for await (const contact of client.finance.contacts.list({ sortColumn: 'last_modified_time' })) {
 *   console.log(contact.contact_name);
 * }
 * const firstTwoHundred = (await client.finance.items.list().pages().next()).value?.items;
 * ```
 */
export class Paginator<T> implements AsyncIterable<T> {
  readonly #fetchPage: PageFetcher<T>;
  readonly #options: PaginatorOptions<T>;

  constructor(fetchPage: PageFetcher<T>, options: PaginatorOptions<T> = {}) {
    this.#fetchPage = fetchPage;
    this.#options = options;
    // A bad maxPages is refused at the call, not at the first iteration.
    checkMaxPages(options.maxPages);
  }

  /** Walks the list a page at a time. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    const { signal, keep, what, maxPages, idOf } = this.#options;
    const walk = new PageWalk<T>({ what: what ?? 'the list', maxPages, idOf });
    for (let page = this.#options.startPage ?? 1; ; page++) {
      signal?.throwIfAborted();
      const result = await this.#fetchPage(page, signal);
      walk.admit(result);
      yield keep ? { ...result, items: result.items.filter(keep) } : result;
      if (!result.hasMore || result.items.length === 0) return;
      walk.assertMayContinue();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    const signal = this.#options.signal;
    for await (const page of this.pages()) {
      for (const item of page.items) {
        // Checked per record so a walk stops where the caller aborted, not at the page's end.
        signal?.throwIfAborted();
        yield item;
      }
    }
  }

  /** Collects every record into an array. Prefer iterating for large lists. */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
}
