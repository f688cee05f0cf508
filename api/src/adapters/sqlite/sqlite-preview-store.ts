import type { PreviewLink, PreviewStore } from '../../ports/preview-store.js';
import { withSqliteWrite } from './database-file-guard.js';
import type { SqliteDatabase } from './open-database.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

interface Row {
  token_hash: string;
  review_id: string;
  created_at: string;
  expires_at: string;
}

const fromRow = (row: Row): PreviewLink => ({
  tokenHash: row.token_hash,
  reviewId: row.review_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

/**
 * Preview links in the `preview_links` table (migration 16). Expired rows are not swept by a
 * timer: each new link deletes a few rows that expired before it was made.
 */
export function createSqlitePreviewStore(db: SqliteDatabase): PreviewStore {
  const insert = db.prepare<[PreviewLink]>(
    `INSERT INTO preview_links (token_hash, review_id, created_at, expires_at)
     VALUES (@tokenHash, @reviewId, @createdAt, @expiresAt)`,
  );
  const sweep = db.prepare<[string]>(
    `DELETE FROM preview_links WHERE token_hash IN
       (SELECT token_hash FROM preview_links WHERE expires_at <= ? LIMIT 20)`,
  );
  const byHash = db.prepare<[string], Row>('SELECT * FROM preview_links WHERE token_hash = ?');
  const revoke = db.prepare<[string]>('DELETE FROM preview_links WHERE review_id = ?');

  return {
    async create(link) {
      withSqliteWrite(db, 'Preview link', () => {
        sweep.run(link.createdAt);
        insert.run(link);
      });
    },
    async get(tokenHash) {
      const row = withSqliteErrors('Preview link', () => byHash.get(tokenHash));
      return row && fromRow(row);
    },
    async revokeAll(reviewId) {
      return withSqliteWrite(db, 'Preview link', () => revoke.run(reviewId).changes);
    },
  };
}
