import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiKey } from '../../domain/api-key.js';
import { openDatabase, type SqliteDatabase } from './open-database.js';
import { createSqliteApiKeyStore } from './sqlite-api-key-store.js';

const key: ApiKey = {
  id: 'key_1',
  name: 'site',
  hash: 'h1',
  prefix: 'shk_abcdef',
  scope: ['default'],
  rateLimit: { perSecond: 10, burst: 20 },
  createdAt: '2026-12-01T10:00:00.000Z',
  revokedAt: null,
  lastUsedAt: null,
};

const dirs: string[] = [];
const dbs: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Two connections to one file: the server's and, say, the `keys` CLI's. */
function twoConnections() {
  const dir = mkdtempSync(join(tmpdir(), 'shutter-keys-'));
  dirs.push(dir);
  const filename = join(dir, 'shutter.db');
  const server = openDatabase({ filename });
  const cli = openDatabase({ filename });
  dbs.push(server, cli);
  return { server: createSqliteApiKeyStore(server), cli: createSqliteApiKeyStore(cli), cliDb: cli };
}

// Found keys are kept between lookups (every visit looks its key up), never past a change.
describe('SQLite API key store: found keys kept', () => {
  it('sees a revocation made by another connection at the next lookup', async () => {
    const { server, cli } = twoConnections();
    await cli.create(key);
    expect((await server.findByHash('h1'))?.revokedAt).toBeNull();
    expect((await server.findByHash('h1'))?.revokedAt).toBeNull();
    await cli.revoke('key_1', '2026-12-01T11:00:00.000Z');
    expect((await server.findByHash('h1'))?.revokedAt).toBe('2026-12-01T11:00:00.000Z');
  });

  it('sees its own revocation and use at once, and a key created after a miss', async () => {
    const { server } = twoConnections();
    expect(await server.findByHash('h1')).toBeUndefined();
    await server.create(key);
    expect((await server.findByHash('h1'))?.id).toBe('key_1');
    await server.touch('key_1', '2026-12-01T10:30:00.000Z');
    expect((await server.findByHash('h1'))?.lastUsedAt).toBe('2026-12-01T10:30:00.000Z');
    await server.revoke('key_1', '2026-12-01T11:00:00.000Z');
    expect((await server.findByHash('h1'))?.revokedAt).toBe('2026-12-01T11:00:00.000Z');
  });

  it('sees a row another connection changed in any way (a scope widened by hand)', async () => {
    const { server, cli, cliDb } = twoConnections();
    await cli.create(key);
    expect((await server.findByHash('h1'))?.scope).toEqual(['default']);
    cliDb.prepare(`UPDATE api_keys SET scope = '["*"]' WHERE id = 'key_1'`).run();
    expect((await server.findByHash('h1'))?.scope).toEqual(['*']);
  });
});
