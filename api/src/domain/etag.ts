/** One entity tag of a conditional header: `W/"x"` is weak, `"x"` strong. */
export interface EntityTag {
  weak: boolean;
  /** The quoted part, quotes included, e.g. `"v3"`. */
  opaque: string;
}

const TAG = /^(W\/)?("[\x21\x23-\x7e\x80-\xff]*")$/;

/**
 * Parses an `If-Match` / `If-None-Match` value (RFC 9110 §13.1): `*`, or a comma-separated list
 * of entity tags. Entries that are not valid tags are skipped, so a garbled header matches
 * nothing rather than everything.
 */
export function parseEntityTags(header: string): '*' | EntityTag[] {
  if (header.trim() === '*') return '*';
  const tags: EntityTag[] = [];
  for (const part of header.split(',')) {
    const match = TAG.exec(part.trim());
    if (match) tags.push({ weak: match[1] !== undefined, opaque: match[2]! });
  }
  return tags;
}

/**
 * Whether `header` is a well-formed `If-Match` / `If-None-Match` value: `*`, or a comma-separated
 * list of entity tags, each quoted (`"v3"`, `W/"v3"`). `v3` without quotes is not one, and
 * {@link parseEntityTags} would skip it, so a caller can tell the client how to write it instead
 * of answering as if the version were stale.
 */
export function isEntityTagList(header: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').every((part) => TAG.test(part.trim()));
}

function parseOne(etag: string): EntityTag | undefined {
  const tags = parseEntityTags(etag);
  return tags === '*' ? undefined : tags[0];
}

/**
 * Whether `If-None-Match` matches the current `etag`, by weak comparison (RFC 9110 §13.1.2):
 * `W/"a"` matches `"a"`, and `*` matches any current representation.
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  // The usual revalidation, a client sending back the one tag it was given, needs no parsing.
  if (header === etag) return TAG.test(etag);
  const tags = parseEntityTags(header);
  if (tags === '*') return true;
  const current = parseOne(etag);
  return current !== undefined && tags.some((tag) => tag.opaque === current.opaque);
}

/**
 * Whether `If-Match` matches the current `etag`, by strong comparison (RFC 9110 §13.1.1): a weak
 * tag on either side never matches. `*` is left to the caller, which decides whether it may
 * stand in for a version.
 */
export function ifMatchMatches(header: string, etag: string): boolean {
  const tags = parseEntityTags(header);
  const current = parseOne(etag);
  if (tags === '*' || current === undefined || current.weak) return false;
  return tags.some((tag) => !tag.weak && tag.opaque === current.opaque);
}
