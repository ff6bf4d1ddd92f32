/**
 * `fsm-billing-sync/sandbox`: an in-memory Zoho (Books, Invoice, FSM and the accounts server of
 * every data centre) for developing and testing integrations without touching production.
 * See docs/sandbox.md for what is simulated and what is not.
 *
 * @packageDocumentation
 * @module fsm-billing-sync/sandbox
 */
export { createSandbox, type Sandbox, type SandboxCredentials } from './create-sandbox.js';
export {
  DEFAULT_SANDBOX_CLIENT,
  type SandboxOptions,
  type SandboxUserInit,
  type FinanceOrgInit,
  type FsmOrgInit,
  type RecordCounts,
  type SandboxClient,
  type UndocumentedBehaviour,
} from './options.js';
export { SANDBOX_EDITIONS, isSandboxEdition, type SandboxEdition } from './editions.js';
export { PLAN_DAILY_CAPS, FINANCE_RESOURCES, FSM_MODULES, type SandboxPlan, type SandboxFinanceResource, type SandboxFsmModule } from './org-state.js';
export type { SandboxOrgInfo, SandboxOrgPatch } from './org-info.js';
export type { SandboxResource } from './inspect.js';
export type { PayByLinkOptions } from './pay-by-link.js';
export type { LimitOptions, LimitUsage } from './limits.js';
export {
  FAULT_KINDS,
  FaultInjector,
  type FaultKind,
  type FaultSpec,
  type FaultMatch,
  type FaultOptions,
  type ScriptedFault,
  type InjectedFault,
  type SandboxApp,
} from './faults.js';
export { CallLog, type SandboxCall, type CallFilter } from './call-log.js';
export { DRIFT_FIELD } from './drift.js';
export { sandboxHosts } from './hosts.js';
