import { CAMERAS_TAG, COMPARE_TAG, LIST_TAG, reviewTag } from '../domain/cache-tags.js';
import { NotFoundError } from '../domain/errors.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { Clock } from '../ports/clock.js';
import type { PublicContentStore } from '../ports/public-content-store.js';
import { buildIndexArtifact } from './content-index/build-index-artifact.js';
import type { ContentQuery } from './content-index/content-query.js';
import { queryTerms } from './content-index/content-query.js';
import { loadContentIndex, type ContentIndex } from './content-index/load-content-index.js';
import { readIndexPointer, type IndexPointer } from './content-pipeline/index-pointer.js';
import type { CursorCodec } from './cursor.js';
import { createLru } from './lru.js';
import { representation, type Representation } from './representation.js';

/** A representation with the cache tags of what it shows, for the CDN (`Cache-Tag`). */
export interface TaggedRepresentation extends Representation {
  tags: readonly string[];
}

/**
 * What a slug names: a published review's detail, or (an old slug of a review whose slug an
 * admin changed) the slug it is served under now, with the cache tags of the old slug.
 */
export type ContentResolution =
  | { kind: 'document'; representation: TaggedRepresentation }
  | { kind: 'redirect'; to: string; tags: readonly string[] };

/**
 * The public, read-only view of published reviews. A detail is one lookup of a document the
 * worker rendered at write time; lists, search, facets, cameras and comparisons come from the
 * index artifact the worker built, loaded on first use and swapped when its pointer moves. The
 * process holds summaries and the index, never every body.
 */
export interface ContentService {
  list(query: ContentQuery): Promise<TaggedRepresentation>;
  /** @throws NotFoundError for an unknown slug, a draft, or an old slug (see {@link resolve}). */
  get(slug: string): Promise<TaggedRepresentation>;
  /**
   * The detail under `slug`, or where an old slug moved to (one lookup, cached like a detail).
   * @throws NotFoundError for an unknown slug or a draft.
   */
  resolve(slug: string): Promise<ContentResolution>;
  /** @throws NotFoundError naming every slug that is not a published review. */
  compare(slugs: readonly string[]): Promise<TaggedRepresentation>;
  cameras(): Promise<TaggedRepresentation>;
  /**
   * Every published review's slug and last update, newest first (`{ items: [{ slug, updatedAt }] }`),
   * for the sitemap: built once per index, in pages, so it never holds every summary at once.
   */
  catalogue(): Promise<TaggedRepresentation>;
  /**
   * Loads the index now (at start, so the first reader does not wait for it). `outdated`: the
   * artifact the pointer names is of an older format; it is served all the same (converted while
   * loading, at that format's memory cost), and a reconcile (or the next publish) rewrites it.
   */
  warm(): Promise<{ outdated: boolean }>;
  /** A document changed in this process (the local worker): forget its cached copy now. */
  documentChanged(slug: string): void;
  /** The index moved in this process (the local worker): load it now rather than at the next check. */
  indexMoved(pointer: IndexPointer): void;
  /**
   * A number that changes whenever an answer of this service may have changed: a document it
   * was told changed, another index swapped in. A cache of whole answers in front of the app
   * (the local server's edge cache) keeps one only while this number stays what it was when the
   * request began.
   */
  generation(): number;
}

export interface ContentServiceDeps {
  publicContent: PublicContentStore;
  blobs: BlobStore;
  clock: Clock;
  cursors: CursorCodec;
  /**
   * How long a read trusts what it has before asking again: the index pointer, and each cached
   * document. A change made by another process (another Lambda instance, the CLI) is served at
   * most this long after the worker stored it. The worker of this process tells it at once.
   */
  freshnessMs?: number;
  /** Documents kept in memory (the most read ones); each is one review's detail. */
  documentCacheSize?: number;
}

export const DEFAULT_FRESHNESS_MS = 5_000;
const DEFAULT_DOCUMENT_CACHE_SIZE = 2_000;
/** Reviews read per step while the catalogue is built. */
const CATALOGUE_STEP = 1_000;
/** Distinct list, search and compare answers kept serialised per index. */
const ANSWER_CACHE_SIZE = 500;

interface LoadedIndex {
  /** The artifact hash, or `''` for the empty index before anything was ever built. */
  hash: string;
  index: ContentIndex;
  answers: ReturnType<typeof createLru<TaggedRepresentation>>;
}

interface CachedDocument {
  resolution: ContentResolution | undefined;
  fetchedAt: number;
}

