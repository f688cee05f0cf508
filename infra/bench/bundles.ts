// `npm run bench:bundles`: each controller Lambda bundled exactly as the CDK bundles it
// (LAMBDA_ESBUILD), its size, and its cold init in fresh Node processes, next to a hello-world
// Lambda bundled and measured the same way in the same run.
//
// What "cold init" is here: a new `node` process imports the bundle (the Lambda init phase) and
// invokes the handler once with a real API Gateway REST event through the `dev` alias (the first
// request, which builds config, stores and app). Stores point at an in-process dynalite with the
// stage's tables, so the first request does its real DynamoDB round trip on loopback. Not
// measured: Lambda's own sandbox start, network to DynamoDB and SSM (a loopback stand-in answers
// GetParameter for the JWT secret, so the functions that read it do that round trip too). The AWS
// SDK is inside each bundle, as deployed.
//   BENCH_RUNS (default 11) fresh processes per bundle; the median is reported.
// Budgets (infra/lib/bundle-budgets.ts): the size of index.mjs, and `init`, the import plus the
// first invocation, as a multiple of the hello-world's (a Hono app behind `handle()`). The
// process column adds Node's own start, which no bundle can change.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import { build, type Metafile } from 'esbuild';
import { createDynamoDbHttpClient } from '../../api/src/adapters/dynamodb/dynamodb-http-client.js';
import { ensureDynamoDbTables } from '../../api/src/adapters/dynamodb/open-dynamodb-stores.js';
import { startSsmStandIn } from '../../api/bench/ssm-stand-in.js';
import { startS3rver } from '../../api/test/support/start-s3rver.js';
import { restApiEvent, lambdaContext } from '../../api/test/support/api-gateway-events.js';
import {
  ACCESS_MATRIX,
  API_FUNCTION_IDS,
  FUNCTION_IDS,
  functionName,
} from '../lib/access-matrix.js';
import { BUNDLE_BUDGETS, type BundleBudget } from '../lib/bundle-budgets.js';
import {
  LAMBDA_ESBUILD,
  LAMBDA_MODULES_DIR,
  REPO_ROOT,
  hasLambdaModules,
  lambdaEntry,
} from '../lib/lambda-bundling.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
// Under node_modules (ignored by git and the linters), where external packages still resolve.
const OUT = `${REPO_ROOT}infra/node_modules/.cache/bench-bundles`;

/** The first request each Lambda gets: one that reaches its stores where it can. */
const FIRST_REQUEST = {
  hello: restApiEvent({ method: 'GET', path: '/' }),
  // The hello-world plus the SSM and DynamoDB calls visits makes first (hello-aws-handler.ts).
  'hello-aws': restApiEvent({ method: 'GET', path: '/' }),
  visits: restApiEvent({
    method: 'POST',
    path: '/visits/default',
    resource: '/visits/{counterId}',
    pathParameters: { counterId: 'default' },
    headers: { 'x-api-key': 'sk_bench_unknown_key_0000000000000000' },
  }),
  accounts: restApiEvent({
    method: 'POST',
    path: '/auth/login',
    body: { email: 'nobody@example.com', password: 'not-the-password' },
  }),
  reviews: restApiEvent({ method: 'GET', path: '/reviews' }),
  content: restApiEvent({ method: 'GET', path: '/content' }),
} as const;

interface Bundle {
  name: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  topPackages: string[];
}

/**
 * What fills a bundle: the bytes each package (or Shutter's own folder) left in the minified
 * output, largest first.
 */
function packagesBySize(metafile: Metafile): string[] {
  const sizes = new Map<string, number>();
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = m
      ? m[1]!
      : path.startsWith('api/src/')
        ? path.split('/').slice(0, 4).join('/')
        : path;
    sizes.set(key, (sizes.get(key) ?? 0) + input.bytesInOutput);
  }
  return [...sizes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]) => `${k} ${(v / 1024).toFixed(0)}K`);
}

