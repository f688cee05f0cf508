import { UnauthenticatedError } from '../domain/errors.js';
import { toCurrentUser } from '../domain/user.js';
import type { CurrentUserResolver } from '../ports/current-user.js';
import type { UserStore } from '../ports/user-store.js';
import { BEARER_CHALLENGE, type AccessTokens } from './access-tokens.js';

export interface BearerTokenResolverDeps {
  users: UserStore;
  tokens: AccessTokens;
}

/**
 * Resolves `Authorization: Bearer <access token>` to its user. Kept apart from the auth service
 * so that a controller that only checks tokens (reviews) does not carry password hashing;
 * the accounts controller uses it too.
 */
export function createBearerTokenResolver({
  users,
  tokens,
}: BearerTokenResolverDeps): CurrentUserResolver {
  return {
    async resolve(authorization) {
      if (!authorization) {
        throw new UnauthenticatedError('A bearer access token is required', BEARER_CHALLENGE);
      }
      const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i.exec(
        authorization.trim(),
      );
      if (!match) {
        throw new UnauthenticatedError(
          'The Authorization header must be "Bearer <access token>"',
          BEARER_CHALLENGE,
        );
      }
      const claims = await tokens.verify(match[1]!);
      // A primary-key read on every request: disabling a user or bumping the token version
      // takes effect on the very next request, not when the token expires.
      const user = await users.get(claims.userId);
      if (!user || user.status !== 'active' || user.tokenVersion !== claims.tokenVersion) {
        throw new UnauthenticatedError(
          'The access token is no longer valid; log in again',
          `${BEARER_CHALLENGE}, error="invalid_token"`,
        );
      }
      return toCurrentUser(user);
    },
  };
}
