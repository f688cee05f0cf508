import { randomBytes } from 'node:crypto';
import type { SecretProvider } from '../../ports/secret-provider.js';

/** A secret that lives as long as the process: tokens die with it, which suits tests. */
export function createMemorySecretProvider(secret: Uint8Array = randomBytes(32)): SecretProvider {
  return { getJwtSecret: async () => secret };
}
