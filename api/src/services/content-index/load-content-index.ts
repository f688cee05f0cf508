import { nameKey } from '../../domain/fold.js';
import { CAMERA_TYPES, SENSOR_TYPES } from '../../domain/review.js';
import type { CursorCodec } from '../cursor.js';
import {
  ARTIFACT_FORMAT,
  type ArtifactHeader,
  type StoredPostings,
  type StoredReview,
} from './artifact-format.js';
import { cameraTable } from './camera-table.js';
import { comparison } from './comparison.js';
import { effectiveSort, queryTerms, type ContentQuery } from './content-query.js';
import type { CameraList, Comparison, ContentItem, ContentPage } from './content-types.js';
import { displayNames, facetCounts } from './facets.js';
import { decodeListCursor, encodeListCursor, isAfter, type SortKey } from './list-cursor.js';
import { createSearchIndex, type SearchHits } from './search-index.js';

/**
 * The public read model of one index artifact: lists with search, filters, disjunctive facets
 * and cursors; the camera table; comparisons. Immutable; answers are plain objects for the
 * caller to serialise (and to cache by artifact hash and query).
 */
export interface ContentIndex {
  /** How many published reviews the artifact holds. */
  readonly reviewCount: number;
  /**
   * One page of published reviews.
   * @throws ValidationError (field `q`) for a search past the length or word limit; (field
   *   `cursor`) for a cursor that is forged or made for another sort, search or filter.
   */
  list(query: ContentQuery): ContentPage;
  /** One row per camera (brand and model, spellings grouped), by brand then model. */
  cameras(): CameraList;
  /** @throws NotFoundError naming every slug that is not a published review. */
  compare(slugs: readonly string[]): Comparison;
  /** Whether a published review has this slug. */
  has(slug: string): boolean;
}

export interface LoadContentIndexOptions {
  /** Seals and opens list cursors (see cursor.ts). */
  cursors: CursorCodec;
}

const NEWLINE = 0x0a;

/**
 * The four lines of an artifact, each decoded on its own: from bytes, the whole artifact never
 * exists as one string (one 100 MB string, two bytes a character once it holds any non-Latin-1
 * letter, would cost more than the index it describes).
 */
function lines(artifact: string | Uint8Array): [string, string, string, string] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < 3; i++) {
    const to =
      typeof artifact === 'string' ? artifact.indexOf('\n', from) : artifact.indexOf(NEWLINE, from);
    if (to === -1) break;
    parts.push(slice(artifact, from, to));
    from = to + 1;
  }
  parts.push(slice(artifact, from, artifact.length));
  if (parts.length !== 4) throw new Error('Not a content index artifact: expected four lines');
  return parts as [string, string, string, string];
}

function slice(artifact: string | Uint8Array, from: number, to: number): string {
  return typeof artifact === 'string'
    ? artifact.slice(from, to)
    : Buffer.from(artifact.buffer, artifact.byteOffset, artifact.byteLength).toString(
        'utf8',
        from,
        to,
      );
}

/**
 * Opens an artifact made by {@link buildIndexArtifact}: its bytes as stored (preferred: the
 * text is then decoded line by line) or its text.
 *
 * @throws Error when it is not an artifact of this format.
 */
