import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  runCli,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../support/server-process.js';
import { killServerAfterEach } from '../support/server-after-each.js';

let running: ServerProcess | undefined;
killServerAfterEach(
  () => running,
  () => (running = undefined),
);

const KEY_IN_BANNER = /x-api-key: (shk_[A-Za-z0-9_-]+)/;

describe('npm start on an empty data directory', () => {
  it('creates the database, prints a first API key once, and serves the counter with it', async () => {
    const dataDir = tempDataDir();
    running = await startServerProcess({ SHUTTER_DATA_DIR: dataDir });
    expect(existsSync(join(dataDir, 'shutter.db'))).toBe(true);
    const key = KEY_IN_BANNER.exec(running.stdout())?.[1];
    expect(key).toBeDefined();
    const res = await fetch(`${running.url}/visits/default`, {
      method: 'POST',
      headers: { 'x-api-key': key! },
    });
    expect(res.status).toBe(200);
    await res.text();
    expect(running.stdout()).toMatch(/"msg":"Shutter listening on http:\/\/127\.0\.0\.1:\d+"/);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);

    running = await startServerProcess({ SHUTTER_DATA_DIR: dataDir });
    expect(running.stdout()).not.toMatch(KEY_IN_BANNER);
    const again = await fetch(`${running.url}/visits/default`, {
      method: 'POST',
      headers: { 'x-api-key': key! },
    });
    expect(((await again.json()) as { count: number }).count).toBe(2);
  });

  it('shuts down cleanly on SIGTERM and SIGINT: exit 0, database closed', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const dataDir = tempDataDir();
      running = await startServerProcess({ SHUTTER_DATA_DIR: dataDir });
      // Connections the server had not yet accepted may be refused; none may get an error status.
      const inFlight = Array.from({ length: 20 }, () =>
        fetch(`${running!.url}/health`)
          .then(async (r) => (await r.text(), r.status))
          .catch(() => 'refused'),
      );
      await new Promise((r) => setTimeout(r, 20));
      running.child.kill(signal);
      expect(await running.exited).toBe(0);
      const outcomes = await Promise.all(inFlight);
      expect(outcomes.every((o) => o === 200 || o === 'refused')).toBe(true);
      expect(running.stdout()).toContain('"msg":"stopped"');
      // SQLite removes the write-ahead log when the last connection closes cleanly.
      expect(existsSync(join(dataDir, 'shutter.db-wal'))).toBe(false);
    }
  });

  it('refuses to start on a bad setting, naming it', async () => {
    const dataDir = tempDataDir();
    await expect(
      startServerProcess({ SHUTTER_DATA_DIR: dataDir, PORT: 'eighty', SHUTTER_STORE: 'mongo' }),
    ).rejects.toThrow(
      /PORT: PORT must be a number[\s\S]*SHUTTER_STORE: SHUTTER_STORE must be "sqlite" or "dynamodb"/,
    );
  });
});

describe('body limit on the node server', () => {
  it('answers 413 to a body over the limit, declared or chunked', async () => {
    running = await startServerProcess({
      SHUTTER_DATA_DIR: tempDataDir(),
      SHUTTER_BODY_LIMIT: '2048',
    });
    const big = 'x'.repeat(4096);
    const declared = await fetch(`${running.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    });
    expect(declared.status).toBe(413);
    await declared.text();
    const chunked = await fetch(`${running.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({
      type: 'https://shutter.dev/problems/payload-too-large',
    });
  });
});

describe('the keys command line', () => {
  const env = () => ({ SHUTTER_DATA_DIR: tempDataDir() });

  it('creates, lists and revokes keys with --json output', async () => {
    const e = env();
    const created = runCli(
      'api/src/local/keys-cli.ts',
      ['create', '--name', 'site', '--scope', 'default,review-*', '--json'],
      e,
    );
    expect(created.status).toBe(0);
    const key = JSON.parse(created.stdout) as Record<string, unknown>;
    expect(Object.keys(key).sort()).toEqual(['id', 'key', 'name', 'scope']);
    expect(key).toMatchObject({
      name: 'site',
      scope: ['default', 'review-*'],
      key: expect.stringMatching(/^shk_/),
    });

    const listed = runCli('api/src/local/keys-cli.ts', ['list', '--json'], e);
    const list = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: key.id, name: 'site', revokedAt: null });
    expect(listed.stdout).not.toContain(key.key as string);
    expect(JSON.stringify(list)).not.toMatch(/"hash"/);

    const revoked = runCli('api/src/local/keys-cli.ts', ['revoke', key.id as string, '--json'], e);
    expect(revoked.status).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ id: key.id, revokedAt: expect.any(String) });
  });

  it('works on the data directory of a running server, which sees the change at once', async () => {
    const e = env();
    running = await startServerProcess(e);
    const created = JSON.parse(
      runCli(
        'api/src/local/keys-cli.ts',
        ['create', '--name', 'live', '--scope', 'live', '--json'],
        e,
      ).stdout,
    ) as { id: string; key: string };
    const visit = async () => {
      const res = await fetch(`${running!.url}/visits/live`, {
        method: 'POST',
        headers: { 'x-api-key': created.key },
      });
      await res.text();
      return res.status;
    };
    expect(await visit()).toBe(200);
    expect(runCli('api/src/local/keys-cli.ts', ['revoke', created.id], e).status).toBe(0);
    expect(await visit()).toBe(401);
  });

  it('explains bad input and exits non-zero', () => {
    const e = env();
    const badScope = runCli(
      'api/src/local/keys-cli.ts',
      ['create', '--name', 'x', '--scope', 'Bad Scope!', '--json'],
      e,
    );
    expect(badScope.status).toBe(1);
    expect(JSON.parse(badScope.stderr)).toMatchObject({ errors: [{ field: 'scope' }] });
    const missing = runCli('api/src/local/keys-cli.ts', ['create', '--name', 'x'], e);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--scope/);
    const unknown = runCli('api/src/local/keys-cli.ts', ['revoke', 'key_nope'], e);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/No API key/);
    expect(runCli('api/src/local/keys-cli.ts', ['frobnicate'], e).status).toBe(2);
  });

  it('makes the site key once (what AWS needs, where no server starts to make it)', () => {
    const e = env();
    const first = runCli('api/src/local/keys-cli.ts', ['site', '--json'], e);
    expect(first.status).toBe(0);
    const made = JSON.parse(first.stdout) as { key: string; created: boolean };
    expect(made).toEqual({ key: expect.stringMatching(/^shk_/), created: true });
    const again = JSON.parse(runCli('api/src/local/keys-cli.ts', ['site', '--json'], e).stdout);
    expect(again).toEqual({ key: made.key, created: false });
    // An ordinary key, listed and revocable, scoped to what the reader pages count.
    const list = JSON.parse(runCli('api/src/local/keys-cli.ts', ['list', '--json'], e).stdout) as {
      scope: string[];
    }[];
    expect(list.map((k) => k.scope)).toEqual([['default', 'review-*']]);
  });
});
