/** Path parameters captured by a route pattern (`/contacts/:id` → `{ id }`). */
export type RouteParams = Record<string, string>;

interface Route<H> {
  method: string;
  segments: string[];
  template: string;
  handler: H;
}

/** A matched route. `template` names the endpoint for call counters (`/contacts/{id}`). */
export interface RouteMatch<H> {
  handler: H;
  params: RouteParams;
  template: string;
}

/**
 * A tiny method + path matcher. Patterns are literal segments and `:name` parameters; a literal
 * segment wins over a parameter (`/contacts/contactpersons` before `/contacts/:id`).
 */
export class RouteTable<H> {
  readonly #routes: Array<Route<H>> = [];

  add(method: string, pattern: string, handler: H): this {
    const segments = split(pattern);
    const template = '/' + segments.map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s)).join('/');
    this.#routes.push({ method, segments, template, handler });
    return this;
  }

  /** Every route as `{ method, template }`, in the order added (for tests and docs). */
  list(): Array<{ method: string; template: string }> {
    return this.#routes.map(({ method, template }) => ({ method, template }));
  }

  /** The route for `method` and `path`; `'method-not-allowed'` when only the method differs. */
  match(method: string, path: string): RouteMatch<H> | 'method-not-allowed' | undefined {
    const parts = split(path);
    let best: { route: Route<H>; params: RouteParams; score: number } | undefined;
    let pathMatched = false;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const score = route.segments.filter((s) => !s.startsWith(':')).length;
      if (!best || score > best.score) best = { route, params, score };
    }
    if (best) return { handler: best.route.handler, params: best.params, template: best.route.template };
    return pathMatched ? 'method-not-allowed' : undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchSegments(pattern: string[], parts: string[]): RouteParams | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: RouteParams = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const v = parts[i] as string;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        return undefined;
      }
    } else if (p !== v) return undefined;
  }
  return params;
}
