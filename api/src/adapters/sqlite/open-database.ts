import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { guardDatabaseFile } from './database-file-guard.js';
import { migrations as allMigrations, type Migration } from './migrations.js';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** File path, or `:memory:` for tests. */
  filename: string;
  migrations?: readonly Migration[];
}

/**
 * Opens the database in WAL mode and applies pending migrations. WAL lets the CLI and the
 * server use the same file at once; `synchronous = NORMAL` keeps every committed transaction
 * across a killed process (only a power cut can lose the last ones).
 */
export function openDatabase({
  filename,
  migrations = allMigrations,
}: OpenDatabaseOptions): SqliteDatabase {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  if (filename !== ':memory:') guardDatabaseFile(db, filename);
  return db;
}

export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = [...migrations]
    .filter((m) => m.version > current)
    .sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return pending.length;
}
