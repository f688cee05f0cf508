import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** `Algorithm.Argon2id`; the enum is `const`, which isolated modules cannot import as a value. */
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id baseline: 19 MiB of memory, 2 passes, 1 lane. */
export const PASSWORD_HASH_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const options: Options = { algorithm: ARGON2ID, ...PASSWORD_HASH_PARAMS };

/** Hashes a password into an argon2id PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** Whether `password` matches the PHC string; a malformed hash never matches. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/**
 * Whether a stored hash was made with other parameters (or another algorithm) than today's, so
 * that the next successful login should store a fresh one.
 */
export function needsRehash(phc: string, params = PASSWORD_HASH_PARAMS): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
  if (!match) return true;
  const [, m, t, p] = match.map(Number);
  return m !== params.memoryCost || t !== params.timeCost || p !== params.parallelism;
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * A one-time password for a new or reset account: 20 characters from an alphabet without
 * look-alikes (about 116 bits), drawn without modulo bias.
 */
export function generatePassword(length = 20): string {
  const out: string[] = [];
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) {
        out.push(PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length]!);
      }
    }
  }
  return out.join('');
}
