import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_MATRIX,
  API_FUNCTION_IDS,
  FUNCTION_IDS,
  type FunctionAccess,
  type FunctionId,
} from '../lib/access-matrix.js';
import {
  LAMBDA_ESBUILD,
  LAMBDA_EXTERNALS,
  NATIVE_MODULES,
  REPO_ROOT,
  copyNativeModules,
  lambdaEntry,
  lambdaModulesDir,
  nativeModulesOf,
} from '../lib/lambda-bundling.js';

/** The route modules (api/src/http/routes/*.ts) each function serves, and no others. */
const ROUTES: Record<FunctionId, string[]> = {
  visits: ['visits'],
  accounts: ['admin-counters', 'api-keys', 'auth', 'jobs', 'me', 'users'],
  reviews: ['images', 'review-previews', 'review-revisions', 'reviews'],
  content: ['content', 'pages', 'preview'],
  worker: [],
};

/** Each function bundled with the deployed esbuild settings, without writing anything. */
async function bundle(fn: FunctionId): Promise<Metafile> {
  const result = await build({
    ...LAMBDA_ESBUILD,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    external: [...LAMBDA_ESBUILD.external],
    entryPoints: [lambdaEntry(ACCESS_MATRIX[fn].entry)],
    bundle: true,
    write: false,
    outdir: '/nonexistent',
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
  });
  return result.metafile;
}

const metafiles = {} as Record<FunctionId, Metafile>;
beforeAll(async () => {
  for (const fn of FUNCTION_IDS) metafiles[fn] = await bundle(fn);
}, 60_000);

const inputs = (fn: FunctionId) => Object.keys(metafiles[fn].inputs);
const has = (fn: FunctionId, pattern: RegExp) => inputs(fn).some((p) => pattern.test(p));
const importsExternally = (fn: FunctionId, pkg: string) =>
  Object.values(metafiles[fn].inputs).some((input) =>
    input.imports.some((i) => i.external && i.path === pkg),
  );

