import { createHash, randomBytes } from 'node:crypto';
import type { CurrentUser } from '../domain/current-user.js';
import type { Clock } from '../ports/clock.js';
import type { PreviewStore } from '../ports/preview-store.js';
import type { PreviewRefresh } from './preview-refresh.js';
import type { ReviewService } from './review-service.js';

/** How long a preview link works unless the editor asks otherwise. */
export const DEFAULT_PREVIEW_TTL_HOURS = 24;
/** The longest a preview link may work: a week. */
export const MAX_PREVIEW_TTL_HOURS = 168;

const HOUR_MS = 3_600_000;

/** The app path a preview link's token is served under. */
export const previewPath = (token: string): string => `/preview/${token}`;

/** The hash a link is stored and looked up by: the token itself is never stored. */
export function tokenHashOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** The editors' side: making and revoking the links of their own reviews. */
export interface PreviewLinkService {
  /**
   * A new link to the review's current draft, working for `ttlHours` (1–168, 24 by default).
   * It queues the review's render, which the link shows once the worker has stored it.
   * @returns the token (shown once, never stored) and when the link stops working.
   * @throws NotFoundError when the review is missing or not the user's (unless admin).
   */
  create(
    user: CurrentUser,
    reviewId: string,
    ttlHours?: number,
  ): Promise<{ token: string; expiresAt: string }>;
  /**
   * Ends every link of the review at once, and removes what they showed.
   * @throws NotFoundError as {@link create}.
   */
  revokeAll(user: CurrentUser, reviewId: string): Promise<void>;
}

export interface PreviewLinkServiceDeps {
  previews: PreviewStore;
  /** Who may make links of a review: its author and admins (404 for anyone else). */
  reviews: Pick<ReviewService, 'get'>;
  clock: Clock;
  /** Queues the render a new link shows (the content worker renders it). */
  refresh: Pick<PreviewRefresh, 'render'>;
}

export function createPreviewLinkService({
  previews,
  reviews,
  clock,
  refresh,
}: PreviewLinkServiceDeps): PreviewLinkService {
  return {
    async create(user, reviewId, ttlHours = DEFAULT_PREVIEW_TTL_HOURS) {
      const review = await reviews.get(user, reviewId);
      const now = clock.now();
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + ttlHours * HOUR_MS).toISOString();
      await previews.create({
        tokenHash: tokenHashOf(token),
        reviewId: review.id,
        createdAt: now.toISOString(),
        expiresAt,
      });
      // Rendered again even when another link's render is there: this link may outlive it.
      await refresh.render(review.id);
      return { token, expiresAt };
    },

    async revokeAll(user, reviewId) {
      const review = await reviews.get(user, reviewId);
      await previews.revokeAll(review.id);
    },
  };
}
