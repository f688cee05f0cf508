import { errors, jwtVerify, SignJWT } from 'jose';
import { ROLES, type Role } from '../domain/current-user.js';
import { UnauthenticatedError } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import type { Clock } from '../ports/clock.js';
import type { SecretProvider } from '../ports/secret-provider.js';

/** Access tokens live 15 minutes: short enough that a leaked one is of little use. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const TOKEN_ISSUER = 'shutter';
/** Tokens of one stage are refused by every other stage, even if the secrets were shared. */
export const tokenAudience = (stage: string) => `shutter-api:${stage}`;

export const BEARER_CHALLENGE = 'Bearer realm="shutter"';

/**
 * How far in the future a token's `iat` may lie: clocks of the instances that issue and verify
 * tokens drift a little apart, never by minutes. A later `iat` means a token minted with a
 * stolen key or a clock gone wrong, and is refused.
 */
export const ISSUED_AT_LEEWAY_SECONDS = 60;

/** What an access token says, once its signature and claims have been checked. */
export interface AccessClaims {
  userId: string;
  role: Role;
  tokenVersion: number;
}

export interface AccessTokens {
  issue(user: User): Promise<{ token: string; expiresIn: number }>;
  /** @throws UnauthenticatedError for any token that is not valid right now. */
  verify(token: string): Promise<AccessClaims>;
}

export interface AccessTokenDeps {
  secrets: SecretProvider;
  clock: Clock;
  /** The stage whose audience tokens are issued for and accepted from; `local` by default. */
  stage?: string | undefined;
}

/** HS256 JWTs signed with the provider's secret; verification accepts HS256 only. */
export function createAccessTokens({
  secrets,
  clock,
  stage = 'local',
}: AccessTokenDeps): AccessTokens {
  const audience = tokenAudience(stage);
  return {
    async issue(user) {
      const now = Math.floor(clock.now().getTime() / 1000);
      const token = await new SignJWT({ role: user.role, tv: user.tokenVersion })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(audience)
        .setSubject(user.id)
        .setIssuedAt(now)
        .setExpirationTime(now + ACCESS_TOKEN_TTL_SECONDS)
        .sign(await secrets.getJwtSecret());
      return { token, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
    },

    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, await secrets.getJwtSecret(), {
          algorithms: ['HS256'],
          issuer: TOKEN_ISSUER,
          audience,
          currentDate: clock.now(),
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        const { sub, role, tv, iat } = payload;
        const now = Math.floor(clock.now().getTime() / 1000);
        if (
          iat === undefined ||
          iat > now + ISSUED_AT_LEEWAY_SECONDS ||
          typeof sub !== 'string' ||
          !ROLES.includes(role as Role) ||
          typeof tv !== 'number' ||
          !Number.isInteger(tv)
        ) {
          throw new UnauthenticatedError('The access token is not valid', BEARER_CHALLENGE);
        }
        return { userId: sub, role: role as Role, tokenVersion: tv };
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw error;
        if (error instanceof errors.JWTExpired) {
          throw new UnauthenticatedError(
            'The access token has expired',
            `${BEARER_CHALLENGE}, error="invalid_token"`,
          );
        }
        if (error instanceof errors.JOSEError) {
          throw new UnauthenticatedError(
            'The access token is not valid',
            `${BEARER_CHALLENGE}, error="invalid_token"`,
          );
        }
        throw error;
      }
    },
  };
}
