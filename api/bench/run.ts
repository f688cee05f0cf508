// `npm run bench`: autocannon against a real Shutter process, next to two floors measured in the
// same run (a raw node:http server and one bare Hono route), every result given as a ratio to the
// node:http floor. The server under test runs on one core and autocannon on the other (`taskset`,
// from util-linux; without it, or on one core, the output says the figures are unpinned).
//   --short or BENCH_SHORT=1: a quick look (2 s per scenario, demo data only).
//   BENCH_DURATION (seconds per scenario, default 5), BENCH_WARMUP (seconds of unmeasured load
//   before each scenario, default 1), BENCH_CONNECTIONS (default 50), BENCH_REVIEWS (generated
//   reviews for the large run, default 10000; 0 skips it), SHUTTER_STORE=dynamodb runs the server
//   on dynalite (unpinned), BENCH_PROFILE=DIR writes a V8 CPU profile of each Shutter server
//   there (`node --cpu-prof`; read it with `tsx api/bench/profile-top.ts FILE`), BENCH_ONLY=TEXT
//   runs only the Shutter scenarios whose name contains TEXT (with the floors; for a profile of
//   one path).
// The closing table is printed and written as Markdown to test-artifacts/bench-<time>.md.
// `npm run bench -- --soak` runs the soak instead (soak.ts): minutes of mixed traffic at a steady
// rate, with the server's memory at start and end.
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import {
  REPO_ROOT,
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

const short = process.argv.includes('--short') || process.env.BENCH_SHORT === '1';
const duration = Number(process.env.BENCH_DURATION ?? (short ? 2 : 5));
const warmup = Number(process.env.BENCH_WARMUP ?? 1);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const manyReviews = Number(process.env.BENCH_REVIEWS ?? (short ? 0 : 10_000));
const store = process.env.SHUTTER_STORE ?? 'sqlite';
const profileDir = process.env.BENCH_PROFILE ? resolve(process.env.BENCH_PROFILE) : undefined;
const only = process.env.BENCH_ONLY;
/** The scenarios this run measures (all of them unless BENCH_ONLY names some). */
const chosen = (scenarios: Scenario[]) =>
  only ? scenarios.filter((s) => s.name.includes(only)) : scenarios;

// ── Pinning: servers on core 0, this process (autocannon) on core 1. ─────────────────────────────
const SERVER_CORE = 0;
const LOAD_CORE = 1;
const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
const pinned = hasTaskset && cpus().length >= 2;
const pinning = pinned
  ? `server on core ${SERVER_CORE}, load generator on core ${LOAD_CORE} (taskset)`
  : !hasTaskset
    ? 'NOT pinned: taskset (util-linux) was not found, so server and load generator share every core'
    : 'NOT pinned: this machine has one core';

/** Pins every thread of a process (and the threads it starts later) to one core. */
function pin(pid: number, core: number): void {
  if (!pinned) return;
  const result = spawnSync('taskset', ['-a', '-cp', String(core), String(pid)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`taskset failed for ${pid}: ${result.stderr}`);
}
pin(process.pid, LOAD_CORE);

interface Measured {
  name: string;
  requestsPerSecond: number;
  /** The server's CPU time (user + system) per answered request, in µs; absent off Linux. */
  cpuMicrosPerRequest?: number;
  p50: number;
  p99: number;
  errors: number;
  target?: number;
  p99Under5ms?: boolean;
  /** The same answer's bytes replayed by node:http alone (content reads): the scenario's ceiling. */
  sameBytes?: number;
}

async function load(url: string, scenario: Scenario, seconds: number) {
  let unexpected = 0;
  const result = await autocannon({
    url: url + scenario.path,
    method: scenario.method,
    headers: scenario.headers ?? {},
    connections,
    duration: seconds,
    setupClient: (client) => {
      client.on('response', (statusCode: number) => {
        if (statusCode !== scenario.expectStatus) unexpected += 1;
      });
    },
  });
  return { result, unexpected };
}

let runsDone = 0;
let runsPlanned = 0;

// ── CPU per request: what the server process spent, whatever else ran on the machine. ────────────
const TICKS_PER_SECOND = Number(
  spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim() || 100,
);

/** A process's CPU time so far (user + system, in clock ticks), from /proc; undefined elsewhere. */
function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start with field 3, the state.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime (14) and stime (15)
  } catch {
    return undefined;
  }
}