export function loadContentIndex(
  artifact: string | Uint8Array,
  { cursors }: LoadContentIndexOptions,
): ContentIndex {
  const [headerLine, reviewsLine, vocabularyLine, postingsLine] = lines(artifact);
  const header = JSON.parse(headerLine) as ArtifactHeader;
  if (header.format !== ARTIFACT_FORMAT) {
    throw new Error(`Not a content index artifact of format ${ARTIFACT_FORMAT}`);
  }
  const reviews = JSON.parse(reviewsLine) as StoredReview[];
  const vocabulary = JSON.parse(vocabularyLine) as string[];
  const searchIndex = createSearchIndex(
    vocabulary,
    JSON.parse(postingsLine) as StoredPostings,
    reviews.length,
  );
  const n = reviews.length;
  if (n !== header.reviews || vocabulary.length !== header.terms) {
    throw new Error('Content index artifact is truncated');
  }

  // Per review (by position, newest first): the keys filters and facets need, as small integers.
  const brandKeys = new Map<string, number>();
  const brandOf = new Uint32Array(n);
  const typeOf = new Uint8Array(n);
  const sensorOf = new Uint8Array(n);
  const brandSpellings: string[] = [];
  for (let doc = n - 1; doc >= 0; doc--) {
    const { brand, type, sensor } = reviews[doc]!.camera;
    const key = nameKey(brand);
    let id = brandKeys.get(key);
    if (id === undefined) brandKeys.set(key, (id = brandKeys.size));
    brandOf[doc] = id;
    typeOf[doc] = CAMERA_TYPES.indexOf(type);
    sensorOf[doc] = SENSOR_TYPES.indexOf(sensor);
  }
  // Oldest first, so a tie keeps the spelling the brand came with.
  const oldestFirst = Uint32Array.from({ length: n }, (_, i) => brandOf[n - 1 - i]!);
  for (let i = 0; i < n; i++) brandSpellings.push(reviews[n - 1 - i]!.camera.brand);
  const brandNames = displayNames(oldestFirst, brandSpellings, brandKeys.size);

  let byRating: Uint32Array | undefined;
  let bySlug: Map<string, number> | undefined;
  let cameras: CameraList | undefined;
  let byNewest: Uint32Array | undefined;

  function newestOrder(): Uint32Array {
    byNewest ??= Uint32Array.from({ length: n }, (_, i) => i);
    return byNewest;
  }

  function ratingOrder(): Uint32Array {
    // Positions are newest first, so a stable sort by rating leaves ties newest first.
    byRating ??= Uint32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => reviews[b]!.rating - reviews[a]!.rating || a - b,
    );
    return byRating;
  }

  function slugIndex(): Map<string, number> {
    bySlug ??= new Map(reviews.map((review, doc) => [review.slug, doc]));
    return bySlug;
  }

  function item(doc: number, hits: SearchHits | undefined): ContentItem {
    const r = reviews[doc]!;
    const summary: ContentItem = {
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      camera: r.camera,
      rating: r.rating,
      scores: r.scores,
      publishedAt: r.publishedAt,
      updatedAt: r.updatedAt,
    };
    if (hits) summary.matches = hits.matches(doc);
    return summary;
  }

  return {
    reviewCount: n,

    list(query) {
      const terms = queryTerms(query.q);
      const sort = effectiveSort(query, terms);
      const brand =
        query.brand === undefined ? undefined : (brandKeys.get(nameKey(query.brand)) ?? -1);
      const type = query.type === undefined ? -1 : CAMERA_TYPES.indexOf(query.type);
      const sensor = query.sensor === undefined ? -1 : SENSOR_TYPES.indexOf(query.sensor);
      const filter = JSON.stringify([
        terms.join(' '),
        query.brand === undefined ? '' : nameKey(query.brand),
        query.type ?? '',
        query.sensor ?? '',
        query.minRating ?? '',
      ]);
      const after =
        query.cursor === undefined
          ? undefined
          : decodeListCursor(cursors, query.cursor, sort, filter);

      const hits = terms.length > 0 ? searchIndex.search(terms) : undefined;
      // Hits come newest first; without a search, walk the order asked for and skip the sort.
      const candidates: ArrayLike<number> = hits
        ? hits.docs
        : sort === 'rating'
          ? ratingOrder()
          : newestOrder();

      // One pass: the matching reviews, and the disjunctive facet counts (each facet applies
      // every filter but its own).
      const brandCounts = new Uint32Array(brandKeys.size);
      const typeCounts = new Uint32Array(CAMERA_TYPES.length);
      const sensorCounts = new Uint32Array(SENSOR_TYPES.length);
      const matching: number[] = [];
      for (let i = 0; i < candidates.length; i++) {
        const doc = candidates[i]!;
        if (query.minRating !== undefined && reviews[doc]!.rating < query.minRating) continue;
        const brandOk = brand === undefined || brandOf[doc] === brand;
        const typeOk = type === -1 || typeOf[doc] === type;
        const sensorOk = sensor === -1 || sensorOf[doc] === sensor;
        if (typeOk && sensorOk) brandCounts[brandOf[doc]!]!++;
        if (brandOk && sensorOk) typeCounts[typeOf[doc]!]!++;
        if (brandOk && typeOk) sensorCounts[sensorOf[doc]!]!++;
        if (brandOk && typeOk && sensorOk) matching.push(doc);
      }

      const keyOf = (doc: number): SortKey => {
        const { publishedAt, slug, rating } = reviews[doc]!;
        if (sort === 'newest') return [publishedAt, slug];
        return [sort === 'rating' ? rating : hits!.score(doc), publishedAt, slug];
      };
      if (sort === 'relevance') {
        // Best score first; positions are newest first, so a tie goes to the newer review.
        matching.sort((a, b) => hits!.score(b) - hits!.score(a) || a - b);
      } else if (sort === 'rating' && hits) {
        const rank = ratingOrder();
        const position = new Uint32Array(n);
        rank.forEach((doc, i) => (position[doc] = i));
        matching.sort((a, b) => position[a]! - position[b]!);
      }
      let from = 0;
      if (after) {
        from = matching.findIndex((doc) => isAfter(keyOf(doc), after));
        if (from === -1) from = matching.length;
      }
      const page = matching.slice(from, from + query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((doc) => item(doc, hits)),
        total: matching.length,
        facets: {
          brands: facetCounts(brandCounts, brandNames),
          types: facetCounts(typeCounts, CAMERA_TYPES),
          sensors: facetCounts(sensorCounts, SENSOR_TYPES),
        },
        nextCursor:
          last !== undefined && from + page.length < matching.length
            ? encodeListCursor(cursors, sort, filter, keyOf(last))
            : null,
      };
    },

    cameras() {
      cameras ??= cameraTable(reviews, (doc) => brandNames[brandOf[doc]!]!);
      return cameras;
    },

    compare(slugs) {
      const index = slugIndex();
      return comparison(slugs, (slug) => {
        const doc = index.get(slug);
        return doc === undefined ? undefined : reviews[doc];
      });
    },

    has(slug) {
      return slugIndex().has(slug);
    },
  };
}
