import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import newman, { type NewmanRunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_FOLDER } from '../../tools/postman/build-collection.js';
import {
  runCli,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../support/server-process.js';

let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDataDir('shutter-postman-');
  server = await startServerProcess({ SHUTTER_DATA_DIR: dataDir, SHUTTER_DEMO: '0' });
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
});

function run(options: newman.NewmanRunOptions): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) =>
    newman.run(options, (error, summary) => (error ? reject(error) : resolve(summary))),
  );
}

describe('the Postman collection, run by newman against a real server', () => {
  it('logs in, creates and publishes a review, reads it from /content and counts a visit', async () => {
    // The first-run admin, as `npm start` printed it.
    const email = /email:\s+(\S+)/.exec(server.stdout())?.[1];
    const password = /password:\s+(\S+)/.exec(server.stdout())?.[1];
    expect(email).toBe('admin@shutter.local');
    expect(password).toBeDefined();

    // A key from the `keys` command line, on the running server's data directory.
    const env = { SHUTTER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const created = runCli(
      'api/src/local/keys-cli.ts',
      ['create', '--name', 'postman', '--scope', 'default', '--json'],
      env,
    );
    expect(created.status, created.stderr).toBe(0);
    const { key } = JSON.parse(created.stdout) as { key: string };

    // `npm run postman`, as a process, into this test's directory.
    const out = join(dataDir, 'shutter.postman_collection.json');
    const generated = runCli('api/tools/postman/main.ts', ['--out', out], env);
    expect(generated.status, generated.stderr).toBe(0);
    const collection = JSON.parse(readFileSync(out, 'utf8')) as { item: Array<{ name: string }> };
    expect(collection.item.map((i) => i.name)).toEqual(
      expect.arrayContaining([FLOW_FOLDER, 'Content', 'Reviews', 'Visitor counter']),
    );

    const summary = await run({
      collection,
      folder: FLOW_FOLDER,
      envVar: [
        { key: 'baseUrl', value: server.url },
        { key: 'adminEmail', value: email! },
        { key: 'adminPassword', value: password! },
        { key: 'apiKey', value: key },
      ],
      reporters: [],
      timeoutRequest: 10_000,
    });
    const failures = summary.run.failures.map(
      (f) => `${f.source?.name ?? '?'}: ${f.error.name}: ${f.error.message}`,
    );
    expect(failures).toEqual([]);
    // "Read it from /content" asks again while the worker has not published yet: count it once.
    const steps = summary.run.executions.map((e) => e.item.name);
    expect(steps.filter((name, i) => name !== steps[i - 1])).toEqual([
      'Log in',
      'Create a review (draft)',
      'Publish it (If-Match)',
      'Read it from /content (public)',
      'Count a visit',
      'Read the counter without counting',
    ]);
    expect(summary.run.stats.assertions.total).toBe(13);
    expect(summary.run.stats.assertions.failed).toBe(0);

    // The flow left its marks on the server, not just in newman's report.
    const visits = await fetch(`${server.url}/visits/default`, { headers: { 'x-api-key': key } });
    expect(((await visits.json()) as { count: number }).count).toBe(1);
    // The list comes from the index the worker rebuilds a moment after the publish (a burst of
    // writes is coalesced into one rebuild): wait for it rather than race it.
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${server.url}/content`)).json()) as { total: number }).total,
        { timeout: 5_000, interval: 100 },
      )
      .toBe(1);
  });
});
