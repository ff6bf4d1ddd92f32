import type { CallOptions } from '../list-params.js';
import { idSegment } from '../path.js';
import { financeCall, type FinanceContext } from './finance-context.js';

/** `POST {path}/{id}/active|inactive` (contacts, items: zoho-api.md §3.3, §3.5). Repeating it is harmless, so it is retried. */
export async function setActive(context: FinanceContext, path: string, label: string, id: string, active: boolean, options: CallOptions): Promise<void> {
  await financeCall(context, {
    method: 'POST',
    path: `${path}/${idSegment(id, `${label} id`)}/${active ? 'active' : 'inactive'}`,
    retrySafe: true,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
