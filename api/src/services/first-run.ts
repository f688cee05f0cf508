import { ConflictError } from '../domain/errors.js';
import type { ApiKeyService, CreatedApiKey } from './api-key-service.js';
import type { UserService } from './user-service.js';

/**
 * On a store that has never had an API key, creates one for the `default` counter so a first
 * visitor can count right away. Returns it (to print once) or `undefined` when keys exist,
 * revoked ones included: revoking every key must not bring a new one back at the next start.
 */
export async function ensureFirstApiKey(
  apiKeys: ApiKeyService,
): Promise<CreatedApiKey | undefined> {
  if ((await apiKeys.list()).length > 0) return undefined;
  return apiKeys.create({ name: 'default (created on first run)', scope: ['default'] });
}

export const FIRST_ADMIN_EMAIL = 'admin@shutter.local';

/**
 * On a store without any account, creates the first admin with a random password and returns
 * it (to print once). Any existing account, disabled ones included, means someone has set up
 * this store already. Two processes starting at once race on the unique email: the loser gets
 * `undefined`.
 */
export async function ensureFirstAdmin(
  users: UserService,
): Promise<{ email: string; password: string } | undefined> {
  if (await users.hasAnyUser()) return undefined;
  try {
    const { user, password } = await users.create({
      email: FIRST_ADMIN_EMAIL,
      name: 'Administrator',
      role: 'admin',
    });
    return { email: user.email, password };
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}
