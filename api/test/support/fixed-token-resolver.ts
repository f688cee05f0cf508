import type { CurrentUser } from '../../src/domain/current-user.js';
import { UnauthenticatedError } from '../../src/domain/errors.js';
import type { CurrentUserResolver } from '../../src/ports/current-user.js';

/**
 * A resolver over a fixed table of bearer tokens, so controllers can be tested for every role
 * without the accounts feature: `Authorization: Bearer token-editor-a` is editor A, and so on.
 */
export function createFixedTokenResolver(users: Record<string, CurrentUser>): CurrentUserResolver {
  return {
    async resolve(authorization) {
      const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
      if (!match) throw new UnauthenticatedError('A bearer token is required', 'Bearer');
      const user = users[match[1]!];
      if (!user)
        throw new UnauthenticatedError('The token is not valid', 'Bearer error="invalid_token"');
      return user;
    },
  };
}

export const EDITOR_A: CurrentUser = {
  id: 'usr_a',
  role: 'editor',
  email: 'ana@example.com',
  name: 'Ana Editor',
};
export const EDITOR_B: CurrentUser = {
  id: 'usr_b',
  role: 'editor',
  email: 'bruno@example.com',
  name: 'Bruno Editor',
};
export const ADMIN: CurrentUser = {
  id: 'usr_admin',
  role: 'admin',
  email: 'admin@example.com',
  name: 'Ada Admin',
};

/** The test users by token, and the headers that sign a request in as each of them. */
export const testUsers = createFixedTokenResolver({
  'token-editor-a': EDITOR_A,
  'token-editor-b': EDITOR_B,
  'token-admin': ADMIN,
});

export const as = {
  anonymous: {} as Record<string, string>,
  editorA: { Authorization: 'Bearer token-editor-a' },
  editorB: { Authorization: 'Bearer token-editor-b' },
  admin: { Authorization: 'Bearer token-admin' },
};
