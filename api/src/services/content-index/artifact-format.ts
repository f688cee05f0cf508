import type { ContentSummary } from './content-types.js';

/** Names the layout below; a loader refuses any other, so a format change cannot be misread. */
export const ARTIFACT_FORMAT = 'shutter.content-index.v1';

/**
 * How many distinct body words of a review are indexed: those that best tell it apart (highest
 * term frequency × inverse document frequency over the catalogue, so "the" and "camera" go first),
 * ties by first appearance. Title, camera, summary, pros and cons are always indexed whole.
 *
 * Measured decision (api/bench/content-index.ts, generated demo reviews, 2 bytes a posting):
 * postings grow with reviews × distinct words, and a real 5–10 KB body has 400–700 distinct
 * words, which at 100,000 reviews would be 40–70 million postings, alone over the 300 MB a
 * content process may use. 128 words keep a review findable by anything distinctive it says
 * while bounding the index to about 175 postings a review (≈ 45 MB at 100,000).
 */
export const BODY_TERMS = 128;

/**
 * The artifact is four lines of JSON (JSON text never holds a raw newline):
 *
 * 1. {@link ArtifactHeader}
 * 2. the reviews ({@link StoredReview}[]), newest first; a review's position here is its id in
 *    the search index
 * 3. the vocabulary: every indexed term, sorted by code unit
 * 4. {@link StoredPostings}
 *
 * Lines, not one object, so that a loader can serve lists from line 2 before it has decoded the
 * search index.
 */
export interface ArtifactHeader {
  format: typeof ARTIFACT_FORMAT;
  /** How many reviews line 2 holds. */
  reviews: number;
  /** How many terms line 3 holds. */
  terms: number;
}

/** One review as the artifact holds it: its summary, pros and cons (compare shows them). */
export interface StoredReview extends ContentSummary {
  pros: string[];
  cons: string[];
}

/** Line 4: the posting lists of the vocabulary's terms, in its order, as base64. */
export interface StoredPostings {
  /** Uint32 little-endian per term: how many reviews it occurs in. */
  counts: string;
  /** Uint32 little-endian per term plus one: where its postings start in `postings`. */
  offsets: string;
  /** Every term's postings, one after another (see postings.ts). */
  postings: string;
}

/**
 * Newest first, then by slug (descending, like every other key) so the order is total: the same
 * reviews always get the same positions, in the artifact and in cursors.
 */
export function compareNewest(
  a: Pick<ContentSummary, 'publishedAt' | 'slug'>,
  b: Pick<ContentSummary, 'publishedAt' | 'slug'>,
): number {
  return compareCodeUnits(b.publishedAt, a.publishedAt) || compareCodeUnits(b.slug, a.slug);
}

/** Code-unit order, never locale order: the same on every machine. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function uint32ToBase64(values: Uint32Array): string {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => bytes.writeUInt32LE(v, i * 4));
  return bytes.toString('base64');
}

export function base64ToUint32(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  const values = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt32LE(i * 4);
  return values;
}
