/**
 * One refresh token as stored: only its hash. Every rotation creates a new session in the same
 * family; presenting a rotated one again means it was stolen (or replayed), and the whole family
 * is revoked.
 */
export interface RefreshSession {
  id: string;
  userId: string;
  /** Shared by every token descended from one login. */
  familyId: string;
  /** SHA-256 (hex) of the opaque token. */
  hash: string;
  /** The user's token version when issued; a bumped version ends the session. */
  tokenVersion: number;
  createdAt: string;
  expiresAt: string;
  /** Set once, when the token is exchanged for its successor. */
  rotatedAt: string | null;
  revokedAt: string | null;
}

/** How long a refresh token lives; each rotation issues a new one with a fresh lifetime. */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60_000;
