import { UnprocessableError, type FieldError } from './errors.js';
import { imagesMissingAlt, type ImageRecord } from './image.js';
import { SCORE_CATEGORIES, type ReviewInput } from './review.js';

/** The shortest body a review may be published with, in words (see {@link countWords}). */
export const PUBLISH_MIN_WORDS = 150;

/** One word splitter for every call: building an `Intl.Segmenter` is not free. */
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * The words of a text as Unicode word boundaries (UAX #29) see them: punctuation, spaces and
 * Markdown marks (`##`, `-`, `**`) are not words, `don't` and `40.2` are one word each, and
 * scripts without spaces (Japanese, Thai) are split by the runtime's dictionary rather than
 * counted as one word per line.
 */
export function countWords(text: string): number {
  let count = 0;
  for (const segment of words.segment(text)) if (segment.isWordLike) count += 1;
  return count;
}

/** What the checklist reads of a review: its editable content. */
export type ChecklistReview = Pick<
  ReviewInput,
  'rating' | 'scores' | 'pros' | 'cons' | 'summary' | 'body'
>;

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * Everything a review lacks before readers may see it, one `{field, message}` per missing item:
 * a rating and all five scores, at least one pro and one con, a summary, a body of at least
 * {@link PUBLISH_MIN_WORDS} words, and alt text on every photo (see {@link imagesMissingAlt}).
 * The per-field formats (ranges, lengths, Unicode) are the 400 rules of `assertReviewRules` and
 * the HTTP schemas; the checklist only asks whether the content is complete, so a draft may be
 * saved half-written and the editor learns everything missing at once when publishing.
 * @param images the review's photo records (none for a review not stored yet)
 */
export function publishChecklistGaps(
  review: ChecklistReview,
  images: readonly Pick<ImageRecord, 'id' | 'alt'>[],
): FieldError[] {
  const gaps: FieldError[] = [];
  // Typed as required, but a record written outside the HTTP schema may still lack one.
  const loose = review as Partial<ChecklistReview>;
  if (!isNumber(loose.rating)) gaps.push({ field: 'rating', message: 'a rating from 0 to 10' });
  for (const category of SCORE_CATEGORIES) {
    if (!isNumber(loose.scores?.[category])) {
      gaps.push({ field: `scores.${category}`, message: 'a score from 0 to 10' });
    }
  }
  if ((loose.pros ?? []).length === 0) gaps.push({ field: 'pros', message: 'at least one pro' });
  if ((loose.cons ?? []).length === 0) gaps.push({ field: 'cons', message: 'at least one con' });
  if ((loose.summary ?? '').trim() === '') gaps.push({ field: 'summary', message: 'a summary' });
  const bodyWords = countWords(loose.body ?? '');
  if (bodyWords < PUBLISH_MIN_WORDS) {
    gaps.push({
      field: 'body',
      message: `at least ${PUBLISH_MIN_WORDS} words (it has ${bodyWords})`,
    });
  }
  gaps.push(...imagesMissingAlt(images, loose.body ?? ''));
  return gaps;
}

/**
 * Refuses to publish (or schedule) an incomplete review.
 * @throws UnprocessableError (`publish-checklist`, 422) naming every missing item in `errors`.
 */
export function assertPublishChecklist(
  review: ChecklistReview,
  images: readonly Pick<ImageRecord, 'id' | 'alt'>[],
): void {
  const gaps = publishChecklistGaps(review, images);
  if (gaps.length === 0) return;
  throw new UnprocessableError(
    `The review is not ready to publish: ${gaps.map((g) => g.field).join(', ')}`,
    'publish-checklist',
    'Not ready to publish',
    gaps,
  );
}
