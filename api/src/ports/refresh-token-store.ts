import type { RefreshSession } from '../domain/refresh-session.js';

/**
 * Refresh-token sessions, stored by hash. Every operation is a single-item write or a
 * conditional one, so that DynamoDB can implement it without transactions.
 */
export interface RefreshTokenStore {
  /** Stores a new session. @throws ConflictError when the id or hash exists. */
  create(session: RefreshSession): Promise<void>;

  /** Finds a session (rotated, revoked or expired included) by the SHA-256 hex of its token. */
  findByHash(hash: string): Promise<RefreshSession | undefined>;

  /**
   * Marks a session rotated, only if it is neither rotated nor revoked yet: a conditional
   * single-row update. Of two concurrent calls for one session exactly one returns `true`.
   */
  markRotated(id: string, at: string): Promise<boolean>;

  /** Revokes every session of a family that is not revoked already. */
  revokeFamily(familyId: string, at: string): Promise<void>;

  /** Revokes every session of a user that is not revoked already. */
  revokeAllForUser(userId: string, at: string): Promise<void>;
}
