// `npm run bench -- --soak`: mixed traffic at a steady rate against a real Shutter process for
// minutes, to find what a short bench cannot: memory that grows, latency that drifts, errors
// that appear only after thousands of writes. Not part of `npm test`.
//   BENCH_SOAK_SECONDS (default 300), BENCH_SOAK_RATE (requests/s, default 200),
//   BENCH_SOAK_WRITES (editor writes/s, default 1). SQLite store, demo data.
import { readFileSync } from 'node:fs';
import { reviewInput } from '../test/support/review-fixtures.js';
import {
  runCli,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../test/support/server-process.js';

const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const rate = Number(process.env.BENCH_SOAK_RATE ?? 200);
const writesPerSecond = Number(process.env.BENCH_SOAK_WRITES ?? 1);
/** Requests still waiting past this are errors: the server is not keeping up. */
const TIMEOUT_MS = 10_000;
/** In-flight requests beyond this are not sent but counted as errors (the server fell behind). */
const MAX_IN_FLIGHT = 512;

type Kind = 'read' | 'visit' | 'write' | 'login' | 'deliberate';

/** One request of the mix, and the statuses that count as success for it. */
interface Planned {
  name: string;
  kind: Kind;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  expect: number[];
}

interface Sample {
  name: string;
  kind: Kind;
  ms: number;
  ok: boolean;
  status: number;
}

interface Memory {
  rssMb: number;
  peakRssMb: number;
}

/** The server's resident memory, from /proc (Linux); no endpoint of the server is involved. */
function memoryOf(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined; // not Linux
  }
}

