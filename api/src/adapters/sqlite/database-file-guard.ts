import { statSync } from 'node:fs';
import { UnavailableError } from '../../domain/errors.js';
import type { SqliteDatabase } from './open-database.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

/**
 * The identity (device and inode) of each open database's file. SQLite keeps writing into a file
 * that was deleted or replaced under it, and acknowledges those writes, which are then lost at
 * the next start: so every write first checks that the path still names the file it opened.
 * A `stat` costs a few microseconds, far below a write transaction.
 */
const identities = new WeakMap<SqliteDatabase, { path: string; dev: number; ino: number }>();
const gone = new WeakSet<SqliteDatabase>();

/** Remembers which file `db` opened, so that later writes can tell it is still there. */
export function guardDatabaseFile(db: SqliteDatabase, path: string): void {
  const stat = statSync(path);
  identities.set(db, { path, dev: stat.dev, ino: stat.ino });
}

/**
 * Whether the file `db` opened is still the one at its path (always true for `:memory:`).
 * Once false it stays false: the open handle points at the lost file for good.
 */
export function databaseFileIntact(db: SqliteDatabase): boolean {
  if (gone.has(db)) return false;
  const identity = identities.get(db);
  if (!identity) return true;
  const now = statSync(identity.path, { throwIfNoEntry: false });
  if (now && now.dev === identity.dev && now.ino === identity.ino) return true;
  gone.add(db);
  return false;
}

/** @throws UnavailableError when the database file was deleted or replaced under the process. */
export function assertDatabaseFileIntact(db: SqliteDatabase): void {
  if (!databaseFileIntact(db)) {
    throw new UnavailableError(
      'Storage is unavailable: the database file was removed or replaced; restore it and restart',
      60,
    );
  }
}

/**
 * Runs a write: refused while the database file is missing, and with driver errors turned into
 * domain errors (a full or read-only disk is a 503, never a false success).
 */
export function withSqliteWrite<T>(db: SqliteDatabase, what: string, fn: () => T): T {
  assertDatabaseFileIntact(db);
  return withSqliteErrors(what, fn);
}
