import { nameKey } from '../../domain/fold.js';
import { CAMERA_TYPES, SENSOR_TYPES } from '../../domain/review.js';
import type { CursorCodec } from '../cursor.js';
import {
  ARTIFACT_FORMAT,
  inflateBlock,
  REVIEW_BLOCK,
  type ArtifactColumns,
  type ArtifactHeader,
  type StoredPostings,
  type StoredReview,
} from './artifact-format.js';
import { comparison } from './comparison.js';
import { effectiveSort, queryTerms, type ContentQuery } from './content-query.js';
import type { CameraList, Comparison, ContentItem, ContentPage } from './content-types.js';
import { facetCounts } from './facets.js';
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

const NEWLINE = 0x0a;
/** Inflated blocks kept, oldest dropped first: enough for a page of 100 scattered hits. */
const INFLATED_BLOCKS = 128;
const LINES = 6;

/** The artifact's bytes split into its lines, as views (no copy). */
function lines(artifact: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < LINES - 1; i++) {
    const to = artifact.indexOf(NEWLINE, from);
    if (to === -1) break;
    parts.push(artifact.subarray(from, to));
    from = to + 1;
  }
  parts.push(artifact.subarray(from));
  if (parts.length !== LINES)
    throw new Error(`Not a content index artifact: expected ${LINES} lines`);
  return parts;
}

/** Parses UTF-8 JSON bytes. */
function parse<T>(bytes: Buffer, from = 0, to = bytes.length): T {
  return JSON.parse(bytes.toString('utf8', from, to)) as T;
}

/**
 * Opens an artifact made by {@link buildIndexArtifact}, from its bytes as stored (or its text).
 * Lists read per-review columns; a review's summary is inflated and parsed only when a page
 * shows it, from compressed bytes kept outside the JavaScript heap. So opening costs parsing the
 * columns and decoding the search index, not parsing every summary, and the artifact itself is
 * not retained.
 *
 * @throws Error when it is not an artifact of this format.
 */
export function loadContentIndex(
  artifact: string | Uint8Array,
  { cursors }: LoadContentIndexOptions,
): ContentIndex {
  const bytes =
    typeof artifact === 'string'
      ? Buffer.from(artifact, 'utf8')
      : Buffer.from(artifact.buffer, artifact.byteOffset, artifact.byteLength);
  const [headerLine, columnsLine, reviewsLine, vocabularyLine, postingsLine, camerasLine] = lines(
    bytes,
  ) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  const header = parse<ArtifactHeader>(headerLine);
  if (header.format !== ARTIFACT_FORMAT) {
    throw new Error(`Not a content index artifact of format ${ARTIFACT_FORMAT}`);
  }
  const columns = parse<ArtifactColumns>(columnsLine);
  const vocabulary = parse<string[]>(vocabularyLine);
  const n = header.reviews;
  if (columns.slugs.length !== n || vocabulary.length !== header.terms) {
    throw new Error('Content index artifact is truncated');
  }
  const searchIndex = createSearchIndex(vocabulary, parse<StoredPostings>(postingsLine), n);
  const reviewBytes = Buffer.from(parse<string>(reviewsLine), 'base64');
  // A copy: a view would keep the whole artifact alive.
  const cameraBytes = Buffer.from(camerasLine);

  const offsets = Uint32Array.from(columns.offsets);
  const ratings = Float64Array.from(columns.ratings);
  const brandOf = Uint32Array.from(columns.brandOf);
  const typeOf = Uint8Array.from(columns.typeOf);
  const sensorOf = Uint8Array.from(columns.sensorOf);
  const brandNames = columns.brands;
  const brandKeys = new Map(brandNames.map((name, id) => [nameKey(name), id]));
  const slugs = columns.slugs;

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
  let bySlug: Map<string, number> | undefined;
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

  function slugIndex(): Map<string, number> {
    bySlug ??= new Map(slugs.map((slug, doc) => [slug, doc]));
    return bySlug;
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
        if (query.minRating !== undefined && ratings[doc]! < query.minRating) continue;
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
      return parse<CameraList>(cameraBytes);
    },

    compare(slugs) {
      const index = slugIndex();
      return comparison(slugs, (slug) => {
        const doc = index.get(slug);
        return doc === undefined ? undefined : review(doc);
      });
    },

    has(slug) {
      return slugIndex().has(slug);
    },
  };
}
