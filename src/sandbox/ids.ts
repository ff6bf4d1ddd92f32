/**
 * Hands out ids the way Zoho writes them: numeric strings. Books/Invoice record ids have 15 digits
 * (`460000000026049`, zoho-api.md §2.3), FSM ids 19 (CRM-style), organisation ids 8.
 * Sequential, so the same calls in the same order give the same ids.
 */
export class IdSource {
  #finance = 0;
  #fsm = 0;
  #org = 0;

  /** A Books/Invoice record id. */
  finance(): string {
    this.#finance += 1;
    return String(460_000_000_000_000 + this.#finance * 3);
  }

  /** An FSM record id. */
  fsm(): string {
    this.#fsm += 1;
    return `4150868${String(this.#fsm * 3).padStart(12, '0')}`;
  }

  /** An organisation id. */
  organization(): string {
    this.#org += 1;
    return String(60_012_000 + this.#org * 7);
  }
}
