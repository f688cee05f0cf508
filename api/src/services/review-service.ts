import { randomBytes } from 'node:crypto';
import { isAdmin, type CurrentUser } from '../domain/current-user.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
  ValidationError,
} from '../domain/errors.js';
import { ifMatchMatches } from '../domain/etag.js';
import {
  assertReviewRules,
  normalizeReviewInput,
  toReviewInput,
  type Review,
  type ReviewInput,
  type ReviewStatus,
  type ScheduleError,
} from '../domain/review.js';
import { resolveSchedule } from '../domain/schedule.js';
import { assertPublishChecklist } from '../domain/publish-checklist.js';
import { generateSlug, numberedSlug } from '../domain/slug.js';
import type { Clock } from '../ports/clock.js';
import type { ImageStore } from '../ports/image-store.js';
import type { ReviewListPosition, ReviewStore } from '../ports/review-store.js';
import type { RevisionStore } from '../ports/revision-store.js';
import { DEFAULT_REVISIONS_KEPT, revisionOf } from '../domain/revision.js';
import type { CursorCodec } from './cursor.js';

export interface ReviewListOptions {
  status?: ReviewStatus;
  /** 1–100; the HTTP schema applies the default. */
  limit: number;
  cursor?: string;
}

export interface ReviewList {
  items: Review[];
  nextCursor: string | null;
}

/** What the queue's publish job found, for its log line. */
export type ScheduledPublishOutcome =
  | { kind: 'published'; review: Review }
  /** Not due yet: the job waits again (a queue caps its delays, SQS at 15 minutes). */
  | { kind: 'not-due' }
  /** Deleted, unscheduled, published or rescheduled since the job was queued: nothing to do. */
  | { kind: 'stale' }
  /** A rule or the slug stopped it; recorded on the review as `scheduleError`. */
  | { kind: 'failed'; review: Review; error: ScheduleError };

/** The editors' use cases. Every method acts for `user` and sees only what that user may. */
export interface ReviewService {
  /** The user's own reviews (every review for an admin), newest created first. */
  list(user: CurrentUser, options: ReviewListOptions): Promise<ReviewList>;
  /**
   * @throws ValidationError for a broken content rule; UnprocessableError (`publish-checklist`)
   *   when created published or scheduled without everything readers need; ConflictError when
   *   created published with a slug another published review holds (a draft claims no slug until
   *   it is published).
   */
  create(user: CurrentUser, input: ReviewInput): Promise<Review>;
  /** @throws NotFoundError when missing or not the user's (unless admin). */
  get(user: CurrentUser, id: string): Promise<Review>;
  /**
   * Replaces the editable fields. A missing slug keeps the current one.
   * @param ifMatch the request's `If-Match`, which must name the current {@link reviewEtag}
   * @throws PreconditionRequiredError without `If-Match`, PreconditionFailedError when stale,
   *   UnprocessableError when the result is not a draft and fails the publish checklist,
   *   ConflictError for a taken slug, or a new slug on a review that has been published unless
   *   `user` is an admin (the review then keeps the old slug in `slugHistory`, redirecting).
   */
  replace(
    user: CurrentUser,
    id: string,
    input: ReviewInput,
    ifMatch: string | undefined,
  ): Promise<Review>;
  /**
   * Like {@link replace}, with the new fields computed from the current ones by `apply` (which
   * validates its result), so a partial update is always judged against the version it names.
   */
  patch(
    user: CurrentUser,
    id: string,
    ifMatch: string | undefined,
    apply: (current: ReviewInput) => ReviewInput,
  ): Promise<Review>;
  /** @throws as {@link replace} for `If-Match`, NotFoundError as {@link get}. */
  delete(user: CurrentUser, id: string, ifMatch: string | undefined): Promise<void>;
  /**
   * The queue's side of scheduled publishing: publishes review `id` if it is still scheduled for
   * `publishAt` and that instant has come, through the same checks and conditional write as an
   * editor's publish. A content rule, the publish checklist or a taken slug is recorded on the review
   * (`scheduleError`), not thrown. Idempotent: a second run finds the review published (`stale`).
   * @throws PreconditionFailedError when the review changed meanwhile (the job runs again),
   *   UnavailableError when the store cannot be reached.
   */
  publishScheduled(id: string, publishAt: string): Promise<ScheduledPublishOutcome>;
}

