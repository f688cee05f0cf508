import * as z from 'zod/mini';
import { queryDecimal, queryInteger } from './query-numbers.js';
import { CAMERA_TYPES, SCORE_CATEGORIES, SENSOR_TYPES, SLUG_PATTERN } from '../../domain/review.js';
import { CameraSchema, ScoresSchema } from './review-schemas.js';
import { PublicImageSchema } from './image-schemas.js';
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

/**
 * The fields every review answer shares. Not named in the document (classic's `.extend` and
 * `.pick` dropped the `ContentSummary` id it had), so it carries no metadata: `z.pick` refuses
 * an object with checks, and `z.extend` would carry a `z.meta` check's id into the copies.
 */
const SummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  camera: CameraSchema,
  rating: z.number(),
  scores: ScoresSchema,
  publishedAt: z.string(),
  updatedAt: z.string(),
  hero: z.optional(PublicImageSchema).check(
    z.meta({
      description: 'The review’s first ready photo; absent when it has none.',
    }),
  ),
  author: z.optional(z.object({ name: z.string() })).check(
    z.meta({
      description:
        'Who wrote the review: the editor’s display name only (never an email or id), as it was when the review or the list was last built; absent when the account no longer exists.',
      example: { name: 'Ana Lima' },
    }),
  ),
});

const FacetSchema = z.array(z.object({ value: z.string(), count: z.int() }));

export const ContentPageSchema = z
  .object({
    items: z.array(
      z.extend(SummarySchema, {
        matches: z.optional(z.array(z.string())).check(
          z.meta({
            description:
              'With `q` only: the words of this review the search matched, folded (lower case, no accents), for highlighting.',
            example: ['autofocus'],
          }),
        ),
      }),
    ),
    total: z.int(),
    facets: z.object({ brands: FacetSchema, types: FacetSchema, sensors: FacetSchema }).check(
      z.meta({
        description:
          'Disjunctive counts over the whole result: each facet ignores its own filter, so filtering by one brand still counts the others.',
      }),
    ),
    nextCursor: z.nullable(z.string()),
  })
  .check(z.meta({ id: 'ContentPage' }));

export const ContentDetailSchema = z
  .extend(SummarySchema, {
    pros: z.array(z.string()),
    cons: z.array(z.string()),
    body: z.string().check(z.meta({ description: 'Markdown, as written.' })),
    html: z
      .string()
      .check(z.meta({ description: 'The body rendered and sanitised, safe to insert.' })),
  })
  .check(z.meta({ id: 'ContentDetail' }));

export const ComparisonSchema = z
  .object({
    reviews: z.array(
      z.extend(
        z.pick(SummarySchema, {
          slug: true,
          title: true,
          camera: true,
          rating: true,
          scores: true,
        }),
        { pros: z.array(z.string()), cons: z.array(z.string()) },
      ),
    ),
    best: z.object(
      Object.fromEntries(
        ['rating', ...SCORE_CATEGORIES].map((k) => [k, z.array(z.string())]),
      ) as Record<
        'rating' | (typeof SCORE_CATEGORIES)[number],
        z.ZodMiniArray<z.ZodMiniString<string>>
      >,
    ),
  })
  .check(z.meta({ id: 'Comparison' }));

export const CameraListSchema = z
  .object({
    items: z.array(
      z.object({
        brand: z.string(),
        model: z.string(),
        type: z.enum(CAMERA_TYPES),
        sensor: z.enum(SENSOR_TYPES),
        reviewCount: z.int(),
        averageRating: z.number(),
        slugs: z.array(z.string()),
      }),
    ),
  })
  .check(z.meta({ id: 'CameraList' }));
