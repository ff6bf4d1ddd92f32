import { SANDBOX_EDITIONS, editionInfo, type SandboxEdition } from '../editions.js';
import { addFinanceOrg } from '../org-factory.js';
import type { Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import type { FinanceUserContext } from './context.js';
import { success } from './envelope.js';
import { booksErrors } from './errors.js';
import { renderOrganization } from './organization-view.js';

/** GET /organizations: the token user's orgs of this app; deleted orgs are gone. */
export function listOrganizations(ctx: FinanceUserContext): Reply {
  const { world, user, app } = ctx;
  const now = world.now();
  const orgs = world.financeOrgsOf(user, app).filter((o) => !o.deleted);
  return success('success', { organizations: orgs.map((o) => renderOrganization(o, user, now, 'list')) });
}

/** GET /organizations/{id} */
export function getOrganization(ctx: FinanceUserContext): Reply {
  const org = ctx.world.financeOrg(ctx.params.id ?? '');
  if (!org || org.deleted || org.ownerEmail !== ctx.user.email || org.app !== ctx.app) return booksErrors.notAuthorized();
  return success('success', { organization: renderOrganization(org, ctx.user, ctx.world.now(), 'full') });
}

/** The edition a new org gets: from `version`, else its country or currency, else the data centre's. */
function editionOf(body: Record<string, unknown>): SandboxEdition | undefined {
  if (typeof body.version === 'string' && (SANDBOX_EDITIONS as readonly string[]).includes(body.version)) return body.version as SandboxEdition;
  const country = isObject(body.address) && typeof body.address.country === 'string' ? body.address.country.toLowerCase() : undefined;
  const currency = typeof body.currency_code === 'string' ? body.currency_code.toUpperCase() : undefined;
  return SANDBOX_EDITIONS.find((e) => editionInfo(e).country.toLowerCase() === country) ?? SANDBOX_EDITIONS.find((e) => editionInfo(e).currency.code === currency);
}

/**
 * POST /organizations: a new org of this app for the token's user — how FSM onboarding creates
 * a "New Zoho Invoice" org named after the FSM org. Free plan, no records.
 */
export function createOrganization(ctx: FinanceUserContext): Reply {
  const body = isObject(ctx.body) ? ctx.body : {};
  if (typeof body.name !== 'string' || body.name.trim() === '') return booksErrors.invalidValue('name');
  const edition = editionOf(body);
  const org = addFinanceOrg(ctx.world, ctx.user, ctx.app, {
    name: body.name.trim(),
    plan: 'free',
    ...(edition === undefined ? {} : { edition }),
    ...(typeof body.currency_code === 'string' ? { currencyCode: body.currency_code.toUpperCase() } : {}),
    records: 0,
  }, undefined);
  return success('success', { organization: renderOrganization(org, ctx.user, ctx.world.now(), 'full') }, 201);
}

/** PUT /organizations/{id}: name, and the flags the sandbox keeps. */
export function updateOrganization(ctx: FinanceUserContext): Reply {
  const org = ctx.world.financeOrg(ctx.params.id ?? '');
  if (!org || org.deleted || org.ownerEmail !== ctx.user.email || org.app !== ctx.app) return booksErrors.notAuthorized();
  const body = isObject(ctx.body) ? ctx.body : {};
  if (typeof body.name === 'string' && body.name.trim() !== '') org.name = body.name.trim();
  return success('success', { organization: renderOrganization(org, ctx.user, ctx.world.now(), 'full') });
}
