import type { SaltStore } from '../../ports/salt-store.js';
import type { SqliteDatabase } from './open-database.js';
import { withSqliteWrite } from './database-file-guard.js';

export function createSqliteSaltStore(db: SqliteDatabase): SaltStore {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO daily_salts (day, salt, expires_at) VALUES (?, ?, ?)',
  );
  const select = db.prepare<[string], { salt: string }>(
    'SELECT salt FROM daily_salts WHERE day = ?',
  );
  const forget = db.prepare('DELETE FROM daily_salts WHERE expires_at <= ? AND day <> ?');

  const getOrCreate = db.transaction((day: string, candidate: string, expiresAt: string) => {
    forget.run(new Date().toISOString(), day);
    insert.run(day, candidate, expiresAt);
    return select.get(day)!.salt;
  });

  return {
    async getOrCreateSalt(day, candidate, expiresAt) {
      return withSqliteWrite(db, 'Salt', () =>
        getOrCreate.immediate(day, candidate, expiresAt.toISOString()),
      );
    },
  };
}
