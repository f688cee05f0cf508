import * as z from 'zod';
import {
  CAMERA_TYPES,
  hasOneDecimalAtMost,
  REVIEW_LIMITS as L,
  REVIEW_STATUSES,
  SCORE_CATEGORIES,
  SENSOR_TYPES,
  SLUG_PATTERN,
} from '../../domain/review.js';
import { safeText } from './text-schemas.js';

const text = ({ min, max }: { min: number; max: number }) =>
  safeText(
    z.string().trim().min(min, `at least ${min} characters`).max(max, `at most ${max} characters`),
  );

const range = ({ min, max }: { min: number; max: number }) =>
  z.number().min(min, `at least ${min}`).max(max, `at most ${max}`);

const score = range(L.score)
  .refine(hasOneDecimalAtMost, 'at most one decimal, e.g. 7.5')
  .meta({ example: 8.5 });

export const SlugSchema = z
  .string()
  .min(L.slug.min, `at least ${L.slug.min} characters`)
  .max(L.slug.max, `at most ${L.slug.max} characters`)
  .regex(SLUG_PATTERN, 'lowercase letters and digits in words joined by single hyphens')
  .meta({ example: 'fujifilm-x100vi-review' });

const list = z.array(text(L.listItem)).max(L.listItems.max, `at most ${L.listItems.max} entries`);

export const CameraSchema = z
  .strictObject({
    brand: text(L.brand).meta({ example: 'Fujifilm' }),
    model: text(L.model).meta({ example: 'X100VI' }),
    type: z.enum(CAMERA_TYPES),
    sensor: z.enum(SENSOR_TYPES),
    megapixels: range(L.megapixels).meta({ example: 40.2 }),
    releaseYear: z
      .number()
      .int('a whole year')
      .min(L.releaseYear.min, `${L.releaseYear.min} or later`)
      .max(9999, 'a four-digit year')
      .meta({ example: 2024, description: 'No later than next year.' }),
    priceUsd: range(L.priceUsd).meta({ example: 1599 }),
    mount: text(L.mount).meta({ example: 'fixed', description: 'Lens mount, or `fixed`.' }),
  })
  .meta({ id: 'Camera' });

export const ScoresSchema = z
  .strictObject(
    Object.fromEntries(SCORE_CATEGORIES.map((c) => [c, score])) as Record<
      (typeof SCORE_CATEGORIES)[number],
      typeof score
    >,
  )
  .meta({ id: 'Scores', description: 'Each 0–10 with at most one decimal.' });

const editable = {
  slug: SlugSchema.optional().meta({
    description:
      'Generated from brand, model and title when omitted on create; kept when omitted on update. Once the review has been published only an admin may change it (an editor gets 409); the review then keeps the old slug in `slugHistory`, and `/content/{old}` and `/review/{old}` answer 301 to the new one, for good.',
  }),
  camera: CameraSchema,
  title: text(L.title).meta({ example: 'Fujifilm X100VI review: the pocket classic, sharper' }),
  summary: text(L.summary),
  body: safeText(
    z
      .string()
      .min(L.body.min, 'must not be empty')
      .max(L.body.max, `at most ${L.body.max} characters`),
    { multiline: true },
  ).meta({
    description:
      'Markdown. Raw HTML is shown as text, never rendered. Line feeds and tabs are its only control characters; CRLF is stored as LF.',
  }),
  rating: score,
  scores: ScoresSchema,
  pros: list,
  cons: list,
  status: z.enum(REVIEW_STATUSES).meta({
    description:
      '`draft`, `scheduled` (published by the server at `publishAt`) or `published`. A `publishAt` makes a draft `scheduled`.',
  }),
  publishAt: z
    .string()
    .datetime({ offset: true, message: 'an ISO 8601 instant, e.g. 2026-12-01T09:00:00Z' })
    .nullable()
    .optional()
    .meta({
      example: '2026-12-01T09:00:00Z',
      description: `When to publish: a future instant (at most ${L.publishAtMaxDays} days ahead) makes the review \`scheduled\`, and the server publishes it then (within a minute). \`null\` unschedules it (back to \`draft\`). With \`status: "published"\` on a scheduled review, it is published now.`,
    }),
};

/**
 * A full review as an editor sends it (PUT, and PATCH once merged). Strict: fields the server
 * owns (id, authorId, timestamps, version) or that do not exist are refused, not ignored.
 */
export const ReviewInputSchema = z.strictObject(editable).meta({ id: 'ReviewInput' });

/** On create the status may be left out: a new review is a draft unless said otherwise. */
export const CreateReviewSchema = z
  .strictObject({ ...editable, status: editable.status.default('draft') })
  .meta({ id: 'NewReview' });

const anyValue = z.unknown().optional();

/**
 * An RFC 7396 merge patch: any subset of the editable fields, `null` to remove. Only the shape
 * is checked here; the patched review is then checked whole against {@link ReviewInputSchema}.
 */
export const ReviewPatchSchema = z
  .strictObject({
    slug: anyValue,
    camera: z
      .union([
        z.null(),
        z.strictObject(
          Object.fromEntries(Object.keys(CameraSchema.shape).map((k) => [k, anyValue])),
        ),
      ])
      .optional(),
    title: anyValue,
    summary: anyValue,
    body: anyValue,
    rating: anyValue,
    scores: z
      .union([
        z.null(),
        z.strictObject(Object.fromEntries(SCORE_CATEGORIES.map((k) => [k, anyValue]))),
      ])
      .optional(),
    pros: anyValue,
    cons: anyValue,
    status: anyValue,
    publishAt: anyValue,
  })
  .meta({ id: 'ReviewPatch', description: 'JSON merge patch (RFC 7396) of the editable fields.' });

export const ScheduleErrorSchema = z
  .object({
    at: z.string().meta({ description: 'When the publish was attempted' }),
    message: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .meta({
    id: 'ScheduleError',
    description:
      'Why the scheduled publish failed (a content rule, or a slug taken meanwhile). The review stays `scheduled`; the next write clears this and, with a `publishAt` that has passed, publishes it at once.',
  });

export const ReviewSchema = z
  .object({
    id: z.string().meta({ example: 'rev_3f9a1c0d5e7b2a64' }),
    slug: z.string(),
    camera: CameraSchema,
    title: z.string(),
    summary: z.string(),
    body: z.string(),
    rating: z.number(),
    scores: ScoresSchema,
    pros: z.array(z.string()),
    cons: z.array(z.string()),
    status: z.enum(REVIEW_STATUSES),
    authorId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    publishAt: z
      .string()
      .nullable()
      .meta({ description: 'When a `scheduled` review will be published; `null` otherwise.' }),
    scheduleError: ScheduleErrorSchema.nullable(),
    slugHistory: z.array(z.string()).meta({
      description:
        'Slugs the review was published under before an admin changed its slug, oldest first: each stays this review’s and redirects (301) to the current slug.',
      example: [],
    }),
    version: z.number().int().meta({ description: 'The ETag is `"v{version}"`.' }),
  })
  .meta({ id: 'Review' });

export const ReviewListSchema = z
  .object({
    items: z.array(ReviewSchema),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'ReviewList' });
