import { ValidationError } from '../../domain/errors.js';
import type { CameraType, SensorType } from '../../domain/review.js';
import { searchTerms } from './search-text.js';

/**
 * `relevance` (the default with a search) orders by how well a review matches `q`; `newest`
 * (the default without one) by first publication; `rating` by rating, newest first on a tie.
 * Without a search, `relevance` orders as `newest`: there is nothing to rank by.
 */
export type ContentSort = 'relevance' | 'newest' | 'rating';

export interface ContentQuery {
  q?: string;
  /** Matched by {@link nameKey}: "sony" and "ＳＯＮＹ" filter the same brand. */
  brand?: string;
  type?: CameraType;
  sensor?: SensorType;
  minRating?: number;
  /** Inclusive bounds on the camera's price in US dollars (`camera.priceUsd`). */
  minPrice?: number;
  maxPrice?: number;
  /** Omitted: `relevance` with `q`, `newest` without. */
  sort?: ContentSort;
  /** 1–100. */
  limit: number;
  cursor?: string;
}

/** Longest `q` accepted, in characters (the HTTP schema enforces the same). */
export const MAX_QUERY_LENGTH = 200;
/** Most distinct words a search may have: enough for any real search, bounded work per request. */
export const MAX_QUERY_TERMS = 12;

/**
 * The distinct index terms of a search, in query order; empty without one (or for a `q` of
 * punctuation alone, which searches nothing and so lists everything, as before).
 * @throws ValidationError (field `q`) past {@link MAX_QUERY_LENGTH} characters or
 *   {@link MAX_QUERY_TERMS} words: a query is refused, never silently cut.
 */
export function queryTerms(q: string | undefined): string[] {
  if (q === undefined) return [];
  if (q.length > MAX_QUERY_LENGTH) {
    throw new ValidationError(`The search is longer than ${MAX_QUERY_LENGTH} characters`, [
      { field: 'q', message: `at most ${MAX_QUERY_LENGTH} characters` },
    ]);
  }
  const terms = [...new Set(searchTerms(q))];
  if (terms.length > MAX_QUERY_TERMS) {
    throw new ValidationError(
      `The search has ${terms.length} different words; at most ${MAX_QUERY_TERMS} are searched`,
      [{ field: 'q', message: `at most ${MAX_QUERY_TERMS} different words` }],
    );
  }
  return terms;
}

/** The sort a query runs with once defaults apply. */
export function effectiveSort(query: ContentQuery, terms: readonly string[]): ContentSort {
  const sort = query.sort ?? (terms.length > 0 ? 'relevance' : 'newest');
  return sort === 'relevance' && terms.length === 0 ? 'newest' : sort;
}
