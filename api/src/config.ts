import { resolve } from 'node:path';
import * as z from 'zod/mini';

/** Everything Shutter reads from the environment, typed and checked once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  store: 'sqlite' | 'dynamodb';
  stage: 'local' | 'dev' | 'pre' | 'pro';
  demo: boolean;
  /**
   * Allowed CORS origins of the public routes (content, visits, health, the OpenAPI document and
   * /docs); `['*']` allows any page to call them.
   */
  corsOrigins: string[];
  /**
   * Origins whose pages may call the console routes (auth, me, reviews, users, api-keys) across
   * origins. Empty: same-origin only, no CORS headers for those routes.
   */
  consoleOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * How many proxies of your own stand in front of the server: 0 ignores `X-Forwarded-For` and
   * `X-Forwarded-Proto`; N takes the client address from the N-th `X-Forwarded-For` entry from
   * the right (each proxy appends the address it saw, so entries further left are the client's
   * to forge).
   */
  trustProxyHops: number;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Prefix of every DynamoDB table name: `SHUTTER_TABLE_PREFIX`, or `shutter-{stage}-`. */
  tablePrefix: string;
  /** A DynamoDB endpoint outside AWS (`AWS_ENDPOINT_URL_DYNAMODB`); its tables are created at start. */
  dynamoDbEndpoint: string | undefined;
  /**
   * On AWS: the S3 bucket of the content index artifacts (`SHUTTER_CONTENT_BUCKET`, where
   * `{stage}` stands for the stage, as with the queue URL).
   */
  contentBucket: string | undefined;
  /** On AWS: the SQS queue the write path leaves content jobs on (`SHUTTER_JOB_QUEUE_URL`). */
  jobQueueUrl: string | undefined;
  /** On AWS: the CloudFront distribution a publish purges (`SHUTTER_CDN_DISTRIBUTION_ID`). */
  cdnDistributionId: string | undefined;
  /**
   * The stage that distribution serves (`SHUTTER_CDN_STAGE`, `pro` by default): the worker of
   * another stage purges nothing there, since the setting is the function's, not the alias's.
   */
  cdnStage: 'dev' | 'pre' | 'pro';
  /**
   * On Lambda: the base path a custom domain maps the API at (`SHUTTER_BASE_PATH`, e.g. `/api`),
   * stripped from request paths and put in front of `Location`. Needed only where the event does
   * not show it (an HTTP API `$default` route); docs/deploy.md, "Events, paths and log lines".
   */
  basePath: string | undefined;
  /**
   * The reader site's public origin (`SHUTTER_PUBLIC_URL`), for canonical URLs, the sitemap and
   * the feed; unset, each request's own origin.
   */
  publicUrl: string | undefined;
  /** How many revisions of each review are kept (`SHUTTER_REVISIONS_KEPT`, 50 by default). */
  revisionsKept: number;
  /**
   * How long the local server's edge cache serves a public content answer before asking the app
   * again (`SHUTTER_EDGE_CACHE_MS`, 1,000 by default; 0 turns it off). See local/edge-cache.ts.
   */
  edgeCacheMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const flag = (name: string, fallback: '0' | '1') =>
  z.pipe(
    z._default(
      z.enum(['0', '1', 'true', 'false'], { message: `${name} must be 0 or 1` }),
      fallback,
    ),
    z.transform((v) => v === '1' || v === 'true'),
  );

const ORIGIN = /^https?:\/\/[^/\s]+$/;

const originList = (v: string) =>
  v
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

/** A whole-number setting from `min` to `max`, `fallback` when unset; each message names it. */
const wholeNumberIn = (name: string, min: number, max: number, fallback: number) =>
  z._default(
    z.coerce
      .number({ message: `${name} must be a number` })
      .check(
        z.int(`${name} must be a whole number`),
        z.minimum(min, `${name} must be ${min}–${max}`),
        z.maximum(max, `${name} must be ${min}–${max}`),
      ),
    fallback,
  );

