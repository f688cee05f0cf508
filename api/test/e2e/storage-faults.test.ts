import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runCli,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../support/server-process.js';
import { killServerAfterEach } from '../support/server-after-each.js';

/*
 * Faults a real machine has: a full disk, the database file deleted under a running server, a
 * busy port on the first start. (A read-only file system is injected in
 * api/src/adapters/sqlite/storage-failures.test.ts: Linux refuses to remount read-only a file
 * system with files open for writing, as the server's database is.) The disk faults need a small
 * file system of their own: a tmpfs, which root may mount (CI runs as root). Elsewhere those
 * cases are skipped, except on CI, where not being able to mount is a failure.
 */

let running: ServerProcess | undefined;
killServerAfterEach(
  () => running,
  () => (running = undefined),
);

const KEY_IN_BANNER = /x-api-key: (shk_[A-Za-z0-9_-]+)/;
const PASSWORD_IN_BANNER = /password: (\S+)/;

interface Problem {
  type: string;
  status: number;
  detail: string;
}

async function call(
  url: string,
  init: RequestInit & { token?: string } = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

function tryMountTmpfs(sizeMb: number): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'shutter-fault-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

/** Writes a filler file until the file system says it is full. */
function fillDisk(dir: string): string {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 9]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

const mountPoint = process.platform === 'linux' ? tryMountTmpfs(24) : undefined;
if (!mountPoint && process.env.CI) {
  throw new Error('CI runs as root and must be able to mount a tmpfs for the disk fault tests');
}
afterAll(() => {
  if (mountPoint) {
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

interface Setup {
  url: string;
  adminToken: string;
  adminPassword: string;
  editorId: string;
  spareKeyId: string;
  spareKey: string;
}

async function setUp(server: ServerProcess): Promise<Setup> {
  const adminPassword = PASSWORD_IN_BANNER.exec(server.stdout())![1]!;
  const login = await call(`${server.url}/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'admin@shutter.local', password: adminPassword }),
  });
  expect(login.status).toBe(200);
  const adminToken = (login.body as { accessToken: string }).accessToken;
  const editor = await call(`${server.url}/users`, {
    method: 'POST',
    token: adminToken,
    body: JSON.stringify({ email: 'ed@example.com', name: 'Ed Itor', role: 'editor' }),
  });
  expect(editor.status).toBe(201);
  const key = await call(`${server.url}/api-keys`, {
    method: 'POST',
    token: adminToken,
    body: JSON.stringify({ name: 'spare', scope: ['default'] }),
  });
  expect(key.status).toBe(201);
  const { id: spareKeyId, key: spareKey } = key.body as { id: string; key: string };
  return {
    url: server.url,
    adminToken,
    adminPassword,
    editorId: (editor.body as { id: string }).id,
    spareKeyId,
    spareKey,
  };
}

function expectUnavailable(result: { status: number; headers: Headers; body: unknown }): void {
  expect(result.status).toBe(503);
  expect(result.headers.get('content-type')).toBe('application/problem+json');
  expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
  const problem = result.body as Problem;
  expect(problem.type).toBe('https://shutter.dev/problems/unavailable');
  expect(problem.detail).not.toMatch(/SQLITE|sql|\/tmp/i);
}

/** What a broken disk must not do: acknowledge writes it did not store, or leak the password. */
async function expectWritesRefusedReadsServed(s: Setup): Promise<void> {
  expectUnavailable(
    await call(`${s.url}/api-keys/${s.spareKeyId}`, { method: 'DELETE', token: s.adminToken }),
  );
  expectUnavailable(
    await call(`${s.url}/users/${s.editorId}`, {
      method: 'PATCH',
      token: s.adminToken,
      body: JSON.stringify({ role: 'admin' }),
    }),
  );
  expectUnavailable(
    await call(`${s.url}/visits/default`, {
      method: 'POST',
      headers: { 'x-api-key': s.spareKey },
    }),
  );
  // The right password answers as a wrong one does: a guess learns nothing while failures cannot
  // be counted, and the per-address limit (in memory) still stops a run of guesses.
  const right = await call(`${s.url}/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'admin@shutter.local', password: s.adminPassword }),
  });
  expectUnavailable(right);
  const wrong = [];
  for (let i = 0; i < 12; i++) {
    wrong.push(
      await call(`${s.url}/auth/login`, {
        method: 'POST',
        body: JSON.stringify({ email: 'admin@shutter.local', password: `wrong-guess-${i}` }),
      }),
    );
  }
  expectUnavailable(wrong[0]!);
  for (const attempt of wrong) expect([503, 429]).toContain(attempt.status);
  expect(wrong.at(-1)!.status).toBe(429);

  // Reads go on.
  expect((await call(`${s.url}/content`)).status).toBe(200);
  expect((await call(`${s.url}/users/${s.editorId}`, { token: s.adminToken })).status).toBe(200);
  expect((await call(`${s.url}/health`)).status).toBe(200);
}

/** Once the disk is back, nothing that was refused took effect, and writes work again. */
async function expectNothingChangedThenRecovery(s: Setup): Promise<void> {
  const editor = await call(`${s.url}/users/${s.editorId}`, { token: s.adminToken });
  expect((editor.body as { role: string }).role).toBe('editor');
  const visit = await call(`${s.url}/visits/default`, {
    method: 'POST',
    headers: { 'x-api-key': s.spareKey },
  });
  expect(visit.status).toBe(200);
  expect(
    (await call(`${s.url}/api-keys/${s.spareKeyId}`, { method: 'DELETE', token: s.adminToken }))
      .status,
  ).toBe(204);
  const afterRevoke = await call(`${s.url}/visits/default`, {
    method: 'POST',
    headers: { 'x-api-key': s.spareKey },
  });
  expect(afterRevoke.status).toBe(401);
}

describe.skipIf(!mountPoint)('a full disk under a running server', () => {
  it('refuses writes with 503, keeps serving reads, and logs one clear line', async () => {
    const dataDir = join(mountPoint!, 'full');
    running = await startServerProcess({ SHUTTER_DATA_DIR: dataDir, SHUTTER_DEMO: '0' });
    const setup = await setUp(running);
    const filler = fillDisk(mountPoint!);
    try {
      await expectWritesRefusedReadsServed(setup);
    } finally {
      rmSync(filler);
    }
    await expectNothingChangedThenRecovery(setup);

    const storageLines = running
      .stdout()
      .split('\n')
      .filter((line) => line.includes('storage unavailable'));
    expect(storageLines.length).toBeGreaterThanOrEqual(1);
    const first = JSON.parse(storageLines[0]!) as Record<string, unknown>;
    expect(first.code).toMatch(/^SQLITE_FULL/);
    expect(storageLines.join('\n')).not.toMatch(/"stack"/);
  });
});

describe('the database file deleted under a running server', () => {
  it('turns health to 503, refuses writes, and the next start refuses to set up again', async () => {
    const dataDir = tempDataDir();
    running = await startServerProcess({ SHUTTER_DATA_DIR: dataDir, SHUTTER_DEMO: '0' });
    const key = KEY_IN_BANNER.exec(running.stdout())![1]!;
    expect((await call(`${running.url}/health`)).status).toBe(200);

    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(join(dataDir, `shutter.db${suffix}`), { force: true });
    }
    expectUnavailable(await call(`${running.url}/health`));
    expectUnavailable(
      await call(`${running.url}/visits/default`, {
        method: 'POST',
        headers: { 'x-api-key': key },
      }),
    );
    running.child.kill('SIGTERM');
    await running.exited;

    const again = runCli('api/src/local/main.ts', [], {
      SHUTTER_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'info',
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/was set up .*but its database .*shutter\.db is missing/);
    expect(again.stdout).not.toMatch(/password|x-api-key/);
    expect(existsSync(join(dataDir, 'shutter.db'))).toBe(false);
  });
});

describe('the first start on a busy port', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((done) => blocker.close(() => done())));

  it('fails with one line naming the port and PORT, before creating or printing anything', () => {
    const dataDir = join(tempDataDir(), 'never-created');
    const result = runCli('api/src/local/main.ts', [], {
      SHUTTER_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Port ${port} is already in use`);
    expect(lines[0]).toContain('PORT=');
    expect(result.stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  });
});