describe('Lambda bundles', () => {
  it('covers every entry point in api/src/lambda', () => {
    const dir = `${REPO_ROOT}api/src/lambda/`;
    const entries = readdirSync(dir).filter((f) =>
      /^export (const|async function|function) handler\b/m.test(readFileSync(`${dir}${f}`, 'utf8')),
    );
    expect(entries.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(
      FUNCTION_IDS.map((fn) => ACCESS_MATRIX[fn].entry).sort(),
    );
  });

  it.each(FUNCTION_IDS)('%s carries DynamoDB and never SQLite', (fn) => {
    expect(has(fn, /adapters\/dynamodb\//)).toBe(true);
    expect(inputs(fn).filter((p) => /better-sqlite3|adapters\/sqlite\//.test(p))).toEqual([]);
  });

  it.each(FUNCTION_IDS)('%s carries its own routes only', (fn) => {
    const routes = inputs(fn)
      .map((p) => /api\/src\/http\/routes\/([\w-]+)\.ts$/.exec(p)?.[1])
      .filter((r): r is string => r !== undefined)
      .sort();
    expect(routes).toEqual(ROUTES[fn]);
    // The registry of every controller is the local server's, never a Lambda's.
    expect(has(fn, /api\/src\/http\/controllers\.ts$/)).toBe(false);
  });

  it.each(FUNCTION_IDS)('%s loads argon2 only if it hashes passwords', (fn) => {
    expect(importsExternally(fn, '@node-rs/argon2')).toBe(ACCESS_MATRIX[fn].hashesPasswords);
  });

  it.each(FUNCTION_IDS)('%s loads sharp only if it processes photos, never bundled', (fn) => {
    // A native addon with a libvips binary per platform: external, installed for linux-arm64.
    expect(importsExternally(fn, 'sharp')).toBe(
      (ACCESS_MATRIX[fn] as FunctionAccess).processesImages === true,
    );
    expect(has(fn, /node_modules\/(sharp|@img)\//)).toBe(false);
  });

  it.each(FUNCTION_IDS)('%s leaves out only the native modules its asset carries', (fn) => {
    const externals = new Set(
      Object.values(metafiles[fn].inputs).flatMap((input) =>
        input.imports
          .filter((i) => i.external)
          .map((i) => i.path)
          .filter((path) => !path.startsWith('node:') && !builtinModules.includes(path))
          .filter((path) => path !== '<runtime>'),
      ),
    );
    expect([...externals].sort()).toEqual(
      nativeModulesOf(ACCESS_MATRIX[fn])
        .map((native) => NATIVE_MODULES[native])
        .sort(),
    );
  });

  it('copies each native module, installed for linux-arm64, beside the bundles that use it', () => {
    expect([...LAMBDA_EXTERNALS].sort()).toEqual(Object.values(NATIVE_MODULES).sort());
    const commands = (fn: FunctionId) =>
      copyNativeModules(nativeModulesOf(ACCESS_MATRIX[fn]), '/asset', () => true).join('\n');
    expect(commands('worker')).toContain(
      `cp -R "${lambdaModulesDir('sharp')}/." "/asset/node_modules/"`,
    );
    expect(commands('worker')).not.toContain(lambdaModulesDir('argon2'));
    expect(commands('accounts')).toContain(
      `cp -R "${lambdaModulesDir('argon2')}/." "/asset/node_modules/"`,
    );
    expect(commands('accounts')).not.toContain(lambdaModulesDir('sharp'));
    for (const fn of ['visits', 'reviews', 'content'] as const) expect(commands(fn)).toBe('');
    // Not installed (a plain offline synth): nothing to copy, the synthesis warns instead.
    expect(copyNativeModules(['sharp'], '/asset', () => false)).toEqual([]);
    // `npm run lambda:modules` installs every one of them for linux-arm64 (glibc).
    const script = readFileSync(`${REPO_ROOT}infra/scripts/lambda-modules.ts`, 'utf8');
    expect(script).toMatch(/Object\.keys\(NATIVE_MODULES\)/);
    for (const flag of ['--os=linux', '--cpu=arm64', '--libc=glibc'])
      expect(script).toContain(flag);
  });

  it.each(FUNCTION_IDS)('%s carries token code only if it checks tokens', (fn) => {
    expect(has(fn, /node_modules\/jose\//)).toBe(ACCESS_MATRIX[fn].verifiesTokens);
  });

  it.each(FUNCTION_IDS)('%s carries the SSM reader only if it reads the JWT secret', (fn) => {
    expect(has(fn, /adapters\/ssm\/ssm-secret-provider\.ts$/)).toBe(
      ACCESS_MATRIX[fn].readsJwtSecret,
    );
  });

  it.each(FUNCTION_IDS)('%s renders Markdown only if it is the worker', (fn) => {
    // Materialised at write time: the public read path never renders, only the worker does, and
    // draft preview links show a render the worker stored (content:preview).
    for (const pkg of [
      /node_modules\/markdown-it\//,
      /node_modules\/sanitize-html\//,
      /node_modules\/postcss\//,
      /node_modules\/linkify-it\//,
    ]) {
      expect(has(fn, pkg), String(pkg)).toBe(fn === 'worker');
    }
  });

  it.each(FUNCTION_IDS)(
    '%s carries the S3, SQS and CloudFront clients only if it uses them',
    (fn) => {
      const access: FunctionAccess = ACCESS_MATRIX[fn];
      expect(has(fn, /adapters\/s3\/s3-blob-store\.ts$/)).toBe(access.contentBucket !== undefined);
      expect(has(fn, /adapters\/sqs\/sqs-send-message\.ts$/)).toBe(
        access.jobQueue?.includes('SendMessage') ?? false,
      );
      expect(has(fn, /node_modules\/@aws-sdk\/client-cloudfront\//)).toBe(
        access.purgesCdn === true,
      );
    },
  );

  it.each(API_FUNCTION_IDS)(
    '%s calls AWS through aws4fetch: no SDK client, credential chain or Powertools',
    (fn) => {
      // The SDK's clients bring its core and the STS/SSO credential providers (300–500 KB);
      // behind API Gateway every call is signed by aws4fetch with the function's own credentials.
      expect(
        inputs(fn).filter((p) =>
          /node_modules\/(@aws-sdk\/(client-|credential-provider|nested-clients)|@aws-lambda-powertools)/.test(
            p,
          ),
        ),
      ).toEqual([]);
      expect(has(fn, /node_modules\/aws4fetch\//)).toBe(true);
    },
  );

  it('worker: lists the bucket with the SDK, which no other function carries', () => {
    expect(has('worker', /adapters\/s3\/s3-blob-lister\.ts$/)).toBe(true);
    for (const fn of API_FUNCTION_IDS) expect(has(fn, /s3-blob-lister\.ts$/), fn).toBe(false);
  });

  it.each(FUNCTION_IDS)('%s materialises content only if it is the worker', (fn) => {
    expect(has(fn, /content-pipeline\/content-pipeline\.ts$/)).toBe(fn === 'worker');
    // The renderer of a detail, also of what a draft preview link shows.
    expect(has(fn, /content-pipeline\/public-detail\.ts$/)).toBe(fn === 'worker');
  });

  it('worker: no HTTP layer, no tokens, no passwords, only the SQS batch handler', () => {
    expect(inputs('worker').filter((p) => /node_modules\/hono\/|api\/src\/http\//.test(p))).toEqual(
      [],
    );
    expect(has('worker', /node_modules\/jose\//)).toBe(false);
    expect(has('worker', /argon2/)).toBe(false);
    expect(has('worker', /adapters\/sqs\/sqs-job-batch\.ts$/)).toBe(true);
    for (const fn of FUNCTION_IDS.filter((f) => f !== 'worker')) {
      expect(has(fn, /adapters\/sqs\/sqs-job-batch\.ts$/), fn).toBe(false);
    }
  });

  it('content: loads the index artifact it reads from the bucket', () => {
    expect(has('content', /services\/content-index\/load-content-index\.ts$/)).toBe(true);
  });

  it.each(FUNCTION_IDS)('%s reaches DynamoDB through the light client, not the SDK', (fn) => {
    expect(has(fn, /adapters\/dynamodb\/dynamodb-http-client\.ts$/)).toBe(true);
    expect(has(fn, /node_modules\/aws4fetch\//)).toBe(true);
    expect(has(fn, /node_modules\/@aws-sdk\/(client-dynamodb|lib-dynamodb)\//)).toBe(false);
    // Lambdas never create tables: the table operations stay out.
    expect(has(fn, /adapters\/dynamodb\/ensure-tables\.ts$/)).toBe(false);
    expect(importsExternally(fn, '@aws-sdk/client-dynamodb')).toBe(false);
  });
});
