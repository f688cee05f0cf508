import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ContentSummary } from './content-types.js';

/** Names the layout below; a loader refuses any other, so a format change cannot be misread. */
export const ARTIFACT_FORMAT = 'shutter.content-index.v1';

/**
 * How many distinct body words of a review are indexed: those that best tell it apart (highest
 * term frequency × inverse document frequency over the catalogue, so "the" and "camera" are the
 * first left out),
 * ties by first appearance. Title, camera, summary, pros and cons are always indexed whole.
 *
 * Measured decision (api/bench/content-index.ts; its generated reviews have ~100 distinct body
 * words, so all are kept): a posting costs ~1.7 bytes held, and the index holds ~143 postings a
 * review, 24 MB at 100,000 reviews. A real 5–10 KB body has 400–700 distinct words; indexed
 * whole, 100,000 of them would need 40–70 million postings (70–120 MB more, and a build and
 * artifact to match) on a process that must stay under 300 MB. Capped at 128, a review stays
 * findable by anything distinctive it says, and its postings stay under ~300 bytes.
 */
export const BODY_TERMS = 128;

/**
 * The artifact is six lines of UTF-8 JSON (JSON text never holds a raw newline):
 *
 * 1. {@link ArtifactHeader}
 * 2. {@link ArtifactColumns}: what filters, sorts and facets read for every review
 * 3. the reviews ({@link StoredReview}), newest first, in blocks of {@link REVIEW_BLOCK}
 *    compressed on their own ({@link compressBlock}), one after another, as one base64
 *    string; a review's position here is its id everywhere else. A loader keeps these bytes
 *    and inflates only the blocks a page shows, found by `columns.offsets`: at 100,000
 *    reviews that is about 25 MB held instead of 74 MB of JSON (or about 110 MB parsed), and
 *    nothing to parse at start.
 * 4. the vocabulary: every indexed term, sorted by code unit
 * 5. {@link StoredPostings}
 * 6. the camera table (`CameraList`), parsed on first use
 */
export interface ArtifactHeader {
  format: typeof ARTIFACT_FORMAT;
  /** How many reviews line 3 holds. */
  reviews: number;
  /** How many terms line 4 holds. */
  terms: number;
}

/** Line 2: per review (by position), the values every list reads. */
export interface ArtifactColumns {
  slugs: string[];
  ratings: number[];
  /** Brand display names: the most frequent spelling of each brand (grouped by `nameKey`). */
  brands: string[];
  /** Per review, its brand's index in `brands`. */
  brandOf: number[];
  /** Per review, its camera type's index in CAMERA_TYPES. */
  typeOf: number[];
  /** Per review, its sensor's index in SENSOR_TYPES. */
  sensorOf: number[];
  /** Where each block starts in the decoded bytes of line 3, plus where the last ends. */
  offsets: number[];
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

/**
 * Reviews compressed together: enough for deflate to find the repeats between neighbours (keys,
 * brands, phrases), small enough that showing one review inflates a few kilobytes.
 */
export const REVIEW_BLOCK = 16;

/**
 * Preset dictionary for compressing a block: a review's JSON skeleton, so that even the first
 * occurrence of every key is a back-reference. Part of the format: changing it needs a new
 * {@link ARTIFACT_FORMAT}.
 */
const REVIEW_DICTIONARY = Buffer.from(
  JSON.stringify({
    slug: '',
    title: ' review: the ',
    summary: '',
    camera: {
      brand: '',
      model: '',
      type: 'mirrorless',
      sensor: 'full-frame',
      megapixels: 0,
      releaseYear: 2020,
      priceUsd: 0,
      mount: '',
    },
    rating: 0,
    scores: { imageQuality: 0, autofocus: 0, video: 0, ergonomics: 0, value: 0 },
    publishedAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
    pros: [''],
    cons: [''],
  }),
);

/** A block of reviews as deflated JSON (deterministic for one zlib version). */
export function compressBlock(reviews: readonly StoredReview[]): Buffer {
  return deflateRawSync(JSON.stringify(reviews), { dictionary: REVIEW_DICTIONARY });
}

export function inflateBlock(bytes: Uint8Array): StoredReview[] {
  return JSON.parse(
    inflateRawSync(bytes, { dictionary: REVIEW_DICTIONARY }).toString('utf8'),
  ) as StoredReview[];
}
