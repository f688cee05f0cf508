import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretProvider } from '../../ports/secret-provider.js';
import { jwtSecretBytes } from '../secret-bytes.js';

export const JWT_SECRET_FILE = 'jwt-secret';

/**
 * Reads the file, or creates it with a new random secret. The new file is written under a
 * temporary name and hard-linked into place, which fails if it exists: of two processes starting
 * at once (the server and the admin command) one wins and both read the same complete secret.
 */
export function readOrCreateSecretFile(dataDir: string, name = JWT_SECRET_FILE): string {
  const path = join(dataDir, name);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600); // the umask may have narrowed it further, never widened it
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(path, 'utf8').trim();
}

/** The local JWT secret: `jwt-secret` in the data directory, mode 0600, created once. */
export function createFileSecretProvider(dataDir: string): SecretProvider {
  let secret: Uint8Array | undefined;
  return {
    async getJwtSecret() {
      secret ??= jwtSecretBytes(readOrCreateSecretFile(dataDir), join(dataDir, JWT_SECRET_FILE));
      return secret;
    },
  };
}
