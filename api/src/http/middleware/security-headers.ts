import type { Context } from 'hono';
import { setResponseHeader } from './node-message.js';

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
export function setSecurityHeaders(c: Context, secureTransport: (c: Context) => boolean): void {
  setResponseHeader(c, 'x-content-type-options', 'nosniff');
  setResponseHeader(c, 'referrer-policy', 'no-referrer');
  setResponseHeader(c, 'x-frame-options', 'DENY');
  setResponseHeader(c, 'content-security-policy', API_CONTENT_SECURITY_POLICY);
  if (secureTransport(c)) {
    setResponseHeader(c, 'strict-transport-security', STRICT_TRANSPORT_SECURITY);
  }
}
