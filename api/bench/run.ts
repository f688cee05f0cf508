// `npm run bench`: autocannon against a real Shutter process, next to a raw node:http floor
// measured in the same run, every result printed as a ratio to that floor.
//   BENCH_DURATION (seconds, default 5), BENCH_CONNECTIONS (default 50), SHUTTER_STORE as for start.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { runCli, startServerProcess, tempDataDir } from '../test/support/server-process.js';
import { scenarios, type Scenario } from './scenarios.js';

const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

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

async function startFloor(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'floor-server.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((done) =>
    child.stdout!.once('data', (chunk: Buffer) =>
      done((JSON.parse(chunk.toString()) as { url: string }).url),
    ),
  );
  return { url, child };
}

const format = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const dataDir = tempDataDir('shutter-bench-');
const env = { SHUTTER_DATA_DIR: dataDir, SHUTTER_DEMO: process.env.SHUTTER_DEMO ?? '1' };
const created = runCli(
  'api/src/local/keys-cli.ts',
  ['create', '--name', 'bench', '--scope', '*', '--rate', '100000', '--burst', '100000', '--json'],
  env,
);
if (created.status !== 0) throw new Error(`could not create a bench key: ${created.stderr}`);
const apiKey = (JSON.parse(created.stdout) as { key: string }).key;

const floor = await startFloor();
const server = await startServerProcess(env);
// Drain the access log so a full pipe never slows the server down.
server.child.stdout!.resume();

console.log(
  `Shutter bench: ${duration}s per scenario, ${connections} connections, store ${process.env.SHUTTER_STORE ?? 'sqlite'}, Node ${process.version}`,
);
const floorResult = await measure(floor.url, {
  name: 'node:http floor',
  method: 'GET',
  path: '/',
  expectStatus: 200,
});
const results = [];
for (const scenario of scenarios({ apiKey })) results.push(await measure(server.url, scenario));

const rows = [floorResult, ...results].map((r) => ({
  scenario: r.name,
  'req/s': format(r.requestsPerSecond),
  'p50 ms': format(r.p50, 1),
  'p99 ms': format(r.p99, 1),
  'req/s vs floor': format(r.requestsPerSecond / floorResult.requestsPerSecond, 2),
  'p99 vs floor': format(r.p99 / Math.max(floorResult.p99, 0.01), 2),
  errors: r.errors,
}));
console.table(rows);

floor.child.kill('SIGTERM');
server.child.kill('SIGTERM');
await server.exited;
if (results.some((r) => r.errors > 0)) {
  console.error(
    'Some requests failed or had an unexpected status: the figures above are not valid.',
  );
  process.exitCode = 1;
}
