import type { CounterSettingsStore } from '../../ports/counter-settings-store.js';
import { withSqliteWrite } from './database-file-guard.js';
import type { SqliteDatabase } from './open-database.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

const SITE_KEY = 'site-counter-key';

/** Public counters as rows of `public_counters`; the site key as a row of `site_settings`. */
export function createSqliteCounterSettingsStore(db: SqliteDatabase): CounterSettingsStore {
  const markPublic = db.prepare(
    `INSERT INTO public_counters (counter_id, updated_at) VALUES (?, ?)
     ON CONFLICT (counter_id) DO UPDATE SET updated_at = excluded.updated_at`,
  );
  const markPrivate = db.prepare('DELETE FROM public_counters WHERE counter_id = ?');
  const selectPublic = db.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM public_counters WHERE counter_id = ?',
  );
  const insertSetting = db.prepare(
    'INSERT OR IGNORE INTO site_settings (name, value) VALUES (?, ?)',
  );
  const selectSetting = db.prepare<[string], { value: string }>(
    'SELECT value FROM site_settings WHERE name = ?',
  );
  const putIfAbsent = db.transaction((key: string) => {
    insertSetting.run(SITE_KEY, key);
    return selectSetting.get(SITE_KEY)!.value;
  });

  return {
    async setPublic(counterId, isPublic, at) {
      withSqliteWrite(db, 'Counter settings', () =>
        isPublic ? markPublic.run(counterId, at.toISOString()) : markPrivate.run(counterId),
      );
    },
    async isPublic(counterId) {
      return withSqliteErrors('Counter settings', () => selectPublic.get(counterId) !== undefined);
    },
    async getSiteKey() {
      return withSqliteErrors('Counter settings', () => selectSetting.get(SITE_KEY)?.value);
    },
    async putSiteKeyIfAbsent(key) {
      return withSqliteWrite(db, 'Counter settings', () => putIfAbsent.immediate(key));
    },
  };
}