async function bundle(name: string, entry: string): Promise<Bundle> {
  const dir = `${OUT}/${name}`;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/index.mjs`;
  const result = await build({
    ...LAMBDA_ESBUILD,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    external: [...LAMBDA_ESBUILD.external],
    entryPoints: [entry],
    bundle: true,
    outfile: file,
    metafile: true,
    logLevel: 'error',
    absWorkingDir: REPO_ROOT,
  });
  const code = readFileSync(file);
  const inputs = Object.keys(result.metafile.inputs);
  const forbidden = inputs.filter((p) => /better-sqlite3|adapters\/sqlite\//.test(p));
  if (forbidden.length > 0) throw new Error(`${name} bundles SQLite: ${forbidden.join(', ')}`);
  return {
    name,
    file,
    bytes: statSync(file).size,
    gzipBytes: gzipSync(code).length,
    topPackages: packagesBySize(result.metafile),
  };
}

async function startDynalite(): Promise<{ server: Server; endpoint: string }> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createDynamoDbHttpClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  await ensureDynamoDbTables(client, 'shutter-dev-');
  return { server, endpoint };
}

/** Endpoints the bundles' AWS SDK clients are pointed at. */
interface Endpoints {
  dynamodb: string;
  ssm: string;
  s3: string;
}

/** The content bucket's name on the S3 emulator (what the stack passes as SHUTTER_CONTENT_BUCKET). */
const BENCH_BUCKET = 'bench-content';

/**
 * s3rver on loopback with the content bucket, empty: the content function's first list reads the
 * (missing) index pointer from it, as a new stage's would.
 */
async function startS3(): Promise<{ close(): Promise<void>; endpoint: string }> {
  const s3 = await startS3rver();
  await s3.client.send(new CreateBucketCommand({ Bucket: BENCH_BUCKET }));
  return s3;
}

interface Run {
  nodeStartMs: number;
  importMs: number;
  firstInvokeMs: number;
  /** The same request again in the same process: its own cost, nothing left to load. */
  warmInvokeMs: number;
  totalMs: number;
  status: number | string;
}

// Asynchronous on purpose: dynalite and the SSM stand-in answer from this process's event loop.
const run = promisify(execFile);

async function coldInit(b: Bundle, endpoints: Endpoints): Promise<Run> {
  const event = FIRST_REQUEST[b.name as keyof typeof FIRST_REQUEST];
  const context = lambdaContext(
    b.name.startsWith('hello') ? b.name : functionName(b.name as never),
    'dev',
  );
  const started = process.hrtime.bigint();
  let out: string;
  try {
    ({ stdout: out } = await run(
      process.execPath,
      [
        '--enable-source-maps',
        `${REPO_ROOT}infra/bench/cold-init.mjs`,
        b.file,
        JSON.stringify(event),
        JSON.stringify(context),
      ],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'eu-west-1',
          // s3rver's fixed credentials; dynalite and the SSM stand-in take any.
          AWS_ACCESS_KEY_ID: 'S3RVER',
          AWS_SECRET_ACCESS_KEY: 'S3RVER',
          AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
          AWS_ENDPOINT_URL_SSM: endpoints.ssm,
          AWS_ENDPOINT_URL_S3: endpoints.s3,
          // The functions' settings as the stack sets them; nothing is sent to SQS here (the
          // timed request is a GET), and a stray send would meet a closed loopback port.
          SHUTTER_CONTENT_BUCKET: BENCH_BUCKET,
          SHUTTER_JOB_QUEUE_URL:
            'https://sqs.eu-west-1.amazonaws.com/123456789012/shutter-{stage}-content-jobs',
          AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9',
          SHUTTER_STAGE: 'dev',
          LOG_LEVEL: 'silent',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        // A cold start that takes this long is broken, not slow: report it and go on.
        timeout: 30_000,
      },
    ));
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    const timedOut = (error as { signal?: string }).signal === 'SIGTERM';
    const reason = timedOut ? 'timed out' : (/Error: [^\n]*/.exec(stderr)?.[0] ?? 'crashed');
    return {
      nodeStartMs: NaN,
      importMs: NaN,
      firstInvokeMs: NaN,
      warmInvokeMs: NaN,
      totalMs: NaN,
      status: reason,
    };
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { ...(JSON.parse(out.trim().split('\n').pop()!) as Omit<Run, 'totalMs'>), totalMs };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

rmSync(OUT, { recursive: true, force: true });
const bundles = [
  await bundle('hello', `${REPO_ROOT}infra/bench/hello-handler.ts`),
  await bundle('hello-aws', `${REPO_ROOT}infra/bench/hello-aws-handler.ts`),
  ...(await Promise.all(
    // The functions behind API Gateway; the worker has no first request to time (an SQS batch).
    API_FUNCTION_IDS.map((fn) => bundle(fn, lambdaEntry(ACCESS_MATRIX[fn].entry))),
  )),
];
const dynamo = await startDynalite();
const ssm = await startSsmStandIn();
const s3 = await startS3();
const endpoints: Endpoints = { dynamodb: dynamo.endpoint, ssm: ssm.endpoint, s3: s3.endpoint };
// Round-robin, so drifting load on the machine spreads over every bundle alike.
const rows = bundles.map((b) => ({ b, runs: [] as Run[] }));
for (let i = 0; i < RUNS; i++)
  for (const row of rows) row.runs.push(await coldInit(row.b, endpoints));
dynamo.server.close();
ssm.server.close();
await s3.close();

const hello = rows[0]!;
const initMs = (runs: Run[]) => median(runs.map((r) => r.importMs + r.firstInvokeMs));
const helloInit = initMs(hello.runs);
const helloTotal = median(hello.runs.map((r) => r.totalMs));
const argon2Bytes = hasLambdaModules()
  ? readdirSync(`${LAMBDA_MODULES_DIR}/@node-rs`).reduce((sum, pkg) => {
      const dir = `${LAMBDA_MODULES_DIR}/@node-rs/${pkg}`;
      return sum + readdirSync(dir).reduce((s, f) => s + statSync(`${dir}/${f}`).size, 0);
    }, 0)
  : undefined;

const table: string[][] = [];
let over = 0;
for (const { b, runs } of rows) {
  const budget = (BUNDLE_BUDGETS as Record<string, BundleBudget | undefined>)[b.name];
  const kb = b.bytes / 1024;
  const ratio = initMs(runs) / helloInit;
  const verdict =
    budget === undefined
      ? ''
      : [
          kb <= budget.targetKb ? 'size ok' : `size over ${budget.targetKb} KB`,
          ratio <= budget.maxRatio ? 'init ok' : `init over ${budget.maxRatio}×`,
        ].join(', ');
  if (verdict.includes('over')) over++;
  table.push([
    b.name,
    `${kb.toFixed(0)} KB`,
    `${(b.gzipBytes / 1024).toFixed(0)} KB`,
    median(runs.map((r) => r.importMs)).toFixed(1),
    median(runs.map((r) => r.firstInvokeMs)).toFixed(1),
    median(runs.map((r) => r.warmInvokeMs)).toFixed(1),
    initMs(runs).toFixed(1),
    ratio.toFixed(2),
    (median(runs.map((r) => r.totalMs)) / helloTotal).toFixed(2),
    budget ? `${budget.targetKb} KB, ${budget.maxRatio}×` : '',
    verdict || String(runs[0]!.status),
  ]);
}
const header = [
  'bundle',
  'index.mjs',
  'gzip',
  'import ms',
  '1st invoke ms',
  '2nd invoke ms',
  'init ms',
  'init × hello',
  'process × hello',
  'budget',
  'verdict',
];
console.log(
  `Lambda bundles (${RUNS} fresh node processes each, median; node ${process.version})\n`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map((_, i) => (i === 0 || i >= 9 ? '---' : '--:')).join(' | ')} |`);
