import { createHash } from 'node:crypto';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import {
  SCORE_CATEGORIES,
  type Camera,
  type CameraType,
  type Review,
  type ScoreCategory,
  type Scores,
  type SensorType,
} from '../domain/review.js';
import { queryTokens, tokenize } from '../domain/search-tokens.js';
import type { CursorCodec } from './cursor.js';
import { renderMarkdown } from './render-markdown.js';

/**
 * A response body serialised once, with the strong `ETag` of its bytes. The read model keeps
 * these ready so that a public read is a lookup, not a serialisation.
 */
export interface Representation {
  json: string;
  etag: string;
}

export type ContentSort = 'newest' | 'rating';

export interface ContentQuery {
  q?: string;
  brand?: string;
  type?: CameraType;
  sensor?: SensorType;
  minRating?: number;
  sort: ContentSort;
  /** 1–100. */
  limit: number;
  cursor?: string;
}

/** A published review as lists show it. */
export interface ContentSummary {
  slug: string;
  title: string;
  summary: string;
  camera: Camera;
  rating: number;
  scores: Scores;
  publishedAt: string;
  updatedAt: string;
}

/** A published review in full: its Markdown and the same rendered to safe HTML. */
export interface ContentDetail extends ContentSummary {
  pros: string[];
  cons: string[];
  body: string;
  html: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface ContentPage {
  items: ContentSummary[];
  /** How many published reviews match the query, over every page. */
  total: number;
  /** Counts over the whole filtered result, not just this page. */
  facets: { brands: FacetCount[]; types: FacetCount[]; sensors: FacetCount[] };
  nextCursor: string | null;
}

export interface CameraRow {
  brand: string;
  model: string;
  type: CameraType;
  sensor: SensorType;
  reviewCount: number;
  /** Mean rating of the camera's published reviews, to one decimal. */
  averageRating: number;
  slugs: string[];
}

export interface Comparison {
  reviews: Array<
    Pick<ContentDetail, 'slug' | 'title' | 'camera' | 'rating' | 'scores' | 'pros' | 'cons'>
  >;
  /** Per category (and overall rating), the slugs with the highest value; several on a tie. */
  best: Record<ScoreCategory | 'rating', string[]>;
}

/** One published review with everything a read needs, computed once per review version. */
interface Entry {
  review: Review;
  summary: ContentSummary;
  detail: Representation;
  tokens: ReadonlySet<string>;
  brandKey: string;
}

/** Largest number of distinct query results a snapshot keeps serialised. */
const RESPONSE_CACHE_SIZE = 500;

export function representation(value: unknown): Representation {
  const json = JSON.stringify(value);
  const hash = createHash('sha256').update(json).digest('base64url').slice(0, 27);
  return { json, etag: `"${hash}"` };
}

function byNewest(a: Entry, b: Entry): number {
  return (
    b.review.publishedAt!.localeCompare(a.review.publishedAt!) ||
    b.review.id.localeCompare(a.review.id)
  );
}

function byRating(a: Entry, b: Entry): number {
  return b.review.rating - a.review.rating || byNewest(a, b);
}

/** The sort key a cursor carries: enough to find the place after the last item seen. */
type SortKey = [string, string] | [number, string, string];

function keyOf(entry: Entry, sort: ContentSort): SortKey {
  const { publishedAt, id, rating } = entry.review;
  return sort === 'newest' ? [publishedAt!, id] : [rating, publishedAt!, id];
}

/** Whether `entry` sorts strictly after the position `key` in the order of `sort`. */
function isAfter(entry: Entry, key: SortKey, sort: ContentSort): boolean {
  const { publishedAt, id, rating } = entry.review;
  if (sort === 'rating') {
    const [keyRating, keyPublished, keyId] = key as [number, string, string];
    if (rating !== keyRating) return rating < keyRating;
    if (publishedAt !== keyPublished) return publishedAt! < keyPublished;
    return id < keyId;
  }
  const [keyPublished, keyId] = key as [string, string];
  if (publishedAt !== keyPublished) return publishedAt! < keyPublished;
  return id < keyId;
}

interface ContentCursor {
  sort: ContentSort;
  /** The filters it was made for: a cursor moves through one result, not any. */
  filter: string;
  key: SortKey;
}

function isContentCursor(value: unknown): value is ContentCursor {
  const v = value as Partial<ContentCursor> | null;
  if (typeof v !== 'object' || v === null || typeof v.filter !== 'string') return false;
  const key = v.key as unknown[] | undefined;
  if (!Array.isArray(key)) return false;
  if (v.sort === 'newest') return key.length === 2 && key.every((k) => typeof k === 'string');
  if (v.sort === 'rating') {
    return (
      key.length === 3 &&
      typeof key[0] === 'number' &&
      typeof key[1] === 'string' &&
      typeof key[2] === 'string'
    );
  }
  return false;
}

/** The query as the index sees it: "Sony  A7" and "sony a7" are one query, one cache entry. */
function normalizedQuery(q: string | undefined): string {
  return q === undefined ? '' : queryTokens(q).join(' ');
}

function facetCounts(values: Iterable<string>): FacetCount[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function summaryOf(review: Review): ContentSummary {
  return {
    slug: review.slug,
    title: review.title,
    summary: review.summary,
    camera: review.camera,
    rating: review.rating,
    scores: review.scores,
    publishedAt: review.publishedAt!,
    updatedAt: review.updatedAt,
  };
}

function entryOf(review: Review): Entry {
  const summary = summaryOf(review);
  const detail: ContentDetail = {
    ...summary,
    pros: review.pros,
    cons: review.cons,
    body: review.body,
    html: renderMarkdown(review.body),
  };
  const text = [
    review.title,
    review.summary,
    review.body,
    review.camera.brand,
    review.camera.model,
  ].join('\n');
  return {
    review,
    summary,
    detail: representation(detail),
    tokens: new Set(tokenize(text)),
    brandKey: review.camera.brand.toLowerCase(),
  };
}

/** A small least-recently-used map: a `Map` re-inserted on each hit keeps use order. */
function createLru<V>(size: number) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const value = map.get(key);
      if (value !== undefined) {
        map.delete(key);
        map.set(key, value);
      }
      return value;
    },
    set(key: string, value: V): void {
      map.set(key, value);
      if (map.size > size) map.delete(map.keys().next().value!);
    },
  };
}

