import { checkValue } from './schema-check.js';
import type { OpenApiIndex, OperationSpec, ParameterSpec } from './openapi-index.js';
import type { Exchange } from './record-exchanges.js';

/** A deliberate, explained departure from Zoho's published description. */
export interface ContractException {
  /** The operations it covers, tested against `METHOD /template` (e.g. `GET /contacts`). */
  operations: RegExp;
  /** A query parameter the SDK sends although the operation does not declare it. */
  undeclaredQuery?: string;
  /** A request body field whose declared type the SDK does not follow (matched against the problem text). */
  requestField?: RegExp;
  /** A reply field whose declared type the sandbox does not follow. */
  replyField?: RegExp;
  reason: string;
}

/** One problem of one exchange, with the exchange named. */
export interface ContractViolation {
  exchange: string;
  problem: string;
}

function label(exchange: Exchange): string {
  const query = exchange.query.length === 0 ? '' : `?${exchange.query.map(([k, v]) => `${k}=${v}`).join('&')}`;
  return `#${exchange.seq} ${exchange.method} /${exchange.app}/v3${exchange.path}${query} → ${exchange.status}`;
}

function excepted(exceptions: readonly ContractException[], method: string, template: string, test: (e: ContractException) => boolean): boolean {
  return exceptions.some((e) => e.operations.test(`${method} ${template}`) && test(e));
}

/** True when `exception` covers a departure this exchange shows. */
export function exceptionUsed(index: OpenApiIndex, exchange: Exchange, exception: ContractException): boolean {
  const match = index.match(exchange.method, exchange.path);
  if (match.kind !== 'found') return false;
  return match.operations.some(({ operation }) => {
    if (!exception.operations.test(`${exchange.method} ${operation.template}`)) return false;
    if (exception.undeclaredQuery !== undefined) return exchange.query.some(([k]) => k === exception.undeclaredQuery);
    const requestField = exception.requestField;
    if (requestField !== undefined && bodyProblems(exchange, operation).some((p) => requestField.test(p))) return true;
    const replyField = exception.replyField;
    if (replyField === undefined) return false;
    const schema = operation.responses[String(exchange.status)];
    return exchange.status < 300 && checkValue(exchange.replyBody, schema, operation.resolve, { required: false }).some((p) => replyField.test(p));
  });
}

const QUERY_SHAPES: Record<string, [RegExp, string]> = {
  integer: [/^-?\d+$/, 'is not an integer'],
  number: [/^-?\d+(\.\d+)?$/, 'is not a number'],
  boolean: [/^(true|false)$/, 'is not true or false'],
};

