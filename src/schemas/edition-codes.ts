// Edition codes without zod, so the browser-sized `fsm-billing-sync/eligibility` entry can use them.

/**
 * The tax editions the product supports, one per country (GCC countries each have their own),
 * plus `global`. `bh` and `om` exist where Books offers them.
 */
export const TAX_EDITIONS = [
  'us', 'ca', 'au', 'in', 'uk', 'de', 'ae', 'sa', 'kw', 'qa', 'za', 'global', 'bh', 'om',
] as const;

/** A tax edition code of the product (`'in'`, `'ae'`, ...). */
export type TaxEdition = (typeof TAX_EDITIONS)[number];

/**
 * The edition tags Zoho's OAS uses in `x-node_available_in` / `x-node_unavailable_in` to gate
 * fields. GCC groups the six Gulf countries; `eu` covers Germany.
 */
export const ZOHO_EDITION_TAGS = ['us', 'ca', 'au', 'in', 'uk', 'eu', 'gcc', 'global', 'mx', 'ke', 'za'] as const;

/** An edition tag of Zoho's OAS (`'gcc'`, `'eu'`, ...). */
export type ZohoEditionTag = (typeof ZOHO_EDITION_TAGS)[number];

/** The Gulf editions, which Zoho's OAS tags as one `gcc` edition. */
export const GCC_TAX_EDITIONS = ['ae', 'sa', 'kw', 'qa', 'bh', 'om'] as const satisfies readonly TaxEdition[];

const TAG_OF: Readonly<Record<TaxEdition, ZohoEditionTag>> = {
  us: 'us', ca: 'ca', au: 'au', in: 'in', uk: 'uk', de: 'eu', za: 'za', global: 'global',
  ae: 'gcc', sa: 'gcc', kw: 'gcc', qa: 'gcc', bh: 'gcc', om: 'gcc',
};

/**
 * The OAS edition tag that gates a tax edition's fields: Gulf countries map to `gcc`, Germany to
 * `eu`, the rest to themselves. Use it to ask whether a field tagged `[only: in, gcc]` applies.
 *
 * @example
 * ```ts
 * toZohoEditionTag('ae'); // 'gcc'
 * toZohoEditionTag('de'); // 'eu'
 * ```
 */
export function toZohoEditionTag(edition: TaxEdition): ZohoEditionTag {
  return TAG_OF[edition];
}

/**
 * Whether a string is one of the product's {@link TAX_EDITIONS}.
 *
 * @example
 * ```ts
 * if (isTaxEdition(input)) toZohoEditionTag(input);
 * ```
 */
export function isTaxEdition(value: unknown): value is TaxEdition {
  return typeof value === 'string' && (TAX_EDITIONS as readonly string[]).includes(value);
}
