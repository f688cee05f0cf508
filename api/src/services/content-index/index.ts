/**
 * The list and search index of published content, built at write time and loaded by content
 * processes. Pure: no I/O; the caller stores and fetches the artifact.
 *
 * - {@link buildIndexArtifact}(entries) → `{ bytes, hash }`: deterministic (same entries in any
 *   order → same bytes), content-addressed by SHA-256. Entries from {@link indexEntryOf}.
 * - {@link loadContentIndex}(bytes, { cursors }) → {@link ContentIndex}: `list`, `cameras`,
 *   `compare`, `has`, answering plain objects for the caller to serialise and cache.
 *
 * Why not MiniSearch's own index: measured on the bench's generated reviews, MiniSearch keeps a
 * `Map` entry per term, field and review, about 46 bytes each: 67 MB of heap at 10,000 reviews,
 * ≈ 665 MB at 100,000 (a 222 MB artifact, 48 s to build), far past the 300 MB a content process
 * may use. This index keeps its ranking model (field boosts, prefix and fuzzy matching with lower
 * weights, idf) and its radix tree for typo lookups (`minisearch/SearchableMap`), but holds
 * postings as varint bytes (≈ 2 bytes each) and the summaries compressed, parsed only for the
 * reviews a page shows. Figures: api/bench/content-index.ts.
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
