import { join } from 'node:path';

/** The database file inside a data directory (a module of its own: it loads no SQLite driver). */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'shutter.db');
}
