/**
 * The list and search index of published content, built at write time and loaded by content
 * processes. Pure: no I/O; the caller stores and fetches the artifact.
 *
 * - {@link buildIndexArtifact}(entries) → `{ bytes, hash }`: deterministic (same entries in any
 *   order → same bytes), content-addressed by SHA-256. Entries from {@link indexEntryOf}.
 * - {@link loadContentIndex}(bytes, { cursors }) → {@link ContentIndex}: `list`, `cameras`,
 *   `compare`, `has`, answering plain objects for the caller to serialise and cache; `outdated`
 *   when the bytes were of the previous format (still read, converted; a reconcile rewrites them).
 *
 * Why not MiniSearch's own index: measured on the bench's generated reviews, MiniSearch keeps a
 * `Map` entry per term, field and review, about 46 bytes each: 67 MB of heap at 10,000 reviews,
 * ≈ 665 MB at 100,000 (a 222 MB artifact, 48 s to build), far past the 300 MB a content process
 * may use. This index keeps its ranking model (field boosts, prefix and fuzzy matching with lower
 * weights, idf) but holds postings as varint bytes (≈ 2 bytes each) and the summaries compressed,
 * parsed only for the reviews a page shows.
 *
 * Why a binary artifact read in place (format v2, artifact-format.ts): the loaded index *is* the
 * fetched bytes. Columns, postings, slugs and compressed summaries are typed-array views over
 * them, so loading decodes nothing but the vocabulary's text; and typo lookups scan that text by
 * length with a bounded edit distance instead of building MiniSearch's radix tree. Measured at
 * 100,000 generated reviews in a bare process (api/bench/content-index-memory.ts, `--expose-gc`):
 * a 66 MB artifact loads in ~12 ms and holds ~67 MB of array buffers and ~7 MB of heap after
 * list, typo search and slug lookups; the JSON-lines v1 (79 MB, base64 inside JSON) took ~200 ms,
 * peaked ~250 MB above the baseline while decoding, and held ~40 MB of heap of which ~22 MB (and
 * ~54 MB resident) was the radix tree built on the first typo-tolerant search.
 */
export { buildIndexArtifact, type IndexArtifact } from './build-index-artifact.js';
export { BODY_TERMS } from './artifact-format.js';
export {
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  queryTerms,
  type ContentQuery,
  type ContentSort,
} from './content-query.js';
export type {
  CameraList,
  CameraRow,
  ComparedReview,
  Comparison,
  ContentFacets,
  ContentItem,
  ContentPage,
  ContentSummary,
  FacetCount,
} from './content-types.js';
export { indexEntryOf, type IndexEntry } from './index-entry.js';
export {
  loadContentIndex,
  type ContentIndex,
  type LoadContentIndexOptions,
} from './load-content-index.js';
export { FIELD_BOOSTS } from './search-text.js';
