const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant, `YYYY-MM-DD`. Days are UTC so every region agrees. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The `count` UTC days ending with the day of `at`, oldest first. */
export function lastUtcDays(at: Date, count: number): string[] {
  const end = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return Array.from({ length: count }, (_, i) => utcDay(new Date(end - (count - 1 - i) * DAY_MS)));
}

/** The instant the UTC day of `at` ends (the next midnight), for expiring per-day data. */
export function endOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) + DAY_MS);
}
