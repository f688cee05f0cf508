import type { PreviewLink, PreviewRender, PreviewStore } from '../../ports/preview-store.js';
import { withSqliteWrite } from './database-file-guard.js';
import type { SqliteDatabase } from './open-database.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

interface Row {
  token_hash: string;
  review_id: string;
  created_at: string;
  expires_at: string;
}

interface RenderRow {
  review_id: string;
  version: number;
  json: string;
  etag: string;
  rendered_at: string;
  keep_until: string;
}

const fromRow = (row: Row): PreviewLink => ({
  tokenHash: row.token_hash,
  reviewId: row.review_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

const renderOf = (row: RenderRow): PreviewRender => ({
  reviewId: row.review_id,
  version: row.version,
  json: row.json,
  etag: row.etag,
  renderedAt: row.rendered_at,
  keepUntil: row.keep_until,
});

/**
 * Preview links in the `preview_links` table (migration 16), their renders in `preview_renders`
 * (migration 17). Expired rows are not swept by a timer: each new link deletes a few links that
 * expired, and renders kept past their links, before it was made.
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
  const sweepRenders = db.prepare<[string]>(
    `DELETE FROM preview_renders WHERE review_id IN
       (SELECT review_id FROM preview_renders WHERE keep_until <= ? LIMIT 20)`,
  );
  const byHash = db.prepare<[string], Row>('SELECT * FROM preview_links WHERE token_hash = ?');
  const revoke = db.prepare<[string]>('DELETE FROM preview_links WHERE review_id = ?');
  const latest = db.prepare<[string], { latest: string | null }>(
    'SELECT max(expires_at) AS latest FROM preview_links WHERE review_id = ?',
  );
  // Replaces a render of the same or an older version only: a late job never brings back an
  // older draft.
  const upsertRender = db.prepare<[PreviewRender]>(
    `INSERT INTO preview_renders (review_id, version, json, etag, rendered_at, keep_until)
     VALUES (@reviewId, @version, @json, @etag, @renderedAt, @keepUntil)
     ON CONFLICT (review_id) DO UPDATE SET
       version = excluded.version, json = excluded.json, etag = excluded.etag,
       rendered_at = excluded.rendered_at, keep_until = excluded.keep_until
     WHERE excluded.version >= preview_renders.version`,
  );
  const renderById = db.prepare<[string], RenderRow>(
    'SELECT * FROM preview_renders WHERE review_id = ?',
  );
  const deleteRender = db.prepare<[string]>('DELETE FROM preview_renders WHERE review_id = ?');

  return {
    async create(link) {
      withSqliteWrite(db, 'Preview link', () => {
        sweep.run(link.createdAt);
        sweepRenders.run(link.createdAt);
        insert.run(link);
      });
    },
    async get(tokenHash) {
      const row = withSqliteErrors('Preview link', () => byHash.get(tokenHash));
      return row && fromRow(row);
    },
    async revokeAll(reviewId) {
      return withSqliteWrite(db, 'Preview link', () =>
        db.transaction(() => {
          deleteRender.run(reviewId);
          return revoke.run(reviewId).changes;
        })(),
      );
    },
    async latestExpiry(reviewId) {
      const row = withSqliteErrors('Preview link', () => latest.get(reviewId));
      return row?.latest ?? undefined;
    },
    async putRender(render) {
      return withSqliteWrite(db, 'Preview render', () => upsertRender.run(render).changes > 0);
    },
    async getRender(reviewId) {
      const row = withSqliteErrors('Preview render', () => renderById.get(reviewId));
      return row && renderOf(row);
    },
    async deleteRender(reviewId) {
      withSqliteWrite(db, 'Preview render', () => deleteRender.run(reviewId));
    },
  };
}