const schema = z.object({
  PORT: wholeNumberIn('PORT', 0, 65535, 3000),
  HOST: z._default(z.string().check(z.minLength(1, 'HOST must not be empty')), '127.0.0.1'),
  SHUTTER_DATA_DIR: z._default(
    z.string().check(z.minLength(1, 'SHUTTER_DATA_DIR must not be empty')),
    './data',
  ),
  SHUTTER_STORE: z._default(
    z.enum(['sqlite', 'dynamodb'], { message: 'SHUTTER_STORE must be "sqlite" or "dynamodb"' }),
    'sqlite',
  ),
  SHUTTER_STAGE: z._default(
    z.enum(['local', 'dev', 'pre', 'pro'], {
      message: 'SHUTTER_STAGE must be local, dev, pre or pro',
    }),
    'local',
  ),
  SHUTTER_DEMO: flag('SHUTTER_DEMO', '1'),
  SHUTTER_CORS_ORIGINS: z.pipe(z._default(z.string(), '*'), z.transform(originList)).check(
    z.refine((origins) => origins.every((o) => o === '*' || ORIGIN.test(o)), {
      message:
        'SHUTTER_CORS_ORIGINS must be "*" or a comma-separated list of origins like https://example.com',
    }),
  ),
  // No "*": these routes take credentials, so the pages allowed to call them are named one by one.
  SHUTTER_CONSOLE_ORIGINS: z.pipe(z._default(z.string(), ''), z.transform(originList)).check(
    z.refine((origins) => origins.every((o) => ORIGIN.test(o)), {
      message:
        'SHUTTER_CONSOLE_ORIGINS must be a comma-separated list of origins like https://console.example.com ("*" is not accepted)',
    }),
  ),
  LOG_LEVEL: z._default(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    }),
    'info',
  ),
  SHUTTER_TRUST_PROXY: z.pipe(
    z._default(
      z.string().check(
        z.regex(/^(true|false|0|[1-9][0-9]?)$/, {
          message:
            'SHUTTER_TRUST_PROXY must be 0 (off), 1 or true (one proxy), or a number of proxies',
        }),
      ),
      '0',
    ),
    z.transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
  ),
  SHUTTER_BODY_LIMIT: z._default(
    z.coerce
      .number({ message: 'SHUTTER_BODY_LIMIT must be a number of bytes' })
      .check(z.int(), z.minimum(1024, 'SHUTTER_BODY_LIMIT must be at least 1024')),
    1_048_576,
  ),
  // DynamoDB table names are 3–255 characters of [A-Za-z0-9_.-]; the suffix adds the rest.
  SHUTTER_TABLE_PREFIX: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^[A-Za-z0-9_.-]{1,200}$/,
          'SHUTTER_TABLE_PREFIX may hold only A-Z, a-z, 0-9, "_", "." and "-"',
        ),
      ),
  ),
  // One function serves every stage through its aliases, so these name the stage's resource
  // with a `{stage}` placeholder (like the table prefix, derived from the stage).
  SHUTTER_CONTENT_BUCKET: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^([a-z0-9.-]|\{stage\}){3,63}$/,
          'SHUTTER_CONTENT_BUCKET must be an S3 bucket name (it may contain {stage})',
        ),
      ),
  ),
  SHUTTER_JOB_QUEUE_URL: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^https:\/\/\S+$/,
          'SHUTTER_JOB_QUEUE_URL must be an SQS queue URL (it may contain {stage})',
        ),
      ),
  ),
  SHUTTER_CDN_DISTRIBUTION_ID: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^[A-Z0-9]{1,32}$/,
          'SHUTTER_CDN_DISTRIBUTION_ID must be a CloudFront distribution id',
        ),
      ),
  ),
  SHUTTER_CDN_STAGE: z._default(
    z.enum(['dev', 'pre', 'pro'], { message: 'SHUTTER_CDN_STAGE must be dev, pre or pro' }),
    'pro',
  ),
  SHUTTER_REVISIONS_KEPT: wholeNumberIn('SHUTTER_REVISIONS_KEPT', 1, 1000, 50),
  SHUTTER_EDGE_CACHE_MS: wholeNumberIn('SHUTTER_EDGE_CACHE_MS', 0, 60_000, 1_000),
  SHUTTER_PUBLIC_URL: z.optional(
    z
      .string()
      .check(
        z.regex(
          ORIGIN,
          'SHUTTER_PUBLIC_URL must be an origin like https://shutter.example (no path)',
        ),
      ),
  ),
  SHUTTER_BASE_PATH: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^(?:\/[A-Za-z0-9$\-_.+!*'(),]+)+$/,
          'SHUTTER_BASE_PATH must be a path like /api (no trailing slash)',
        ),
      ),
  ),
  AWS_ENDPOINT_URL_DYNAMODB: z.optional(
    z.url({ message: 'AWS_ENDPOINT_URL_DYNAMODB must be a URL like http://127.0.0.1:8000' }),
  ),
});

/**
 * Reads the configuration from an environment. Empty strings count as unset, so `PORT=` falls
 * back to the default rather than failing.
 * @throws ConfigError naming every bad variable at once.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(schema.shape).flatMap((k) => (env[k] ? [[k, env[k]]] : [])),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.SHUTTER_DATA_DIR),
    store: e.SHUTTER_STORE,
    stage: e.SHUTTER_STAGE,
    demo: e.SHUTTER_DEMO,
    corsOrigins: e.SHUTTER_CORS_ORIGINS,
    consoleOrigins: e.SHUTTER_CONSOLE_ORIGINS,
    logLevel: e.LOG_LEVEL,
    trustProxyHops: e.SHUTTER_TRUST_PROXY,
    bodyLimitBytes: e.SHUTTER_BODY_LIMIT,
    // defaultTablePrefix() in the table definitions, inlined: the SQLite path loads no DynamoDB code.
    tablePrefix: e.SHUTTER_TABLE_PREFIX ?? `shutter-${e.SHUTTER_STAGE}-`,
    dynamoDbEndpoint: e.AWS_ENDPOINT_URL_DYNAMODB,
    contentBucket: e.SHUTTER_CONTENT_BUCKET?.replaceAll('{stage}', e.SHUTTER_STAGE),
    jobQueueUrl: e.SHUTTER_JOB_QUEUE_URL?.replaceAll('{stage}', e.SHUTTER_STAGE),
    cdnDistributionId: e.SHUTTER_CDN_DISTRIBUTION_ID,
    cdnStage: e.SHUTTER_CDN_STAGE,
    basePath: e.SHUTTER_BASE_PATH,
    publicUrl: e.SHUTTER_PUBLIC_URL,
    revisionsKept: e.SHUTTER_REVISIONS_KEPT,
    edgeCacheMs: e.SHUTTER_EDGE_CACHE_MS,
  };
}
