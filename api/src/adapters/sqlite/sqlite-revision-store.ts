import type { Revision, RevisionSummary } from '../../domain/revision.js';
import type { RevisionStore } from '../../ports/revision-store.js';
import { withSqliteWrite } from './database-file-guard.js';
import type { SqliteDatabase } from './open-database.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

interface SummaryRow {
  review_id: string;
  n: number;
  saved_at: string;
  saved_by: string;
  title: string;
  status: RevisionSummary['status'];
}

const summaryOfRow = (row: SummaryRow): RevisionSummary => ({
  reviewId: row.review_id,
  n: row.n,
  savedAt: row.saved_at,
  savedBy: row.saved_by,
  title: row.title,
  status: row.status,
});

/**
 * Revisions in the `review_revisions` table: the content as JSON, with the columns a list shows
 * beside it, so that listing never reads a body. `(review_id, n)` is the primary key, so a second
 * revision with the same number is refused by the insert itself.
 */
export function createSqliteRevisionStore(db: SqliteDatabase): RevisionStore {
  const insert = db.prepare(
    `INSERT INTO review_revisions (review_id, n, saved_at, saved_by, title, status, content)
     VALUES (@reviewId, @n, @savedAt, @savedBy, @title, @status, @content)`,
  );
  const list = db.prepare<[string], SummaryRow>(
    `SELECT review_id, n, saved_at, saved_by, title, status FROM review_revisions
     WHERE review_id = ? ORDER BY n DESC`,
  );
  const one = db.prepare<[string, number], SummaryRow & { content: string }>(
    `SELECT review_id, n, saved_at, saved_by, title, status, content FROM review_revisions
     WHERE review_id = ? AND n = ?`,
  );
  const prune = db.prepare<[string, string, number]>(
    `DELETE FROM review_revisions WHERE review_id = ? AND n NOT IN
       (SELECT n FROM review_revisions WHERE review_id = ? ORDER BY n DESC LIMIT ?)`,
  );

  return {
    async append(revision) {
      withSqliteWrite(db, `Revision ${revision.n} of review ${revision.reviewId}`, () =>
        insert.run({
          reviewId: revision.reviewId,
          n: revision.n,
          savedAt: revision.savedAt,
          savedBy: revision.savedBy,
          title: revision.content.title,
          status: revision.content.status,
          content: JSON.stringify(revision.content),
        }),
      );
    },
    async list(reviewId) {
      return withSqliteErrors('Revision', () => list.all(reviewId).map(summaryOfRow));
    },
    async get(reviewId, n) {
      const row = withSqliteErrors('Revision', () => one.get(reviewId, n));
      if (!row) return undefined;
      const summary = summaryOfRow(row);
      return {
        reviewId: summary.reviewId,
        n: summary.n,
        savedAt: summary.savedAt,
        savedBy: summary.savedBy,
        content: JSON.parse(row.content) as Revision['content'],
      };
    },
    async prune(reviewId, keep) {
      withSqliteWrite(db, 'Revision', () => prune.run(reviewId, reviewId, keep));
    },
  };
}
