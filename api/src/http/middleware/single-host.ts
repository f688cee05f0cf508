import type { Context } from 'hono';
import { HttpProblemError } from '../problem.js';

/**
 * Refuses a request with more than one `Host` header (RFC 9112 §3.2: a server must answer 400).
 * Node keeps the first and drops the rest silently, so a proxy that routed on another one would
 * disagree with us about which site was asked for. Only node's message shows the raw headers;
 * API Gateway refuses such requests itself. A step of the front door (front-door.ts).
 * @throws HttpProblemError (400).
 */
export function assertSingleHost(c: Context): void {
  const raw = (c.env as { incoming?: { rawHeaders?: string[] } } | undefined)?.incoming?.rawHeaders;
  if (!raw) return;
  let hosts = 0;
  // Names at even indexes, values at odd ones.
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host') hosts += 1;
  }
  if (hosts > 1) {
    throw new HttpProblemError(
      400,
      'bad-request',
      'Bad request',
      'The request has more than one Host header; send exactly one',
    );
  }
}
