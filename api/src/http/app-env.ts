import type { Context } from 'hono';
import type { CurrentUser } from '../domain/current-user.js';
import type { JobConsumer } from '../ports/job-queue.js';
import type { Logger } from '../ports/logger.js';

/** Per-request values every handler can read with `c.get(...)`. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    /** Set by `requireUser` on routes that need an authenticated user. */
    user: CurrentUser;
  };
}

export interface AppOptions {
  logger: Logger;
  /** Origins allowed by CORS on the public routes; `['*']` for any. */
  corsOrigins: readonly string[];
  /**
   * Origins allowed by CORS on the console routes (auth, me, reviews, users, api-keys). Empty or
   * absent: no CORS headers there, so only same-origin pages can read their answers.
   */
  consoleOrigins?: readonly string[];
  bodyLimitBytes: number;
  /**
   * The client's address, as the runtime knows it (socket, API Gateway request context). The app
   * stays runtime-agnostic by asking for it rather than reading it.
   */
  clientIp?: (c: Context) => string | undefined;
  /**
   * Whether the request reached us over TLS (then responses carry `Strict-Transport-Security`).
   * Absent: when the request URL is `https:`, which is always so on API Gateway.
   */
  secureTransport?: (c: Context) => boolean;
  /**
   * The reader site's public origin (`SHUTTER_PUBLIC_URL`, e.g. `https://shutter.example`), for
   * canonical URLs, Open Graph, the sitemap and the feed. Absent: the request's own origin.
   */
  publicUrl?: string;
  /** Version string reported by `/health`. */
  version?: string;
  /**
   * Whether the process can do its job, asked by `/health`: resolves when it can, throws a
   * domain error (an `UnavailableError`: the database file is gone) when it cannot.
   */
  checkHealth?: () => Promise<void>;
  /**
   * The job queue this process drains, for the admins' console (`GET /jobs`): the local server's.
   * Absent on Lambda, where the queue is SQS and its dead letters are in the dead-letter queue.
   */
  jobQueue?: Pick<JobConsumer, 'stats' | 'listDead' | 'retryDead'>;
}
