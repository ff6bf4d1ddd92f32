import type { PageSort } from '../../transport/paginator.js';

/**
 * Whether a list walked by modified time is newest first, judged from what the walk reads.
 * Zoho's published API description of GET /contacts declares `sort_column` but not `sort_order`,
 * so the descending order the walk asks for is a hope, not a promise: were it ignored, the rows
 * would come oldest first and a walk that stops at the first row older than its cursor would miss
 * every change after it. The walk may stop early only once this check confirms the order.
 *
 * Confirmed means: some row was older than the one before it, none was newer, and no page said it
 * was sorted otherwise (`page_context.sort_order` `A`, or another column). Equal times prove
 * nothing either way (Zoho's times have whole seconds).
 *
 * @example
 * ```ts
 * const order = new NewestFirstCheck('last_modified_time');
 * order.page({ column: 'last_modified_time', order: 'D' });
 * for (const at of [30, 20, 20, 10]) order.row(at);
 * order.confirmed; // true
 * ```
 */
export class NewestFirstCheck {
  readonly #column: string;
  #last: number | undefined;
  #fell = false;
  #rose = false;
  #saidOtherwise = false;

  constructor(column: string) {
    this.#column = column;
  }

  /** Takes the order a page reports, when it reports one. */
  page(sort: PageSort | undefined): void {
    if (sort?.order === 'A' || (sort?.column !== undefined && sort.column !== this.#column)) this.#saidOtherwise = true;
  }

  /** Takes the next row's time (epoch ms); rows without one say nothing. */
  row(at: number | undefined): void {
    if (at === undefined) return;
    if (this.#last !== undefined && at < this.#last) this.#fell = true;
    if (this.#last !== undefined && at > this.#last) this.#rose = true;
    this.#last = at;
  }

  /** The rows after those seen are no newer than the last one seen. */
  get confirmed(): boolean {
    return this.#fell && !this.#rose && !this.#saidOtherwise;
  }
}
