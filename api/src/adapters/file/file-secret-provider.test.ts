import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSecretProvider, readOrCreateSecretFile } from './file-secret-provider.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shutter-secret-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('file secret provider', () => {
  it('creates jwt-secret once, readable by its owner only, and reuses it', async () => {
    const dataDir = join(dir, 'data'); // not there yet: created on demand
    const first = await createFileSecretProvider(dataDir).getJwtSecret();
    const path = join(dataDir, 'jwt-secret');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(first.byteLength).toBeGreaterThanOrEqual(32);
    const again = await createFileSecretProvider(dataDir).getJwtSecret();
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(new TextDecoder().decode(first)).toBe(readFileSync(path, 'utf8').trim());
  });

  it('gives every concurrent creator the same secret', () => {
    const secrets = Array.from({ length: 5 }, () => readOrCreateSecretFile(dir));
    expect(new Set(secrets).size).toBe(1);
  });

  it('refuses a secret file that is too short', async () => {
    writeFileSync(join(dir, 'jwt-secret'), 'short\n');
    await expect(createFileSecretProvider(dir).getJwtSecret()).rejects.toThrow(/shorter than 32/);
  });
});
