import type { IdempotencyRecord, IdempotencyStore } from '../../ports/idempotency-store.js';
import { withSqliteWrite } from './database-file-guard.js';
import type { SqliteDatabase } from './open-database.js';
import { writeReturning } from './returning.js';

interface Row {
  key: string;
  request_hash: string;
  expires_at: string;
  response: string | null;
}

const fromRow = (row: Row): IdempotencyRecord => ({
  key: row.key,
  requestHash: row.request_hash,
  expiresAt: row.expires_at,
  ...(row.response !== null ? { response: JSON.parse(row.response) } : {}),
});

/**
 * Idempotency keys in the `idempotency_keys` table. A claim is one statement (insert, or take
 * over an expired row), so two concurrent claims cannot both win; expired rows are taken over
 * rather than swept, and a claim also deletes a few expired rows so the table stays small.
 */
export function createSqliteIdempotencyStore(db: SqliteDatabase): IdempotencyStore {
  const claim = db.prepare<[string, string, string, string], { key: string }>(
    `INSERT INTO idempotency_keys (key, request_hash, expires_at, response) VALUES (?, ?, ?, NULL)
     ON CONFLICT (key) DO UPDATE SET request_hash = excluded.request_hash,
       expires_at = excluded.expires_at, response = NULL
       WHERE idempotency_keys.expires_at <= ?
     RETURNING key`,
  );
  const held = db.prepare<[string], Row>('SELECT * FROM idempotency_keys WHERE key = ?');
  const sweep = db.prepare<[string]>(
    `DELETE FROM idempotency_keys WHERE key IN
       (SELECT key FROM idempotency_keys WHERE expires_at <= ? LIMIT 20)`,
  );
  const complete = db.prepare<[string, string, string, string]>(
    `INSERT INTO idempotency_keys (key, request_hash, expires_at, response) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET request_hash = excluded.request_hash,
       expires_at = excluded.expires_at, response = excluded.response`,
  );
  const release = db.prepare<[string]>(
    'DELETE FROM idempotency_keys WHERE key = ? AND response IS NULL',
  );

  return {
    async claim(record, now) {
      return withSqliteWrite(db, 'Idempotency key', () => {
        const at = now.toISOString();
        sweep.run(at);
        const won = writeReturning(claim, record.key, record.requestHash, record.expiresAt, at);
        if (won) return undefined;
        const row = held.get(record.key);
        return row && fromRow(row);
      });
    },
    async complete(record) {
      withSqliteWrite(db, 'Idempotency key', () =>
        complete.run(
          record.key,
          record.requestHash,
          record.expiresAt,
          JSON.stringify(record.response),
        ),
      );
    },
    async release(key) {
      withSqliteWrite(db, 'Idempotency key', () => release.run(key));
    },
  };
}
