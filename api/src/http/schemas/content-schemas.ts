import * as z from 'zod';
import { queryDecimal, queryInteger } from './query-numbers.js';
import { CAMERA_TYPES, SCORE_CATEGORIES, SENSOR_TYPES, SLUG_PATTERN } from '../../domain/review.js';
import { CameraSchema, ScoresSchema } from './review-schemas.js';
import { PublicImageSchema } from './image-schemas.js';

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

export const ContentQuerySchema = z.object({
  q: z.string().max(200, 'at most 200 characters').optional().meta({
    description:
      'Full-text search, ranked: title above brand and model above summary above pros and cons above body. Words match by prefix and tolerate a typo; accents and Greek letters fold both ways ("camara" finds "cámara", "a7" finds "α7"). At most 12 different words.',
    example: 'autofocus',
  }),
  brand: z.string().min(1).max(40).optional().meta({ example: 'Sony' }),
  type: z.enum(CAMERA_TYPES).optional(),
  sensor: z.enum(SENSOR_TYPES).optional(),
  minRating: queryDecimal({ min: 0, max: 10, description: 'a number from 0 to 10' })
    .optional()
    .meta({ example: 8 }),
  minPrice: queryDecimal({ min: 0, max: 1_000_000, description: 'a price in US dollars' })
    .optional()
    .meta({ description: 'Lowest camera price (`camera.priceUsd`), inclusive.', example: 500 }),
  maxPrice: queryDecimal({ min: 0, max: 1_000_000, description: 'a price in US dollars' })
    .optional()
    .meta({
      description: 'Highest camera price (`camera.priceUsd`), inclusive.',
      example: 2500,
    }),
  sort: z.enum(['relevance', 'newest', 'rating']).optional().meta({
    description:
      '`relevance` (the default with `q`), `newest` (the default without), or `rating` (highest first, ties newest first).',
  }),
  limit: queryInteger({
    min: 1,
    max: 100,
    description: 'a whole number from 1 to 100',
    fallback: 20,
  }),
  cursor: z.string().max(1024).optional().meta({ description: 'A previous `nextCursor`.' }),
});

export const SlugParam = z.object({
  slug: z
    .string()
    .max(100)
    .regex(SLUG_PATTERN, 'not a review slug')
    .meta({ param: { name: 'slug', in: 'path' }, example: 'fujifilm-x100vi-review' }),
});

export const CompareQuerySchema = z.object({
  slugs: z
    .string()
    .max(420)
    .superRefine((value, ctx) => {
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
    })
    .meta({ example: 'sony-a7-iv-review,nikon-z6-iii-review' }),
});

const SummarySchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    camera: CameraSchema,
    rating: z.number(),
    scores: ScoresSchema,
    publishedAt: z.string(),
    updatedAt: z.string(),
    hero: PublicImageSchema.optional().meta({
      description: 'The review’s first ready photo; absent when it has none.',
    }),
    author: z
      .object({ name: z.string() })
      .optional()
      .meta({
        description:
          'Who wrote the review: the editor’s display name only (never an email or id), as it was when the review or the list was last built; absent when the account no longer exists.',
        example: { name: 'Ana Lima' },
      }),
  })
  .meta({ id: 'ContentSummary' });

const FacetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const ContentPageSchema = z
  .object({
    items: z.array(
      SummarySchema.extend({
        matches: z
          .array(z.string())
          .optional()
          .meta({
            description:
              'With `q` only: the words of this review the search matched, folded (lower case, no accents), for highlighting.',
            example: ['autofocus'],
          }),
      }),
    ),
    total: z.number().int(),
    facets: z.object({ brands: FacetSchema, types: FacetSchema, sensors: FacetSchema }).meta({
      description:
        'Disjunctive counts over the whole result: each facet ignores its own filter, so filtering by one brand still counts the others.',
    }),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'ContentPage' });

export const ContentDetailSchema = SummarySchema.extend({
  pros: z.array(z.string()),
  cons: z.array(z.string()),
  body: z.string().meta({ description: 'Markdown, as written.' }),
  html: z.string().meta({ description: 'The body rendered and sanitised, safe to insert.' }),
}).meta({ id: 'ContentDetail' });

export const ComparisonSchema = z
  .object({
    reviews: z.array(
      SummarySchema.pick({
        slug: true,
        title: true,
        camera: true,
        rating: true,
        scores: true,
      }).extend({ pros: z.array(z.string()), cons: z.array(z.string()) }),
    ),
    best: z.object(
      Object.fromEntries(
        ['rating', ...SCORE_CATEGORIES].map((k) => [k, z.array(z.string())]),
      ) as Record<'rating' | (typeof SCORE_CATEGORIES)[number], z.ZodArray<z.ZodString>>,
    ),
  })
  .meta({ id: 'Comparison' });

export const CameraListSchema = z
  .object({
    items: z.array(
      z.object({
        brand: z.string(),
        model: z.string(),
        type: z.enum(CAMERA_TYPES),
        sensor: z.enum(SENSOR_TYPES),
        reviewCount: z.number().int(),
        averageRating: z.number(),
        slugs: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'CameraList' });
