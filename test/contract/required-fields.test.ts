import { describe, expect, it } from 'vitest';
import { REQUIRED_BODY_FIELDS } from '../../src/sandbox/books/required-fields.js';
import { financeRoutes } from '../../src/sandbox/books/routes.js';
import { OPENAPI_AVAILABLE, OpenApiIndex, type OperationSpec, type SchemaNode } from './openapi-index.js';

const index = OpenApiIndex.load();

// Fields the sandbox requires beyond the published description, each a documented assumption.
const BEYOND_DESCRIPTION: Record<string, string[]> = { 'POST /contacts/contactpersons': ['contact_id'] };

/** Top-level `required` fields, and `array[].field` for required fields of array entries. */
function requiredOf(operation: OperationSpec): string[] {
  const root = operation.resolve(operation.requestBody);
  if (!root) return [];
  const out = [...(root.required ?? [])];
  for (const [name, raw] of Object.entries(root.properties ?? {})) {
    const property: SchemaNode | undefined = operation.resolve(raw);
    const items = property?.type === 'array' ? operation.resolve(property.items) : undefined;
    for (const inner of items?.required ?? []) out.push(`${name}[].${inner}`);
  }
  return out;
}

describe.skipIf(!OPENAPI_AVAILABLE)('the sandbox refuses exactly the writes the published description of Books refuses', () => {
  const writes = financeRoutes.list().filter((r) => r.method === 'POST' || r.method === 'PUT');

  it.each(writes.map((r) => [`${r.method} ${r.template}`, r] as const))('%s requires what Zoho marks required', (key, route) => {
    const match = index.match(route.method, route.template.replace(/\{[^}]+\}/g, '460000000000001'));
    expect(match.kind, `${key} is not in the published description`).toBe('found');
    const declared = match.kind === 'found' ? [...new Set(match.operations.flatMap(({ operation }) => requiredOf(operation)))] : [];
    const expected = [...declared, ...(BEYOND_DESCRIPTION[key] ?? [])].sort();
    expect([...(REQUIRED_BODY_FIELDS[key] ?? [])].sort()).toEqual(expected);
  });
});
