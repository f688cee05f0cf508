/** A registered route, as Hono lists it in `app.routes`. */
export interface RouteEntry {
  method: string;
  path: string;
}

/**
 * Builds a lookup from a request path to the methods some route serves there, so an unmatched
 * request can be told apart as 405 (path known, method not) rather than 404. Built once when
 * the app is assembled, never per request.
 */
export function createAllowedMethods(routes: readonly RouteEntry[]): (path: string) => string[] {
  const compiled = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const { method, path } of routes) {
    if (method === 'ALL') continue; // middleware, not a route
    let entry = compiled.get(path);
    if (!entry) {
      const source = path
        .split('/')
        .map((segment) => {
          if (segment === '*') return '.*';
          if (segment.startsWith(':')) return '[^/]+';
          return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      // Exact: the router does not serve `/users/` for `/users`, so neither may Allow claim it
      // does; such a path is 404 (docs/problems.md).
      entry = { pattern: new RegExp(`^${source}$`), methods: new Set() };
      compiled.set(path, entry);
    }
    entry.methods.add(method);
    if (method === 'GET') entry.methods.add('HEAD');
  }
  const entries = [...compiled.values()];
  return (path) => {
    const methods = new Set<string>();
    for (const entry of entries)
      if (entry.pattern.test(path)) entry.methods.forEach((m) => methods.add(m));
    if (methods.size > 0) methods.add('OPTIONS');
    return [...methods].sort();
  };
}
