import { afterEach, describe, expect, it } from 'vitest';
import { reviewInput } from '../support/review-fixtures.js';
import { startServerProcess, tempDataDir, type ServerProcess } from '../support/server-process.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }
});

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await startServerProcess({ SHUTTER_DATA_DIR: dataDir, SHUTTER_DEMO: '0' });
  running.push(server);
  return server;
}

describe('scheduled publishing across a restart', () => {
  it.each(['SIGKILL', 'SIGTERM'] as const)(
    'publishes a review scheduled 2 s ahead after the server is stopped with %s and started again',
    async (signal) => {
      const dataDir = tempDataDir('shutter-schedule-');
      const first = await start(dataDir);
      const password = /password:\s+(\S+)/.exec(first.stdout())?.[1];
      expect(password).toBeDefined();
      const login = await fetch(`${first.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@shutter.local', password }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };

      const publishAt = new Date(Date.now() + 2_000).toISOString();
      const created = await fetch(`${first.url}/reviews`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ ...reviewInput({ slug: 'scheduled-across-restart' }), publishAt }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      expect(await created.json()).toMatchObject({ status: 'scheduled', publishAt });

      expect((await fetch(`${first.url}/content/scheduled-across-restart`)).status).toBe(404);
      // Stopped before it is due: the job waits in the SQLite queue, not in this process.
      first.child.kill(signal);
      await first.exited;

      const second = await start(dataDir);
      const startedAt = Date.now();
      await expect
        .poll(async () => (await fetch(`${second.url}/content/scheduled-across-restart`)).status, {
          timeout: 60_000,
          interval: 250,
        })
        .toBe(200);
      // Published at its time, not at some later sweep: well inside the 60 s bound.
      expect(Date.now() - Math.max(startedAt, Date.parse(publishAt))).toBeLessThan(30_000);
      expect(second.stdout()).toContain('scheduled review published');
    },
    90_000,
  );
});
