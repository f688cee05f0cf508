import { CAMERAS_TAG, COMPARE_TAG, LIST_TAG, reviewTag } from '../../domain/cache-tags.js';
import type { Review } from '../../domain/review.js';
import type { BlobStore } from '../../ports/blob-store.js';
import type { CdnPurger } from '../../ports/cdn-purger.js';
import type { Clock } from '../../ports/clock.js';
import type { ImageStore } from '../../ports/image-store.js';
import type { PreviewStore } from '../../ports/preview-store.js';
import type { JobHandlers, JobProducer } from '../../ports/job-queue.js';
import type { PublicContentStore, PublicDocument } from '../../ports/public-content-store.js';
import type { ReviewListPosition, ReviewStore } from '../../ports/review-store.js';
import type { UserStore } from '../../ports/user-store.js';
import { buildIndexArtifact } from '../content-index/build-index-artifact.js';
import type { ContentAuthor } from '../content-index/content-types.js';
import { indexEntryOf, type IndexEntry } from '../content-index/index-entry.js';
import { IMAGE_JOB } from '../images/image-jobs.js';
import { heroesByReview, imageJobHandler } from '../images/image-job-handler.js';
import { publishJob } from '../scheduled-publishing.js';
import {
  CONFIRM_INDEX_JOB,
  CONTENT_JOB,
  indexJob,
  purgeJob,
  queueReviewChanges,
  reviewJob,
} from './content-jobs.js';
import {
  artifactKey,
  INDEX_PREFIX,
  readIndexPointer,
  writeIndexPointer,
  type IndexPointer,
} from './index-pointer.js';
import { previewJobHandler } from './preview-renders.js';
import { createBodyRenderer, publicDocumentOf, redirectDocumentOf } from './public-detail.js';

/** How many superseded artifacts stay in the blob store for readers still loading one. */
const KEEP_ARTIFACTS = 3;
/** Scheduled reviews read per page when a reconcile queues their publish jobs again. */
const SCHEDULED_PAGE = 100;

export interface ContentPipelineDeps {
  reviews: ReviewStore;
  /** Reviews' photos: the pictures in a body, the hero in a summary, and the image jobs. */
  images: ImageStore;
  /**
   * The editors, for the author's name a summary and a detail show (read when a review is
   * materialised or the index rebuilt: a renamed editor shows the new name from then on).
   */
  users: Pick<UserStore, 'get'>;
  /** The photo widths to cut; `IMAGE_LADDER` by default. */
  imageLadder?: readonly number[];
  publicContent: PublicContentStore;
  /**
   * Draft preview links and their renders: the `content:preview` job renders a review's draft
   * for its links here. Without it (a command line that only rebuilds the index), no handler.
   */
  previews?: PreviewStore;
  blobs: BlobStore;
  cdn: CdnPurger;
  /** Where follow-up jobs go (the index rebuild and purges a review job leads to). */
  jobs: JobProducer;
  clock: Clock;
  /** How long an index rebuild waits to coalesce a burst; `INDEX_COALESCE_MS` by default. */
  indexDelayMs?: number;
  /**
   * Rebuild once more, `CONFIRM_DELAY_MS` after a rebuild that moved the pointer: for a store
   * whose published list is read eventually consistently (a DynamoDB index), where a rebuild
   * right after a write may miss it. The confirming rebuild finds the same index when nothing was
   * missed, and then queues no other.
   */
  confirmIndex?: boolean;
  /**
   * Observers in this process (the local server's content service), told as soon as a document
   * or the index changed so that its caches refresh without waiting for their next check.
   */
  onDocumentChanged?: (slug: string) => void;
  onIndexMoved?: (pointer: IndexPointer) => void;
}

/** What a change to published content needs: the jobs to queue, and the work they do. */
export interface ContentPipeline {
  /**
   * Queues the materialisation of these slugs (a review's current slug and any it had before):
   * called by the write path after every write that may change published content.
   */
  reviewsChanged(slugs: readonly string[]): Promise<void>;
  /**
   * Brings one slug's public document in line with the store: renders and stores it when a
   * published review has the slug, stores a redirect when it is an old slug of a published
   * review (its slug history), deletes it otherwise. Idempotent.
   * @returns whether the slug is published.
   */
  materialise(slug: string): Promise<boolean>;
  /**
   * Builds the list and search index artifact from every published review, stores it under its
   * content hash and moves the pointer to it (unless the pointer already names it).
   * @returns the pointer now current, and whether it moved.
   */
  rebuildIndex(): Promise<{ pointer: IndexPointer; moved: boolean }>;
  /**
   * Queues a review job for every slug whose public document differs from the store (missing,
   * of another version, no longer published, or an old slug not redirecting to the review's
   * current one), then an index rebuild, and the publish job of
   * every scheduled review (a lost enqueue heals here).
   * @returns how many review jobs it queued.
   */
  reconcile(): Promise<number>;
  /** The job handlers, by job type, for the in-process worker or the SQS batch handler. */
  handlers: JobHandlers;
}

