import type { Context, MiddlewareHandler } from 'hono';
import type { CorsPolicy } from './cors-headers.js';
import { jsonBody, type BodyRules } from './json-body.js';
import { limitBody } from './limit-body.js';
import { requestHeader } from './node-message.js';
import { setSecurityHeaders } from './security-headers.js';
import { assertSingleHost } from './single-host.js';

export interface FrontDoorOptions {
  /** Whether the request came over TLS (HSTS); the request URL's scheme by default. */
  secureTransport?: (c: Context) => boolean;
  /** CORS for this request's path (a preflight is answered here). */
  cors: CorsPolicy;
  /** The general body limit; an operation may declare its own (`RouteConfig.bodyLimitBytes`). */
  bodyLimitBytes: number;
  /** The media types and limit of each operation's body, known once the routes are mounted. */
  bodyRules: () => BodyRules;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);
const urlIsHttps = (c: Context) => c.req.url.startsWith('https:');

/**
 * What every request passes before its route, in this order, as one middleware: the security
 * headers, CORS (a preflight is answered here), one `Host` header (400), the body limit (413) and
 * the body's media type and nesting (415, 400), both by the rule the operation declares. Each is a
 * step kept in its own file (security-headers.ts, cors-headers.ts, single-host.ts, limit-body.ts,
 * json-body.ts); run as five middlewares they cost five async frames in Hono's chain on every
 * request, which showed in the profile of a content read. A request without a body on node's server (no `Content-Length`, no
 * `Transfer-Encoding`; no `Content-Type` unless its method never has a body) skips the two body
 * checks, which would both let it through.
 */
export function frontDoor(options: FrontDoorOptions): MiddlewareHandler {
  const secureTransport = options.secureTransport ?? urlIsHttps;
  const general = limitBody(options.bodyLimitBytes);
  // One body-limit middleware per distinct limit an operation declares, made on first use.
  const ownLimits = new Map<number, MiddlewareHandler>();
  const limitOf = (bytes: number | undefined): MiddlewareHandler => {
    if (bytes === undefined) return general;
    let limit = ownLimits.get(bytes);
    if (limit === undefined) ownLimits.set(bytes, (limit = limitBody(bytes)));
    return limit;
  };
  const gate = jsonBody();
  return async (c, next) => {
    setSecurityHeaders(c, secureTransport);
    const preflight = options.cors(c);
    if (preflight !== undefined) return preflight;
    assertSingleHost(c);
    const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
    if (
      incoming !== undefined &&
      requestHeader(c, 'content-length') === undefined &&
      requestHeader(c, 'transfer-encoding') === undefined &&
      (BODYLESS.has(c.req.method) || requestHeader(c, 'content-type') === undefined)
    ) {
      await next();
      return;
    }
    const rule = options.bodyRules()(c.req.method, c.req.path);
    // The gate answers nothing itself: it throws (415, 400) or passes on.
    await limitOf(rule?.maxBytes)(c, () => gate(c, next, rule));
  };
}
