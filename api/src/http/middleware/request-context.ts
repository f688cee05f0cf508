import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { Logger } from '../../ports/logger.js';
import { requestHeader, setResponseHeader } from './node-message.js';

const SAFE_ID = /^[A-Za-z0-9._:=+/-]{1,128}$/;

/** The request id: the caller's `x-request-id` if sane, else API Gateway's, else a new UUID. */
export function requestIdOf(header: string | undefined, env: unknown): string {
  if (header && SAFE_ID.test(header)) return header;
  const gatewayId = (env as { requestContext?: { requestId?: unknown } } | undefined)
    ?.requestContext?.requestId;
  if (typeof gatewayId === 'string' && SAFE_ID.test(gatewayId)) return gatewayId;
  return randomUUID();
}

/**
 * The request's logger, a child carrying its id, made on first use: most requests log nothing
 * but their access line, and a pino child per request (its bindings serialised) was a visible
 * share of a content read's time in the profile. A class, so that a request creates one object
 * rather than a closure per method.
 */
class LazyChildLogger implements Logger {
  #child: Logger | undefined;
  constructor(
    private readonly parent: Logger,
    private readonly requestId: string,
  ) {}
  #get(): Logger {
    return (this.#child ??= this.parent.child({ requestId: this.requestId }));
  }
  debug(fields: object, message?: string): void {
    this.#get().debug(fields, message);
  }
  info(fields: object, message?: string): void {
    this.#get().info(fields, message);
  }
  warn(fields: object, message?: string): void {
    this.#get().warn(fields, message);
  }
  error(fields: object, message?: string): void {
    this.#get().error(fields, message);
  }
  child(fields: object): Logger {
    return this.#get().child(fields);
  }
}

/**
 * Writes one access-log line, the same JSON as `logger.info({ requestId, method, path, status,
 * latencyMs }, 'request')` (`error` from 500 on). The local server's logger has one that builds
 * the line from a template and batches writes (adapters/logging/pino-logger.ts); a logger
 * without one gets the `info`/`error` call.
 */
export type AccessLineWriter = (
  requestId: string,
  method: string,
  path: string,
  status: number,
  latencyMs: number,
) => void;

export function accessLineWriterOf(logger: Logger): AccessLineWriter {
  const own = (logger as Logger & { access?: unknown }).access;
  if (typeof own === 'function') return own as AccessLineWriter;
  return (requestId, method, path, status, latencyMs) => {
    const fields = { requestId, method, path, status, latencyMs };
    if (status >= 500) logger.error(fields, 'request');
    else logger.info(fields, 'request');
  };
}

/**
 * Gives every request an id (echoed in `x-request-id` and in problem bodies) and a logger
 * carrying it, and writes one access-log line per request once the response is known. The line
 * goes through the parent logger with `requestId` as its first field: the same JSON a child
 * would write (bindings come before the fields), without making one.
 */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  const accessLine = accessLineWriterOf(logger);
  return async (c, next) => {
    const started = performance.now();
    const requestId = requestIdOf(requestHeader(c, 'x-request-id'), c.env);
    c.set('requestId', requestId);
    c.set('logger', new LazyChildLogger(logger, requestId));
    // Before the handler: a header set after it makes Hono copy the response (see cors-headers.ts).
    setResponseHeader(c, 'x-request-id', requestId);
    await next();
    accessLine(
      requestId,
      c.req.method,
      c.req.path,
      c.res.status,
      Math.round((performance.now() - started) * 100) / 100,
    );
  };
}
