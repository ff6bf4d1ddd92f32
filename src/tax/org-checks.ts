import { TaxError } from '../errors/tax-error.js';
import type { TaxEditionModel } from './edition-model.js';
import type { FinanceTaxSettings } from './tax-config.js';

/**
 * Refuses a finance org whose taxes FSM cannot take over: another edition ("Tax
 * Edition Mismatch"), Avalara outside the US edition, and — for a push — Avalara at all
 * (Avalara computes the taxes) or taxes disabled ("Tax Disabled").
 */
export function assertUsableOrg(settings: FinanceTaxSettings, model: TaxEditionModel, action: 'pull' | 'push'): void {
  const details = { organizationId: settings.organizationId, edition: model.code, financeEdition: settings.edition };
  if (settings.edition !== undefined && settings.edition !== model.code) {
    throw new TaxError(
      'TAX_EDITION_MISMATCH',
      `The finance organisation ${settings.organizationId} uses the ${settings.edition} tax edition, not ${model.code}: choose an organisation of the ${model.code} edition, or build TaxSync with edition '${settings.edition}'.`,
      { details },
    );
  }
  if (settings.avalara === true && !model.supports.avalara) {
    throw new TaxError('TAX_MANAGED_BY_AVALARA', `The finance organisation ${settings.organizationId} uses Avalara, which FSM supports only in the US edition (not ${model.code}): turn Avalara off in Books or choose another organisation.`, { details });
  }
  if (action === 'pull') return;
  if (settings.avalara === true) {
    throw new TaxError('TAX_MANAGED_BY_AVALARA', `Taxes of the finance organisation ${settings.organizationId} are managed by Avalara, so none are pushed: use pull() to keep the items' Avalara tax codes.`, { details });
  }
  if (settings.taxEnabled === false) {
    throw new TaxError('TAX_DISABLED_IN_FINANCE', `Taxes are disabled in the finance organisation ${settings.organizationId}: enable them in Books/Invoice (Settings > Taxes) and push again.`, { details });
  }
}
