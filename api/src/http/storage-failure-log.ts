import { UnavailableError } from '../domain/errors.js';
import type { Logger } from '../ports/logger.js';

/** How often, at most, the same storage failure is logged again while it lasts. */
const REPEAT_MS = 60_000;

/**
 * Logs a storage failure as one clear line (what failed and the driver's code, no stack): the
 * first time it happens, then at most once a minute with the number of requests it refused in
 * between, so a full disk under load does not bury everything else in the log.
 */
export function createStorageFailureLog(now: () => number = Date.now) {
  const lastLogged = new Map<string, { at: number; suppressed: number }>();
  return (error: unknown, log: Logger): void => {
    if (!(error instanceof UnavailableError)) return;
    // SQLite's errors carry a `code`, the AWS SDK's a `name` (e.g. ThrottlingException).
    const cause = error.cause as { code?: unknown; name?: unknown } | undefined;
    const code = typeof cause?.code === 'string' ? cause.code : cause?.name;
    const key = `${error.message}|${String(code)}`;
    const seen = lastLogged.get(key);
    const at = now();
    if (seen && at - seen.at < REPEAT_MS) {
      seen.suppressed += 1;
      return;
    }
    lastLogged.set(key, { at, suppressed: 0 });
    log.error(
      {
        storage: error.message,
        ...(typeof code === 'string' ? { code } : {}),
        ...(seen ? { refusedSinceLastLine: seen.suppressed } : {}),
      },
      'storage unavailable: writes are refused with 503 until it recovers',
    );
  };
}
