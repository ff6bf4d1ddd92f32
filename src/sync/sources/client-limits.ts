import type { FinanceApi } from '../../client/finance/finance-api.js';
import type { IntegrationClient } from '../../client/integration-client.js';
import { ConfigError } from '../../errors/config-error.js';
import type { SourceLimits } from './record-source.js';

// The client's rate limiter keys: one per finance organisation, one for FSM (request-pipeline.ts).
const FSM_KEY = 'fsm';
const financeKey = (organizationId: string | undefined): string => `finance:${organizationId ?? 'none'}`;

/**
 * The limits the client keeps a finance organisation to: its plan's (read by `client.limitsFor()`,
 * with the calls already spent today by every client on the same storage), or, with a shared
 * `limiter` (no plan is read), the limiter's own numbers and what this process spent today.
 */
export async function financeLimits(client: IntegrationClient, finance: FinanceApi): Promise<SourceLimits> {
  if (finance.organizationId !== undefined) {
    try {
      const info = await client.limitsFor(finance.organizationId);
      return {
        perMinute: info.perMinute,
        perDay: info.perDay,
        usedToday: info.usedToday,
        resumeAt: info.resumeAt,
        plan: info.plan,
        ...(info.source === 'fallback' ? { note: `the plan is not known (${info.reason ?? 'no reason given'}): the free plan's pace, and no daily cap of the client's own (Zoho's still applies)` } : {}),
      };
    } catch (error) {
      // A shared limiter: limitsFor() is not available, the limiter's numbers rule.
      if (!(error instanceof ConfigError)) throw error;
    }
  }
  const key = financeKey(finance.organizationId);
  return {
    perMinute: client.limiter.limitsOf(key).perMinute,
    perDay: client.limiter.perDay,
    usedToday: client.limiter.usage(key).today,
    note: "the client's limiter (no plan read): calls spent today by other processes are not counted",
  };
}

/**
 * What the client knows of FSM's limits: the pace its limiter keeps FSM calls to, and a daily cap
 * only when a shared `limiter` sets one. FSM's own daily allowance (API credits by edition) is not
 * known to the client; calls spent today are those of this process.
 */
export function fsmLimits(client: IntegrationClient): Promise<SourceLimits> {
  const perDay = client.limiter.perDay;
  return Promise.resolve({
    perMinute: client.limiter.limitsOf(FSM_KEY).perMinute,
    perDay,
    usedToday: client.limiter.usage(FSM_KEY).today,
    note: perDay === undefined
      ? "Zoho FSM's daily API allowance is not known to the client: no daily cap counted"
      : "the shared limiter's daily cap; FSM's own allowance is not known to the client",
  });
}
