import type { ModuleBinding } from './modules.js';
import { compileReader } from './compile/read-path.js';
import { parsePath } from './path.js';
import type { MappingSide } from './catalogue/index.js';

/**
 * The text two records are paired by on a first run (Company Name,
 * Email, Item Name): trimmed, inner spaces collapsed, Unicode-normalised and lower-cased, so
 * `"ACME  Ltd "` and `"acme ltd"` pair. `undefined` for a blank or non-text value.
 *
 * @example
 * ```ts
 * normalizeMatchValue('  Zylker  Inc. '); // 'zylker inc.'
 * ```
 */
export function normalizeMatchValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return text === '' ? undefined : text;
}

function primaryEmailReader() {
  const segments = parsePath('contact_persons[is_primary_contact=true].email');
  if (!Array.isArray(segments)) throw new TypeError(segments.message);
  return compileReader(segments);
}

const PRIMARY_EMAIL = /* @__PURE__ */ primaryEmailReader();

/**
 * The match value of a record on one side of a module, or `undefined` (no key, or blank). A Books
 * customer's email is its primary person's: list replies flatten it to `email`, full replies keep
 * it in `contact_persons`.
 */
export function matchValue(binding: ModuleBinding, side: MappingSide, record: unknown): string | undefined {
  const key = binding.matchKey;
  if (!key || typeof record !== 'object' || record === null) return undefined;
  const field = side === 'fsm' ? key.fsm : key.finance;
  const direct = Object.hasOwn(record, field) ? normalizeMatchValue((record as Record<string, unknown>)[field]) : undefined;
  if (direct !== undefined || side === 'fsm' || binding.finance.resource !== 'contacts' || field !== 'email') return direct;
  return normalizeMatchValue(PRIMARY_EMAIL(record));
}
