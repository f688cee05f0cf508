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

function createFastKey(dataDir: string): string {
  const created = runCli(
    'api/src/local/keys-cli.ts',
    ['create', '--name', 'load', '--scope', '*', '--rate', '100000', '--burst', '100000', '--json'],
    { SHUTTER_DATA_DIR: dataDir },
  );
  expect(created.status).toBe(0);
  return (JSON.parse(created.stdout) as { key: string }).key;
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
    const url = `${running.url}/visits/crash-test`;
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
    while (acknowledged < 300) await new Promise((r) => setTimeout(r, 5));
    running.child.kill('SIGKILL');
    expect(await running.exited).toBe('SIGKILL');
    stop = true;
    await Promise.all(workers);

    running = await startServerProcess({ SHUTTER_DATA_DIR: dataDir });
    const restarted = `${running.url}/visits/crash-test`;
    const read = (await (await fetch(restarted, { headers: { 'x-api-key': key } })).json()) as {
      count: number;
    };
    expect(acknowledged).toBeGreaterThanOrEqual(300);
    expect(read.count).toBeGreaterThanOrEqual(acknowledged);
    expect(read.count).toBeLessThanOrEqual(sent);
  });
});
