import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpProblemError } from '../problem.js';
import { requestHeader } from './node-message.js';

/**
 * 413 for bodies over `maxBytes`. On node's HTTP server a request with neither `Content-Length`
 * nor `Transfer-Encoding` has no body (RFC 9112 §6.3) and skips the check: inspecting the body
 * makes the node adapter build a full `Request` for every request, which costs the hot paths
 * (content reads, counting a visit) more than all the routing does. Elsewhere (Lambda, tests) the
 * `Request` exists already and the body is always checked.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HttpProblemError(
        413,
        'payload-too-large',
        'Payload too large',
        `The request body is over the limit of ${maxBytes} bytes`,
      );
    },
  });
  return (c, next) =>
    (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined &&
    requestHeader(c, 'content-length') === undefined &&
    requestHeader(c, 'transfer-encoding') === undefined
      ? next()
      : limit(c, next);
}