/** Index of the first string in sorted `words` that is ≥ `prefix`. */
function lowerBound(words: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ContentSnapshot {
  /** The store's content version this snapshot was built at. */
  readonly version: number;
  list(query: ContentQuery): Representation;
  /** @throws NotFoundError when no published review has this slug. */
  bySlug(slug: string): Representation;
  /** @throws NotFoundError naming every slug that is not a published review. */
  compare(slugs: readonly string[]): Representation;
  cameras(): Representation;
  /** The entries by review id and version, for the next snapshot to reuse. */
  readonly entries: ReadonlyMap<string, Entry>;
}

export interface BuildSnapshotOptions {
  version: number;
  published: readonly Review[];
  cursors: CursorCodec;
  /** The previous snapshot, whose rendered entries are reused for unchanged reviews. */
  previous?: ContentSnapshot;
}

const entryKey = (review: Review) => `${review.id}@${review.version}`;

/**
 * Builds the immutable public read model from every published review: rendered HTML and
 * serialised details per review, both sort orders, a prefix-searchable token index and the
 * camera table. Anything that depends only on the reviews is done here, once per write, so that
 * a read only filters what it must.
 */
export function buildContentSnapshot({
  version,
  published,
  cursors,
  previous,
}: BuildSnapshotOptions): ContentSnapshot {
  const entries = new Map<string, Entry>();
  for (const review of published) {
    if (review.status !== 'published' || review.publishedAt === null) continue;
    const key = entryKey(review);
    entries.set(key, previous?.entries.get(key) ?? entryOf(review));
  }
  const newest = [...entries.values()].sort(byNewest);
  const rated = [...newest].sort(byRating);
  const slugs = new Map(newest.map((entry) => [entry.review.slug, entry]));

  const postings = new Map<string, Set<Entry>>();
  for (const entry of newest) {
    for (const token of entry.tokens) {
      let set = postings.get(token);
      if (!set) postings.set(token, (set = new Set()));
      set.add(entry);
    }
  }
  const vocabulary = [...postings.keys()].sort();

  const cameraRows = new Map<string, { camera: Camera; entries: Entry[] }>();
  // Oldest first, so a camera keeps the spelling of its first review ("Fujifilm", not a later
  // "FUJIFILM").
  for (const entry of [...newest].reverse()) {
    const { brand, model } = entry.review.camera;
    const key = `${brand.toLowerCase()}\n${model.toLowerCase()}`;
    const row = cameraRows.get(key) ?? { camera: entry.review.camera, entries: [] };
    row.entries.push(entry);
    cameraRows.set(key, row);
  }
  const cameras = representation({
    items: [...cameraRows.values()]
      .map(({ camera, entries: rows }): CameraRow => ({
        brand: camera.brand,
        model: camera.model,
        type: camera.type,
        sensor: camera.sensor,
        reviewCount: rows.length,
        averageRating:
          Math.round((rows.reduce((sum, e) => sum + e.review.rating, 0) / rows.length) * 10) / 10,
        slugs: rows.map((e) => e.review.slug),
      }))
      .sort(
        (a, b) =>
          a.brand.localeCompare(b.brand, 'en', { sensitivity: 'base' }) ||
          a.model.localeCompare(b.model, 'en', { sensitivity: 'base' }),
      ),
  });

  /** Reviews containing a word that starts with `prefix`. */
  function matching(prefix: string): Set<Entry> {
    const found = new Set<Entry>();
    for (let i = lowerBound(vocabulary, prefix); i < vocabulary.length; i++) {
      const word = vocabulary[i]!;
      if (!word.startsWith(prefix)) break;
      for (const entry of postings.get(word)!) found.add(entry);
    }
    return found;
  }

  function search(q: string | undefined): Set<Entry> | undefined {
    const tokens = q === undefined ? [] : queryTokens(q);
    if (tokens.length === 0) return undefined;
    let result: Set<Entry> | undefined;
    for (const token of tokens) {
      const hits = matching(token);
      result = result ? new Set([...result].filter((e) => hits.has(e))) : hits;
      if (result.size === 0) break;
    }
    return result;
  }

  function computeList(query: ContentQuery): Representation {
    const filter = JSON.stringify([
      normalizedQuery(query.q),
      query.brand?.toLowerCase() ?? '',
      query.type ?? '',
      query.sensor ?? '',
      query.minRating ?? '',
    ]);
    let after: SortKey | undefined;
    if (query.cursor !== undefined) {
      const decoded = cursors.decode(query.cursor);
      if (!isContentCursor(decoded) || decoded.sort !== query.sort || decoded.filter !== filter) {
        throw new ValidationError('The cursor belongs to another query', [
          { field: 'cursor', message: 'use it with the same q, filters and sort it came from' },
        ]);
      }
      after = decoded.key;
    }
    const hits = search(query.q);
    const brand = query.brand?.toLowerCase();
    const matches = (query.sort === 'newest' ? newest : rated).filter(
      (e) =>
        (hits === undefined || hits.has(e)) &&
        (brand === undefined || e.brandKey === brand) &&
        (query.type === undefined || e.review.camera.type === query.type) &&
        (query.sensor === undefined || e.review.camera.sensor === query.sensor) &&
        (query.minRating === undefined || e.review.rating >= query.minRating),
    );
    const start = after === undefined ? 0 : matches.findIndex((e) => isAfter(e, after, query.sort));
    const from = start === -1 ? matches.length : start;
    const items = matches.slice(from, from + query.limit);
    const last = items[items.length - 1];
    const page: ContentPage = {
      items: items.map((e) => e.summary),
      total: matches.length,
      facets: {
        brands: facetCounts(matches.map((e) => e.review.camera.brand)),
        types: facetCounts(matches.map((e) => e.review.camera.type)),
        sensors: facetCounts(matches.map((e) => e.review.camera.sensor)),
      },
      nextCursor:
        last && from + items.length < matches.length
          ? cursors.encode({
              sort: query.sort,
              filter,
              key: keyOf(last, query.sort),
            } satisfies ContentCursor)
          : null,
    };
    return representation(page);
  }

  function computeComparison(requested: readonly string[]): Representation {
    const found = requested.map((slug) => slugs.get(slug));
    const missing = requested.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) {
      throw new NotFoundError(`No published review for: ${missing.join(', ')}`);
    }
    const reviews = (found as Entry[]).map((e) => e.review);
    const bestOf = (value: (r: Review) => number): string[] => {
      const top = Math.max(...reviews.map(value));
      return reviews.filter((r) => value(r) === top).map((r) => r.slug);
    };
    const best = Object.fromEntries([
      ['rating', bestOf((r) => r.rating)],
      ...SCORE_CATEGORIES.map((category) => [category, bestOf((r) => r.scores[category])]),
    ]) as Comparison['best'];
    const comparison: Comparison = {
      reviews: reviews.map((r) => ({
        slug: r.slug,
        title: r.title,
        camera: r.camera,
        rating: r.rating,
        scores: r.scores,
        pros: r.pros,
        cons: r.cons,
      })),
      best,
    };
    return representation(comparison);
  }

  const cache = createLru<Representation>(RESPONSE_CACHE_SIZE);
  const first = (key: string, compute: () => Representation): Representation => {
    const hit = cache.get(key);
    if (hit) return hit;
    const value = compute();
    cache.set(key, value);
    return value;
  };

  // The front page (no filters, either sort) is ready before the first reader asks.
  for (const sort of ['newest', 'rating'] as const) {
    first(JSON.stringify(['list', sort, 20]), () => computeList({ sort, limit: 20 }));
  }

  return {
    version,
    entries: new Map([...entries].map(([key, entry]) => [key, entry])),
    list(query) {
      const key = JSON.stringify([
        'list',
        query.sort,
        query.limit,
        normalizedQuery(query.q),
        query.brand?.toLowerCase(),
        query.type,
        query.sensor,
        query.minRating,
        query.cursor,
      ]);
      // Keys of a query without filters must equal the warm-up keys above.
      const bare =
        normalizedQuery(query.q) === '' &&
        query.brand === undefined &&
        query.type === undefined &&
        query.sensor === undefined &&
        query.minRating === undefined &&
        query.cursor === undefined;
      return first(bare ? JSON.stringify(['list', query.sort, query.limit]) : key, () =>
        computeList(query),
      );
    },
    bySlug(slug) {
      const entry = slugs.get(slug);
      if (!entry) throw new NotFoundError(`No published review "${slug}"`);
      return entry.detail;
    },
    compare(requested) {
      return first(JSON.stringify(['compare', ...requested]), () => computeComparison(requested));
    },
    cameras: () => cameras,
  };
}
