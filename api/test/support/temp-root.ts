import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest's global setup: one temporary folder for the whole run, under which `tempDataDir` makes
 * every test's data directory, removed when the run ends. A worker that vitest stops does not run
 * its own exit hooks, so the directories cannot be left to each test file to remove.
 */
export function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'shutter-run-'));
  process.env.SHUTTER_TEST_TMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
