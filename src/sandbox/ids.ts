/**
 * Hands out ids the way Zoho writes them: numeric strings. Books/Invoice record ids have 15 digits
 * (`460000000026049`), FSM ids 19 (CRM-style), organisation ids 8.
 * Sequential, so the same calls in the same order give the same ids.
 */
export class IdSource {
  #finance = 0;
  #fsm = 0;
  #org = 0;
  #account = 0;

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

  /**
   * A chart-of-accounts id: 15 digits like a record id, from its own sequence (offset by 2 from the
   * record ids' steps of 3, so the two never meet), so seeding a chart does not move the ids of the
   * records made after it.
   */
  account(): string {
    this.#account += 1;
    return String(460_000_000_000_002 + this.#account * 3);
  }

  /** An organisation id. */
  organization(): string {
    this.#org += 1;
    return String(60_012_000 + this.#org * 7);
  }
}
