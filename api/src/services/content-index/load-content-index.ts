import { nameKey } from '../../domain/fold.js';
import { CAMERA_TYPES, SENSOR_TYPES } from '../../domain/review.js';
import type { CursorCodec } from '../cursor.js';
import {
  compareCodeUnits,
  inflateBlock,
  REVIEW_BLOCK,
  type StoredReview,
} from './artifact-format.js';
import { openArtifact, readArtifactHeader } from './artifact-sections.js';
import { upgradeV1Artifact, V1_FORMAT } from './artifact-v1.js';
import { comparison } from './comparison.js';
import { effectiveSort, queryTerms, type ContentQuery } from './content-query.js';
import type { CameraList, Comparison, ContentItem, ContentPage } from './content-types.js';
import { facetCounts } from './facets.js';
import { decodeListCursor, encodeListCursor, isAfter, type SortKey } from './list-cursor.js';
import { createSearchIndex, type SearchHits } from './search-index.js';
import { createVocabulary } from './vocabulary.js';

/**
 * The public read model of one index artifact: lists with search, filters, disjunctive facets
 * and cursors; the camera table; comparisons. Immutable; answers are plain objects for the
 * caller to serialise (and to cache by artifact hash and query).
 */
export interface ContentIndex {
  /** How many published reviews the artifact holds. */
  readonly reviewCount: number;
  /**
   * The artifact was of an older format, converted while loading (which costs that format's
   * memory once): it answers the same, but the worker should rebuild it (a reconcile does).
   */
  readonly outdated: boolean;
  /**
   * One page of published reviews.
   * @throws ValidationError (field `q`) for a search past the length or word limit; (field
   *   `cursor`) for a cursor that is forged or made for another sort, search or filter.
   */
  list(query: ContentQuery): ContentPage;
  /**
   * One row per camera (brand and model, spellings grouped), by brand then model; computed when
   * the artifact was built, parsed on each call (cache what you serialise).
   */
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

/** Inflated blocks kept, oldest dropped first: enough for a page of 100 scattered hits. */
const INFLATED_BLOCKS = 128;

/**
 * Opens an artifact made by {@link buildIndexArtifact}, from its bytes as stored, in place: the
 * columns, postings, slugs and compressed summaries are views over those bytes (which the index
 * therefore keeps alive; they are what it holds), nothing is decoded or copied but the
 * vocabulary's text and the brand names, and a review's summary is inflated and parsed only when
 * a page shows it. An artifact of the previous format ({@link V1_FORMAT}) is converted first and
 * marked {@link ContentIndex.outdated}.
 *
 * @throws Error when it is not an artifact of this format or the previous one.
 */
export function loadContentIndex(
  artifact: Uint8Array,
  { cursors }: LoadContentIndexOptions,
): ContentIndex {
  const outdated = readArtifactHeader(artifact).format === V1_FORMAT;
  const opened = openArtifact(outdated ? upgradeV1Artifact(artifact) : artifact);
  const n = opened.header.reviews;
  const searchIndex = createSearchIndex(
    {
      vocabulary: createVocabulary(
        opened.bytes('vocabulary').toString('utf8'),
        opened.header.terms,
      ),
      counts: opened.uint32('counts'),
      offsets: opened.uint32('postingOffsets'),
      postings: opened.bytes('postings'),
    },
    n,
  );
  const reviewBytes = opened.bytes('reviews');
  const cameraBytes = opened.bytes('cameras');
  const offsets = opened.uint32('blockOffsets');
  const ratings = opened.float64('ratings');
  const prices = opened.float64('prices');
  const brandOf = opened.uint32('brandOf');
  const typeOf = opened.bytes('typeOf');
  const sensorOf = opened.bytes('sensorOf');
  const brandNames = JSON.parse(opened.bytes('brands').toString('utf8')) as string[];
  const brandKeys = new Map(brandNames.map((name, id) => [nameKey(name), id]));
  const slugBytes = opened.bytes('slugs');
  const slugOffsets = opened.uint32('slugOffsets');
  const slugOrder = opened.uint32('slugOrder');

  /** The position of a slug, by binary search over the positions sorted by slug. */
  function positionOf(slug: string): number | undefined {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const doc = slugOrder[mid]!;
      const order = compareCodeUnits(
        slugBytes.toString('utf8', slugOffsets[doc]!, slugOffsets[doc + 1]!),
        slug,
      );
      if (order === 0) return doc;
      if (order < 0) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  }

  // The last blocks inflated: a page of newest reviews is one or two neighbouring blocks.
  const inflated = new Map<number, StoredReview[]>();

  /** The stored review at a position, inflated from its block. */
  function review(doc: number): StoredReview {
    const b = Math.floor(doc / REVIEW_BLOCK);
    let block = inflated.get(b);
    if (!block) {
      block = inflateBlock(reviewBytes.subarray(offsets[b]!, offsets[b + 1]!));
      inflated.set(b, block);
      if (inflated.size > INFLATED_BLOCKS) inflated.delete(inflated.keys().next().value!);
    }
    return block[doc % REVIEW_BLOCK]!;
  }

  let byRating: Uint32Array | undefined;
  let byNewest: Uint32Array | undefined;

  function newestOrder(): Uint32Array {
    byNewest ??= Uint32Array.from({ length: n }, (_, i) => i);
    return byNewest;
  }

  function ratingOrder(): Uint32Array {
    // Positions are newest first, so a stable sort by rating leaves ties newest first.
    byRating ??= Uint32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => ratings[b]! - ratings[a]! || a - b,
    );
    return byRating;
  }

