// The answers of the content API, for the OpenAPI document only: apart from the request schemas
// (content-schemas.ts) so that a Lambda bundle, which never serves the document, leaves this
// module out (api/src/http/route-config.ts).
import * as z from 'zod/mini';
import { CAMERA_TYPES, SCORE_CATEGORIES, SENSOR_TYPES } from '../../domain/review.js';
import { CameraSchema, ScoresSchema } from './review-schemas.js';
import { PublicImageSchema } from './image-schemas.js';
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
