import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { Logger } from '../../ports/logger.js';

const SAFE_ID = /^[A-Za-z0-9._:=+/-]{1,128}$/;

/** The request id: the caller's `x-request-id` if sane, else API Gateway's, else a new UUID. */
function requestIdOf(header: string | undefined, env: unknown): string {
  if (header && SAFE_ID.test(header)) return header;
  const gatewayId = (env as { requestContext?: { requestId?: unknown } } | undefined)
    ?.requestContext?.requestId;
  if (typeof gatewayId === 'string' && SAFE_ID.test(gatewayId)) return gatewayId;
  return randomUUID();
}

/**
 * Gives every request an id (echoed in `x-request-id` and in problem bodies) and a child logger
 * carrying it, and writes one access-log line per request once the response is known.
 */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = requestIdOf(c.req.header('x-request-id'), c.env);
    const log = logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('logger', log);
    // Before the handler: a header set after it makes Hono copy the response (see cors-headers.ts).
    c.header('x-request-id', requestId);
    await next();
    const status = c.res.status;
    const fields = {
      method: c.req.method,
      path: c.req.path,
      status,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
    };
    if (status >= 500) log.error(fields, 'request');
    else log.info(fields, 'request');
  };
}
