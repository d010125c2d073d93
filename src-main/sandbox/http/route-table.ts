/**
 * A minimal method + path router. Patterns are written `GET /v1/library/albums/:albumId/tracks`;
 * a literal segment beats a `:param` segment, so `/api/integration/test` wins over `/api/:id/send`
 * shapes only where the literals say so, and an unknown method on a known path is told apart from
 * an unknown path (405 vs 404).
 */
export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

interface Route<H> {
  method: string;
  segments: string[];
  literals: number;
  handler: H;
}

export interface RouteTable<H> {
  add(route: string, handler: H): RouteTable<H>;
  match(method: string, path: string): RouteMatch<H>;
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** `/a/b/` and `/a//b` become `/a/b`; the root stays `/`. */
export function normalizePath(path: string): string {
  return `/${splitPath(path).join('/')}`;
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] ?? '';
    const got = actual[i] ?? '';
    if (want.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(got);
      } catch {
        return undefined;
      }
      params[want.slice(1)] = value;
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

export function createRouteTable<H>(): RouteTable<H> {
  const routes: Route<H>[] = [];
  const router: RouteTable<H> = {
    add(route, handler) {
      const [method, pattern] = route.split(' ');
      if (!method || !pattern) throw new Error(`Bad route "${route}"`);
      const segments = splitPath(pattern);
      const literals = segments.filter((segment) => !segment.startsWith(':')).length;
      routes.push({ method, segments, literals, handler });
      return router;
    },
    match(method, path) {
      const actual = splitPath(path);
      let best: { route: Route<H>; params: Record<string, string> } | undefined;
      const allowed = new Set<string>();
      for (const route of routes) {
        const params = matchSegments(route.segments, actual);
        if (!params) continue;
        const sameMethod = route.method === method || (method === 'HEAD' && route.method === 'GET');
        if (!sameMethod) {
          allowed.add(route.method);
          continue;
        }
        if (!best || route.literals > best.route.literals) best = { route, params };
      }
      if (best) return { kind: 'found', handler: best.route.handler, params: best.params };
      if (allowed.size > 0) return { kind: 'method_not_allowed', allowed: [...allowed].sort() };
      return { kind: 'not_found' };
    },
  };
  return router;
}
