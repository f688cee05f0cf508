import type { ApiKeyService, CreatedApiKey } from './api-key-service.js';

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
