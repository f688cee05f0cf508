import type { Context } from 'hono';
import { appendVary, requestHeader, setResponseHeader } from './node-message.js';

export interface CorsOptions {
  /** Allowed origins, or `['*']` for any; empty for none (same-origin pages only). */
  origins: readonly string[];
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
}

/** One CORS policy as a step: the preflight's answer, or nothing once its headers are set. */
export type CorsPolicy = (c: Context) => Response | undefined;

/**
 * CORS, as `hono/cors` does it (same headers, same preflight answer), but with every header set
 * before the handler runs (through {@link setResponseHeader}: on node, on node's response), and
 * as a step of the front door (front-door.ts) rather than a middleware of its own. `hono/cors`
 * writes to `c.res.headers` instead, which makes Hono copy each response into a new one and costs
 * @hono/node-server its fast path: in one minimal app on this machine, 4,100 requests/s with
 * `hono/cors` against 23,900 without (docs/architecture.md). Returns the preflight's answer for an
 * OPTIONS request, which never reaches a route; nothing otherwise.
 */
export function corsPolicy(options: CorsOptions): CorsPolicy {
  const anyOrigin = options.origins.includes('*');
  const allowed = new Set(options.origins);
  const methods = options.allowMethods.join(',');
  const headers = options.allowHeaders.join(',');
  const exposed = options.exposeHeaders.join(',');
  const maxAge = String(options.maxAgeSeconds);

  return (c) => {
    const origin = anyOrigin ? undefined : requestHeader(c, 'origin');
    const allowOrigin = anyOrigin ? '*' : origin && allowed.has(origin) ? origin : undefined;
    if (allowOrigin) setResponseHeader(c, 'access-control-allow-origin', allowOrigin);
    if (exposed) setResponseHeader(c, 'access-control-expose-headers', exposed);
    // The answer depends on the request's Origin whenever it is not the same for everyone.
    if (!anyOrigin && allowed.size > 0) appendVary(c, 'Origin');

    if (c.req.method === 'OPTIONS') {
      setResponseHeader(c, 'access-control-max-age', maxAge);
      setResponseHeader(c, 'access-control-allow-methods', methods);
      if (headers) {
        setResponseHeader(c, 'access-control-allow-headers', headers);
        appendVary(c, 'Access-Control-Request-Headers');
      }
      return c.body(null, 204);
    }
    return undefined;
  };
}

/**
 * Two CORS policies by path: `console` for the routes that take credentials (a sign-in, a bearer
 * token), `public` for everything else; the choice is a prefix test per request.
 */
export function corsPolicyByPath(
  isConsolePath: (path: string) => boolean,
  publicPolicy: CorsPolicy,
  consolePolicy: CorsPolicy,
): CorsPolicy {
  return (c) => (isConsolePath(c.req.path) ? consolePolicy(c) : publicPolicy(c));
}
