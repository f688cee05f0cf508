import type { CurrentUser } from '../domain/current-user.js';

/**
 * Turns a request's credentials into the user they belong to. The accounts service implements
 * it with access tokens; tests may use a table of fixed tokens. Controllers that need a user
 * depend on this port only, never on how tokens are made.
 */
export interface CurrentUserResolver {
  /**
   * @param authorization the raw `Authorization` header, e.g. `Bearer eyJ…`
   * @throws UnauthenticatedError when it is missing, malformed, expired or no longer valid
   *   (disabled user, bumped token version).
   */
  resolve(authorization: string | undefined): Promise<CurrentUser>;
}
