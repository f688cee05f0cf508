import { resolve } from 'node:path';
import { z } from 'zod';

/** Everything Shutter reads from the environment, typed and checked once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  store: 'sqlite' | 'dynamodb';
  stage: 'local' | 'dev' | 'pre' | 'pro';
  demo: boolean;
  /** Allowed CORS origins; `['*']` allows any page to call the API. */
  corsOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Trust `X-Forwarded-For` for the client address (only behind a proxy you run). */
  trustProxy: boolean;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Prefix of every DynamoDB table name: `SHUTTER_TABLE_PREFIX`, or `shutter-{stage}-`. */
  tablePrefix: string;
  /** A DynamoDB endpoint outside AWS (`AWS_ENDPOINT_URL_DYNAMODB`); its tables are created at start. */
  dynamoDbEndpoint: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const flag = (name: string, fallback: '0' | '1') =>
  z
    .enum(['0', '1', 'true', 'false'], { message: `${name} must be 0 or 1` })
    .default(fallback)
    .transform((v) => v === '1' || v === 'true');

const schema = z.object({
  PORT: z.coerce
    .number({ message: 'PORT must be a number' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be 0–65535')
    .max(65535, 'PORT must be 0–65535')
    .default(3000),
  HOST: z.string().min(1, 'HOST must not be empty').default('127.0.0.1'),
  SHUTTER_DATA_DIR: z.string().min(1, 'SHUTTER_DATA_DIR must not be empty').default('./data'),
  SHUTTER_STORE: z
    .enum(['sqlite', 'dynamodb'], { message: 'SHUTTER_STORE must be "sqlite" or "dynamodb"' })
    .default('sqlite'),
  SHUTTER_STAGE: z
    .enum(['local', 'dev', 'pre', 'pro'], {
      message: 'SHUTTER_STAGE must be local, dev, pre or pro',
    })
    .default('local'),
  SHUTTER_DEMO: flag('SHUTTER_DEMO', '1'),
  SHUTTER_CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine((origins) => origins.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)), {
      message:
        'SHUTTER_CORS_ORIGINS must be "*" or a comma-separated list of origins like https://example.com',
    }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  SHUTTER_TRUST_PROXY: flag('SHUTTER_TRUST_PROXY', '0'),
  SHUTTER_BODY_LIMIT: z.coerce
    .number({ message: 'SHUTTER_BODY_LIMIT must be a number of bytes' })
    .int()
    .min(1024, 'SHUTTER_BODY_LIMIT must be at least 1024')
    .default(1_048_576),
  // DynamoDB table names are 3–255 characters of [A-Za-z0-9_.-]; the suffix adds the rest.
  SHUTTER_TABLE_PREFIX: z
    .string()
    .regex(
      /^[A-Za-z0-9_.-]{1,200}$/,
      'SHUTTER_TABLE_PREFIX may hold only A-Z, a-z, 0-9, "_", "." and "-"',
    )
    .optional(),
  AWS_ENDPOINT_URL_DYNAMODB: z
    .url({ message: 'AWS_ENDPOINT_URL_DYNAMODB must be a URL like http://127.0.0.1:8000' })
    .optional(),
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
    logLevel: e.LOG_LEVEL,
    trustProxy: e.SHUTTER_TRUST_PROXY,
    bodyLimitBytes: e.SHUTTER_BODY_LIMIT,
    // defaultTablePrefix() in the table definitions, inlined: the SQLite path loads no DynamoDB code.
    tablePrefix: e.SHUTTER_TABLE_PREFIX ?? `shutter-${e.SHUTTER_STAGE}-`,
    dynamoDbEndpoint: e.AWS_ENDPOINT_URL_DYNAMODB,
  };
}
