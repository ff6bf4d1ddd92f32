import type { SandboxCall } from './call-log.js';
import type { HostedApi } from './hosts.js';
import type { SandboxWorld, UserState } from './world.js';

/** One call on its way through the sandbox. */
export interface CallState {
  world: SandboxWorld;
  request: Request;
  url: URL;
  /** Path below the API base. */
  path: string;
  api: HostedApi;
  call: SandboxCall;
  /** How long the reply takes, in ms on the clock (latency plus a `slow` fault). */
  delayMs: number;
}

/** Waits `ms` on the sandbox clock (nothing when 0), giving up when the request is aborted. */
export async function replyDelay(state: CallState): Promise<void> {
  if (state.delayMs > 0) await state.world.clock.sleep(state.delayMs, state.request.signal);
}

/**
 * The user behind `Authorization: Zoho-oauthtoken <token>`, or `undefined` when
 * the header is missing, the token unknown or expired, or issued by another data centre.
 */
export function authenticate(state: CallState): UserState | undefined {
  const header = state.request.headers.get('authorization') ?? '';
  const match = /^Zoho-oauthtoken\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) return undefined;
  const owner = state.world.tokens.resolve(match[1]);
  if (owner === undefined || owner === 'expired' || owner.region !== state.api.region) return undefined;
  return state.world.user(owner.email);
}