for (const row of table) console.log(`| ${row.join(' | ')} |`);
const statuses = rows.map(({ b, runs }) => `${b.name} ${String(runs[0]!.status)}`).join(', ');
console.log(`\nFirst answers: ${statuses}.`);
console.log(over === 0 ? 'Every bundle within its budget.' : `${over} bundle(s) over budget.`);
{
  // The floor of a function that must reach its stores before it answers (docs/performance.md).
  const withCalls = rows.find(({ b }) => b.name === 'hello-aws');
  if (withCalls) {
    console.log(
      `hello-aws is the hello-world plus one SSM and one DynamoDB call made together (signed, over node:http, to local stand-ins): ${(initMs(withCalls.runs) / helloInit).toFixed(2)}× hello, the least any function that makes those calls on its first request can reach.`,
    );
  }
}
console.log('\nWhat fills each bundle (bytes in the minified output, by package or folder):');
for (const { b } of rows) console.log(`  ${b.name.padEnd(9)} ${b.topPackages.join(', ')}`);
const hashing = FUNCTION_IDS.filter((fn) => ACCESS_MATRIX[fn].hashesPasswords).join(', ');
console.log(
  argon2Bytes === undefined
    ? `\nargon2 for linux-arm64 is not installed (npm run lambda:modules): the deployed asset of ${hashing} adds it beside index.mjs.`
    : `\nThe deployed asset of ${hashing} also carries argon2 for linux-arm64: ${(argon2Bytes / 1024).toFixed(0)} KB beside index.mjs (not in the figures above; locally the host's build loads).`,
);
