import type { SandboxFinanceResource } from '../org-state.js';
import type { Reply } from '../reply.js';
import type { FinanceContext } from './context.js';
import { success } from './envelope.js';
import { booksErrors } from './errors.js';

/**
 * `POST /{resource}/{id}/active | /inactive` (contacts, items): sets `status`, bumps the modified
 * time, and answers with Zoho's message.
 */
export function markStatus(resource: SandboxFinanceResource, label: 'Contact' | 'Item', status: 'active' | 'inactive') {
  return (ctx: FinanceContext): Reply => {
    const id = ctx.params.id ?? '';
    const table = ctx.org.tables[resource];
    if (!table.get(id)) return booksErrors.notFound(label);
    table.update(id, { status }, ctx.world.now());
    return success(`The ${label.toLowerCase()} has been marked as ${status}.`);
  };
}
