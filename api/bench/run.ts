// `npm run bench`: autocannon against a real Shutter process, next to a raw node:http floor
// measured in the same run, every result printed as a ratio to that floor.
//   BENCH_DURATION (seconds per scenario, default 5), BENCH_CONNECTIONS (default 50),
//   BENCH_REVIEWS (generated reviews for the large run, default 10000; 0 skips it),
//   SHUTTER_STORE=dynamodb runs the server on an in-process dynalite.
// `npm run bench -- --soak` runs the soak instead (soak.ts): minutes of mixed traffic at a steady
// rate, with the server's memory at start and end.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import {
  runCli,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../test/support/server-process.js';
import {
  contentScenarios,
  counterScenarios,
  type Scenario,
  type ScenarioContext,
} from './scenarios.js';

if (process.argv.includes('--soak')) {
  const { runSoak } = await import('./soak.js');
  process.exit(await runSoak());
}

const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const manyReviews = Number(process.env.BENCH_REVIEWS ?? 10_000);
const store = process.env.SHUTTER_STORE ?? 'sqlite';

interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(url: string, scenario: Scenario): Promise<Measured> {
  let unexpected = 0;
  const result = await autocannon({
    url: url + scenario.path,
    method: scenario.method,
    headers: scenario.headers ?? {},
    connections,
    duration,
    setupClient: (client) => {
      client.on('response', (statusCode: number) => {
        if (statusCode !== scenario.expectStatus) unexpected += 1;
      });
    },
  });
  return {
    name: scenario.name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + unexpected,
  };
}

/** Starts a helper script of this folder that prints `{"url": …}` once it listens. */
async function startHelper(script: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, script)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((done) =>
    child.stdout!.once('data', (chunk: Buffer) =>
      done((JSON.parse(chunk.toString()) as { url: string }).url),
    ),
  );
  return { url, child };
}

/** Where the server under test keeps its data: a temp dir, and on DynamoDB a fresh table prefix. */
async function storeEnv(label: string): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    SHUTTER_DATA_DIR: tempDataDir('shutter-bench-'),
    SHUTTER_STORE: store,
  };
  if (store === 'dynamodb') {
    env.AWS_ENDPOINT_URL_DYNAMODB = (await dynalite()).url;
    env.SHUTTER_TABLE_PREFIX = `bench-${label}-${Date.now()}-`;
  }
  return env;
}

let dynaliteStarted: ReturnType<typeof startHelper> | undefined;
function dynalite() {
  dynaliteStarted ??= startHelper('dynalite-process.ts');
  return dynaliteStarted;
}

function cli(script: string, args: string[], env: Record<string, string>): string {
  // Seeding 10,000 reviews into DynamoDB takes a while; a hung command still ends.
  const result = runCli(script, args, env, 600_000);
  if (result.status !== 0) {
    throw new Error(
      `${script} ${args.join(' ')} failed (${result.status ?? 'killed'}): ${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Starts a server on prepared data and finds what the scenarios need. */
async function prepare(
  env: Record<string, string>,
): Promise<{ server: ServerProcess; context: ScenarioContext }> {
  const key = JSON.parse(
    cli(
      'api/src/local/keys-cli.ts',
      [
        'create',
        '--name',
        'bench',
        '--scope',
        '*',
        '--rate',
        '100000',
        '--burst',
        '100000',
        '--json',
      ],
      env,
    ),
  ) as { key: string };
  const server = await startServerProcess(env, 120_000);
  // The access log is read and dropped: kept, it would cost this process (and so the
  // measurement, on a machine with few cores) more than the server spends writing it.
  server.stopRecording();
  const list = (await (await fetch(`${server.url}/content?limit=1`)).json()) as {
    items: Array<{ slug: string }>;
  };
  const slug = list.items[0]!.slug;
  const etag = (await fetch(`${server.url}/content/${slug}`)).headers.get('etag')!;
  return { server, context: { apiKey: key.key, slug, etag } };
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

const format = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
  `Shutter bench: ${duration}s per scenario, ${connections} connections, store ${store}, Node ${process.version}`,
);
{
  // The plan, before minutes of silence: what runs, roughly how long, and where the figures go.
  const none: ScenarioContext = { apiKey: '', slug: '', etag: '' };
  const demoRuns = counterScenarios(none).length + contentScenarios(none).length;
  const manyRuns = manyReviews > 0 ? contentScenarios(none).length : 0;
  const runs = 1 + demoRuns + manyRuns;
  // Starting each server and seeding (about 1 s per thousand reviews on 2 shared cores) come on top.
  const setupSeconds = 10 + (manyReviews > 0 ? 10 + manyReviews / 1_000 : 0);
  const seconds = runs * duration + setupSeconds;
  const roughly = seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
  console.log(
    `Plan: ${runs} runs of ${duration}s (a raw node:http floor; visits and content reads on the demo data` +
      (manyRuns > 0 ? `; content reads on ${format(manyReviews)} generated reviews` : '') +
      `), about ${roughly}; servers use temporary data directories, and the results are a table printed here at the end (nothing is written).`,
  );
}
const floor = await startHelper('floor-server.ts');
const floorResult = await measure(floor.url, {
  name: 'node:http floor',
  method: 'GET',
  path: '/',
  expectStatus: 200,
});
const results: Array<Measured & { data: string }> = [];

// The demo data: a dozen reviews, and the counter.
{
  const env = { ...(await storeEnv('demo')), SHUTTER_DEMO: '1' };
  const { server, context } = await prepare(env);
  for (const s of [...counterScenarios(context), ...contentScenarios(context)]) {
    results.push({ ...(await measure(server.url, s)), data: 'demo (12)' });
  }
  await stop(server);
}

// Many generated reviews: the read path must not slow down with the catalogue.
if (manyReviews > 0) {
  const env = { ...(await storeEnv('many')), SHUTTER_DEMO: '0' };
  cli('api/bench/seed-reviews.ts', [String(manyReviews)], env);
  const { server, context } = await prepare(env);
  for (const s of contentScenarios(context)) {
    results.push({ ...(await measure(server.url, s)), data: `${format(manyReviews)} reviews` });
  }
  await stop(server);
}

floor.child.kill('SIGTERM');
if (dynaliteStarted) (await dynaliteStarted).child.kill('SIGTERM');

console.table(
  [{ ...floorResult, data: '-' }, ...results].map((r) => ({
    scenario: r.name,
    data: r.data,
    'req/s': format(r.requestsPerSecond),
    'p50 ms': format(r.p50, 1),
    'p99 ms': format(r.p99, 1),
    'req/s ÷ floor': format(r.requestsPerSecond / floorResult.requestsPerSecond, 2),
    'p99 ÷ floor': format(r.p99 / Math.max(floorResult.p99, 0.01), 2),
    errors: r.errors,
  })),
);
if (results.some((r) => r.errors > 0)) {
  console.error('Some requests failed or had an unexpected status: those figures are not valid.');
  process.exitCode = 1;
}
