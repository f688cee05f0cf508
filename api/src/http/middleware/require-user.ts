import type { MiddlewareHandler } from 'hono';
import type { CurrentUserResolver } from '../../ports/current-user.js';
import type { AppEnv } from '../app-env.js';
import { appendVary, setResponseHeader } from './node-message.js';

/**
 * Resolves the bearer token to a user before the handler runs (401 otherwise) and marks the
 * response private: nothing an authenticated user sees may sit in a shared cache.
 */
export function requireUser(resolver: CurrentUserResolver): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', await resolver.resolve(c.req.header('authorization')));
    // Set before the handler, so its errors (403, 412, …) are private as well, and Hono need not
    // copy the response to add them.
    setResponseHeader(c, 'cache-control', 'private, no-store');
    appendVary(c, 'Authorization');
    await next();
  };
}
