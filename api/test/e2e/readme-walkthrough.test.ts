import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REPO_ROOT,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../support/server-process.js';

/**
 * The README's "Your first review, with curl" block, read at test time so that what a newcomer
 * copies is what runs here, commands and printed output alike.
 */
function readmeWalkthrough(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const match = /^### Your first review, with curl\n[\s\S]*?^```sh\n([\s\S]*?)^```$/m.exec(readme);
  if (!match) throw new Error('README.md has no sh block under "### Your first review, with curl"');
  return match[1]!;
}

/** The output the README shows: a `# …` line right under a command (not under a blank line). */
function documentedOutput(script: string): string[] {
  const lines = script.split('\n');
  return lines
    .filter((line, i) => line.startsWith('# ') && i > 0 && /^[^#\s]/.test(lines[i - 1]!))
    .map((line) => line.slice(2));
}

function replaceOnce(text: string, placeholder: string, value: string): string {
  const parts = text.split(placeholder);
  if (parts.length !== 2)
    throw new Error(`the walk-through should hold ${placeholder} once, not ${parts.length - 1}`);
  return parts.join(value);
}

let server: ServerProcess;

beforeAll(async () => {
  // As a newcomer meets it: the first start of an empty data directory, demo reviews included.
  server = await startServerProcess({ SHUTTER_DATA_DIR: tempDataDir('shutter-readme-') });
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
});

describe("the README's curl walk-through", () => {
  it('logs in, creates a draft, publishes it with If-Match and reads it from /content', () => {
    const password = /password:\s+(\S+)/.exec(server.stdout())?.[1];
    expect(password).toBeDefined();
    const walkthrough = readmeWalkthrough();
    const expected = documentedOutput(walkthrough);
    expect(expected.length).toBeGreaterThan(0);

    // What the reader changes: their password, and here the test server's address.
    const script = replaceOnce(
      replaceOnce(walkthrough, 'BASE=http://localhost:3000', `BASE=${server.url}`),
      'PRINTED-PASSWORD',
      password!,
    );
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // curl prints headers with CRLF line ends, which a terminal does not show.
    expect(run.stdout.replace(/\r/g, '').trimEnd().split('\n')).toEqual(expected);
  });

  it('left the review published, on the list as well', async () => {
    await expect
      .poll(
        async () => {
          const res = await fetch(`${server.url}/content?limit=100`);
          const page = (await res.json()) as { items: Array<{ title: string }> };
          return page.items.map((item) => item.title);
        },
        { timeout: 5_000, interval: 100 },
      )
      .toContain('My first X100VI review');
  });
});
