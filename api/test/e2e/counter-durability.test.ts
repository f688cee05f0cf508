import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  REPO_ROOT,
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

function createFastKey(dataDir: string, env: Record<string, string> = {}): string {
  const created = runCli(
    'api/src/local/keys-cli.ts',
    ['create', '--name', 'load', '--scope', '*', '--rate', '100000', '--burst', '100000', '--json'],
    { SHUTTER_DATA_DIR: dataDir, ...env },
  );
  expect(created.status, created.stderr).toBe(0);
  return (JSON.parse(created.stdout) as { key: string }).key;
}

/**
 * Counts visits at `url` from 32 clients until `enough` are acknowledged, kills the server with
 * SIGKILL while requests are in flight, and says how many were acknowledged and sent.
 */
async function killMidLoad(
  server: ServerProcess,
  url: string,
  key: string,
  enough: number,
): Promise<{ acknowledged: number; sent: number }> {
  let acknowledged = 0;
  let sent = 0;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      sent += 1;
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'x-api-key': key } });
        if (res.status === 200) {
          await res.json();
          acknowledged += 1;
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  const workers = Array.from({ length: 32 }, worker);
  // Kill only once the load is well under way, so requests are in flight at that moment.
  while (acknowledged < enough) await new Promise((r) => setTimeout(r, 5));
  server.child.kill('SIGKILL');
  expect(await server.exited).toBe('SIGKILL');
  stop = true;
  await Promise.all(workers);
  return { acknowledged, sent };
}

describe('the counter under load, as a real server process', () => {
  it('counts 2,000 concurrent increments exactly', async () => {
    const dataDir = tempDataDir();
    const key = createFastKey(dataDir);
    running = await startServerProcess({ SHUTTER_DATA_DIR: dataDir });
    const url = `${running.url}/visits/load-test`;
    const responses = await Promise.all(
      Array.from({ length: 2000 }, () =>
        fetch(url, { method: 'POST', headers: { 'x-api-key': key } }),
      ),
    );
    const counts = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { count: number }).count),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    // Every increment saw a distinct total: none was lost or applied twice.
    expect(new Set(counts).size).toBe(2000);
    expect(Math.max(...counts)).toBe(2000);
    const read = (await (await fetch(url, { headers: { 'x-api-key': key } })).json()) as {
      count: number;
    };
    expect(read.count).toBe(2000);
  });

  it('keeps every acknowledged increment when the process is killed mid-load', async () => {
    const dataDir = tempDataDir();
    const key = createFastKey(dataDir);
    running = await startServerProcess({ SHUTTER_DATA_DIR: dataDir });
    const { acknowledged, sent } = await killMidLoad(
      running,
      `${running.url}/visits/crash-test`,
      key,
      300,
    );

    running = await startServerProcess({ SHUTTER_DATA_DIR: dataDir });
    const restarted = `${running.url}/visits/crash-test`;
    const read = (await (await fetch(restarted, { headers: { 'x-api-key': key } })).json()) as {
      count: number;
    };
    expect(acknowledged).toBeGreaterThanOrEqual(300);
    expect(read.count).toBeGreaterThanOrEqual(acknowledged);
    expect(read.count).toBeLessThanOrEqual(sent);
  });

  it('on DynamoDB too: a killed server loses no acknowledged increment', async () => {
    // dynalite in a process of its own (the keys CLI below blocks this one while it runs), the
    // server in another: the increments it acknowledged are in the tables whatever happens to it.
    const dynalite = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'api/bench/dynalite-process.ts')],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    onTestFinished(() => void dynalite.kill('SIGTERM'));
    const endpoint = await new Promise<string>((resolve) =>
      dynalite.stdout.once('data', (chunk: Buffer) =>
        resolve((JSON.parse(chunk.toString()) as { url: string }).url),
      ),
    );
    const env = {
      SHUTTER_STORE: 'dynamodb',
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      SHUTTER_TABLE_PREFIX: `durability-${Date.now()}-`,
    };
    const dataDir = tempDataDir();
    const key = createFastKey(dataDir, env);
    running = await startServerProcess({ SHUTTER_DATA_DIR: dataDir, ...env });
    const { acknowledged, sent } = await killMidLoad(
      running,
      `${running.url}/visits/crash-test`,
      key,
      100,
    );

    running = await startServerProcess({ SHUTTER_DATA_DIR: dataDir, ...env });
    const read = (await (
      await fetch(`${running.url}/visits/crash-test`, { headers: { 'x-api-key': key } })
    ).json()) as { count: number };
    expect(acknowledged).toBeGreaterThanOrEqual(100);
    expect(read.count).toBeGreaterThanOrEqual(acknowledged);
    expect(read.count).toBeLessThanOrEqual(sent);
  });
});