export interface ReviewServiceDeps {
  reviews: ReviewStore;
  /** The review's photos, which the publish checklist reads for their alt text. */
  images: Pick<ImageStore, 'listByReview'>;
  clock: Clock;
  cursors: CursorCodec;
  /**
   * Called after every write that may have changed published content, with the slugs it touched
   * (the review's slug, and its old one if it changed): the content pipeline queues their
   * materialisation here. A failure here fails the request after the write was stored; the
   * reconcile job repairs what a lost call left stale.
   */
  onPublishedContentChange?: (slugs: readonly string[]) => Promise<void>;
  /**
   * Called after every write that leaves a review `scheduled`: queues the job that publishes it
   * at `publishAt` (enqueueing the same instant twice is harmless; the job checks the review).
   */
  onScheduled?: (review: { id: string; publishAt: string }) => Promise<void>;
  /**
   * Called after every stored save or delete of a review, published or not: its draft preview
   * links are rendered again (or revoked, with the review) here.
   */
  onReviewChanged?: (reviewId: string, change: 'saved' | 'deleted') => Promise<void>;
  /**
   * Where every save keeps a revision (see `domain/revision.ts`); none kept without it. A save
   * stores the review first and its revision second, so a revision never names a version that
   * lost its race; a process that dies in between leaves that one version without a revision.
   */
  revisions?: RevisionStore;
  /** How many revisions of each review to keep (`SHUTTER_REVISIONS_KEPT`); 50 by default. */
  revisionsKept?: number;
}

/** The actor of the queue's scheduled publishes: reaches every review, like an admin. */
const SCHEDULER: CurrentUser = {
  id: 'system:scheduler',
  role: 'admin',
  email: 'scheduler@shutter.invalid',
  name: 'Scheduled publishing',
};

/**
 * A review as the editor API shows it: reviews stored before scheduling existed have no
 * `publishAt` or `scheduleError` in their stored JSON, nor `slugHistory` before slug history.
 */
function withDefaults(review: Review): Review {
  return {
    ...review,
    publishAt: review.publishAt ?? null,
    scheduleError: review.scheduleError ?? null,
    slugHistory: review.slugHistory ?? [],
  };
}

/** The `ETag` of a review in the editor API: its version, quoted. */
export function reviewEtag(review: Pick<Review, 'version'>): string {
  return `"v${review.version}"`;
}

/** How many numbered alternatives (`-2`, `-3`, …) a generated slug tries before giving up. */
const SLUG_ATTEMPTS = 20;

interface ListCursor {
  createdAt: string;
  id: string;
  /** The list it belongs to, so that a cursor cannot be replayed on another filter. */
  scope: string;
}

function isListCursor(value: unknown): value is ListCursor {
  const v = value as Partial<ListCursor> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.createdAt === 'string' &&
    typeof v.id === 'string' &&
    typeof v.scope === 'string'
  );
}

