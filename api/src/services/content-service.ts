import type { Clock } from '../ports/clock.js';
import type { ReviewStore } from '../ports/review-store.js';
import {
  buildContentSnapshot,
  type ContentQuery,
  type ContentSnapshot,
  type Representation,
} from './content-snapshot.js';
import type { CursorCodec } from './cursor.js';

/**
 * The public, read-only view of published reviews. Reads are served from an in-memory snapshot
 * and return bodies already serialised with their `ETag`.
 */
export interface ContentService {
  list(query: ContentQuery): Promise<Representation>;
  /** @throws NotFoundError for an unknown slug or a draft. */
  get(slug: string): Promise<Representation>;
  /** @throws NotFoundError naming every slug that is not a published review. */
  compare(slugs: readonly string[]): Promise<Representation>;
  cameras(): Promise<Representation>;
  /** Builds the snapshot now (at start, so the first reader does not wait for it). */
  warm(): Promise<void>;
  /**
   * Published content changed in this process: rebuild the snapshot before returning, so the
   * writer's next read sees its change. Does nothing while no snapshot has been built yet (a
   * process that only writes, such as the reviews Lambda, never builds one).
   */
  published(): Promise<void>;
}

export interface ContentServiceDeps {
  reviews: ReviewStore;
  clock: Clock;
  cursors: CursorCodec;
  /**
   * How often, at most, a read asks the store whether another process (the CLI, another Lambda
   * instance) changed published content. A change made elsewhere is served at most this long
   * after it was written, plus one rebuild.
   */
  stalenessCheckMs?: number;
}

export const DEFAULT_STALENESS_CHECK_MS = 5_000;

export function createContentService({
  reviews,
  clock,
  cursors,
  stalenessCheckMs = DEFAULT_STALENESS_CHECK_MS,
}: ContentServiceDeps): ContentService {
  let snapshot: ContentSnapshot | undefined;
  let checkedAt = 0;
  let running: Promise<ContentSnapshot> | undefined;
  let queued: Promise<ContentSnapshot> | undefined;
  let checking: Promise<ContentSnapshot> | undefined;
  let confirmPending = false;

  async function build(): Promise<ContentSnapshot> {
    // Read the version before the reviews: a write landing in between bumps it after, so the
    // next staleness check sees a newer version and rebuilds rather than missing the write.
    const version = await reviews.getContentVersion();
    const published = await reviews.listPublished();
    const next = buildContentSnapshot({
      version,
      published,
      cursors,
      ...(snapshot ? { previous: snapshot } : {}),
    });
    snapshot = next;
    checkedAt = clock.now().getTime();
    return next;
  }

  /**
   * One build at a time; a request for a rebuild while one runs waits for it and then builds
   * once more (several such requests share that one), so no change is ever left out.
   */
  function rebuild(): Promise<ContentSnapshot> {
    if (queued) return queued;
    if (running) {
      queued = running
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return start();
        });
      return queued;
    }
    return start();
  }

  function start(): Promise<ContentSnapshot> {
    const build$ = build().finally(() => {
      if (running === build$) running = undefined;
    });
    running = build$;
    return build$;
  }

  async function checkVersion(current: ContentSnapshot): Promise<ContentSnapshot> {
    checkedAt = clock.now().getTime();
    try {
      if (confirmPending) {
        confirmPending = false;
        return await rebuild();
      }
      const version = await reviews.getContentVersion();
      if (version === current.version) return current;
      // On a store whose published list is eventually consistent (a DynamoDB GSI), a rebuild
      // right after a change may still read the old list under the new version: rebuild once
      // more at the next check, so such a miss lasts one interval, not until the next change.
      confirmPending = true;
      return await rebuild();
    } catch {
      // The store is unreachable: the last good snapshot beats an error page for every reader.
      // The next check, one interval later, tries again.
      return current;
    }
  }

  /** The snapshot to answer from: built on first use, re-checked every `stalenessCheckMs`. */
  function current(): Promise<ContentSnapshot> | ContentSnapshot {
    if (!snapshot) return running ?? rebuild();
    if (clock.now().getTime() - checkedAt < stalenessCheckMs) return snapshot;
    checking ??= checkVersion(snapshot).finally(() => {
      checking = undefined;
    });
    return checking;
  }

  return {
    async list(query) {
      return (await current()).list(query);
    },
    async get(slug) {
      return (await current()).bySlug(slug);
    },
    async compare(slugs) {
      return (await current()).compare(slugs);
    },
    async cameras() {
      return (await current()).cameras();
    },
    async warm() {
      await rebuild();
    },
    async published() {
      if (snapshot || running) await rebuild();
    },
  };
}
