/**
 * The account lockout policy, kept pure so that it can be tested without a store. Failures are
 * counted per email address (existing or not, so a lock never tells whether an account exists).
 */

/** Failed logins allowed before the address is locked. */
export const MAX_LOGIN_FAILURES = 5;
/** The first lock; each further failure after a lock doubles it. */
export const FIRST_LOCK_MS = 60_000;
export const MAX_LOCK_MS = 60 * 60_000;
/** Failures older than this no longer count: the count starts again. */
export const FAILURE_WINDOW_MS = 24 * 60 * 60_000;

/**
 * How long to lock after the `failures`-th failure in a row: none below the limit, then
 * 1, 2, 4, … minutes up to an hour.
 */
export function lockDurationMs(failures: number): number {
  if (failures < MAX_LOGIN_FAILURES) return 0;
  const doublings = failures - MAX_LOGIN_FAILURES;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.min(doublings, 20));
}

/** Whole seconds until `lockedUntil`, at least 1; 0 when the lock is over or absent. */
export function lockRemainingSeconds(lockedUntil: string | null, now: Date): number {
  if (!lockedUntil) return 0;
  const ms = Date.parse(lockedUntil) - now.getTime();
  return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0;
}