export function createReviewService({
  reviews,
  images,
  clock,
  cursors,
  onPublishedContentChange,
  onScheduled,
  onReviewChanged,
  revisions,
  revisionsKept = DEFAULT_REVISIONS_KEPT,
}: ReviewServiceDeps): ReviewService {
  function notFound(id: string): NotFoundError {
    return new NotFoundError(`No review with id "${id}"`);
  }

  /**
   * Another editor's review answers exactly like a missing one (404), so that drafts do not
   * reveal that they exist; admins reach every review.
   */
  async function readOwn(user: CurrentUser, id: string): Promise<Review> {
    const review = await reviews.get(id);
    if (!review || (!isAdmin(user) && review.authorId !== user.id)) throw notFound(id);
    return withDefaults(review);
  }

  function requireIfMatch(ifMatch: string | undefined): string {
    if (ifMatch === undefined || ifMatch.trim() === '') {
      throw new PreconditionRequiredError(
        'Send If-Match with the ETag of the review (from GET /reviews/{id}) to change it',
      );
    }
    if (ifMatch.trim() === '*') {
      throw new PreconditionRequiredError(
        'If-Match: * would overwrite any version; send the ETag of the version you changed',
      );
    }
    return ifMatch;
  }

  function assertCurrent(review: Review, ifMatch: string): void {
    if (!ifMatchMatches(ifMatch, reviewEtag(review))) {
      throw new PreconditionFailedError(
        `The review has changed: it is now ${reviewEtag(review)}. Read it again and reapply your change`,
      );
    }
  }

  /** Keeps the revision this save made, then forgets the ones beyond the newest kept. */
  async function keepRevision(review: Review, user: CurrentUser): Promise<void> {
    if (!revisions) return;
    await revisions.append(revisionOf(review, user.id));
    await revisions.prune(review.id, revisionsKept);
  }

  async function publishedContentChanged(...slugs: string[]): Promise<void> {
    await onPublishedContentChange?.(slugs);
  }

  async function scheduled(review: Review): Promise<void> {
    if (review.status === 'scheduled' && review.publishAt) {
      await onScheduled?.({ id: review.id, publishAt: review.publishAt });
    }
  }

  /**
   * Whatever is not a draft (published, or scheduled to be) must pass the publish checklist: a
   * scheduled review learns what it lacks when it is scheduled, not when the queue finds it.
   * @param reviewId the review's id, whose photos are read; a review not stored yet has none.
   */
  async function assertReadyIfPublic(
    input: ReviewInput,
    reviewId: string | undefined,
  ): Promise<void> {
    if (input.status === 'draft') return;
    assertPublishChecklist(input, reviewId ? await images.listByReview(reviewId) : []);
  }

  /** The editor's fields with `status` and `publishAt` as {@link resolveSchedule} decides. */
  function scheduledInput(
    sent: ReviewInput,
    current: Review | undefined,
    now: Date,
  ): ReviewInput & { publishAt: string | null } {
    const input = normalizeReviewInput(sent);
    return { ...input, ...resolveSchedule(input, current, now) };
  }

  /**
   * The slug of a new review. Only a review that is (or has been) published holds its slug in
   * the store: a draft's slug is claimed when it is first published. So creating a draft never
   * collides with another editor's draft, and a collision (409, at publish) only ever reveals a
   * slug that readers can already see, never that someone's draft exists. Without a slug the
   * editor gets the first of the generated slug and its numbers (`-2`, `-3`, …) that no
   * published review holds; a published review also claims it here.
   */
  /**
   * Whether a review other than `reviewId` that readers have seen holds `slug`: as its slug, or
   * as an old one that redirects to it (the claim names the holder either way).
   */
  async function publishedElsewhere(slug: string, reviewId: string): Promise<boolean> {
    const holderId = await reviews.slugHolder(slug);
    if (holderId === undefined || holderId === reviewId) return false;
    const holder = await reviews.get(holderId);
    return holder !== undefined && holder.publishedAt !== null;
  }

  /** A draft may not take a slug readers already know; it learns nothing about other drafts. */
  async function assertSlugFreeForDraft(slug: string, reviewId: string): Promise<void> {
    if (await publishedElsewhere(slug, reviewId)) {
      throw new ConflictError(`The slug "${slug}" is taken by another review`);
    }
  }

  async function newSlug(input: ReviewInput, reviewId: string): Promise<string> {
    const claim = input.status === 'published';
    if (input.slug !== undefined) {
      if (claim) await reviews.claimSlug(input.slug, reviewId);
      else await assertSlugFreeForDraft(input.slug, reviewId);
      return input.slug;
    }
    const base = generateSlug(input.camera.brand, input.camera.model, input.title);
    for (let n = 1; n <= SLUG_ATTEMPTS; n++) {
      const candidate = n === 1 ? base : numberedSlug(base, n);
      if (!claim) {
        if (!(await publishedElsewhere(candidate, reviewId))) return candidate;
        continue;
      }
      try {
        await reviews.claimSlug(candidate, reviewId);
        return candidate;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    throw new ConflictError(
      `Every slug from "${base}" to "${numberedSlug(base, SLUG_ATTEMPTS)}" is taken; send a slug`,
    );
  }

  async function write(
    user: CurrentUser,
    id: string,
    ifMatch: string | undefined,
    next: (current: Review) => ReviewInput,
  ): Promise<Review> {
    const precondition = requireIfMatch(ifMatch);
    const current = await readOwn(user, id);
    assertCurrent(current, precondition);
    const now = clock.now();
    const input = scheduledInput(next(current), current, now);
    assertReviewRules(input, now);
    await assertReadyIfPublic(input, id);

    const slug = input.slug ?? current.slug;
    const slugChanged = slug !== current.slug;
    const history = current.slugHistory ?? [];
    // Readers have seen the slug of a review that has been published: only an admin may move it,
    // and the review keeps the old one for good (claimed, redirecting to the new one).
    const moved = slugChanged && current.publishedAt !== null;
    if (moved && !isAdmin(user)) {
      throw new ConflictError(
        `Only an admin can change the slug of a published review: it stays "${current.slug}"`,
      );
    }
    // A draft holds no slug; the first publish claims it (see newSlug).
    const firstPublish = current.publishedAt === null && input.status === 'published';
    // A slug the review had before is still its own: taking it back claims nothing new.
    const claimed = firstPublish || (moved && !history.includes(slug));
    if (claimed) await reviews.claimSlug(slug, id);
    else if (slugChanged && !moved) await assertSlugFreeForDraft(slug, id);

    const at = now.toISOString();
    const updated: Review = {
      ...current,
      ...input,
      slug,
      updatedAt: at,
      publishedAt: current.publishedAt ?? (input.status === 'published' ? at : null),
      version: current.version + 1,
      // Any write is the editor's answer to a failed scheduled publish.
      scheduleError: null,
      slugHistory: moved ? [...history.filter((old) => old !== slug), current.slug] : history,
    };
    try {
      await reviews.update(updated, current.version);
    } catch (error) {
      if (claimed) await reviews.releaseSlug(slug, id);
      throw error;
    }
    await keepRevision(updated, user);
    // Drafts written before slugs were claimed at publish may still hold their old slug.
    if (slugChanged && !moved) await reviews.releaseSlug(current.slug, id);
    if (current.status === 'published' || updated.status === 'published') {
      // The old slugs too: each stores a redirect to the current slug (or loses it, unpublished).
      await publishedContentChanged(
        ...new Set([current.slug, updated.slug, ...(updated.slugHistory ?? [])]),
      );
    }
    await scheduled(updated);
    await onReviewChanged?.(id, 'saved');
    return updated;
  }

  return {
    async list(user, { status, limit, cursor }) {
      const authorId = isAdmin(user) ? undefined : user.id;
      const scope = `${authorId ?? '*'}|${status ?? '*'}`;
      let after: ReviewListPosition | undefined;
      if (cursor !== undefined) {
        const decoded = cursors.decode(cursor);
        if (!isListCursor(decoded) || decoded.scope !== scope) {
          throw new ValidationError('The cursor belongs to another list', [
            { field: 'cursor', message: 'use it with the same status filter it came from' },
          ]);
        }
        after = { createdAt: decoded.createdAt, id: decoded.id };
      }
      const page = await reviews.list({
        ...(authorId !== undefined ? { authorId } : {}),
        ...(status !== undefined ? { status } : {}),
        limit,
        ...(after ? { after } : {}),
      });
      const last = page.items[page.items.length - 1];
      return {
        items: page.items.map(withDefaults),
        nextCursor:
          page.hasMore && last
            ? cursors.encode({ createdAt: last.createdAt, id: last.id, scope } satisfies ListCursor)
            : null,
      };
    },

    async create(user, sent) {
      const now = clock.now();
      const input = scheduledInput(sent, undefined, now);
      assertReviewRules(input, now);
      await assertReadyIfPublic(input, undefined);
      const id = `rev_${randomBytes(8).toString('hex')}`;
      const slug = await newSlug(input, id);
      const at = now.toISOString();
      const { slug: _requested, ...fields } = input;
      const review: Review = {
        id,
        slug,
        ...fields,
        authorId: user.id,
        createdAt: at,
        updatedAt: at,
        publishedAt: input.status === 'published' ? at : null,
        version: 1,
        scheduleError: null,
        slugHistory: [],
      };
      try {
        await reviews.create(review);
      } catch (error) {
        await reviews.releaseSlug(slug, id);
        throw error;
      }
      await keepRevision(review, user);
      if (review.status === 'published') await publishedContentChanged(review.slug);
      await scheduled(review);
      return review;
    },

    get: readOwn,

    replace(user, id, input, ifMatch) {
      return write(user, id, ifMatch, () => input);
    },

    patch(user, id, ifMatch, apply) {
      return write(user, id, ifMatch, (current) => apply(toReviewInput(current)));
    },

    async delete(user, id, ifMatch) {
      const precondition = requireIfMatch(ifMatch);
      const current = await readOwn(user, id);
      assertCurrent(current, precondition);
      await reviews.delete(id, current.version);
      // Its old slugs too: with the review gone there is nothing left for them to redirect to.
      const slugs = [current.slug, ...(current.slugHistory ?? [])];
      for (const slug of slugs) await reviews.releaseSlug(slug, id);
      // A deleted review leaves no revisions behind.
      await revisions?.prune(id, 0);
      if (current.status === 'published') await publishedContentChanged(...slugs);
      await onReviewChanged?.(id, 'deleted');
    },

    async publishScheduled(id, publishAt) {
      const current = await reviews.get(id);
      if (!current || current.status !== 'scheduled' || current.publishAt !== publishAt) {
        return { kind: 'stale' };
      }
      const now = clock.now();
      if (Date.parse(publishAt) > now.getTime()) return { kind: 'not-due' };
      try {
        const review = await write(SCHEDULER, id, reviewEtag(current), (stored) => ({
          ...toReviewInput(stored),
          status: 'published',
        }));
        return { kind: 'published', review };
      } catch (error) {
        if (!(
          error instanceof ValidationError ||
          error instanceof UnprocessableError ||
          error instanceof ConflictError
        )) {
          throw error;
        }
        const scheduleError: ScheduleError = {
          at: now.toISOString(),
          message: error.message,
          errors:
            error instanceof ConflictError
              ? [{ field: 'slug', message: error.message }]
              : error.errors,
        };
        const failed: Review = {
          ...current,
          scheduleError,
          updatedAt: now.toISOString(),
          version: current.version + 1,
        };
        await reviews.update(failed, current.version);
        return { kind: 'failed', review: withDefaults(failed), error: scheduleError };
      }
    },
  };
}
