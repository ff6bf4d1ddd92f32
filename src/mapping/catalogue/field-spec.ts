import type { ZohoEditionTag } from '../../schemas/edition-codes.js';
import type { ReferenceKind } from '../references.js';

/**
 * The value types the mapper knows. `ref` fields hold ids translated through a resolver;
 * `unknown` is a custom field of undeclared type (any scalar).
 */
export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'datetime' | 'enum' | 'ref' | 'unknown';

/** One field of a module on one side, in one edition. */
export interface FieldSpec {
  /** The path as entries write it; custom-field selectors use `*` for the label or id (`custom_fields[label=*].value`). */
  readonly path: string;
  readonly type: FieldType;
  /** Accepted values of an `enum` field (Zoho may still send others; see `openEnum`). */
  readonly enum?: readonly string[];
  /** What a `ref` field points at. */
  readonly ref?: ReferenceKind;
  /** Longest accepted text, from the "Max-length [n]" notes of Zoho's OpenAPI files. */
  readonly maxLength?: number;
  /** Zoho refuses a create without it. */
  readonly required?: boolean;
  /** Cannot be written: computed by Zoho, fixed by the sync type, or on the read side of a one-way module. */
  readonly readOnly?: boolean;
  /** Where the field is documented; `❓` marks a name the public docs do not confirm. */
  readonly source: string;
  /** A virtual array or object that entries reach into (`Lines` in `Lines[].Quantity`); not mappable itself. */
  readonly container?: boolean;
  /** A virtual field: computed from the record instead of read at `path`. */
  readonly read?: (record: Readonly<Record<string, unknown>>) => unknown;
  /**
   * The top-level fields of the record that `read` (or a container's reader) looks at. Tells the
   * syncer which fields of a record it reads it must keep; a virtual field without it keeps the
   * whole record.
   */
  readonly reads?: readonly string[];
}

/** A catalogue definition: a field plus the OAS edition tags it exists in. */
export interface FieldDef extends FieldSpec {
  readonly only?: readonly ZohoEditionTag[];
  readonly not?: readonly ZohoEditionTag[];
  /** The enum when it differs by edition tag (`tax_treatment`, `product_type`). */
  readonly enumByTag?: Partial<Record<ZohoEditionTag, readonly string[]>>;
}

type DefOptions = Omit<Partial<FieldDef>, 'path' | 'type' | 'source'>;

/** Builds a definition; `source` says where Zoho documents the field. */
export function def(path: string, type: FieldType, source: string, options: DefOptions = {}): FieldDef {
  return { path, type, source, ...options };
}

/** A text field with an optional maximum length. */
export function text(path: string, source: string, maxLength?: number, options: DefOptions = {}): FieldDef {
  return def(path, 'string', source, maxLength === undefined ? options : { maxLength, ...options });
}

/** Prefixes every definition's path (an address block under `billing_address`, an element under `line_items[]`). */
export function under(prefix: string, defs: readonly FieldDef[], options: DefOptions = {}): FieldDef[] {
  return defs.map((d) => ({ ...d, ...options, path: `${prefix}.${d.path}` }));
}

/** True when a definition exists in the edition tag. */
export function availableIn(field: FieldDef, tag: ZohoEditionTag): boolean {
  if (field.only && !field.only.includes(tag)) return false;
  return !(field.not && field.not.includes(tag));
}