/** How a query value departs from its declared type or date format, if it does. */
function queryShapeProblem(value: string, schema: ParameterSpec['schema']): string | undefined {
  const shape = schema?.type === undefined ? undefined : QUERY_SHAPES[schema.type];
  if (shape && !shape[0].test(value)) return shape[1];
  if (schema?.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'is not a yyyy-mm-dd date';
  return undefined;
}

/** Problems of the query string and path parameters, against every file declaring the operation. */
function checkParameters(exchange: Exchange, found: Array<{ operation: OperationSpec; params: Record<string, string> }>, exceptions: readonly ContractException[]): string[] {
  const problems: string[] = [];
  const declared = new Set(found.flatMap(({ operation }) => operation.parameters.filter((p) => p.in === 'query').map((p) => p.name)));
  const template = found[0]?.operation.template ?? '';
  for (const [name] of exchange.query) {
    if (declared.has(name) || excepted(exceptions, exchange.method, template, (e) => e.undeclaredQuery === name)) continue;
    problems.push(`query parameter "${name}" is not declared by ${exchange.method} ${template} (${found.map((f) => f.operation.file).join(', ')})`);
  }
  for (const { operation, params } of found) {
    for (const [name, value] of Object.entries(params)) {
      if (!operation.parameters.some((p) => p.in === 'path' && p.name === name)) problems.push(`path parameter {${name}} is not declared in ${operation.file}`);
      if (value.trim() === '') problems.push(`path parameter {${name}} is empty`);
    }
    for (const p of operation.parameters) {
      if (p.in === 'query' && p.required && !exchange.query.some(([k]) => k === p.name) && !(p.name === 'organization_id' && exchange.app === 'invoice' && exchange.invoiceOrgHeader)) {
        problems.push(`required query parameter "${p.name}" is missing (${operation.file})`);
      }
      const sent = exchange.query.find(([k]) => k === p.name)?.[1];
      if (p.in === 'query' && sent !== undefined && p.schema?.enum && !p.schema.enum.includes(sent)) {
        problems.push(`query parameter "${p.name}"=${JSON.stringify(sent)} is not one of ${JSON.stringify(p.schema.enum)} (${operation.file})`);
      }
      const shape = p.in === 'query' && sent !== undefined ? queryShapeProblem(sent, p.schema) : undefined;
      if (shape !== undefined) problems.push(`query parameter "${p.name}"=${JSON.stringify(sent)} ${shape} (${operation.file})`);
    }
  }
  return problems;
}

/** Where the request body departs from the operation's declared body (missing required fields, wrong types). */
function bodyProblems(exchange: Exchange, operation: OperationSpec): string[] {
  if (!operation.requestBody || (exchange.method !== 'POST' && exchange.method !== 'PUT')) return [];
  return checkValue(exchange.requestBody ?? {}, operation.requestBody, operation.resolve, { required: true });
}

function checkBody(exchange: Exchange, operation: OperationSpec, exceptions: readonly ContractException[]): string[] {
  const hasBody = exchange.requestBody !== undefined && !(typeof exchange.requestBody === 'object' && exchange.requestBody !== null && Object.keys(exchange.requestBody).length === 0);
  if (!operation.requestBody) return hasBody ? [`a request body was sent, but ${operation.file} declares none`] : [];
  return bodyProblems(exchange, operation)
    .filter((p) => !excepted(exceptions, exchange.method, operation.template, (e) => e.requestField?.test(p) === true))
    .map((p) => `request ${p} (${operation.file})`);
}

function checkReply(exchange: Exchange, operation: OperationSpec, exceptions: readonly ContractException[]): string[] {
  if (exchange.status < 200 || exchange.status >= 300 || exchange.replyBody === undefined) return [];
  const schema = operation.responses[String(exchange.status)] ?? operation.responses['200'] ?? operation.responses['201'] ?? operation.responses.default;
  if (!schema) return [];
  return checkValue(exchange.replyBody, schema, operation.resolve, { required: false })
    .filter((p) => !excepted(exceptions, exchange.method, operation.template, (e) => e.replyField?.test(p) === true))
    .map((p) => `reply ${p} (${operation.file})`);
}

/**
 * Every way `exchange` departs from Zoho's published description of Books: an operation that is
 * not declared, undeclared query parameters, missing required fields or wrong types in the request
 * body, wrong types in a success reply. `exceptions` lists the departures made on purpose.
 */
export function validateExchange(index: OpenApiIndex, exchange: Exchange, exceptions: readonly ContractException[] = []): ContractViolation[] {
  const match = index.match(exchange.method, exchange.path);
  const name = label(exchange);
  if (match.kind === 'path-not-declared') return [{ exchange: name, problem: `no operation of the published description matches the path ${exchange.path}` }];
  if (match.kind === 'method-not-declared') return [{ exchange: name, problem: `${exchange.method} is not declared on ${match.templates.join(', ')}` }];
  const problems = [
    ...checkParameters(exchange, match.operations, exceptions),
    ...match.operations.flatMap(({ operation }) => [...checkBody(exchange, operation, exceptions), ...checkReply(exchange, operation, exceptions)]),
  ];
  return [...new Set(problems)].map((problem) => ({ exchange: name, problem }));
}
