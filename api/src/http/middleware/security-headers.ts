import type { Context, MiddlewareHandler } from 'hono';

/**
 * What an API answer may do inside a browser: nothing. JSON and problem bodies load no resources
 * and are never framed; /docs replaces this with its own policy (routes/docs.ts).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A year, without `includeSubDomains`: the API's host does not speak for its siblings. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/**
 * Security headers on every response (answers, problems, /docs): no MIME sniffing, no referrer
 * leaking a path with ids or a cursor, no framing (`X-Frame-Options` for old browsers, CSP
 * `frame-ancestors` for the rest), and HSTS when the request came over TLS. Set before the handler
 * like every app-wide header (see cors-headers.ts), so Hono never copies a response to add them.
 */
export function securityHeaders(
  secureTransport: (c: Context) => boolean = (c) => c.req.url.startsWith('https:'),
): MiddlewareHandler {
  return async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
    if (secureTransport(c)) c.header('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    await next();
  };
}
