import type { FinanceResourceName, FsmModuleName, ModuleBinding } from './modules.js';
import type { MappingModule } from './types.js';

function field(record: unknown, name: string): unknown {
  return typeof record === 'object' && record !== null && Object.hasOwn(record, name) ? (record as Record<string, unknown>)[name] : undefined;
}

/**
 * The module an FSM record goes through under a module map, or `undefined` when it is not synced.
 * Under type IV a contact with a company becomes its contact person, others individual customers.
 */
export function routeFsmRecord(bindings: readonly ModuleBinding[], fsmModule: FsmModuleName, record: unknown): MappingModule | undefined {
  const candidates = bindings.filter((b) => b.fsm.module === fsmModule);
  if (candidates.length <= 1) return candidates[0]?.module;
  const company = field(record, 'Company');
  const when = company === undefined || company === null || company === '' ? 'without_company' : 'with_company';
  return candidates.find((b) => b.fsm.when === when)?.module;
}

/** The module a finance record goes through: a customer by its `customer_sub_type` (business by default, as Books creates them). */
export function routeFinanceRecord(bindings: readonly ModuleBinding[], resource: FinanceResourceName, record: unknown): MappingModule | undefined {
  const candidates = bindings.filter((b) => b.finance.resource === resource);
  if (resource !== 'contacts') return candidates[0]?.module;
  const subType = field(record, 'customer_sub_type') === 'individual' ? 'individual' : 'business';
  return candidates.find((b) => b.finance.customerSubType === subType)?.module;
}
