import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Config } from '../config.js';

/** A start that cannot go on; its message is the one line printed before exiting. */
export class StartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartError';
  }
}

/**
 * Checks that the server's port can be bound, before anything is created or printed: a first
 * run that dies on a busy port must not have made (and shown) credentials nobody will see again.
 * Port 0 (any free port) always can.
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE') {
        reject(
          new StartError(
            `Port ${port} is already in use on ${host} (another Shutter, or another program). Stop it, or choose another port with PORT=… (e.g. PORT=3001 npm start).`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new StartError(
            `Port ${port} on ${host} needs privileges this user does not have; choose a port above 1023 with PORT=….`,
          ),
        );
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(
          new StartError(
            `Cannot listen on ${where}: HOST=${host} is not an address of this machine.`,
          ),
        );
      } else {
        reject(new StartError(`Cannot listen on ${where}: ${error.message}`));
      }
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** The file that says a data directory has been set up (first-run credentials made and shown). */
export function initialisedMarkerPath(dataDir: string): string {
  return join(dataDir, 'initialised.json');
}

/**
 * Refuses to start on a data directory that was set up once but has lost its SQLite database:
 * starting anyway would run first-run setup again (a new admin, a new key, demo reviews) over an
 * empty database and hide the loss. A directory set up before this marker existed gets it now.
 */
export function checkDataDirectory(config: Config, databaseFile: string): void {
  if (config.store !== 'sqlite') return;
  const marker = initialisedMarkerPath(config.dataDir);
  const hasDatabase = existsSync(databaseFile);
  if (existsSync(marker) && !hasDatabase) {
    let since = '';
    try {
      const { initialisedAt } = JSON.parse(readFileSync(marker, 'utf8')) as {
        initialisedAt?: string;
      };
      if (initialisedAt) since = ` on ${initialisedAt}`;
    } catch {
      // An unreadable marker still marks the directory as set up.
    }
    throw new StartError(
      `The data directory ${config.dataDir} was set up${since}, but its database ${databaseFile} is missing. Restore it from a backup; to start afresh instead, use an empty SHUTTER_DATA_DIR or delete ${marker}.`,
    );
  }
  if (hasDatabase && !existsSync(marker)) markDataDirectoryInitialised(config.dataDir);
}

/** Records that first-run setup is done for this data directory. */
export function markDataDirectoryInitialised(dataDir: string, at = new Date()): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    initialisedMarkerPath(dataDir),
    `${JSON.stringify({ initialisedAt: at.toISOString() })}\n`,
    { flag: 'w' },
  );
}
