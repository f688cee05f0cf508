import * as z from 'zod/mini';
import { queryDecimal, queryInteger } from './query-numbers.js';
import { CAMERA_TYPES, SENSOR_TYPES, SLUG_PATTERN } from '../../domain/review.js';
import { withMeta } from './with-meta.js';

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

// The request schemas carry their metadata with `withMeta`: no check to run per request.
export const ContentQuerySchema = z.object({
  q: withMeta(z.optional(z.string().check(z.maxLength(200, 'at most 200 characters'))), {
    description:
      'Full-text search, ranked: title above brand and model above summary above pros and cons above body. Words match by prefix and tolerate a typo; accents and Greek letters fold both ways ("camara" finds "cámara", "a7" finds "α7"). At most 12 different words.',
    example: 'autofocus',
  }),
  brand: withMeta(z.optional(z.string().check(z.minLength(1), z.maxLength(40))), {
    example: 'Sony',
  }),
  type: z.optional(z.enum(CAMERA_TYPES)),
  sensor: z.optional(z.enum(SENSOR_TYPES)),
  minRating: withMeta(
    z.optional(queryDecimal({ min: 0, max: 10, description: 'a number from 0 to 10' })),
    { example: 8 },
  ),
  minPrice: withMeta(
    z.optional(queryDecimal({ min: 0, max: 1_000_000, description: 'a price in US dollars' })),
    { description: 'Lowest camera price (`camera.priceUsd`), inclusive.', example: 500 },
  ),
  maxPrice: withMeta(
    z.optional(queryDecimal({ min: 0, max: 1_000_000, description: 'a price in US dollars' })),
    { description: 'Highest camera price (`camera.priceUsd`), inclusive.', example: 2500 },
  ),
  sort: withMeta(z.optional(z.enum(['relevance', 'newest', 'rating'])), {
    description:
      '`relevance` (the default with `q`), `newest` (the default without), or `rating` (highest first, ties newest first).',
  }),
  limit: queryInteger({
    min: 1,
    max: 100,
    description: 'a whole number from 1 to 100',
    fallback: 20,
  }),
  cursor: withMeta(z.optional(z.string().check(z.maxLength(1024))), {
    description: 'A previous `nextCursor`.',
  }),
});

export const SlugParam = z.object({
  slug: withMeta(z.string().check(z.maxLength(100), z.regex(SLUG_PATTERN, 'not a review slug')), {
    param: { name: 'slug', in: 'path' },
    example: 'fujifilm-x100vi-review',
  }),
});

export const CompareQuerySchema = z.object({
  slugs: withMeta(
    z.string().check(
      z.maxLength(420),
      z.superRefine((value, ctx) => {
        const slugs = value.split(',').map((s) => s.trim());
        if (slugs.length < COMPARE_MIN || slugs.length > COMPARE_MAX) {
          ctx.addIssue({
            code: 'custom',
            message: `${COMPARE_MIN} to ${COMPARE_MAX} comma-separated slugs (got ${slugs.length})`,
          });
        } else if (slugs.some((s) => !SLUG_PATTERN.test(s))) {
          ctx.addIssue({ code: 'custom', message: 'each entry must be a review slug' });
        } else if (new Set(slugs).size !== slugs.length) {
          ctx.addIssue({ code: 'custom', message: 'each slug at most once' });
        }
      }),
    ),
    { example: 'sony-a7-iv-review,nikon-z6-iii-review' },
  ),
});
