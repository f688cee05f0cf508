import type { PublicImage } from '../../domain/image.js';
import type { Review } from '../../domain/review.js';
import type { ContentAuthor, ContentSummary } from './content-types.js';

/**
 * One published review as the index builder takes it: its public summary, plus what is searched
 * but not shown in lists. The artifact keeps the summary, pros and cons (compare shows them);
 * the body is only indexed, never stored.
 */
export interface IndexEntry extends ContentSummary {
  pros: string[];
  cons: string[];
  /**
   * The text to search: plain text or the Markdown as written (punctuation and markup
   * characters separate words and are never indexed; link targets would be, so strip them if
   * that matters). Only its {@link BODY_TERMS} most telling words are indexed (artifact-format.ts).
   */
  body: string;
}

/**
 * The index entry of a published review, with its hero photo and its author's name when it has
 * them.
 */
export function indexEntryOf(
  review: Review,
  hero?: PublicImage,
  author?: ContentAuthor,
): IndexEntry {
  if (review.status !== 'published' || review.publishedAt === null) {
    throw new Error(`Review ${review.id} is not published: drafts never reach the index`);
  }
  return {
    slug: review.slug,
    title: review.title,
    summary: review.summary,
    camera: review.camera,
    rating: review.rating,
    scores: review.scores,
    publishedAt: review.publishedAt,
    updatedAt: review.updatedAt,
    pros: review.pros,
    cons: review.cons,
    body: review.body,
    ...(hero ? { hero } : {}),
    // The name only: whatever else the caller's object holds never reaches readers.
    ...(author ? { author: { name: author.name } } : {}),
  };
}
