import { createSsmGetParameter, type GetParameter } from '../adapters/ssm/ssm-get-parameter.js';
import { ORIGIN_SECRET_PARAMETER } from './cdn-origin.js';

export interface OriginSecretOptions {
  /** Reads a parameter; SSM's `GetParameter` from the environment's region by default. */
  getParameter?: GetParameter;
  /** How long a value (or its absence) is reused, so a rotated secret arrives without a deploy. */
  maxAgeMs?: number;
  /** How long a failed read is remembered before SSM is asked again. */
  retryAfterMs?: number;
  now?: () => number;
  /** Told why the secret could not be read (requests are then served as not from CloudFront). */
  onError?: (error: unknown) => void;
}

/**
 * The CloudFront origin secret from SSM (`/shutter/web/origin-secret`), read at a stage's cold
 * start and again every five minutes, one read at a time. Missing or unreadable, it is
 * `undefined`: requests are served, their client address is the connection's (CloudFront's).
 */
export function createOriginSecretReader({
  getParameter = createSsmGetParameter(),
  maxAgeMs = 300_000,
  retryAfterMs = 30_000,
  now = Date.now,
  onError = () => {},
}: OriginSecretOptions = {}): () => Promise<string | undefined> {
  let cached: { value: string | undefined; until: number } | undefined;
  let pending: Promise<string | undefined> | undefined;

  async function read(): Promise<string | undefined> {
    try {
      const value = (await getParameter(ORIGIN_SECRET_PARAMETER)) || undefined;
      cached = { value, until: now() + maxAgeMs };
      return value;
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name === 'ParameterNotFound') {
        cached = { value: undefined, until: now() + maxAgeMs };
        return undefined;
      }
      onError(error);
      // Keep a value read before; retry soon, never on every request.
      cached = { value: cached?.value, until: now() + retryAfterMs };
      return cached.value;
    }
  }

  return () => {
    if (cached && now() < cached.until) return Promise.resolve(cached.value);
    pending ??= read().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}

/** The entries' `onError`: one line on stderr (CloudWatch), with why. */
export function warnOriginSecret(error: unknown): void {
  console.warn(
    JSON.stringify({
      level: 'warn',
      msg: `${ORIGIN_SECRET_PARAMETER} unreadable: requests are taken as direct ones until it is`,
      err: error instanceof Error ? { name: error.name, message: error.message } : String(error),
    }),
  );
}
