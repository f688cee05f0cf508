import { parseCacheTag } from '../../domain/cache-tags.js';
import type { CdnPurger } from '../../ports/cdn-purger.js';

/** A purger that records what it was asked to purge, for tests. */
export interface MemoryCdnPurger extends CdnPurger {
  /** Each non-empty purge's tags, as given, oldest first. */
  readonly calls: readonly (readonly string[])[];
  /** Every tag purged so far. */
  purgedTags(): Set<string>;
}

/** A recording purger; it refuses tags that are not cache tags, as the real ones do. */
export function createMemoryCdnPurger(): MemoryCdnPurger {
  const calls: string[][] = [];
  return {
    calls,
    purgedTags: () => new Set(calls.flat()),
    async purge(tags) {
      const bad = tags.find((tag) => !parseCacheTag(tag));
      if (bad !== undefined) throw new Error(`Not a cache tag: ${JSON.stringify(bad)}`);
      if (tags.length > 0) calls.push([...tags]);
    },
  };
}