async function measure(
  url: string,
  scenario: Scenario,
  data: string,
  serverPid: number,
): Promise<Measured> {
  runsDone += 1;
  const label = `[${runsDone}/${runsPlanned}] ${scenario.name} (${data})`;
  process.stdout.write(`${label} …`);
  if (warmup > 0) await load(url, scenario, warmup);
  const ticksBefore = cpuTicks(serverPid);
  const { result, unexpected } = await load(url, scenario, duration);
  const ticksAfter = cpuTicks(serverPid);
  const cpuMicros =
    ticksBefore !== undefined && ticksAfter !== undefined && result.requests.total > 0
      ? ((ticksAfter - ticksBefore) * 1e6) / TICKS_PER_SECOND / result.requests.total
      : undefined;
  const measured: Measured = {
    name: scenario.name,
    requestsPerSecond: result.requests.average,
    ...(cpuMicros !== undefined ? { cpuMicrosPerRequest: cpuMicros } : {}),
    p50: result.latency.p50,
    p99: result.latency.p99,
    // Not autocannon's non2xx: a 304 scenario expects every answer to be one.
    errors: result.errors + result.timeouts + unexpected,
    ...(scenario.target !== undefined ? { target: scenario.target } : {}),
    ...(scenario.p99Under5ms ? { p99Under5ms: true } : {}),
  };
  const ratio =
    floorRate > 0 ? ` = ${format(measured.requestsPerSecond / floorRate, 2)}× floor` : '';
  const cpu = cpuMicros !== undefined ? `, ${format(cpuMicros, 1)} µs CPU/req` : '';
  process.stdout.write(
    `\r${label}: ${format(measured.requestsPerSecond)} req/s${ratio}, p99 ${format(measured.p99, 1)} ms${cpu}` +
      (measured.errors > 0 ? `, ${measured.errors} ERRORS` : '') +
      '\n',
  );
  return measured;
}

// Processes this one started end with it, even when a step fails. (Its data directories go too:
// tempDataDir removes them when the process exits.)
const helpers: ChildProcess[] = [];
process.on('exit', () =>
  helpers.forEach((child) => child.exitCode === null && child.kill('SIGTERM')),
);

/** Starts a helper script of this folder that prints `{"url": …}` once it listens. */
async function startHelper(
  script: string,
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, script), ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  helpers.push(child);
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
  // node refuses --cpu-prof in NODE_OPTIONS; a preloaded module runs the same profiler.
  const serverEnv = profileDir
    ? {
        ...env,
        BENCH_PROFILE_DIR: profileDir,
        NODE_OPTIONS: `--import ${resolve(import.meta.dirname, 'cpu-profile.mjs')}`,
      }
    : env;
  const server = await startServerProcess(serverEnv, 120_000);
  helpers.push(server.child);
  pin(server.child.pid!, SERVER_CORE);
  // The access log is read and dropped: kept, it would cost this process (and so the
  // measurement, on a machine with few cores) more than the server spends writing it.
  server.stopRecording();
  const list = (await (await fetch(`${server.url}/content?limit=2`)).json()) as {
    items: Array<{ slug: string }>;
  };
  // One visit, so that reading the counter answers 200 even when BENCH_ONLY skips counting.
  await (
    await fetch(`${server.url}/visits/default`, {
      method: 'POST',
      headers: { 'x-api-key': key.key },
    })
  ).text();
  const slug = list.items[0]!.slug;
  const etag = (await fetch(`${server.url}/content/${slug}`)).headers.get('etag')!;
  return {
    server,
    context: { apiKey: key.key, slug, etag, compareSlugs: [slug, list.items[1]!.slug] },
  };
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

/** Headers node:http writes itself, or that belong to one connection or moment. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * The scenario's ceiling: its answer, recorded once from the server under test, replayed by a
 * bare node:http server (floor-server.ts `replay`) under the same load. No server can send those
 * bytes faster than node:http does, so a scenario at its ceiling has nothing left to gain inside
 * Shutter; the load generator, which reads every byte on one core, often sets it for large bodies.
 */
async function sameBytes(url: string, scenario: Scenario, data: string): Promise<number> {
  const res = await fetch(url + scenario.path, {
    method: scenario.method,
    headers: scenario.headers ?? {},
  });
  const headers: string[] = [];
  res.headers.forEach((value, name) => {
    if (!TRANSPORT_HEADERS.has(name)) headers.push(name, value);
  });
  const body = Buffer.from(await res.arrayBuffer()).toString('base64');
  const file = resolve(tempDataDir('shutter-bench-replay-'), 'answer.json');
  writeFileSync(file, JSON.stringify({ status: res.status, headers, body }));
  const replay = await startHelper('floor-server.ts', ['replay', file]);
  pin(replay.child.pid!, SERVER_CORE);
  const measured = await measure(
    replay.url,
    { ...scenario, name: `${scenario.name}, same bytes from node:http`, target: undefined },
    data,
    replay.child.pid!,
  );
  replay.child.kill('SIGTERM');
  return measured.requestsPerSecond;
}

