import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runCli,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../support/server-process.js';

// `npm run seed` on a data directory of its own, then a real server on that directory: the
// seeded reviews must be served as they are (documents and index written by the seed), without
// the server materialising anything at its start.
let dataDir: string;
let server: ServerProcess | undefined;
const env = () => ({ SHUTTER_DATA_DIR: dataDir, SHUTTER_DEMO: '0', LOG_LEVEL: 'info' });

interface ListBody {
  total: number;
  items: { slug: string; title: string }[];
}

beforeAll(() => {
  dataDir = tempDataDir('shutter-seed-cli-');
});
afterAll(async () => {
  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run seed', () => {
  it('refuses a missing or invalid count with the usage and exit code 2', () => {
    for (const args of [[], ['--reviews', '0'], ['--reviews', 'many']]) {
      const res = runCli('api/src/local/seed-cli.ts', args, env());
      expect(res.status).toBe(2);
      expect(res.stderr).toContain('Usage:');
    }
  });

  it('seeds 300 published reviews that a server started afterwards lists, finds and serves', async () => {
    const res = runCli('api/src/local/seed-cli.ts', ['--reviews', '300', '--json'], env(), 60_000);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const seeded = JSON.parse(res.stdout) as {
      reviews: number;
      indexed: number;
      seconds: Record<string, number>;
    };
    expect(seeded).toMatchObject({ reviews: 300, indexed: 300 });
    expect(Object.keys(seeded.seconds).sort()).toEqual(['documents', 'index', 'reviews', 'total']);

    server = await startServerProcess(env());
    // Materialising at the start would mean the seed left the store without an index.
    expect(server.stdout()).not.toContain('Materialised');
    const list = await fetch(`${server.url}/content?limit=5`);
    expect(list.status).toBe(200);
    const body = (await list.json()) as ListBody;
    expect(body.total).toBe(300);
    expect(body.items).toHaveLength(5);

    const slug = body.items[0]!.slug;
    const detail = await fetch(`${server.url}/content/${slug}`);
    expect(detail.status).toBe(200);
    const doc = (await detail.json()) as { slug: string; title: string; html: string };
    expect(doc.slug).toBe(slug);
    expect(doc.title).toBe(body.items[0]!.title);
    expect(doc.html).toContain('<p>');

    const search = await fetch(`${server.url}/content?q=autofocus&limit=1`);
    expect(((await search.json()) as ListBody).total).toBeGreaterThan(0);
  }, 90_000);

  it('adds more on a second run, picked up by the running server within its freshness bound', async () => {
    const res = runCli('api/src/local/seed-cli.ts', ['--reviews', '20', '--json'], env(), 60_000);
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ reviews: 20, indexed: 320 });

    // The server checks the index pointer every 5 s (DEFAULT_FRESHNESS_MS).
    const deadline = Date.now() + 15_000;
    let total = 0;
    while (Date.now() < deadline) {
      total = ((await (await fetch(`${server!.url}/content?limit=1`)).json()) as ListBody).total;
      if (total === 320) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(total).toBe(320);
  }, 60_000);
});