  function item(doc: number, hits: SearchHits | undefined): ContentItem {
    const r = review(doc);
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
    if (r.hero) summary.hero = r.hero;
    if (r.author) summary.author = r.author;
    if (hits) summary.matches = hits.matches(doc);
    return summary;
  }

  return {
    reviewCount: n,
    outdated,

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
        query.minPrice ?? '',
        query.maxPrice ?? '',
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
      const price =
        query.minPrice === undefined && query.maxPrice === undefined ? undefined : prices;
      const minPrice = query.minPrice ?? -Infinity;
      const maxPrice = query.maxPrice ?? Infinity;
      const brandCounts = new Uint32Array(brandKeys.size);
      const typeCounts = new Uint32Array(CAMERA_TYPES.length);
      const sensorCounts = new Uint32Array(SENSOR_TYPES.length);
      const matching: number[] = [];
      for (let i = 0; i < candidates.length; i++) {
        const doc = candidates[i]!;
        if (query.minRating !== undefined && ratings[doc]! < query.minRating) continue;
        if (price && !(price[doc]! >= minPrice && price[doc]! <= maxPrice)) continue;
        const brandOk = brand === undefined || brandOf[doc] === brand;
        const typeOk = type === -1 || typeOf[doc] === type;
        const sensorOk = sensor === -1 || sensorOf[doc] === sensor;
        if (typeOk && sensorOk) brandCounts[brandOf[doc]!]!++;
        if (brandOk && sensorOk) typeCounts[typeOf[doc]!]!++;
        if (brandOk && typeOk) sensorCounts[sensorOf[doc]!]!++;
        if (brandOk && typeOk && sensorOk) matching.push(doc);
      }

      const keyOf = (doc: number): SortKey => {
        const { publishedAt, slug } = review(doc);
        if (sort === 'newest') return [publishedAt, slug];
        return [sort === 'rating' ? ratings[doc]! : hits!.score(doc), publishedAt, slug];
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
      // `matching` is in key order: find the first item after the cursor by binary search, so
      // a deep page parses a few summaries, not every one before it.
      let from = 0;
      if (after) {
        let hi = matching.length;
        while (from < hi) {
          const mid = (from + hi) >>> 1;
          if (isAfter(keyOf(matching[mid]!), after)) hi = mid;
          else from = mid + 1;
        }
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
      // Parsed per call, not kept: the caller serialises it once per artifact, and one camera per
      // review (as the bench generates) would otherwise hold two copies.
      return JSON.parse(cameraBytes.toString('utf8')) as CameraList;
    },

    compare(slugs) {
      return comparison(slugs, (slug) => {
        const doc = positionOf(slug);
        return doc === undefined ? undefined : review(doc);
      });
    },

    has(slug) {
      return positionOf(slug) !== undefined;
    },
  };
}