function cli(script: string, args: string[], env: Record<string, string>) {
  const result = runCli(script, args, env, 120_000);
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, string>;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const format = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The read, visit and deliberately bad requests, weighted; editor writes run on their own pace. */
function readMix(ctx: {
  apiKey: string;
  slugs: string[];
  etags: Map<string, string>;
}): Array<[number, () => Planned]> {
  const slug = () => ctx.slugs[Math.floor(Math.random() * ctx.slugs.length)]!;
  const key = { 'x-api-key': ctx.apiKey };
  return [
    [
      20,
      () => ({
        name: 'GET /content',
        kind: 'read',
        method: 'GET',
        path: '/content',
        expect: [200],
      }),
    ],
    [
      8,
      () => ({
        name: 'GET /content?q=',
        kind: 'read',
        method: 'GET',
        path: '/content?q=autofocus&sort=rating',
        expect: [200],
      }),
    ],
    [
      4,
      () => ({
        name: 'GET /content?brand=',
        kind: 'read',
        method: 'GET',
        path: '/content?brand=Sony&limit=5',
        expect: [200],
      }),
    ],
    [
      15,
      () => ({
        name: 'GET /content/{slug}',
        kind: 'read',
        method: 'GET',
        path: `/content/${slug()}`,
        expect: [200],
      }),
    ],
    [
      15,
      () => {
        const s = slug();
        const etag = ctx.etags.get(s);
        return {
          name: 'GET /content/{slug} revalidate',
          kind: 'read',
          method: 'GET',
          path: `/content/${s}`,
          headers: etag ? { 'if-none-match': etag } : {},
          // 200 when the review changed since its ETag was taken (the editor loop publishes).
          expect: [304, 200],
        };
      },
    ],
    [
      3,
      () => ({
        name: 'GET /content/cameras',
        kind: 'read',
        method: 'GET',
        path: '/content/cameras',
        expect: [200],
      }),
    ],
    [
      3,
      () => ({
        name: 'GET /content/compare',
        kind: 'read',
        method: 'GET',
        path: `/content/compare?slugs=${ctx.slugs[0]},${ctx.slugs[1]}`,
        expect: [200],
      }),
    ],
    [
      12,
      () => ({
        name: 'POST /visits/default',
        kind: 'visit',
        method: 'POST',
        path: '/visits/default',
        headers: key,
        expect: [200],
      }),
    ],
    [
      5,
      () => ({
        name: 'GET /visits/default',
        kind: 'visit',
        method: 'GET',
        path: '/visits/default',
        headers: key,
        expect: [200],
      }),
    ],
    // Deliberate bad requests: each must get its 4xx, and is counted apart from errors.
    [
      1,
      () => ({
        name: 'bad: limit=0x10',
        kind: 'deliberate',
        method: 'GET',
        path: '/content?limit=0x10',
        expect: [400],
      }),
    ],
    [
      1,
      () => ({
        name: 'bad: slug',
        kind: 'deliberate',
        method: 'GET',
        path: '/content/Not_A_Slug',
        expect: [400],
      }),
    ],
    [
      1,
      () => ({
        name: 'bad: no key',
        kind: 'deliberate',
        method: 'POST',
        path: '/visits/default',
        expect: [401],
      }),
    ],
    [
      1,
      () => ({
        name: 'bad: no token',
        kind: 'deliberate',
        method: 'POST',
        path: '/reviews',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        expect: [401],
      }),
    ],
    [
      1,
      () => ({
        name: 'bad: unknown path',
        kind: 'deliberate',
        method: 'GET',
        path: '/nope',
        expect: [404],
      }),
    ],
    [
      1,
      () => ({
        name: 'bad: malformed JSON',
        kind: 'deliberate',
        method: 'POST',
        path: '/auth/login',
        headers: { 'content-type': 'application/json' },
        body: '{"email":',
        expect: [400],
      }),
    ],
  ];
}

export async function runSoak(): Promise<number> {
  const env: Record<string, string> = {
    SHUTTER_DATA_DIR: tempDataDir('shutter-soak-'),
    SHUTTER_STORE: 'sqlite',
    SHUTTER_DEMO: '1',
  };
  console.log(
    `Shutter soak: ${seconds}s at ${rate} req/s, ${writesPerSecond} editor write/s, store sqlite, Node ${process.version}`,
  );
  const key = cli(
    'api/src/local/keys-cli.ts',
    ['create', '--name', 'soak', '--scope', '*', '--rate', '100000', '--burst', '100000', '--json'],
    env,
  );
  const editor = cli(
    'api/src/local/admin-cli.ts',
    [
      'create-user',
      '--email',
      'soak@example.com',
      '--name',
      'Soak Editor',
      '--role',
      'editor',
      '--json',
    ],
    env,
  );
  const server: ServerProcess = await startServerProcess(env, 120_000);
  server.stopRecording();
  const pid = server.child.pid!;
  const base = server.url;

  const samples: Sample[] = [];
  const errors: string[] = [];
  let inFlight = 0;
  let dropped = 0;

  /** An answer the mix expected, for the steps that read it. */
  interface Answer {
    status: number;
    headers: Headers;
    json(): unknown;
  }

  async function send(p: Planned): Promise<Answer | undefined> {
    if (inFlight >= MAX_IN_FLIGHT) {
      dropped += 1;
      errors.push(`${p.name}: not sent, ${MAX_IN_FLIGHT} requests already in flight`);
      return undefined;
    }
    inFlight += 1;
    const started = performance.now();
    try {
      const res = await fetch(base + p.path, {
        method: p.method,
        headers: p.headers ?? {},
        ...(p.body !== undefined ? { body: p.body } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.text();
      const ok = p.expect.includes(res.status);
      const ms = performance.now() - started;
      samples.push({ name: p.name, kind: p.kind, ms, ok, status: res.status });
      if (!ok) errors.push(`${p.name}: ${res.status} ${text.slice(0, 200)}`);
      return ok
        ? { status: res.status, headers: res.headers, json: () => JSON.parse(text) }
        : undefined;
    } catch (error) {
      samples.push({
        name: p.name,
        kind: p.kind,
        ms: performance.now() - started,
        ok: false,
        status: 0,
      });
      errors.push(`${p.name}: ${(error as Error).message}`);
      return undefined;
    } finally {
      inFlight -= 1;
    }
  }

  // What the mix needs: published slugs and their ETags.
  const list = (await (await fetch(`${base}/content?limit=100`)).json()) as {
    items: Array<{ slug: string }>;
  };
  const ctx = {
    apiKey: key.key!,
    slugs: list.items.map((i) => i.slug),
    etags: new Map<string, string>(),
  };
  for (const slug of ctx.slugs) {
    ctx.etags.set(slug, (await fetch(`${base}/content/${slug}`)).headers.get('etag') ?? '');
  }
  const mix = readMix(ctx);
  const totalWeight = mix.reduce((sum, [w]) => sum + w, 0);
  const pick = () => {
    let n = Math.random() * totalWeight;
    for (const [w, make] of mix) if ((n -= w) < 0) return make();
    return mix[0]![1]();
  };

  // Warm up (first reads build the read model), then take the starting memory.
  for (let i = 0; i < 50; i++) await send(pick());
  samples.length = 0;
  errors.length = 0;
  const memoryStart = memoryOf(pid);

  // The editor: logs in (again every 10 minutes, before the 15-minute token expires), then
  // cycles create draft → patch → publish, one step per 1/writesPerSecond seconds.
  let token = '';
  let tokenAt = 0;
  const login = async () => {
    const res = await send({
      name: 'POST /auth/login',
      kind: 'login',
      method: 'POST',
      path: '/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: editor.email, password: editor.password }),
      expect: [200],
    });
    if (res) {
      token = (res.json() as { accessToken: string }).accessToken;
      tokenAt = Date.now();
    }
  };
  let step = 0;
  let current: { id: string; etag: string } | undefined;
  const editorStep = async () => {
    if (!token || Date.now() - tokenAt > 10 * 60_000) await login();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const phase = step++ % 3;
    if (phase === 0 || !current) {
      const n = step;
      const res = await send({
        name: 'POST /reviews',
        kind: 'write',
        method: 'POST',
        path: '/reviews',
        headers: auth,
        body: JSON.stringify(reviewInput({ title: `Soak review number ${n}`, status: 'draft' })),
        expect: [201],
      });
      if (res) current = { id: (res.json() as { id: string }).id, etag: res.headers.get('etag')! };
      return;
    }
    const patch =
      phase === 1
        ? { rating: 7.5, summary: `Patched at step ${step} of the soak run.` }
        : { status: 'published' };
    const res = await send({
      name: phase === 1 ? 'PATCH /reviews/{id}' : 'PATCH /reviews/{id} publish',
      kind: 'write',
      method: 'PATCH',
      path: `/reviews/${current.id}`,
      headers: {
        ...auth,
        'content-type': 'application/merge-patch+json',
        'if-match': current.etag,
      },
      body: JSON.stringify(patch),
      expect: [200],
    });
    if (res) {
      const review = res.json() as { slug: string; status: string };
      current = { id: current.id, etag: res.headers.get('etag')! };
      if (review.status === 'published') {
        ctx.slugs.push(review.slug);
        current = undefined;
      }
    }
  };

  const started = performance.now();
  const endAt = started + seconds * 1000;
  let sent = 0;
  let writes = 0;
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  let nextReport = started + 30_000;
  while (performance.now() < endAt) {
    const elapsed = (performance.now() - started) / 1000;
    // Paced: send what the rate says is due by now, never a burst to catch up more than that.
    while (sent < elapsed * rate) {
      sent += 1;
      track(send(pick()));
    }
    if (writes < elapsed * writesPerSecond) {
      writes += 1;
      track(editorStep());
    }
    if (performance.now() >= nextReport) {
      const mem = memoryOf(pid);
      console.log(
        `  ${format(elapsed)}s: ${format(samples.length)} answered, ${errors.length} errors, rss ${mem ? format(mem.rssMb, 1) : '?'} MB`,
      );
      nextReport += 30_000;
    }
    await new Promise((done) => setTimeout(done, 5));
  }
  await Promise.all(pending);
  const wall = (performance.now() - started) / 1000;
  const memoryEnd = memoryOf(pid);
  server.child.kill('SIGTERM');
  await server.exited;

  const byName = new Map<string, Sample[]>();
  for (const s of samples) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  const row = (name: string, list: Sample[]) => {
    const ms = list.map((s) => s.ms).sort((a, b) => a - b);
    return {
      request: name,
      count: list.length,
      'p50 ms': format(percentile(ms, 50), 1),
      'p99 ms': format(percentile(ms, 99), 1),
      'max ms': format(ms.at(-1) ?? 0, 1),
      errors: list.filter((s) => !s.ok).length,
    };
  };
  console.table([
    ...[...byName.entries()].map(([name, list]) => row(name, list)),
    row('all', samples),
  ]);
  const deliberate = samples.filter((s) => s.kind === 'deliberate' && s.ok).length;
  const failed = samples.filter((s) => !s.ok).length + dropped;
  const all = samples.map((s) => s.ms).sort((a, b) => a - b);
  const summary = {
    seconds: format(wall, 1),
    requests: samples.length,
    'throughput req/s': format(samples.length / wall, 1),
    'p50 ms': format(percentile(all, 50), 1),
    'p99 ms': format(percentile(all, 99), 1),
    'deliberate 4xx (as expected)': deliberate,
    errors: failed,
    'published reviews at end': ctx.slugs.length,
    'rss start MB': memoryStart ? format(memoryStart.rssMb, 1) : 'n/a',
    'rss end MB': memoryEnd ? format(memoryEnd.rssMb, 1) : 'n/a',
    'peak rss MB': memoryEnd ? format(memoryEnd.peakRssMb, 1) : 'n/a',
  };
  console.table([summary]);
  if (failed > 0) {
    console.error(
      `${failed} requests failed; the first ones:\n  ${errors.slice(0, 10).join('\n  ')}`,
    );
    return 1;
  }
  return 0;
}
