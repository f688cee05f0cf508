import type { ApiKey } from '../../domain/api-key.js';
import { NotFoundError } from '../../domain/errors.js';
import type { ApiKeyStore } from '../../ports/api-key-store.js';
import type { SqliteDatabase } from './open-database.js';
import { writeReturning } from './returning.js';
import { withSqliteWrite } from './database-file-guard.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

interface ApiKeyRow {
  id: string;
  name: string;
  key_hash: string;
  prefix: string;
  scope: string;
  rate_per_second: number;
  rate_burst: number;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

function fromRow(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    hash: row.key_hash,
    prefix: row.prefix,
    scope: JSON.parse(row.scope) as string[],
    rateLimit: { perSecond: row.rate_per_second, burst: row.rate_burst },
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/** Keys kept by hash at most; past it the cache starts over (only found keys are kept). */
const FOUND_LIMIT = 1_000;

export function createSqliteApiKeyStore(db: SqliteDatabase): ApiKeyStore {
  const insert = db.prepare(
    `INSERT INTO api_keys (id, name, key_hash, prefix, scope, rate_per_second, rate_burst, created_at, revoked_at, last_used_at)
     VALUES (@id, @name, @hash, @prefix, @scope, @perSecond, @burst, @createdAt, @revokedAt, @lastUsedAt)`,
  );
  const byHash = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE key_hash = ?');
  const byId = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?');
  const all = db.prepare<[], ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at DESC, id DESC');
  const revoke = db.prepare<[string, string], ApiKeyRow>(
    'UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? RETURNING *',
  );
  const touch = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
  // Every visit looks its key up. Found keys are kept, and kept only while no other connection
  // (the `keys` CLI, another process) has committed anything to the file: SQLite's data_version
  // changes when one has, and asking it costs a fraction of the lookup and row parsing. This
  // connection's own key writes drop the cache themselves. So a revocation applies to the very
  // next visit, whoever made it.
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let seenVersion: number | undefined;
  const found = new Map<string, ApiKey>();

  return {
    async create(key) {
      withSqliteWrite(db, 'API key', () =>
        insert.run({
          ...key,
          scope: JSON.stringify(key.scope),
          perSecond: key.rateLimit.perSecond,
          burst: key.rateLimit.burst,
        }),
      );
    },
    async findByHash(hash) {
      return withSqliteErrors('API key', () => {
        const version = dataVersion.get();
        if (version !== seenVersion) {
          found.clear();
          seenVersion = version;
        }
        const kept = found.get(hash);
        if (kept) return kept;
        const row = byHash.get(hash);
        if (!row) return undefined;
        const key = fromRow(row);
        if (found.size >= FOUND_LIMIT) found.clear();
        found.set(hash, key);
        return key;
      });
    },
    async get(id) {
      const row = withSqliteErrors('API key', () => byId.get(id));
      return row && fromRow(row);
    },
    async list() {
      return withSqliteErrors('API key', () => all.all().map(fromRow));
    },
    async revoke(id, at) {
      found.clear();
      const row = withSqliteWrite(db, 'API key', () => writeReturning(revoke, at, id));
      if (!row) throw new NotFoundError(`No API key with id "${id}"`);
      return fromRow(row);
    },
    async touch(id, at) {
      found.clear();
      withSqliteWrite(db, 'API key', () => touch.run(at, id));
    },
  };
}
