import type Database from 'better-sqlite3';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/errors.js';
import type { Review } from '../../domain/review.js';
import type { ReviewStore } from '../../ports/review-store.js';
import type { SqliteDatabase } from './open-database.js';
import { writeReturning } from './returning.js';
import { withSqliteWrite } from './database-file-guard.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

interface ReviewRow {
  data: string;
}

const fromRow = (row: ReviewRow): Review => JSON.parse(row.data) as Review;

const columns = (review: Review) => ({
  id: review.id,
  slug: review.slug,
  authorId: review.authorId,
  status: review.status,
  createdAt: review.createdAt,
  version: review.version,
  data: JSON.stringify(review),
});

export function createSqliteReviewStore(db: SqliteDatabase): ReviewStore {
  // Inserts the slug, or keeps it when this review already holds it; returns no row when another
  // review does. One statement, so two concurrent claims cannot both win.
  const claim = db.prepare<[string, string], { review_id: string }>(
    `INSERT INTO review_slugs (slug, review_id) VALUES (?, ?)
     ON CONFLICT (slug) DO UPDATE SET review_id = excluded.review_id
       WHERE review_slugs.review_id = excluded.review_id
     RETURNING review_id`,
  );
  const release = db.prepare('DELETE FROM review_slugs WHERE slug = ? AND review_id = ?');
  const holder = db.prepare<[string], { review_id: string }>(
    'SELECT review_id FROM review_slugs WHERE slug = ?',
  );
  const insert = db.prepare(
    `INSERT INTO reviews (id, slug, author_id, status, created_at, version, data)
     VALUES (@id, @slug, @authorId, @status, @createdAt, @version, @data)`,
  );
  const byId = db.prepare<[string], ReviewRow>('SELECT data FROM reviews WHERE id = ?');
  const bySlug = db.prepare<[string], ReviewRow>(
    `SELECT r.data FROM review_slugs s JOIN reviews r ON r.id = s.review_id
     WHERE s.slug = ? AND r.slug = s.slug`,
  );
  const published = db.prepare<[], ReviewRow>(
    "SELECT data FROM reviews WHERE status = 'published'",
  );
  const update = db.prepare(
    `UPDATE reviews SET slug = @slug, author_id = @authorId, status = @status,
       created_at = @createdAt, version = @version, data = @data
     WHERE id = @id AND version = @expectedVersion`,
  );
  const remove = db.prepare('DELETE FROM reviews WHERE id = ? AND version = ?');
  const versionOf = db.prepare<[string], { version: number }>(
    'SELECT version FROM reviews WHERE id = ?',
  );

  // Four list shapes (author or not, status or not) × first page or not: prepared once each.
  const listStatements = new Map<string, Database.Statement<Record<string, unknown>, ReviewRow>>();
  function listStatement(author: boolean, status: boolean, after: boolean) {
    const key = `${author}${status}${after}`;
    let statement = listStatements.get(key);
    if (!statement) {
      const where = [
        author ? 'author_id = @authorId' : '',
        status ? 'status = @status' : '',
        after
          ? '(created_at < @afterCreatedAt OR (created_at = @afterCreatedAt AND id < @afterId))'
          : '',
      ].filter(Boolean);
      statement = db.prepare<Record<string, unknown>, ReviewRow>(
        `SELECT data FROM reviews ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, id DESC LIMIT @limit`,
      );
      listStatements.set(key, statement);
    }
    return statement;
  }

  /** Why a conditional write matched no row: the review is gone, or it moved on. */
  function failedCondition(id: string, expectedVersion: number): Error {
    const row = versionOf.get(id);
    if (!row) return new NotFoundError(`No review with id "${id}"`);
    return new PreconditionFailedError(
      `The review is at version ${row.version}, not ${expectedVersion}`,
    );
  }

  return {
    async claimSlug(slug, reviewId) {
      const row = withSqliteWrite(db, 'Slug', () => writeReturning(claim, slug, reviewId));
      if (!row) throw new ConflictError(`The slug "${slug}" is taken by another review`);
    },
    async releaseSlug(slug, reviewId) {
      withSqliteWrite(db, 'Slug', () => release.run(slug, reviewId));
    },
    async slugHolder(slug) {
      return withSqliteErrors('Slug', () => holder.get(slug))?.review_id;
    },
    async create(review) {
      withSqliteWrite(db, 'Review', () => insert.run(columns(review)));
    },
    async get(id) {
      const row = withSqliteErrors('Review', () => byId.get(id));
      return row && fromRow(row);
    },
    async getBySlug(slug) {
      const row = withSqliteErrors('Review', () => bySlug.get(slug));
      return row && fromRow(row);
    },
    async list({ authorId, status, limit, after }) {
      const rows = withSqliteErrors('Review', () =>
        listStatement(authorId !== undefined, status !== undefined, after !== undefined).all({
          ...(authorId !== undefined ? { authorId } : {}),
          ...(status !== undefined ? { status } : {}),
          ...(after ? { afterCreatedAt: after.createdAt, afterId: after.id } : {}),
          limit: limit + 1,
        }),
      );
      return { items: rows.slice(0, limit).map(fromRow), hasMore: rows.length > limit };
    },
    async listPublished() {
      return withSqliteErrors('Review', () => published.all().map(fromRow));
    },
    async update(review, expectedVersion) {
      const { changes } = withSqliteWrite(db, 'Review', () =>
        update.run({ ...columns(review), expectedVersion }),
      );
      if (changes === 0) throw failedCondition(review.id, expectedVersion);
    },
    async delete(id, expectedVersion) {
      const { changes } = withSqliteWrite(db, 'Review', () => remove.run(id, expectedVersion));
      if (changes === 0) throw failedCondition(id, expectedVersion);
    },
  };
}
