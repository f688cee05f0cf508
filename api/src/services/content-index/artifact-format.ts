import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ContentSummary } from './content-types.js';

/** Names the layout below; a loader refuses any other, so a format change cannot be misread. */
export const ARTIFACT_FORMAT = 'shutter.content-index.v2';

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
 * The artifact is binary, laid out so that a loader reads it in place: every section is a view
 * over the bytes as fetched, with nothing decoded, parsed or copied at load but the small ones
 * (brand names, vocabulary text). At 100,000 reviews that is ~60 MB held, where the JSON-lines
 * format before it (`shutter.content-index.v1`, base64 in JSON strings) needed twice that and
 * more while loading, most of it freed but kept by the process.
 *
 * 1. {@link ArtifactHeader} as one line of UTF-8 JSON, then zero bytes up to a multiple of
 *    {@link SECTION_ALIGN};
 * 2. the sections of {@link SECTIONS}, in that order, each starting at a multiple of
 *    {@link SECTION_ALIGN} (zero padding between), at the offsets the header gives. Numbers
 *    are little-endian; review positions (newest first, see {@link compareNewest}) are the ids
 *    every section uses.
 */
export interface ArtifactHeader {
  format: string;
  /** How many reviews the artifact holds. */
  reviews: number;
  /** How many terms the vocabulary holds. */
  terms: number;
  /**
   * Each section's `[offset, length]` in bytes, the offset counted from the end of the header
   * area (the first multiple of {@link SECTION_ALIGN} after the header line).
   */
  sections: Record<SectionName, [number, number]>;
}

/** Section starts are multiples of this, so a Float64Array or Uint32Array view can sit on one. */
export const SECTION_ALIGN = 8;

/**
 * The sections, numeric ones first. Per review (by position): `ratings` (float64), `prices` (float64, the camera's price in US dollars), `brandOf`
 * (uint32, index into `brands`), `typeOf` and `sensorOf` (uint8, index into CAMERA_TYPES and
 * SENSOR_TYPES). `blockOffsets` (uint32, blocks + 1): where each block of `reviews` starts, plus
 * where the last ends. `slugOffsets` (uint32, reviews + 1): where each slug starts in `slugs`;
 * `slugOrder` (uint32): positions sorted by slug, for lookups by slug. Per term of the
 * vocabulary: `counts` (uint32, in how many reviews it occurs) and `postingOffsets` (uint32,
 * terms + 1: where its postings start in `postings`, see postings.ts). Then bytes: `postings`;
 * `slugs` (UTF-8, one after another); `vocabulary` (every indexed term, sorted by code unit,
 * UTF-8, each followed by a newline, which no term holds); `brands` (JSON: the brand display
 * names, the most frequent spelling of each brand grouped by `nameKey`); `cameras` (JSON
 * `CameraList`, parsed on use); `reviews` ({@link StoredReview}s in blocks of
 * {@link REVIEW_BLOCK} compressed on their own with {@link compressBlock}, inflated only for the
 * reviews a page shows).
 */
export const SECTIONS = [
  'ratings',
  'prices',
  'brandOf',
  'typeOf',
  'sensorOf',
  'blockOffsets',
  'slugOffsets',
  'slugOrder',
  'counts',
  'postingOffsets',
  'postings',
  'slugs',
  'vocabulary',
  'brands',
  'cameras',
  'reviews',
] as const;

export type SectionName = (typeof SECTIONS)[number];

/** One review as the artifact holds it: its summary, pros and cons (compare shows them). */
export interface StoredReview extends ContentSummary {
  pros: string[];
  cons: string[];
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
