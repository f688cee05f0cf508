// `npm run bench:scale`: how the public read path behaves as the catalogue grows. For each size
// (BENCH_SCALE_SIZES, default 1000,10000,100000) and each store, seeds a fresh store with
// `npm run seed`, then measures cold content processes:
//   - SQLite: the local server as a real process (`npm start`'s entry point), started fresh
//     after the seed; the start (which loads the index before listening) is timed on its own
//     ("start ms": spawn to listening, tsx's transpiling included).
//   - DynamoDB: the content Lambda bundled as the CDK bundles it, run in a fresh `node` process
//     against dynalite (its own process), s3rver (the content bucket) and an SSM stand-in;
//     "start ms" is the bundle's import (the Lambda init phase), and the first request builds
//     the stores and loads what it needs (the index from S3 for a list or a search).
// A cold process is started three times per size and store, each time with a different first
// request (list, detail, search) followed by the other two, so that every "first" figure is a
// request on a process that has served nothing before; resident memory is the highest after all
// three reads. On SQLite it then publishes a review through the editor API and times how long
// until `/content` lists it.
//   BENCH_SCALE_SIZES=1000,10000   sizes to run
//   BENCH_SCALE_STORES=sqlite,dynamodb   stores to run
//   BENCH_SCALE_PUBLISH_LIMIT_S (default 120): how long to wait for a publish to show.
//   BENCH_SCALE_DYNAMO_LIMIT_S (default 600): a DynamoDB seed predicted (from the previous
//     size's rate) or found to take longer is skipped, and the row says so with the rate.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { LAMBDA_ESBUILD } from '../../infra/lib/lambda-bundling.js';
import { createFsBlobStore } from '../src/adapters/file/fs-blob-store.js';
import { createS3BlobStore } from '../src/adapters/s3/s3-blob-store.js';
import { blobDirectory } from '../src/local/open-stores.js';
import { lambdaContext, restApiEvent } from '../test/support/api-gateway-events.js';
import {
  REPO_ROOT,
  runCli,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../test/support/server-process.js';
import { generatedReview } from '../src/services/review-generator.js';
import { startSsmStandIn } from './ssm-stand-in.js';
import { startS3rver, type RunningS3rver } from '../test/support/start-s3rver.js';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const STORES = (process.env.BENCH_SCALE_STORES ?? 'sqlite,dynamodb').split(',');
const DYNAMO_LIMIT_S = Number(process.env.BENCH_SCALE_DYNAMO_LIMIT_S ?? 600);
const SEARCH = 'autofocus';
/** How long a publish may take to show on `/content` before the row says "> limit". */
const PUBLISH_LIMIT_MS = Number(process.env.BENCH_SCALE_PUBLISH_LIMIT_S ?? 120) * 1000;
const OUT = `${REPO_ROOT}/node_modules/.cache/bench-scale`;
const run = promisify(execFile);

type Read = 'list' | 'detail' | 'search';
const ORDERS: Read[][] = [
  ['list', 'search', 'detail'],
  ['detail', 'list', 'search'],
  ['search', 'list', 'detail'],
];

interface Row {
  store: string;
  reviews: number;
  seedS: number | undefined;
  seedNote?: string;
  startMs?: number;
  firstMs?: Record<Read, number>;
  rssMb?: number;
  publishVisibleMs?: number;
  note?: string;
}

interface Seeded {
  reviews: number;
  batch: string;
  indexed: number;
  seconds: { reviews: number; documents: number; index: number; total: number };
}

function seed(count: number, env: Record<string, string>, timeoutS: number): Seeded | undefined {
  const res = runCli(
    'api/src/local/seed-cli.ts',
    ['--reviews', String(count), '--json'],
    env,
    timeoutS * 1000,
  );
  if (res.status !== 0) {
    if (res.status === null) return undefined; // killed by the time limit
    throw new Error(`seed failed (${res.status}): ${res.stderr}`);
  }
  return JSON.parse(res.stdout) as Seeded;
}

/** A slug in the middle of the seeded batch (the generator is deterministic but for ids). */
const middleSlug = (s: Seeded) =>
  generatedReview(Math.floor(s.reviews / 2), { batch: s.batch }).slug;

const pathOf = (read: Read, slug: string) =>
  read === 'list' ? '/content' : read === 'detail' ? `/content/${slug}` : `/content?q=${SEARCH}`;

async function timedGet(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return ms;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

/** Publishes a new review through the editor API and times until `/content` lists it. */
async function publishToVisible(server: ServerProcess): Promise<number> {
  const email = /email:\s+(\S+)/.exec(server.stdout())?.[1];
  const password = /password:\s+(\S+)/.exec(server.stdout())?.[1];
  if (!email || !password) throw new Error('the server printed no first-run admin');
  const login = await fetch(`${server.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const input = { ...generatedReview(0), status: 'draft' } as Record<string, unknown>;
  // Server-owned fields of a stored review, which a client may not send.
  const serverOwned = [
    'id',
    'slug',
    'authorId',
    'createdAt',
    'updatedAt',
    'publishedAt',
    'version',
    'scheduleError',
    'slugHistory',
  ];
  for (const k of serverOwned) delete input[k];
  input.title = `Scale bench publish ${Date.now()}`;
  const created = await fetch(`${server.url}/reviews`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify(input),
  });
  if (created.status !== 201) throw new Error(`POST /reviews: ${await created.text()}`);
  const draft = (await created.json()) as { id: string; slug: string };
  const t = performance.now();
  const patched = await fetch(`${server.url}/reviews/${draft.id}`, {
    method: 'PATCH',
    headers: { ...auth, 'if-match': created.headers.get('etag')! },
    body: JSON.stringify({ status: 'published' }),
  });
  if (patched.status !== 200) throw new Error(`PATCH: ${await patched.text()}`);
  while (performance.now() - t < PUBLISH_LIMIT_MS) {
    const list = (await (await fetch(`${server.url}/content?limit=5`)).json()) as {
      items: { slug: string }[];
    };
    if (list.items.some((i) => i.slug === draft.slug)) return performance.now() - t;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Not fatal: the read figures of the row stand; the table shows the limit was passed.
  return Infinity;
}

async function sqliteRow(size: number): Promise<Row> {
  const dataDir = tempDataDir('shutter-scale-');
  const env = { SHUTTER_DATA_DIR: dataDir, SHUTTER_DEMO: '0' };
  try {
    const seeded = seed(size, env, 600)!;
    const slug = middleSlug(seeded);
    const firstMs = {} as Record<Read, number>;
    let rss = 0;
    const starts: number[] = [];
    let publishVisibleMs: number | undefined;
    for (const [n, order] of ORDERS.entries()) {
      const t = performance.now();
      const server = await startServerProcess({ ...env, LOG_LEVEL: 'info' }, 120_000);
      starts.push(performance.now() - t);
      try {
        for (const [i, read] of order.entries()) {
          const ms = await timedGet(server.url + pathOf(read, slug));
          if (i === 0) firstMs[read] = ms;
        }
        rss = Math.max(rss, rssOf(server.child.pid!));
        if (n === 0) publishVisibleMs = await publishToVisible(server);
      } finally {
        await stop(server);
      }
    }
    return {
      store: 'sqlite (local server)',
      reviews: size,
      seedS: seeded.seconds.total,
      startMs: Math.min(...starts),
      firstMs,
      rssMb: rss / 2 ** 20,
      publishVisibleMs,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bundleContentLambda(): Promise<string> {
  const file = `${OUT}/content/index.mjs`;
  mkdirSync(`${OUT}/content`, { recursive: true });
  await build({
    ...LAMBDA_ESBUILD,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    external: [...LAMBDA_ESBUILD.external],
    entryPoints: [`${REPO_ROOT}/api/src/lambda/content.ts`],
    bundle: true,
    outfile: file,
    logLevel: 'error',
    absWorkingDir: REPO_ROOT,
  });
  return file;
}

interface LambdaRig {
  bundle: string;
  s3: RunningS3rver;
  ssm: string;
}

async function startDynalite(): Promise<{ url: string; stop(): void }> {
  const child = execFile(process.execPath, [
    '--import',
    'tsx',
    `${REPO_ROOT}/api/bench/dynalite-process.ts`,
  ]);
  const url = await new Promise<string>((done) =>
    child.stdout!.once('data', (chunk: Buffer) =>
      done((JSON.parse(chunk.toString()) as { url: string }).url),
    ),
  );
  return { url, stop: () => child.kill('SIGTERM') };
}

let lastDynamoRate: number | undefined; // reviews a second, seed total

async function dynamoRow(size: number, rig: LambdaRig): Promise<Row> {
  const row: Row = { store: 'dynamodb (built content Lambda)', reviews: size, seedS: undefined };
  if (lastDynamoRate && size / lastDynamoRate > DYNAMO_LIMIT_S) {
    row.seedNote = `skipped: at the measured ${Math.round(lastDynamoRate)} reviews/s the seed would take ~${Math.round(size / lastDynamoRate)} s (limit ${DYNAMO_LIMIT_S} s)`;
    return row;
  }
  const dynalite = await startDynalite();
  const dataDir = tempDataDir('shutter-scale-dynamo-');
  try {
    const env = {
      SHUTTER_STORE: 'dynamodb',
      AWS_ENDPOINT_URL_DYNAMODB: dynalite.url,
      SHUTTER_DATA_DIR: dataDir,
      SHUTTER_STAGE: 'dev',
      LOG_LEVEL: 'silent',
    };
    const seeded = seed(size, env, DYNAMO_LIMIT_S);
    if (!seeded) {
      row.seedNote = `not seeded: over the ${DYNAMO_LIMIT_S} s limit`;
      return row;
    }
    row.seedS = seeded.seconds.total;
    lastDynamoRate = size / seeded.seconds.total;
    // Locally the seed leaves the index in the data directory; on AWS it lives in the bucket.
    const bucket = `scale-${size}-${Date.now()}`;
    await rig.s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    const from = createFsBlobStore(blobDirectory(dataDir));
    const to = createS3BlobStore({
      bucket,
      endpoint: rig.s3.endpoint,
      region: 'eu-west-1',
      credentials: () => Promise.resolve({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }),
    });
    for await (const { key } of from.list('')) {
      const blob = (await from.get(key))!;
      await to.put(key, blob.bytes, {
        contentType: blob.contentType,
        ...(blob.cacheControl ? { cacheControl: blob.cacheControl } : {}),
      });
    }
    const slug = middleSlug(seeded);
    const context = lambdaContext('shutter-content', 'dev');
    const eventOf = (read: Read) =>
      read === 'detail'
        ? restApiEvent({
            method: 'GET',
            path: `/content/${slug}`,
            resource: '/content/{slug}',
            pathParameters: { slug },
          })
        : restApiEvent({ method: 'GET', path: pathOf(read, slug), resource: '/content' });
    const firstMs = {} as Record<Read, number>;
    let rss = 0;
    let importMs = Infinity;
    for (const order of ORDERS) {
      const requests = `${OUT}/requests.json`;
      writeFileSync(requests, JSON.stringify({ context, events: order.map(eventOf) }));
      const { stdout } = await run(
        process.execPath,
        [
          '--enable-source-maps',
          `${REPO_ROOT}/api/bench/scale-lambda-run.mjs`,
          rig.bundle,
          requests,
        ],
        {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          maxBuffer: 64 * 2 ** 20,
          timeout: 120_000,
          env: {
            PATH: process.env.PATH,
            AWS_REGION: 'eu-west-1',
            // s3rver checks signatures against its default key; dynalite and the SSM stand-in
            // accept anything.
            AWS_ACCESS_KEY_ID: 'S3RVER',
            AWS_SECRET_ACCESS_KEY: 'S3RVER',
            AWS_ENDPOINT_URL_DYNAMODB: dynalite.url,
            AWS_ENDPOINT_URL_S3: rig.s3.endpoint,
            AWS_ENDPOINT_URL_SSM: rig.ssm,
            SHUTTER_STAGE: 'dev',
            SHUTTER_CONTENT_BUCKET: bucket,
            LOG_LEVEL: 'silent',
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
        },
      );
      const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
        importMs: number;
        invocations: { ms: number; status: number }[];
        rss: number;
      };
      importMs = Math.min(importMs, result.importMs);
      const bad = result.invocations.findIndex((i) => i.status !== 200);
      if (bad >= 0) throw new Error(`${order[bad]} answered ${result.invocations[bad]!.status}`);
      firstMs[order[0]!] = result.invocations[0]!.ms;
      rss = Math.max(rss, result.rss);
    }
    return { ...row, startMs: importMs, firstMs, rssMb: rss / 2 ** 20 };
  } finally {
    dynalite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits);

const rows: Row[] = [];
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
console.log(`Shutter bench:scale — sizes ${SIZES.join(', ')}; ${machine}`);

if (STORES.includes('sqlite')) {
  for (const size of SIZES) {
    const row = await sqliteRow(size);
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
if (STORES.includes('dynamodb')) {
  const rig: LambdaRig = {
    bundle: await bundleContentLambda(),
    s3: await startS3rver(),
    ssm: '',
  };
  const ssm = await startSsmStandIn();
  rig.ssm = ssm.endpoint;
  try {
    for (const size of SIZES) {
      const row = await dynamoRow(size, rig);
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  } finally {
    ssm.server.close();
    await rig.s3.close();
  }
}

console.log(
  '\nstore                            reviews  seed s  start ms  1st list ms  1st detail ms  1st search ms  RSS MB  publish→listed ms',
);
for (const r of rows) {
  console.log(
    [
      r.store.padEnd(32),
      String(r.reviews).padStart(7),
      fmt(r.seedS, 1).padStart(7),
      fmt(r.startMs).padStart(9),
      fmt(r.firstMs?.list).padStart(12),
      fmt(r.firstMs?.detail, 1).padStart(14),
      fmt(r.firstMs?.search).padStart(14),
      fmt(r.rssMb).padStart(7),
      (r.publishVisibleMs === Infinity
        ? `> ${PUBLISH_LIMIT_MS}`
        : fmt(r.publishVisibleMs)
      ).padStart(18),
      r.seedNote ? `  ${r.seedNote}` : '',
    ].join(' '),
  );
}
