import type { Storage } from '../storage/storage.js';
import type { FinanceBinding } from './finance-binding.js';

/** Default Storage namespace of the binding, the onboarding progress and switch attempts. */
export const INTEGRATION_KEY_PREFIX = 'integration/';

/** A create of a new Invoice org that may not have finished: enough to find the org again. */
export interface NewInvoiceIntent {
  name: string;
  /** Invoice orgs that existed before the create: never adopted as "the new one". */
  knownIds: string[];
  startedAt: number;
}

/**
 * The binding and the new-Invoice intent in Storage. Writes go through compareAndSet, so two
 * processes selecting at once cannot both bind (a binding is made once, whatever runs beside it).
 */
export class BindingStore {
  readonly #storage: Storage;
  readonly #bindingKey: string;
  readonly #intentKey: string;

  constructor(storage: Storage, prefix: string) {
    this.#storage = storage;
    this.#bindingKey = `${prefix}binding`;
    this.#intentKey = `${prefix}new-invoice-intent`;
  }

  get(): Promise<FinanceBinding | undefined> {
    return this.#storage.get<FinanceBinding>(this.#bindingKey);
  }

  /** Replaces `expected` (undefined: nothing bound) with `next`; false when someone else wrote first. */
  replace(expected: FinanceBinding | undefined, next: FinanceBinding): Promise<boolean> {
    return this.#storage.compareAndSet(this.#bindingKey, expected, next);
  }

  intent(): Promise<NewInvoiceIntent | undefined> {
    return this.#storage.get<NewInvoiceIntent>(this.#intentKey);
  }

  async writeIntent(intent: NewInvoiceIntent): Promise<void> {
    await this.#storage.batch([{ type: 'put', key: this.#intentKey, value: intent }]);
  }

  async clearIntent(): Promise<void> {
    await this.#storage.batch([{ type: 'delete', key: this.#intentKey }]);
  }
}