/**
 * The write-time half of the public read path. A review write queues a job per slug it touched;
 * that job renders the review once and stores its public document, then queues one index rebuild
 * (coalesced across a burst) and a CDN purge of the review's tag; the rebuild writes an
 * immutable, content-addressed artifact, moves the pointer to it, and purges the list tags. A
 * read never renders Markdown or scans the table. Every step recomputes from the store's current
 * state, so a job that runs twice, late or out of order converges to the same result.
 */
export function createContentPipeline(deps: ContentPipelineDeps): ContentPipeline {
  const { reviews, publicContent, blobs, cdn, jobs, clock } = deps;
  const renderBody = createBodyRenderer();

  /**
   * An author lookup for one run (a rebuild, a materialisation): each editor is read once however
   * many reviews they wrote. Only the name leaves it; no account, no author.
   */
  function authorLookup(): (authorId: string) => Promise<ContentAuthor | undefined> {
    const names = new Map<string, Promise<ContentAuthor | undefined>>();
    return (authorId) => {
      let author = names.get(authorId);
      if (!author) {
        author = deps.users.get(authorId).then((user) => (user ? { name: user.name } : undefined));
        names.set(authorId, author);
      }
      return author;
    };
  }

  /**
   * Puts a document of the review that holds its slug. Refused: a newer rendering of this review
   * is there (fine), or another review's document still holds the slug, which the store says is
   * now this review's. A slug passes to another review only through an empty slot, so clear it
   * and put again.
   */
  async function putHeld(doc: PublicDocument): Promise<void> {
    if (await publicContent.put(doc)) return;
    const stored = await publicContent.get(doc.slug);
    if (stored && stored.reviewId !== doc.reviewId) {
      await publicContent.delete(doc.slug, stored.reviewId);
      await publicContent.put(doc);
    }
  }

  /**
   * The published review that keeps `slug` as an old slug (its slug history) and is served under
   * another now, or `undefined`. The slug claim names it: `getBySlug` finds current slugs only.
   */
  async function movedFrom(slug: string): Promise<Review | undefined> {
    const holderId = await reviews.slugHolder(slug);
    const holder = holderId === undefined ? undefined : await reviews.get(holderId);
    const moved =
      holder !== undefined &&
      holder.slug !== slug &&
      holder.status === 'published' &&
      holder.publishedAt !== null &&
      (holder.slugHistory ?? []).includes(slug);
    return moved ? holder : undefined;
  }

  async function materialise(slug: string): Promise<boolean> {
    const review = await reviews.getBySlug(slug);
    const published = review?.status === 'published' && review.publishedAt !== null;
    const moved = published ? undefined : await movedFrom(slug);
    if (review && published) {
      await putHeld(
        publicDocumentOf(
          review,
          renderBody,
          await deps.images.listByReview(review.id),
          await authorLookup()(review.authorId),
        ),
      );
    } else if (moved) {
      await putHeld(redirectDocumentOf(slug, moved));
    } else {
      await publicContent.delete(slug);
    }
    deps.onDocumentChanged?.(slug);
    return published;
  }

  async function deleteOldArtifacts(current: IndexPointer): Promise<void> {
    const artifacts: { key: string }[] = [];
    for await (const entry of blobs.list(INDEX_PREFIX)) {
      if (entry.key.endsWith('.idx') && entry.key !== current.key) artifacts.push(entry);
    }
    if (artifacts.length <= KEEP_ARTIFACTS) return;
    const withTimes = await Promise.all(
      artifacts.map(async (a) => ({
        key: a.key,
        at: (await blobs.head(a.key))?.lastModified.getTime() ?? 0,
      })),
    );
    withTimes.sort((a, b) => b.at - a.at);
    for (const old of withTimes.slice(KEEP_ARTIFACTS)) await blobs.delete(old.key);
  }

  async function rebuildIndex(): Promise<{ pointer: IndexPointer; moved: boolean }> {
    const published = await reviews.listPublished();
    const heroes = await heroesByReview(deps.images);
    const authorOf = authorLookup();
    const entries: IndexEntry[] = [];
    for (const r of published) {
      if (r.status !== 'published' || r.publishedAt === null) continue;
      entries.push(indexEntryOf(r, heroes.get(r.id), await authorOf(r.authorId)));
    }
    const artifact = buildIndexArtifact(entries);
    const current = await readIndexPointer(blobs);
    if (current?.hash === artifact.hash) return { pointer: current, moved: false };
    const key = artifactKey(artifact.hash);
    await blobs.put(key, Buffer.from(artifact.bytes), {
      contentType: 'application/vnd.shutter.content-index',
      // Content-addressed: the same key never holds other bytes.
      cacheControl: 'public, max-age=31536000, immutable',
    });
    const pointer: IndexPointer = {
      hash: artifact.hash,
      key,
      reviews: published.length,
      builtAt: clock.now().toISOString(),
    };
    await writeIndexPointer(blobs, pointer);
    deps.onIndexMoved?.(pointer);
    await deleteOldArtifacts(pointer);
    return { pointer, moved: true };
  }

  async function reconcile(): Promise<number> {
    const published = (await reviews.listPublished()).filter(
      (r) => r.status === 'published' && r.publishedAt !== null,
    );
    const wanted = new Map(published.map((r) => [r.slug, r]));
    // Old slugs of published reviews redirect to the current one (whatever version wrote it).
    const redirects = new Map<string, Review>();
    for (const review of published) {
      for (const old of review.slugHistory ?? []) {
        if (old !== review.slug) redirects.set(old, review);
      }
    }
    const stale = new Set<string>();
    const seen = new Set<string>();
    for await (const doc of publicContent.listSlugs()) {
      seen.add(doc.slug);
      const review = wanted.get(doc.slug);
      const movedTo = redirects.get(doc.slug);
      const current = review
        ? review.id === doc.reviewId &&
          review.version === doc.version &&
          doc.redirectTo === undefined
        : movedTo !== undefined && movedTo.id === doc.reviewId && doc.redirectTo === movedTo.slug;
      if (!current) stale.add(doc.slug);
    }
    for (const slug of [...wanted.keys(), ...redirects.keys()]) {
      if (!seen.has(slug)) stale.add(slug);
    }
    for (const slug of stale) await jobs.enqueue(reviewJob(slug));
    await jobs.enqueue(indexJob(deps.indexDelayMs));
    await requeueScheduled();
    return stale.size;
  }

  /**
   * Queues the publish job of every scheduled review again, so that one whose enqueue was lost
   * (a crash between the write and the queue) is still published. The job is idempotent and its
   * id names the review and the instant, so a pending one absorbs the copy.
   */
  async function requeueScheduled(): Promise<void> {
    let after: ReviewListPosition | undefined;
    for (;;) {
      const page = await reviews.list({
        status: 'scheduled',
        limit: SCHEDULED_PAGE,
        ...(after ? { after } : {}),
      });
      for (const review of page.items) {
        if (review.publishAt)
          await jobs.enqueue(publishJob(review.id, review.publishAt, clock.now()));
      }
      const last = page.items[page.items.length - 1];
      if (!page.hasMore || !last) return;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  const slugOf = (payload: unknown): string => {
    const slug = (payload as { slug?: unknown } | null)?.slug;
    if (typeof slug !== 'string') throw new Error('A review job needs a slug');
    return slug;
  };

  const handlers: JobHandlers = {
    [CONTENT_JOB.review]: async (job) => {
      const slug = slugOf(job.payload);
      await materialise(slug);
      await jobs.enqueue(indexJob(deps.indexDelayMs));
      await jobs.enqueue(purgeJob([reviewTag(slug)]));
    },
    [CONTENT_JOB.index]: async (job) => {
      const { moved } = await rebuildIndex();
      if (!moved) return;
      await jobs.enqueue(purgeJob([LIST_TAG, CAMERAS_TAG, COMPARE_TAG]));
      if (deps.confirmIndex && job.id !== CONFIRM_INDEX_JOB.id)
        await jobs.enqueue(CONFIRM_INDEX_JOB);
    },
    [CONTENT_JOB.purge]: async (job) => {
      const tags = (job.payload as { tags?: unknown } | null)?.tags;
      if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
        throw new Error('A purge job needs a list of tags');
      }
      await cdn.purge(tags as string[]);
    },
    [CONTENT_JOB.reconcile]: async () => {
      await reconcile();
    },
    [IMAGE_JOB.process]: imageJobHandler(deps),
    ...(deps.previews
      ? {
          [CONTENT_JOB.preview]: previewJobHandler({
            ...deps,
            previews: deps.previews,
            renderBody,
            // Read at each render: a renamed editor shows the new name from the next one.
            authorOf: (authorId) => authorLookup()(authorId),
          }),
        }
      : {}),
  };

  return {
    reviewsChanged: (slugs) => queueReviewChanges(jobs, slugs),
    materialise,
    rebuildIndex,
    reconcile,
    handlers,
  };
}
