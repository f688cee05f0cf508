import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../domain/current-user.js';
import { ForbiddenError } from '../../domain/errors.js';
import type { AppEnv } from '../app-env.js';

/** Lets the request through only for the given role; runs after `requireUser`. */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('user').role !== role) {
      throw new ForbiddenError(`This needs the ${role} role`);
    }
    await next();
  };
}
