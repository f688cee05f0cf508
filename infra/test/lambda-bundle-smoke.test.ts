import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext, restApiEvent } from '../../api/test/support/api-gateway-events.js';
import { ACCESS_MATRIX, functionName } from '../lib/access-matrix.js';
import type { BudgetedFunction } from '../lib/bundle-budgets.js';
import { LAMBDA_ESBUILD, REPO_ROOT, lambdaEntry } from '../lib/lambda-bundling.js';

// The deployed bundles themselves, not their sources: built with the Lambda esbuild settings
// (no OpenAPI text, zod/mini only, no import side effects) and each invoked in a fresh Node
// process with a request its app refuses before reaching any store. What the sources' tests
// cannot see: a module the bundle dropped that the answer needed (zod's English messages once
// were), or a bundle that does not load at all.

const run = promisify(execFile);
let dir: string;
beforeAll(() => {
  // Under the repository's node_modules, where the bundles' external packages (argon2) resolve.
  mkdirSync(`${REPO_ROOT}infra/node_modules/.cache`, { recursive: true });
  dir = mkdtempSync(`${REPO_ROOT}infra/node_modules/.cache/bundle-smoke-`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundleOf(fn: BudgetedFunction): Promise<string> {
  const outfile = join(dir, fn, 'index.mjs');
  await build({
    ...LAMBDA_ESBUILD,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    external: [...LAMBDA_ESBUILD.external],
    entryPoints: [lambdaEntry(ACCESS_MATRIX[fn].entry)],
    bundle: true,
    outfile,
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
  });
  return outfile;
}

const INVOKE = `
const [file, event, context] = process.argv.slice(1);
const { handler } = await import(file);
const result = await handler(JSON.parse(event), JSON.parse(context));
console.log(JSON.stringify(result));
process.exit(0);
`;

interface Answer {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
}

/** A header of an API Gateway answer, single- or multi-valued as the adapter set it. */
const headerOf = (answer: Answer, name: string) =>
  answer.headers?.[name] ?? answer.multiValueHeaders?.[name]?.join(', ');

async function invoke(fn: BudgetedFunction, event: object): Promise<Answer> {
  const file = await bundleOf(fn);
  const invocation = run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      INVOKE,
      file,
      JSON.stringify(event),
      JSON.stringify(lambdaContext(functionName(fn), 'dev')),
    ],
    {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'smoke',
        AWS_SECRET_ACCESS_KEY: 'smoke',
        // Nothing may be called: a closed loopback port makes any store call fail loudly.
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
        AWS_ENDPOINT_URL_SSM: 'http://127.0.0.1:9',
        AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
        SHUTTER_CONTENT_BUCKET: 'smoke-content',
        SHUTTER_JOB_QUEUE_URL:
          'https://sqs.eu-west-1.amazonaws.com/123456789012/shutter-{stage}-content-jobs',
        AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9',
        SHUTTER_STAGE: 'dev',
        LOG_LEVEL: 'silent',
      },
      timeout: 30_000,
    },
  );
  // A crash prints the minified bundle's line; only the error itself is worth reading.
  const { stdout } = await invocation.catch((error: { stderr?: string }) => {
    throw new Error(
      `${fn} crashed: ${/^\w*Error[^\n]*(\n\s+- [^\n]*)*/m.exec(error.stderr ?? '')?.[0]}`,
    );
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Answer;
}

/** The field errors of a 400 problem, as `field: message`. */
function fieldErrors(answer: Answer): string[] {
  expect(answer.statusCode).toBe(400);
  expect(headerOf(answer, 'content-type')).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(answer.body) as { errors: { field: string; message: string }[] };
  return problem.errors.map((e) => `${e.field}: ${e.message}`);
}

describe('the deployed bundles', () => {
  it('visits: a bad counter id is the 400 problem naming the rule', async () => {
    const answer = await invoke(
      'visits',
      restApiEvent({
        method: 'GET',
        path: '/visits/Bad%20Id',
        resource: '/visits/{counterId}',
        pathParameters: { counterId: 'Bad Id' },
      }),
    );
    expect(fieldErrors(answer)).toEqual([
      'counterId: 1–64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
    ]);
  }, 60_000);

  it('content: a bad query is the 400 problem in zod’s English, not a bare "Invalid input"', async () => {
    const answer = await invoke(
      'content',
      restApiEvent({ method: 'GET', path: '/content', query: { sort: 'nonsense' } }),
    );
    const errors = fieldErrors(answer);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^sort: Invalid option: expected one of /);
  }, 60_000);

  it('accounts: a login without a password is the 400 problem naming the field', async () => {
    const answer = await invoke(
      'accounts',
      restApiEvent({ method: 'POST', path: '/auth/login', body: { email: 'ana@example.com' } }),
    );
    expect(fieldErrors(answer)).toEqual([
      'password: Invalid input: expected string, received undefined',
    ]);
  }, 60_000);

  it('reviews: no token is 401 before any store is asked', async () => {
    const answer = await invoke('reviews', restApiEvent({ method: 'GET', path: '/reviews' }));
    expect(answer.statusCode).toBe(401);
    expect(headerOf(answer, 'content-type')).toMatch(/^application\/problem\+json/);
  }, 60_000);
});
