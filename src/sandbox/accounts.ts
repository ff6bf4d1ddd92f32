import { REGION_HOSTS, type Region } from '../regions.js';
import { json, type Reply } from './reply.js';
import { ACCESS_TOKEN_TTL_SECONDS } from './token-registry.js';
import type { SandboxWorld } from './world.js';

/**
 * The token endpoint's parameters: from the query string, a form body, or a Basic auth header
 * for the client credentials.
 */
async function tokenParams(request: Request, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams);
  const type = request.headers.get('content-type') ?? '';
  if (request.body !== null && (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data'))) {
    const form = await request.formData();
    for (const [key, value] of form) if (typeof value === 'string') params.set(key, value);
  }
  const auth = request.headers.get('authorization');
  if (auth?.startsWith('Basic ')) {
    const [id, secret] = atob(auth.slice(6)).split(':');
    if (id !== undefined && !params.has('client_id')) params.set('client_id', id);
    if (secret !== undefined && !params.has('client_secret')) params.set('client_secret', secret);
  }
  return params;
}

/** The API domain the token response names: the region's `www.zohoapis.*` origin. */
function apiDomain(region: Region): string {
  return new URL(REGION_HOSTS[region].books).origin;
}

/**
 * ⚠️ Token errors: Zoho answers `{ "error": "invalid_code" }` and the like in the body (only
 * third-party tests show them); the sandbox sends them with HTTP 200, as Zoho
 * is widely reported to. The budget refusal is HTTP 400.
 */
const tokenError = (error: string): Reply => json(200, { error });

// Zoho: "up to ten access tokens in a span of ten minutes" per refresh token.
const tooMany = (): Reply =>
  json(400, {
    error: 'Access Denied',
    error_description: 'You have made too many requests continuously. Please try again after some time.',
  });

/** POST /oauth/v2/token and /oauth/v2/token/revoke on `accounts.zoho.*`. */
export async function serveAccounts(world: SandboxWorld, request: Request, url: URL, path: string, region: Region): Promise<Reply> {
  if (path === '/token/revoke' && request.method === 'POST') {
    const params = await tokenParams(request, url);
    world.tokens.revoke(params.get('token') ?? '');
    return json(200, { status: 'success' });
  }
  if (path !== '/token') return { status: 404, text: 'Not Found' };
  if (request.method !== 'POST') return { status: 405, text: 'Method Not Allowed' };
  const params = await tokenParams(request, url);
  const clientId = params.get('client_id') ?? '';
  const client = world.clients.find((c) => c.clientId === clientId);
  if (!client || client.clientSecret !== params.get('client_secret')) return tokenError('invalid_client');
  const grantType = params.get('grant_type');
  const base = { api_domain: apiDomain(region), token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS };
  if (grantType === 'refresh_token') {
    const result = world.tokens.refresh(params.get('refresh_token') ?? '', clientId, region);
    if (result === 'too_many_requests') return tooMany();
    if (typeof result === 'string') return tokenError(result);
    return json(200, { access_token: result.accessToken, ...base });
  }
  if (grantType === 'authorization_code') {
    const result = world.tokens.redeemGrant(params.get('code') ?? '', clientId, region);
    if (result === 'too_many_requests') return tooMany();
    if (typeof result === 'string') return tokenError(result);
    return json(200, { access_token: result.accessToken, refresh_token: result.refreshToken, ...base });
  }
  return tokenError('unsupported_grant_type');
}
