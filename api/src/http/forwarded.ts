/**
 * The entry of a comma-separated `X-Forwarded-*` header that the `hops`-th proxy from this server
 * appended: each proxy appends what it saw to the right, so with `hops` proxies of one's own in
 * front, the `hops`-th entry from the right is the one the outermost trusted proxy wrote, and
 * everything left of it came from the client, which may have forged it. Fewer entries than hops
 * (the request skipped a proxy) gives the leftmost one, the furthest any proxy could see.
 * @returns undefined when `hops` is 0, or the header is absent or empty.
 */
export function forwardedEntry(header: string | undefined, hops: number): string | undefined {
  if (hops < 1 || header === undefined) return undefined;
  const entries = header.split(',');
  const entry = entries[Math.max(0, entries.length - hops)]?.trim();
  return entry ? entry : undefined;
}
