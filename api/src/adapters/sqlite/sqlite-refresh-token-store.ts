import type { RefreshSession } from '../../domain/refresh-session.js';
import type { RefreshTokenStore } from '../../ports/refresh-token-store.js';
import type { SqliteDatabase } from './open-database.js';
import { withSqliteWrite } from './database-file-guard.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

interface SessionRow {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  token_version: number;
  created_at: string;
  expires_at: string;
  rotated_at: string | null;
  revoked_at: string | null;
}

function fromRow(row: SessionRow): RefreshSession {
  return {
    id: row.id,
    userId: row.user_id,
    familyId: row.family_id,
    hash: row.token_hash,
    tokenVersion: row.token_version,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    rotatedAt: row.rotated_at,
    revokedAt: row.revoked_at,
  };
}

export function createSqliteRefreshTokenStore(db: SqliteDatabase): RefreshTokenStore {
  const insert = db.prepare(
    `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, token_version, created_at, expires_at, rotated_at, revoked_at)
     VALUES (@id, @userId, @familyId, @hash, @tokenVersion, @createdAt, @expiresAt, @rotatedAt, @revokedAt)`,
  );
  const forgetExpired = db.prepare('DELETE FROM refresh_tokens WHERE expires_at < ?');
  const byHash = db.prepare<[string], SessionRow>(
    'SELECT * FROM refresh_tokens WHERE token_hash = ?',
  );
  const rotate = db.prepare(
    'UPDATE refresh_tokens SET rotated_at = ? WHERE id = ? AND rotated_at IS NULL AND revoked_at IS NULL',
  );
  const revokeFamily = db.prepare(
    'UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL',
  );
  const revokeUser = db.prepare(
    'UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
  );

  return {
    async create(session) {
      withSqliteWrite(db, 'Refresh token', () => {
        // Expired sessions are of no use to anyone: forget them as new ones arrive.
        forgetExpired.run(session.createdAt);
        insert.run(session);
      });
    },
    async findByHash(hash) {
      const row = withSqliteErrors('Refresh token', () => byHash.get(hash));
      return row && fromRow(row);
    },
    async markRotated(id, at) {
      return withSqliteWrite(db, 'Refresh token', () => rotate.run(at, id).changes === 1);
    },
    async revokeFamily(familyId, at) {
      withSqliteWrite(db, 'Refresh token', () => revokeFamily.run(at, familyId));
    },
    async revokeAllForUser(userId, at) {
      withSqliteWrite(db, 'Refresh token', () => revokeUser.run(at, userId));
    },
  };
}
