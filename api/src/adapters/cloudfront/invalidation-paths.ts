import { parseCacheTag } from '../../domain/cache-tags.js';

/**
 * CloudFront has no purge by tag, only invalidation by path, so every cache tag maps to the
 * paths of the responses that carry it. The rules CloudFront sets (Developer Guide, "What you
 * need to know when invalidating paths"): a path starts with `/`; `*` may appear only as its
 * last character and matches any characters, `/` and `?` included; because the content cache
 * key includes the whole query string, each query variant of a URL is its own cached object,
 * matched by the path with its query string (`/content?brand=sony`), so `/content?*` reaches
 * every variant of `/content` and nothing under `/content/`. A wildcard path is billed as one
 * path however much it matches, but only 15 wildcard paths may be in progress at once per
 * distribution (3,000 plain ones).
 *
 * | tag             | API paths (`/content…` behaviour) | reader pages (issue 16), when enabled       |
 * | --------------- | --------------------------------- | ------------------------------------------- |
 * | `review:{slug}` | `/content/{slug}`                 | `/review/{slug}`                            |
 * | `camera:{key}`  | none: no URL shows one camera     | none                                        |
 * | `list`          | `/content`, `/content?*`          | `/`, `/?*`, `/feed.xml`, `/sitemap.xml`     |
 * | `cameras`       | `/content/cameras`                | `/cameras`                                  |
 * | `compare`       | `/content/compare*`               | `/compare*`                                 |
 *
 * Trade-offs: `/content*` alone would be one path per purge and certain to match every variant,
 * but it also empties every review's detail and every comparison on every publish, which defeats
 * purging by tag once the edge keeps responses for long; so lists get `/content` plus
 * `/content?*`. A detail is purged by its exact path: a query string a client adds to a detail
 * URL (`/content/x100vi?utm=…`) makes a variant that only expires with its `s-maxage`. Comparisons
 * are keyed by the slugs in their query, so any publish purges them all (one wildcard). The feed
 * and the sitemap index are plain paths; a sitemap's parts (`?part=N`, past 50,000 reviews) and
 * the related reviews under each review page (which carry `list` too) expire with their
 * `s-maxage`, rather than spend a wildcard each or purge every review page on every publish. Past
 * {@link MAX_REVIEW_PATHS} reviews in one purge (a bulk import), their details collapse into one
 * `/content/*` (and `/review/*`): cheaper than hundreds of paths and within CloudFront's limits.
 */
export const MAX_REVIEW_PATHS = 25;

export interface InvalidationPathOptions {
  /**
   * Also purge the reader site's pages (issue 16), served by the same distribution: the worker
   * does (lambda/content-cdn.ts).
   */
  readerPages?: boolean;
  /**
   * Purge everything public with one wildcard (`/content*`, or `/*` with reader pages) whatever
   * the tags: one billed path per purge instead of about five. Worth it while the edge keeps
   * responses only minutes (`s-maxage=300`), when an over-purge costs each URL one extra origin
   * request; see docs/design.md, Costs.
   */
  wide?: boolean;
}

/**
 * The invalidation paths for a set of cache tags: deduplicated and sorted, so equal tag sets
 * give equal batches. Tags that name no URL (`camera:…`) add nothing; no tags, no paths.
 * @throws Error for a value that is not a cache tag.
 */
export function invalidationPaths(
  tags: readonly string[],
  { readerPages = false, wide = false }: InvalidationPathOptions = {},
): string[] {
  const paths = new Set<string>();
  const slugs = new Set<string>();
  const add = (api: readonly string[], reader: readonly string[]) => {
    for (const path of api) paths.add(path);
    if (readerPages) for (const path of reader) paths.add(path);
  };
  for (const tag of tags) {
    const parsed = parseCacheTag(tag);
    if (!parsed) throw new Error(`Not a cache tag: ${JSON.stringify(tag)}`);
    switch (parsed.kind) {
      case 'review':
        slugs.add(parsed.slug);
        break;
      case 'camera':
        break;
      case 'list':
        add(['/content', '/content?*'], ['/', '/?*', '/feed.xml', '/sitemap.xml']);
        break;
      case 'cameras':
        add(['/content/cameras'], ['/cameras']);
        break;
      case 'compare':
        add(['/content/compare*'], ['/compare*']);
        break;
    }
  }
  if (wide && (paths.size > 0 || slugs.size > 0)) return [readerPages ? '/*' : '/content*'];
  if (slugs.size > MAX_REVIEW_PATHS) {
    add(['/content/*'], ['/review/*']);
  } else {
    // Slugs are lower-case letters, digits and hyphens (SLUG_PATTERN): nothing to URL-encode.
    for (const slug of slugs) add([`/content/${slug}`], [`/review/${slug}`]);
  }
  return [...paths].sort();
}
