import { parseCacheTag } from '../../domain/cache-tags.js';
import type { CdnPurger } from '../../ports/cdn-purger.js';
import type { Logger } from '../../ports/logger.js';

/**
 * The purger for a local server, which has no CDN in front of it: it checks the tags as a real
 * purger would and writes one info line naming them, so a developer can see what a publish
 * would purge on AWS.
 */
export function createLoggingCdnPurger(logger: Logger): CdnPurger {
  return {
    async purge(tags) {
      const unique = [...new Set(tags)];
      const bad = unique.find((tag) => !parseCacheTag(tag));
      if (bad !== undefined) throw new Error(`Not a cache tag: ${JSON.stringify(bad)}`);
      if (unique.length === 0) return;
      logger.info({ event: 'cdn-purge', tags: unique }, 'CDN purge (local: no CDN to purge)');
    },
  };
}