/** Measures a scenario on the server under test, and a content read's ceiling next to it. */
async function measureWithCeiling(
  url: string,
  scenario: Scenario,
  data: string,
  pid: number,
): Promise<Measured & { data: string }> {
  const measured = await measure(url, scenario, data, pid);
  return {
    ...measured,
    data,
    ...(scenario.p99Under5ms ? { sameBytes: await sameBytes(url, scenario, data) } : {}),
  };
}

const format = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const load1 = () => format(loadavg()[0]!, 2);

/** A context with nothing in it: enough to count and name the scenarios before a server runs. */
function context0(): ScenarioContext {
  return { apiKey: '', slug: '', etag: '', compareSlugs: ['', ''] };
}

const startedAt = new Date();
const loadAtStart = load1();
console.log(
  `Shutter bench${short ? ' (short)' : ''}: ${duration}s per scenario${warmup > 0 ? ` after ${warmup}s warm-up` : ''}, ${connections} connections, store ${store}, Node ${process.version}`,
);
console.log(`Pinning: ${pinning}${store === 'dynamodb' ? '; dynalite unpinned' : ''}.`);
console.log(
  `Load average (1 min) at start: ${loadAtStart} on ${cpus().length} cores` +
    (Number(loadAtStart) > 0.5
      ? ' — other work is running: the figures will be depressed and noisy'
      : ''),
);
{
  // The plan, before minutes of silence: what runs, roughly how long, and where the figures go.
  const none = context0();
  // Each content read runs twice: on Shutter, then its same bytes from node:http.
  const demoRuns =
    chosen(counterScenarios(none)).length + 2 * chosen(contentScenarios(none)).length;
  const manyRuns = manyReviews > 0 ? 2 * chosen(contentScenarios(none)).length : 0;
  runsPlanned = 3 + demoRuns + manyRuns;
  // Starting each server and seeding (about 1 s per thousand reviews on 2 shared cores) come on top.
  const setupSeconds = 10 + (manyReviews > 0 ? 10 + manyReviews / 1_000 : 0);
  const seconds = runsPlanned * (duration + warmup) + setupSeconds;
  const roughly = seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
  console.log(
    `Plan: ${runsPlanned} runs of ${duration}s (a raw node:http floor, before and after; a bare Hono route; visits and content reads on the demo data` +
      (manyRuns > 0 ? `; content reads on ${format(manyReviews)} generated reviews` : '') +
      `; each content read's same bytes from node:http), about ${roughly}; servers use temporary data directories; the closing table is also written to test-artifacts/.`,
  );
}

const floorScenario: Scenario = {
  name: 'node:http floor',
  method: 'GET',
  path: '/',
  expectStatus: 200,
};
let floorRate = 0;
const floor = await startHelper('floor-server.ts');
pin(floor.child.pid!, SERVER_CORE);
const floorBefore = await measure(floor.url, floorScenario, '-', floor.child.pid!);
floorRate = floorBefore.requestsPerSecond;

const hono = await startHelper('floor-server.ts', ['hono']);
pin(hono.child.pid!, SERVER_CORE);
const honoResult = await measure(
  hono.url,
  { ...floorScenario, name: 'bare Hono route' },
  '-',
  hono.child.pid!,
);
hono.child.kill('SIGTERM');

const results: Array<Measured & { data: string }> = [];

// The demo data: a dozen reviews, and the counter.
{
  const env = { ...(await storeEnv('demo')), SHUTTER_DEMO: '1' };
  const { server, context } = await prepare(env);
  for (const s of chosen([...counterScenarios(context), ...contentScenarios(context)])) {
    results.push(await measureWithCeiling(server.url, s, 'demo (12)', server.child.pid!));
  }
  await stop(server);
}

// Many generated reviews: the read path must not slow down with the catalogue.
if (manyReviews > 0 && chosen(contentScenarios(context0())).length > 0) {
  const data = `${format(manyReviews)} reviews`;
  process.stdout.write(`Seeding ${data} …\n`);
  const env = { ...(await storeEnv('many')), SHUTTER_DEMO: '0' };
  cli('api/bench/seed-reviews.ts', [String(manyReviews)], env);
  const { server, context } = await prepare(env);
  for (const s of chosen(contentScenarios(context))) {
    results.push(await measureWithCeiling(server.url, s, data, server.child.pid!));
  }
  await stop(server);
}