export function createContentService({
  publicContent,
  blobs,
  clock,
  cursors,
  freshnessMs = DEFAULT_FRESHNESS_MS,
  documentCacheSize = DEFAULT_DOCUMENT_CACHE_SIZE,
}: ContentServiceDeps): ContentService {
  const documents = createLru<CachedDocument>(documentCacheSize);
  let loaded: LoadedIndex | undefined;
  let checkedAt = 0;
  let loading: Promise<LoadedIndex> | undefined;
  let checking: Promise<void> | undefined;
  let generation = 0;

  const now = () => clock.now().getTime();

  async function load(pointer: IndexPointer | undefined): Promise<LoadedIndex> {
    if (pointer && loaded?.hash === pointer.hash) return loaded;
    let index: ContentIndex;
    if (pointer) {
      const blob = await blobs.get(pointer.key);
      if (!blob) throw new Error(`The index pointer names ${pointer.key}, which is missing`);
      index = loadContentIndex(blob.bytes, { cursors });
    } else {
      // Nothing published has ever been indexed: an empty catalogue, not an error.
      index = loadContentIndex(buildIndexArtifact([]).bytes, { cursors });
    }
    return { hash: pointer?.hash ?? '', index, answers: createLru(ANSWER_CACHE_SIZE) };
  }

  /** Reads the pointer and swaps in the index it names; one at a time. */
  function refresh(pointer?: IndexPointer): Promise<LoadedIndex> {
    loading ??= (async () => {
      try {
        const current = pointer ?? (await readIndexPointer(blobs));
        const next = await load(current);
        if (next !== loaded) generation += 1;
        loaded = next;
        checkedAt = now();
        return next;
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  }

  /**
   * The index to answer from. Loaded on first use; afterwards the pointer is re-read at most every
   * `freshnessMs`, in the background: readers keep the index they have until the new one is ready,
   * and a store that cannot be reached leaves them on the last good one.
   */
  async function current(): Promise<LoadedIndex> {
    if (!loaded) return refresh();
    if (now() - checkedAt >= freshnessMs && !checking) {
      checkedAt = now();
      checking = refresh()
        .then(() => undefined)
        .catch(() => undefined)
        .finally(() => {
          checking = undefined;
        });
    }
    return loaded;
  }

  async function answer(
    key: string,
    compute: (index: ContentIndex) => TaggedRepresentation,
  ): Promise<TaggedRepresentation> {
    const { index, answers } = await current();
    const hit = answers.get(key);
    if (hit) return hit;
    const value = compute(index);
    answers.set(key, value);
    return value;
  }

  async function resolve(slug: string): Promise<ContentResolution> {
    const cached = documents.get(slug);
    let entry: CachedDocument;
    if (cached && now() - cached.fetchedAt < freshnessMs) {
      entry = cached;
    } else {
      const doc = await publicContent.get(slug);
      const tags = doc ? [reviewTag(doc.slug)] : [];
      entry = {
        resolution: !doc
          ? undefined
          : doc.redirectTo !== undefined
            ? { kind: 'redirect', to: doc.redirectTo, tags }
            : { kind: 'document', representation: { json: doc.json, etag: doc.etag, tags } },
        fetchedAt: now(),
      };
      // Misses are remembered as briefly as hits, so a burst of requests for an unknown slug
      // costs one lookup.
      documents.set(slug, entry);
    }
    if (!entry.resolution) throw new NotFoundError(`No published review "${slug}"`);
    return entry.resolution;
  }

  const tagged = (value: unknown, tags: readonly string[]): TaggedRepresentation => ({
    ...representation(value),
    tags,
  });

  return {
    list(query) {
      // Terms are checked before the cache: a query past the limits is a 400 however it is spelt.
      const terms = queryTerms(query.q);
      const key = JSON.stringify([
        'list',
        terms,
        query.brand,
        query.type,
        query.sensor,
        query.minRating,
        query.minPrice,
        query.maxPrice,
        query.sort,
        query.limit,
        query.cursor,
      ]);
      return answer(key, (index) => tagged(index.list(query), [LIST_TAG]));
    },

    async get(slug) {
      const resolution = await resolve(slug);
      if (resolution.kind === 'redirect') throw new NotFoundError(`No published review "${slug}"`);
      return resolution.representation;
    },

    resolve,

    compare(slugs) {
      return answer(JSON.stringify(['compare', ...slugs]), (index) =>
        tagged(index.compare(slugs), [COMPARE_TAG, ...slugs.map(reviewTag)]),
      );
    },

    cameras() {
      return answer('cameras', (index) => tagged(index.cameras(), [CAMERAS_TAG]));
    },

    catalogue() {
      return answer('catalogue', (index) => {
        const items: Array<{ slug: string; updatedAt: string }> = [];
        let cursor: string | undefined;
        do {
          const page = index.list({ sort: 'newest', limit: CATALOGUE_STEP, cursor });
          for (const { slug, updatedAt } of page.items) items.push({ slug, updatedAt });
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return tagged({ items }, [LIST_TAG]);
      });
    },

    async warm() {
      const { index } = await refresh();
      return { outdated: index.outdated };
    },

    documentChanged(slug) {
      documents.delete(slug);
      generation += 1;
    },

    indexMoved(pointer) {
      void refresh(pointer).catch(() => undefined);
    },

    generation: () => generation,
  };
}
