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

/**
 * Every record of a Zoho list, fetched page by page as you iterate (200 per page, Zoho's
 * maximum). `for await (const r of list)` walks records; `list.pages()` walks pages. Nothing is
 * fetched until you iterate, and an aborted signal stops the walk before the next page.
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
  readonly #signal: AbortSignal | undefined;
  readonly #startPage: number;

  constructor(fetchPage: PageFetcher<T>, options: { signal?: AbortSignal | undefined; startPage?: number } = {}) {
    this.#fetchPage = fetchPage;
    this.#signal = options.signal;
    this.#startPage = options.startPage ?? 1;
  }

  /** Walks the list a page at a time. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    for (let page = this.#startPage; ; page++) {
      this.#signal?.throwIfAborted();
      const result = await this.#fetchPage(page, this.#signal);
      yield result;
      if (!result.hasMore || result.items.length === 0) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) {
      for (const item of page.items) {
        // Checked per record so a walk stops where the caller aborted, not at the page's end.
        this.#signal?.throwIfAborted();
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