// The floor again: the machine may have got busier or quieter while the run went on; the ratios
// use the mean of both measurements, and both are shown.
const floorAfter = await measure(
  floor.url,
  { ...floorScenario, name: 'node:http floor (end)' },
  '-',
  floor.child.pid!,
);
floor.child.kill('SIGTERM');
if (dynaliteStarted) (await dynaliteStarted).child.kill('SIGTERM');
floorRate = (floorBefore.requestsPerSecond + floorAfter.requestsPerSecond) / 2;
const loadAtEnd = load1();
// The floor's CPU per request, for the CPU ratio: how many requests the server would answer per
// floor request if it had its core to itself. Unlike req/s it hardly moves when other work
// takes the core away, so on a busy machine it is the steadier of the two.
const floorCpu =
  floorBefore.cpuMicrosPerRequest !== undefined && floorAfter.cpuMicrosPerRequest !== undefined
    ? (floorBefore.cpuMicrosPerRequest + floorAfter.cpuMicrosPerRequest) / 2
    : undefined;
const cpuRatio = (r: Measured) =>
  floorCpu !== undefined && r.cpuMicrosPerRequest !== undefined
    ? format(floorCpu / r.cpuMicrosPerRequest, 2)
    : '';

const rows = [
  { ...floorBefore, data: '-' },
  { ...floorAfter, data: '-' },
  { ...honoResult, data: '-' },
  ...results,
];
const sameBytesRatio = (r: Measured) =>
  r.sameBytes !== undefined ? format(r.sameBytes / floorRate, 2) : '';
const verdict = (r: Measured) => {
  const ratio = r.requestsPerSecond / floorRate;
  const misses: string[] = [];
  if (r.target !== undefined && ratio < r.target) misses.push(`${format(ratio - r.target, 2)}`);
  if (r.p99Under5ms && r.p99 >= 5) misses.push('p99 ≥ 5 ms');
  if (r.target === undefined && !r.p99Under5ms) return '';
  return misses.length === 0 ? 'met' : `MISSED (${misses.join(', ')})`;
};
console.table(
  rows.map((r) => ({
    scenario: r.name,
    data: r.data,
    'req/s': format(r.requestsPerSecond),
    'p50 ms': format(r.p50, 1),
    'p99 ms': format(r.p99, 1),
    '÷ floor': format(r.requestsPerSecond / floorRate, 2),
    'CPU µs/req': r.cpuMicrosPerRequest !== undefined ? format(r.cpuMicrosPerRequest, 1) : '',
    'floor CPU ÷': cpuRatio(r),
    'same bytes ÷ floor': sameBytesRatio(r),
    target: r.target !== undefined ? `≥ ${format(r.target, 2)}` : '',
    verdict: verdict(r),
    errors: r.errors,
  })),
);

const markdown = [
  `# npm run bench, ${startedAt.toISOString()}`,
  '',
  `${duration} s per scenario${warmup > 0 ? ` after ${warmup} s warm-up` : ''}, ${connections} connections, store ${store}, Node ${process.version}, ${cpus().length} cores. ` +
    `Pinning: ${pinning}. Load average (1 min): ${loadAtStart} at start, ${loadAtEnd} at end. ` +
    `Ratios are to the mean of the two node:http floor runs (${format(floorRate)} req/s). ` +
    `"CPU µs/req" is the server process's CPU time (user + system) per request while measured; ` +
    `"floor CPU ÷" is the floor's CPU per request divided by the row's (${floorCpu !== undefined ? `${format(floorCpu, 1)} µs for the floor` : 'not available here'}): ` +
    `the req/s ratio the row would have with a core to itself. ` +
    `"same bytes ÷ floor" is a content read's answer, recorded once and replayed by node:http alone under the same load: the most any server could reach for that answer on this machine and load generator. The verdict uses req/s.`,
  '',
  '| scenario | data | req/s | p50 ms | p99 ms | ÷ floor | CPU µs/req | floor CPU ÷ | same bytes ÷ floor | target | verdict | errors |',
  '| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --- | --: |',
  ...rows.map(
    (r) =>
      `| ${r.name.startsWith('GET') || r.name.startsWith('POST') ? `\`${r.name}\`` : r.name} | ${r.data} | ${format(r.requestsPerSecond)} | ${format(r.p50, 1)} | ${format(r.p99, 1)} | ${format(r.requestsPerSecond / floorRate, 2)} | ${r.cpuMicrosPerRequest !== undefined ? format(r.cpuMicrosPerRequest, 1) : ''} | ${cpuRatio(r)} | ${sameBytesRatio(r)} | ${r.target !== undefined ? `≥ ${format(r.target, 2)}` : ''} | ${verdict(r)} | ${r.errors} |`,
  ),
  '',
].join('\n');
const artifacts = resolve(REPO_ROOT, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const file = resolve(artifacts, `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.md`);
writeFileSync(file, markdown);
console.log(`\n${markdown}\nWritten to ${file}`);
if (profileDir) console.log(`CPU profiles of the Shutter servers: ${profileDir}`);

if (results.some((r) => r.errors > 0)) {
  console.error('Some requests failed or had an unexpected status: those figures are not valid.');
  process.exitCode = 1;
}
