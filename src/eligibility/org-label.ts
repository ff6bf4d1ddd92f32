import type { FinanceOrg } from './finance-org.js';

/** `Zoho Books organisation "Zylker" (60012345)`: how messages name an org. */
export function orgLabel(org: Pick<FinanceOrg, 'app' | 'name' | 'organizationId'>): string {
  return `${appName(org.app)} organisation "${org.name}" (${org.organizationId})`;
}

/** `Zoho Books` or `Zoho Invoice`. */
export function appName(app: FinanceOrg['app']): string {
  return app === 'books' ? 'Zoho Books' : 'Zoho Invoice';
}
