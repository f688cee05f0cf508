import type { ImageRecord } from '../../domain/image.js';
import type { ImageStore } from '../../ports/image-store.js';
import { withSqliteWrite } from './database-file-guard.js';
import type { SqliteDatabase } from './open-database.js';
import { writeReturning } from './returning.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

/** Rows per page of `listAll`. */
const LIST_PAGE = 500;

interface Row {
  review_id: string;
  image_id: string;
  record: string;
}

interface Params {
  reviewId: string;
  imageId: string;
  version: number;
  createdAt: string;
  record: string;
}

/** Image records in the `review_images` table (migration 13). */
export function createSqliteImageStore(db: SqliteDatabase): ImageStore {
  // One statement decides and writes: a new row at version 1, or a replacement at exactly the
  // next version; anything else fails the WHERE (or the insert) and returns no row.
  const insert = db.prepare<[Params], { wrote: number }>(
    `INSERT INTO review_images (review_id, image_id, version, created_at, record)
     VALUES (@reviewId, @imageId, @version, @createdAt, @record)
     ON CONFLICT (review_id, image_id) DO NOTHING
     RETURNING 1 AS wrote`,
  );
  const replace = db.prepare<[Params], { wrote: number }>(
    `UPDATE review_images SET version = @version, record = @record
     WHERE review_id = @reviewId AND image_id = @imageId AND version = @version - 1
     RETURNING 1 AS wrote`,
  );
  const one = db.prepare<[string, string], Row>(
    'SELECT review_id, image_id, record FROM review_images WHERE review_id = ? AND image_id = ?',
  );
  const ofReview = db.prepare<[string], Row>(
    `SELECT review_id, image_id, record FROM review_images WHERE review_id = ?
     ORDER BY created_at, image_id`,
  );
  const page = db.prepare<[string, string, string, number], Row>(
    `SELECT review_id, image_id, record FROM review_images
     WHERE review_id > ? OR (review_id = ? AND image_id > ?)
     ORDER BY review_id, image_id LIMIT ?`,
  );
  const remove = db.prepare<[string, string]>(
    'DELETE FROM review_images WHERE review_id = ? AND image_id = ?',
  );
  const parse = (row: Row) => JSON.parse(row.record) as ImageRecord;

  return {
    async put(record) {
      const params: Params = {
        reviewId: record.reviewId,
        imageId: record.id,
        version: record.version,
        createdAt: record.createdAt,
        record: JSON.stringify(record),
      };
      const row = withSqliteWrite(db, 'Image', () =>
        writeReturning(record.version === 1 ? insert : replace, params),
      );
      return row !== undefined;
    },
    async get(reviewId, imageId) {
      const row = withSqliteErrors('Image', () => one.get(reviewId, imageId));
      return row && parse(row);
    },
    async listByReview(reviewId) {
      return withSqliteErrors('Image', () => ofReview.all(reviewId)).map(parse);
    },
    async *listAll() {
      // Keyset pages: better-sqlite3 cannot run another statement while an iterator is open.
      let after = { reviewId: '', imageId: '' };
      for (;;) {
        const rows = withSqliteErrors('Image', () =>
          page.all(after.reviewId, after.reviewId, after.imageId, LIST_PAGE),
        );
        for (const row of rows) yield parse(row);
        if (rows.length < LIST_PAGE) return;
        const last = rows[rows.length - 1]!;
        after = { reviewId: last.review_id, imageId: last.image_id };
      }
    },
    async delete(reviewId, imageId) {
      withSqliteWrite(db, 'Image', () => remove.run(reviewId, imageId));
    },
  };
}
