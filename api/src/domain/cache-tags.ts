import { SLUG_PATTERN } from './review.js';
import { slugify } from './slug.js';

/**
 * Cache tags: names for groups of cached public responses, so that a publish purges exactly the
 * responses it changes. A content response carries the tags of what it shows (`Cache-Tag`
 * header, see {@link cacheTagsHeader}); a publish purges the tags of what it changed (see
 * {@link reviewChangeTags}). Tags are lower-case ASCII without spaces or commas, so they are safe
 * in a header and in any CDN's purge API.
 */

/** Every list, search and facets page (`/content?…`). */
export const LIST_TAG = 'list';
/** The camera table (`/content/cameras`). */
export const CAMERAS_TAG = 'cameras';
/** Every comparison page (`/content/compare?…`). */
export const COMPARE_TAG = 'compare';

const REVIEW_PREFIX = 'review:';
const CAMERA_PREFIX = 'camera:';

/** One published review's detail (`/content/{slug}`). */
export function reviewTag(slug: string): string {
  if (!SLUG_PATTERN.test(slug)) throw new Error(`Not a slug for a cache tag: ${slug}`);
  return `${REVIEW_PREFIX}${slug}`;
}

/**
 * Everything about one camera: its brand and model folded as slugs are (`Sony`, `α7 IV` →
 * `camera:sony-a7-iv`), so spellings that differ only in case or accents share one tag.
 */
export function cameraTag(brand: string, model: string): string {
  return `${CAMERA_PREFIX}${slugify(`${brand} ${model}`) || 'unnamed'}`;
}

/** A tag read back: what it names. */
export type ParsedCacheTag =
  | { kind: 'review'; slug: string }
  | { kind: 'camera'; key: string }
  | { kind: 'list' }
  | { kind: 'cameras' }
  | { kind: 'compare' };

/** What a tag names, or `undefined` when it is none of the tags above. */
export function parseCacheTag(tag: string): ParsedCacheTag | undefined {
  if (tag === LIST_TAG) return { kind: 'list' };
  if (tag === CAMERAS_TAG) return { kind: 'cameras' };
  if (tag === COMPARE_TAG) return { kind: 'compare' };
  if (tag.startsWith(REVIEW_PREFIX)) {
    const slug = tag.slice(REVIEW_PREFIX.length);
    return SLUG_PATTERN.test(slug) ? { kind: 'review', slug } : undefined;
  }
  if (tag.startsWith(CAMERA_PREFIX)) {
    const key = tag.slice(CAMERA_PREFIX.length);
    return SLUG_PATTERN.test(key) ? { kind: 'camera', key } : undefined;
  }
  return undefined;
}

/**
 * The tags a change to one published review touches (publish, edit, unpublish, delete): its
 * detail, its camera, and every aggregate a review appears in (lists, the camera table,
 * comparisons). For a slug or camera change, purge the union of the old and the new tags.
 */
export function reviewChangeTags(review: {
  slug: string;
  camera: { brand: string; model: string };
}): string[] {
  return [
    reviewTag(review.slug),
    cameraTag(review.camera.brand, review.camera.model),
    LIST_TAG,
    CAMERAS_TAG,
    COMPARE_TAG,
  ];
}

/**
 * The `Cache-Tag` header value for a response, as Cloudflare reads it (and Fastly's
 * `Surrogate-Key`, space-separated, could be built the same way): the tags once each, in the
 * order given, comma-separated. CloudFront ignores it; it documents what a purge will reach.
 * @throws Error for a tag that is not one of the tags above (a programming error).
 */
export function cacheTagsHeader(tags: readonly string[]): string {
  for (const tag of tags) {
    if (!parseCacheTag(tag)) throw new Error(`Not a cache tag: ${JSON.stringify(tag)}`);
  }
  return [...new Set(tags)].join(',');
}
