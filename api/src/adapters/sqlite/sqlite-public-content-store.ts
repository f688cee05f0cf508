import type {
  PublicContentEntry,
  PublicContentStore,
  PublicDocument,
} from '../../ports/public-content-store.js';
import { withSqliteWrite } from './database-file-guard.js';
import type { SqliteDatabase } from './open-database.js';
import { writeReturning } from './returning.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

/** Rows per page of `listSlugs`: small enough never to hold the connection for long. */
const LIST_PAGE = 500;

interface DocumentRow {
  slug: string;
  review_id: string;
  version: number;
  json: string;
  etag: string;
  redirect_to: string | null;
}

/** The public documents in the `public_content` table (migration 5; `redirect_to`: 15). */
export function createSqlitePublicContentStore(db: SqliteDatabase): PublicContentStore {
  // One statement decides and writes, so two workers racing on a slug cannot both pass the check:
  // the update happens only for the same review at a version no lower than the stored one, and a
  // conflict that fails the WHERE returns no row.
  const upsert = db.prepare<
    [Omit<PublicDocument, 'redirectTo'> & { redirectTo: string | null }],
    { wrote: number }
  >(
    `INSERT INTO public_content (slug, review_id, version, json, etag, redirect_to)
     VALUES (@slug, @reviewId, @version, @json, @etag, @redirectTo)
     ON CONFLICT (slug) DO UPDATE SET
       version = excluded.version, json = excluded.json, etag = excluded.etag,
       redirect_to = excluded.redirect_to
       WHERE public_content.review_id = excluded.review_id
         AND public_content.version <= excluded.version
     RETURNING 1 AS wrote`,
  );
  const bySlug = db.prepare<[string], DocumentRow>(
    'SELECT slug, review_id, version, json, etag, redirect_to FROM public_content WHERE slug = ?',
  );
  const removeAny = db.prepare<[string]>('DELETE FROM public_content WHERE slug = ?');
  const removeOwned = db.prepare<[string, string]>(
    'DELETE FROM public_content WHERE slug = ? AND review_id = ?',
  );
  const page = db.prepare<
    [string, number],
    { slug: string; review_id: string; version: number; redirect_to: string | null }
  >(
    `SELECT slug, review_id, version, redirect_to FROM public_content
     WHERE slug > ? ORDER BY slug LIMIT ?`,
  );

  return {
    async put(doc) {
      const { slug, reviewId, version, json, etag } = doc;
      const redirectTo = doc.redirectTo ?? null;
      const row = withSqliteWrite(db, 'Public document', () =>
        writeReturning(upsert, { slug, reviewId, version, json, etag, redirectTo }),
      );
      return row !== undefined;
    },
    async get(slug) {
      const row = withSqliteErrors('Public document', () => bySlug.get(slug));
      return (
        row && {
          slug: row.slug,
          reviewId: row.review_id,
          version: row.version,
          json: row.json,
          etag: row.etag,
          ...(row.redirect_to !== null ? { redirectTo: row.redirect_to } : {}),
        }
      );
    },
    async delete(slug, reviewId) {
      withSqliteWrite(db, 'Public document', () =>
        reviewId === undefined ? removeAny.run(slug) : removeOwned.run(slug, reviewId),
      );
    },
    async *listSlugs(): AsyncGenerator<PublicContentEntry> {
      // Keyset pages rather than one open iterator: better-sqlite3 cannot run another statement
      // on the connection while an iterator is open, and the caller awaits between items.
      let after = '';
      for (;;) {
        const rows = withSqliteErrors('Public document', () => page.all(after, LIST_PAGE));
        for (const row of rows) {
          yield {
            slug: row.slug,
            reviewId: row.review_id,
            version: row.version,
            ...(row.redirect_to !== null ? { redirectTo: row.redirect_to } : {}),
          };
        }
        if (rows.length < LIST_PAGE) return;
        after = rows[rows.length - 1]!.slug;
      }
    },
  };
}
