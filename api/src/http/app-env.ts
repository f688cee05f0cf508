import type { Context } from 'hono';
import type { CurrentUser } from '../domain/current-user.js';
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
  /** Origins allowed by CORS; `['*']` for any. */
  corsOrigins: readonly string[];
  bodyLimitBytes: number;
  /**
   * The client's address, as the runtime knows it (socket, API Gateway request context). The app
   * stays runtime-agnostic by asking for it rather than reading it.
   */
  clientIp?: (c: Context) => string | undefined;
  /** Version string reported by `/health`. */
  version?: string;
}
