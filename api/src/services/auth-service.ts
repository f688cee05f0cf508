import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { RateLimit } from '../domain/api-key.js';
import type { CurrentUser } from '../domain/current-user.js';
import {
  PreconditionFailedError,
  ThrottledError,
  UnauthenticatedError,
  ValidationError,
} from '../domain/errors.js';
import {
  FAILURE_WINDOW_MS,
  lockDurationMs,
  lockRemainingSeconds,
} from '../domain/login-lockout.js';
import { REFRESH_TOKEN_TTL_MS, type RefreshSession } from '../domain/refresh-session.js';
import {
  emailKey,
  parseNewPassword,
  toPublicUser,
  type PublicUser,
  type User,
} from '../domain/user.js';
import type { Clock } from '../ports/clock.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { RefreshTokenStore } from '../ports/refresh-token-store.js';
import type { UserStore } from '../ports/user-store.js';
import { BEARER_CHALLENGE, type AccessTokens } from './access-tokens.js';
import { assertStrongPassword } from './password-policy.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';

/** What a successful login, refresh or password change returns. */
export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  /** Opaque; exchange it at `/auth/refresh` for a new pair. Usable once. */
  refreshToken: string;
  refreshExpiresIn: number;
  user: PublicUser;
}

export interface LoginInput {
  email: string;
  password: string;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export interface AuthService {
  /**
   * Checks an email and password. Every failure (unknown email, wrong password, disabled
   * account) answers with the same UnauthenticatedError after the same work; a locked address
   * or a busy client address gets ThrottledError.
   */
  login(input: LoginInput, origin: { ip: string }): Promise<TokenPair>;
  /** Exchanges a refresh token for a new pair; a reused one revokes its whole family. */
  refresh(refreshToken: string): Promise<TokenPair>;
  /** Ends the session (the token's family). Unknown tokens are ignored: logging out is idempotent. */
  logout(refreshToken: string): Promise<void>;
  me(user: CurrentUser): Promise<PublicUser>;
  /** Changes the caller's password and ends every other session; returns a new pair. */
  changePassword(user: CurrentUser, input: ChangePasswordInput): Promise<TokenPair>;
}

export interface AuthServiceDeps {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  limiter: RateLimiter;
  tokens: AccessTokens;
  clock: Clock;
  /** The password hashing in use; tests pass a counting wrapper to check that every path does the same work. */
  passwords?: PasswordHashing;
}

export interface PasswordHashing {
  hash(password: string): Promise<string>;
  verify(phc: string, password: string): Promise<boolean>;
}

const argon2: PasswordHashing = { hash: hashPassword, verify: verifyPassword };

/** Logins per client address: a burst of 10, then one every 6 seconds. */
export const LOGIN_IP_LIMIT: RateLimit = { perSecond: 1 / 6, burst: 10 };

const REFRESH_PREFIX = 'shr_';

/** The failed-login counter's key for an address: hashed, so unknown addresses are not kept. */
export function loginKey(email: string): string {
  return createHash('sha256').update(emailKey(email)).digest('hex');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const badCredentials = () =>
  new UnauthenticatedError('The email or password is not correct', BEARER_CHALLENGE);
const badRefreshToken = () =>
  new UnauthenticatedError('The refresh token is not valid', BEARER_CHALLENGE);
const lockedOut = (seconds: number) =>
  new ThrottledError('Too many failed logins for this email; try again later', seconds);

export function createAuthService({
  users,
  refreshTokens,
  limiter,
  tokens,
  clock,
  passwords = argon2,
}: AuthServiceDeps): AuthService {
  let dummyHash: Promise<string> | undefined;
  /** A hash to verify against when the email is unknown, so that both paths cost the same. */
  const fallbackHash = () => (dummyHash ??= passwords.hash(randomBytes(16).toString('hex')));

  async function issuePair(user: User, familyId: string = randomUUID()): Promise<TokenPair> {
    const now = clock.now();
    const refreshToken = `${REFRESH_PREFIX}${randomBytes(32).toString('base64url')}`;
    const session: RefreshSession = {
      id: randomUUID(),
      userId: user.id,
      familyId,
      hash: hashRefreshToken(refreshToken),
      tokenVersion: user.tokenVersion,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS).toISOString(),
      rotatedAt: null,
      revokedAt: null,
    };
    await refreshTokens.create(session);
    const access = await tokens.issue(user);
    return {
      accessToken: access.token,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      refreshToken,
      refreshExpiresIn: REFRESH_TOKEN_TTL_MS / 1000,
      user: toPublicUser(user),
    };
  }

  async function assertNotLocked(key: string, now: Date): Promise<void> {
    const record = await users.getLoginFailures(key);
    const wait = lockRemainingSeconds(record?.lockedUntil ?? null, now);
    if (wait > 0) throw lockedOut(wait);
  }

  async function recordFailure(key: string, now: Date): Promise<void> {
    const failures = await users.recordLoginFailure(
      key,
      now.toISOString(),
      new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString(),
    );
    const lockMs = lockDurationMs(failures);
    if (lockMs > 0) await users.lockLogin(key, new Date(now.getTime() + lockMs).toISOString());
  }

  return {
    async login({ email, password }, { ip }) {
      const now = clock.now();
      const decision = limiter.take(`login-ip:${ip}`, LOGIN_IP_LIMIT, now);
      if (!decision.allowed) {
        throw new ThrottledError(
          'Too many login attempts from this address',
          decision.retryAfterSeconds,
        );
      }
      const key = loginKey(email);
      await assertNotLocked(key, now);
      const fallback = await fallbackHash();
      const user = await users.findByEmail(email);
      const matches = await passwords.verify(user?.passwordHash ?? fallback, password);
      if (!user || !matches || user.status !== 'active') {
        await recordFailure(key, now);
        throw badCredentials();
      }
      await users.clearLoginFailures(key);
      let current: User;
      try {
        current = await users.update(
          user.id,
          {
            lastLoginAt: now.toISOString(),
            ...(needsRehash(user.passwordHash)
              ? { passwordHash: await passwords.hash(password) }
              : {}),
          },
          { expectedTokenVersion: user.tokenVersion },
        );
      } catch (error) {
        // The password changed between our read and write: the one just checked is stale.
        if (error instanceof PreconditionFailedError) throw badCredentials();
        throw error;
      }
      return issuePair(current);
    },

    async refresh(refreshToken) {
      if (!refreshToken.startsWith(REFRESH_PREFIX)) throw badRefreshToken();
      const now = clock.now().toISOString();
      const hash = hashRefreshToken(refreshToken);
      const session = await refreshTokens.findByHash(hash);
      if (!session || session.revokedAt) throw badRefreshToken();
      if (session.rotatedAt) {
        // A token already exchanged is back: someone holds a copy. End the whole family,
        // the newest token included, so that neither the thief nor the victim keeps it.
        await refreshTokens.revokeFamily(session.familyId, now);
        throw badRefreshToken();
      }
      if (session.expiresAt <= now) throw badRefreshToken();
      const user = await users.get(session.userId);
      if (!user || user.status !== 'active' || user.tokenVersion !== session.tokenVersion) {
        await refreshTokens.revokeFamily(session.familyId, now);
        throw badRefreshToken();
      }
      // The successor exists before the old token is marked rotated, so a concurrent family
      // revocation (triggered by a reuse) always finds it.
      const pair = await issuePair(user, session.familyId);
      if (!(await refreshTokens.markRotated(session.id, now))) {
        await refreshTokens.revokeFamily(session.familyId, now);
        throw badRefreshToken();
      }
      const after = await refreshTokens.findByHash(hash);
      if (after?.revokedAt) {
        await refreshTokens.revokeFamily(session.familyId, now);
        throw badRefreshToken();
      }
      return pair;
    },

    async logout(refreshToken) {
      if (!refreshToken.startsWith(REFRESH_PREFIX)) return;
      const session = await refreshTokens.findByHash(hashRefreshToken(refreshToken));
      if (session) await refreshTokens.revokeFamily(session.familyId, clock.now().toISOString());
    },

    async me(current) {
      const user = await users.get(current.id);
      if (!user) throw new UnauthenticatedError('The user no longer exists', BEARER_CHALLENGE);
      return toPublicUser(user);
    },

    async changePassword(current, { currentPassword, newPassword }) {
      const now = clock.now();
      const user = await users.get(current.id);
      if (!user) throw new UnauthenticatedError('The user no longer exists', BEARER_CHALLENGE);
      // A stolen access token must not become a way to guess the password: same lock as login.
      const key = loginKey(user.email);
      await assertNotLocked(key, now);
      if (!(await passwords.verify(user.passwordHash, currentPassword))) {
        await recordFailure(key, now);
        throw new ValidationError('The current password is not correct', [
          { field: 'currentPassword', message: 'does not match the password of this account' },
        ]);
      }
      assertStrongPassword(parseNewPassword(newPassword), user);
      const passwordHash = await passwords.hash(newPassword);
      const updated = await users.update(
        user.id,
        { passwordHash, updatedAt: now.toISOString(), bumpTokenVersion: true },
        { expectedTokenVersion: user.tokenVersion },
      );
      await refreshTokens.revokeAllForUser(user.id, now.toISOString());
      return issuePair(updated);
    },
  };
}
