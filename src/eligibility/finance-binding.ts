import type { FinanceApp } from '../client/finance/finance-context.js';
import type { TaxEdition } from '../schemas/edition-codes.js';
import type { OnboardingChoice } from './evaluate-eligibility.js';

/**
 * Which finance org the FSM organisation is bound to, as `OrgSelector` stores it (JSON in Storage).
 *
 * @example
 * ```ts
 * const binding = await selector.binding();
 * if (binding) console.log(`${binding.app} ${binding.organizationId} since ${new Date(binding.boundAt).toISOString()}`);
 * ```
 */
export interface FinanceBinding {
  /** `'books'` or `'invoice'`. */
  app: FinanceApp;
  /** The finance org's id. */
  organizationId: string;
  /** Its name when bound. */
  name: string;
  /** Its tax edition when bound (absent when unknown). */
  edition?: TaxEdition;
  /** Its base currency when bound (absent when unknown). */
  currencyCode?: string;
  /** The onboarding choice that made it, or `'switch'`. */
  choice: OnboardingChoice | 'switch';
  /** When it was bound, ms since the epoch (the client's clock). */
  boundAt: number;
  /** The FSM sign-up email given to `options()` / `select()`, if any. */
  email?: string;
  /** The org bound before a switch. */
  previous?: { app: FinanceApp; organizationId: string; name: string; unboundAt: number };
}
