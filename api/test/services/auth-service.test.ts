import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { UnauthenticatedError } from '../../src/domain/errors.js';
import { createAccessTokens } from '../../src/services/access-tokens.js';
import { createAuthService, type PasswordHashing } from '../../src/services/auth-service.js';
import { hashPassword, verifyPassword } from '../../src/services/passwords.js';
import { createUserService } from '../../src/services/user-service.js';
import { createTestClock } from '../support/clock.js';

/** Real argon2, counted: the unknown-email path must do exactly the work of a wrong password. */
function countingPasswords() {
  const calls = { hash: 0, verify: 0 };
  const passwords: PasswordHashing = {
    hash: async (p) => {
      calls.hash += 1;
      return hashPassword(p);
    },
    verify: async (phc, p) => {
      calls.verify += 1;
      return verifyPassword(phc, p);
    },
  };
  return { calls, passwords };
}

describe('auth service: equal work for every failed login', () => {
  it('verifies one argon2 hash per attempt, known email or not, and hashes nothing', async () => {
    const stores = createMemoryStores();
    const clock = createTestClock();
    const { calls, passwords } = countingPasswords();
    const auth = createAuthService({
      users: stores.users,
      refreshTokens: stores.refreshTokens,
      limiter: stores.limiter,
      tokens: createAccessTokens({ secrets: stores.secrets, clock, stage: 'local' }),
      clock,
      passwords,
    });
    const users = createUserService({
      users: stores.users,
      refreshTokens: stores.refreshTokens,
      clock,
    });
    const { user } = await users.create({ email: 'ana@example.com', name: 'Ana', role: 'editor' });
    const disabled = await users.create({ email: 'dis@example.com', name: 'Dis', role: 'editor' });
    await users.disable(disabled.user.id);

    // Warm the fallback hash so that it is not counted against the first attempt.
    await expect(
      auth.login({ email: 'warm@example.com', password: 'x' }, { ip: 'a' }),
    ).rejects.toThrow();
    const attempts = [
      { email: user.email, password: 'wrong password' },
      { email: 'nobody@example.com', password: 'wrong password' },
      { email: disabled.user.email, password: disabled.password },
    ];
    for (const [i, attempt] of attempts.entries()) {
      const before = { ...calls };
      const error = await auth.login(attempt, { ip: `ip-${i}` }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnauthenticatedError);
      expect((error as Error).message).toBe('The email or password is not correct');
      expect({ hash: calls.hash - before.hash, verify: calls.verify - before.verify }).toEqual({
        hash: 0,
        verify: 1,
      });
    }
  });
});
