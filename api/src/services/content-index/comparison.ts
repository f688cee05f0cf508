import { NotFoundError } from '../../domain/errors.js';
import { SCORE_CATEGORIES } from '../../domain/review.js';
import type { StoredReview } from './artifact-format.js';
import type { Comparison } from './content-types.js';

/**
 * The requested reviews side by side, in the order asked, with the best per score category
 * and overall rating (every slug that ties for the top).
 *
 * @throws NotFoundError naming every slug that is not a published review.
 */
export function comparison(
  requested: readonly string[],
  find: (slug: string) => StoredReview | undefined,
): Comparison {
  const found = requested.map(find);
  const missing = requested.filter((_, i) => found[i] === undefined);
  if (missing.length > 0) {
    throw new NotFoundError(`No published review for: ${missing.join(', ')}`);
  }
  const reviews = found as StoredReview[];
  const bestOf = (value: (r: StoredReview) => number): string[] => {
    const top = Math.max(...reviews.map(value));
    return reviews.filter((r) => value(r) === top).map((r) => r.slug);
  };
  return {
    reviews: reviews.map((r) => ({
      slug: r.slug,
      title: r.title,
      camera: r.camera,
      rating: r.rating,
      scores: r.scores,
      pros: r.pros,
      cons: r.cons,
    })),
    best: Object.fromEntries([
      ['rating', bestOf((r) => r.rating)],
      ...SCORE_CATEGORIES.map((category) => [category, bestOf((r) => r.scores[category])]),
    ]) as Comparison['best'],
  };
}
