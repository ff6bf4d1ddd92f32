import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { UNDER_CI } from '../helpers/under-ci.js';

/**
 * Zoho's published OpenAPI description of Books v3, read at test time from the shared folder next
 * to the repository (never copied into it). Invoice has no published file here: its exchanges are
 * checked against the Books files, as the same API family.
 */
export const BOOKS_OPENAPI_DIR = process.env.ZOHO_OPENAPI_DIR ?? fileURLToPath(new URL('../../../shared/zoho-openapi/books-v3/', import.meta.url));

/**
 * Whether Zoho's files are there. A clone on its own (no shared folder beside it) cannot run the
 * contract tests and skips them, saying why; under CI (`CI=true`) they must run, so a missing
 * folder fails the suite instead of passing it unchecked.
 */
export const OPENAPI_AVAILABLE = existsSync(BOOKS_OPENAPI_DIR);
if (!OPENAPI_AVAILABLE && UNDER_CI) {
  throw new Error(`Zoho's OpenAPI description of Books is not at ${BOOKS_OPENAPI_DIR}; the contract tests cannot run under CI without it (set ZOHO_OPENAPI_DIR).`);
}
if (!OPENAPI_AVAILABLE) {
  console.warn(`Contract tests skipped: Zoho's OpenAPI description of Books is not at ${BOOKS_OPENAPI_DIR} (set ZOHO_OPENAPI_DIR to its folder).`);
}

/** A JSON-schema-like node of an OpenAPI 3.0 file (only the keys the validator reads). */
export interface SchemaNode {
  $ref?: string;
  type?: string;
  /** `date`, `date-time`, … (query parameters are checked for `date`). */
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  allOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
}

/** A declared parameter, after `$ref` resolution. */
export interface ParameterSpec {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema: SchemaNode | undefined;
}

/** One operation (method + path template) of one OpenAPI file. */
export interface OperationSpec {
  file: string;
  method: string;
  /** `/contacts/{contact_id}` */
  template: string;
  /** Path-item and operation parameters together (the operation's win on a name clash). */
  parameters: ParameterSpec[];
  /** The `application/json` request body schema, if the operation takes one. */
  requestBody: SchemaNode | undefined;
  /** Success reply schemas by status (`'200'`, `'201'`). */
  responses: Record<string, SchemaNode | undefined>;
  /** Resolves a `$ref` inside the operation's own file. */
  resolve(node: SchemaNode | undefined): SchemaNode | undefined;
}

type Json = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows `#/a/b/c` references inside one document (the files reference nothing outside themselves). */
function resolverOf(file: string, doc: Json): (node: unknown) => Json | undefined {
  return (node) => {
    let current = node;
    for (let hops = 0; isJson(current) && typeof current.$ref === 'string'; hops++) {
      const ref = current.$ref;
      if (hops > 32 || !ref.startsWith('#/')) throw new Error(`${file}: cannot resolve $ref ${ref}`);
      current = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((at, key) => (isJson(at) ? at[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc);
      if (current === undefined) throw new Error(`${file}: $ref ${ref} points at nothing`);
    }
    return isJson(current) ? current : undefined;
  };
}

function parametersOf(raw: unknown, resolve: (node: unknown) => Json | undefined): ParameterSpec[] {
  if (!Array.isArray(raw)) return [];
  return raw.map(resolve).filter(isJson).map((p) => ({
    name: String(p.name),
    in: String(p.in) as ParameterSpec['in'],
    required: p.required === true,
    schema: isJson(p.schema) ? (p.schema as SchemaNode) : undefined,
  }));
}

function jsonSchemaOf(content: unknown, resolve: (node: unknown) => Json | undefined): SchemaNode | undefined {
  const json = isJson(content) ? resolve(content['application/json']) : undefined;
  return json && isJson(json.schema) ? (json.schema as SchemaNode) : undefined;
}

function operationsOf(file: string, doc: Json): OperationSpec[] {
  const resolve = resolverOf(file, doc);
  const out: OperationSpec[] = [];
  for (const [template, rawItem] of Object.entries(isJson(doc.paths) ? doc.paths : {})) {
    const item = resolve(rawItem);
    if (!item) continue;
    const shared = parametersOf(item.parameters, resolve);
    for (const method of METHODS) {
      const op = resolve(item[method]);
      if (!op) continue;
      const own = parametersOf(op.parameters, resolve);
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const body = resolve(op.requestBody);
      const responses: Record<string, SchemaNode | undefined> = {};
      for (const [status, reply] of Object.entries(isJson(op.responses) ? op.responses : {})) {
        const resolved = resolve(reply);
        responses[status] = resolved ? jsonSchemaOf(resolved.content, resolve) : undefined;
      }
      out.push({
        file,
        method: method.toUpperCase(),
        template,
        parameters,
        requestBody: body ? jsonSchemaOf(body.content, resolve) : undefined,
        responses,
        resolve: (node) => resolve(node) as SchemaNode | undefined,
      });
    }
  }
  return out;
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** What {@link OpenApiIndex.match} finds for a method and a concrete path. */
export type OperationMatch =
  | { kind: 'found'; operations: Array<{ operation: OperationSpec; params: Record<string, string> }> }
  | { kind: 'method-not-declared'; templates: string[] }
  | { kind: 'path-not-declared' };

/** Every operation of every Books OpenAPI file, matched by method and concrete path. */
export class OpenApiIndex {
  readonly operations: readonly OperationSpec[];

  constructor(operations: OperationSpec[]) {
    this.operations = operations;
  }

  /** Reads every `*.yml` file of a folder; no operation at all when the folder is missing (the tests using it are skipped then). */
  static load(dir = BOOKS_OPENAPI_DIR): OpenApiIndex {
    if (!existsSync(dir)) return new OpenApiIndex([]);
    const files = readdirSync(dir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml')).sort();
    if (files.length === 0) throw new Error(`No OpenAPI files in ${dir}`);
    return new OpenApiIndex(files.flatMap((file) => operationsOf(file, parse(readFileSync(dir + file, 'utf8')) as Json)));
  }

  /**
   * The operations declaring `method` on a template that matches `path`. A literal segment beats a
   * parameter (`/contacts/contactpersons` before `/contacts/{contact_id}`); several files may
   * declare the same template, and all of them are returned.
   */
  match(method: string, path: string): OperationMatch {
    const parts = segments(path);
    let best = -1;
    let found: Array<{ operation: OperationSpec; params: Record<string, string> }> = [];
    const templates = new Set<string>();
    for (const op of this.operations) {
      const pattern = segments(op.template);
      if (pattern.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let i = 0; i < pattern.length && ok; i++) {
        const p = pattern[i] as string;
        const v = parts[i] as string;
        if (p.startsWith('{') && p.endsWith('}')) params[p.slice(1, -1)] = decodeURIComponent(v);
        else if (p === v) score++;
        else ok = false;
      }
      if (!ok) continue;
      templates.add(op.template);
      if (op.method !== method.toUpperCase()) continue;
      if (score > best) {
        best = score;
        found = [];
      }
      if (score === best) found.push({ operation: op, params });
    }
    if (found.length > 0) return { kind: 'found', operations: found };
    return templates.size > 0 ? { kind: 'method-not-declared', templates: [...templates] } : { kind: 'path-not-declared' };
  }
}
