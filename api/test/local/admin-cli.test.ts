import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileSecretProvider } from '../../src/adapters/file/file-secret-provider.js';
import {
  createSqliteStores,
  databasePath,
} from '../../src/adapters/sqlite/create-sqlite-stores.js';
import { createServices } from '../../src/services/create-services.js';
import { createTestClock } from '../support/clock.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');
let dataDir: string;

/** `npm run --silent admin -- …`, as a person would type it, on a data directory of its own. */
async function admin(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      join(root, 'node_modules/.bin/tsx'),
      ['api/src/local/admin-cli.ts', ...args],
      {
        cwd: root,
        env: { ...process.env, SHUTTER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function canLogIn(email: string, password: string) {
  const stores = createSqliteStores({
    filename: databasePath(dataDir),
    secrets: createFileSecretProvider(dataDir),
  });
  try {
    await createServices(stores, createTestClock()).auth.login({ email, password }, { ip: '::1' });
    return true;
  } catch {
    return false;
  } finally {
    await stores.close();
  }
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'shutter-admin-cli-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run admin', () => {
  it('creates a user and prints id, email, role and a one-time password as JSON', async () => {
    const res = await admin(
      'create-user',
      '--email',
      'Ana@Example.com',
      '--name',
      'Ana',
      '--role',
      'editor',
      '--json',
    );
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as Record<string, string>;
    expect(Object.keys(out)).toEqual(['id', 'email', 'role', 'password']);
    expect(out).toMatchObject({ email: 'Ana@Example.com', role: 'editor' });
    expect(await canLogIn('ana@example.com', out.password!)).toBe(true);
  });

  it('resets a password, as JSON and as text, and the old one stops working', async () => {
    const created = JSON.parse(
      (
        await admin(
          'create-user',
          '--email',
          'boss@example.com',
          '--name',
          'Boss',
          '--role',
          'admin',
          '--json',
        )
      ).stdout,
    ) as { password: string };
    const res = await admin('reset-password', 'BOSS@example.com', '--json');
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as { email: string; password: string };
    expect(Object.keys(out)).toEqual(['email', 'password']);
    expect(out.email).toBe('boss@example.com');
    expect(await canLogIn('boss@example.com', created.password)).toBe(false);
    expect(await canLogIn('boss@example.com', out.password)).toBe(true);

    const text = await admin('reset-password', 'boss@example.com');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/password: \w{20}/);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('fails clearly: unknown user, taken email, bad role, missing arguments', async () => {
    const unknown = await admin('reset-password', 'nobody@example.com', '--json');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr)).toMatchObject({
      error: expect.stringContaining('nobody@example.com'),
    });
    const taken = await admin(
      'create-user',
      '--email',
      'ana@example.com',
      '--name',
      'A',
      '--role',
      'editor',
    );
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);
    const role = await admin(
      'create-user',
      '--email',
      'x@example.com',
      '--name',
      'X',
      '--role',
      'root',
    );
    expect(role.code).toBe(2);
    expect((await admin('create-user', '--email', 'x@example.com')).code).toBe(2);
    expect((await admin()).code).toBe(2);
  });
});
