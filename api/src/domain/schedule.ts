import { ValidationError } from './errors.js';
import { REVIEW_LIMITS, type ReviewInput, type ReviewStatus } from './review.js';

/** The status and publish instant a write stores, once `publishAt` has been applied. */
export interface ResolvedSchedule {
  status: ReviewStatus;
  /** An instant in UTC (`toISOString`) while `scheduled`; `null` otherwise. */
  publishAt: string | null;
}

const DAY_MS = 86_400_000;

function publishAtError(message: string): ValidationError {
  return new ValidationError('The publishing schedule is not valid', [
    { field: 'publishAt', message },
  ]);
}

/**
 * What `status` and `publishAt` a write stores, from what the editor sent and what is stored:
 *
 * - a `publishAt` with `draft` or `scheduled` schedules the review (`scheduled`); a new instant
 *   must be in the future and at most {@link REVIEW_LIMITS.publishAtMaxDays} days ahead, while an
 *   unchanged one may have passed (an edit of a review the queue is about to publish, or the fix
 *   after a failed publish: it is published as soon as the queue runs);
 * - `published` with the stored `publishAt` of a scheduled review publishes it now (a PATCH of
 *   `{"status":"published"}`); with any other `publishAt` it is ambiguous and refused;
 * - no `publishAt` with `scheduled` unschedules a scheduled review, back to `draft` (a PATCH of
 *   `{"publishAt":null}`); on a review that is not scheduled it is refused.
 * @throws ValidationError on `publishAt`.
 */
export function resolveSchedule(
  input: Pick<ReviewInput, 'status' | 'publishAt'>,
  current: { status: ReviewStatus; publishAt?: string | null } | undefined,
  now: Date,
): ResolvedSchedule {
  const stored = current?.status === 'scheduled' ? (current.publishAt ?? null) : null;
  if (input.publishAt === undefined || input.publishAt === null) {
    if (input.status !== 'scheduled') return { status: input.status, publishAt: null };
    if (stored !== null) return { status: 'draft', publishAt: null };
    throw publishAtError('required when status is scheduled');
  }
  const at = Date.parse(input.publishAt);
  if (Number.isNaN(at)) throw publishAtError('an ISO 8601 instant, e.g. 2026-12-01T09:00:00Z');
  const publishAt = new Date(at).toISOString();
  if (input.status === 'published') {
    if (publishAt === stored) return { status: 'published', publishAt: null };
    throw publishAtError(
      'a review is published now or scheduled, not both: leave publishAt out to publish now, or send status draft to schedule',
    );
  }
  if (publishAt !== stored) {
    if (at <= now.getTime()) throw publishAtError('must be in the future');
    if (at > now.getTime() + REVIEW_LIMITS.publishAtMaxDays * DAY_MS) {
      throw publishAtError(`at most ${REVIEW_LIMITS.publishAtMaxDays} days ahead`);
    }
  }
  return { status: 'scheduled', publishAt };
}
