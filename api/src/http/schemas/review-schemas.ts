import * as z from 'zod/mini';
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
    z
      .string()
      .check(
        z.trim(),
        z.minLength(min, `at least ${min} characters`),
        z.maxLength(max, `at most ${max} characters`),
      ),
  );

const range = ({ min, max }: { min: number; max: number }) =>
  z.number().check(z.minimum(min, `at least ${min}`), z.maximum(max, `at most ${max}`));

const score = range(L.score)
  .check(z.refine(hasOneDecimalAtMost, 'at most one decimal, e.g. 7.5'))
  .check(z.meta({ example: 8.5 }));

export const SlugSchema = z
  .string()
  .check(
    z.minLength(L.slug.min, `at least ${L.slug.min} characters`),
    z.maxLength(L.slug.max, `at most ${L.slug.max} characters`),
    z.regex(SLUG_PATTERN, 'lowercase letters and digits in words joined by single hyphens'),
  )
  .check(z.meta({ example: 'fujifilm-x100vi-review' }));

const list = z
  .array(text(L.listItem))
  .check(z.maxLength(L.listItems.max, `at most ${L.listItems.max} entries`));

export const CameraSchema = z
  .strictObject({
    brand: text(L.brand).check(z.meta({ example: 'Fujifilm' })),
    model: text(L.model).check(z.meta({ example: 'X100VI' })),
    type: z.enum(CAMERA_TYPES),
    sensor: z.enum(SENSOR_TYPES),
    megapixels: range(L.megapixels).check(z.meta({ example: 40.2 })),
    // `z.number()` with zod's int check, as classic's `.int()` builds it: a string still gets
    // "expected number" (a bare `z.int('a whole year')` would answer 'a whole year' to it).
    releaseYear: z
      .number()
      .check(
        z.int('a whole year'),
        z.minimum(L.releaseYear.min, `${L.releaseYear.min} or later`),
        z.maximum(9999, 'a four-digit year'),
      )
      .check(z.meta({ example: 2024, description: 'No later than next year.' })),
    priceUsd: range(L.priceUsd).check(z.meta({ example: 1599 })),
    mount: text(L.mount).check(
      z.meta({ example: 'fixed', description: 'Lens mount, or `fixed`.' }),
    ),
  })
  .check(z.meta({ id: 'Camera' }));

export const ScoresSchema = z
  .strictObject(
    Object.fromEntries(SCORE_CATEGORIES.map((c) => [c, score])) as Record<
      (typeof SCORE_CATEGORIES)[number],
      typeof score
    >,
  )
  .check(z.meta({ id: 'Scores', description: 'Each 0–10 with at most one decimal.' }));

const editable = {
  slug: z.optional(SlugSchema).check(
    z.meta({
      description:
        'Generated from brand, model and title when omitted on create; kept when omitted on update. Once the review has been published only an admin may change it (an editor gets 409); the review then keeps the old slug in `slugHistory`, and `/content/{old}` and `/review/{old}` answer 301 to the new one, for good.',
    }),
  ),
  camera: CameraSchema,
  title: text(L.title).check(
    z.meta({ example: 'Fujifilm X100VI review: the pocket classic, sharper' }),
  ),
  summary: text(L.summary),
  body: safeText(
    z
      .string()
      .check(
        z.minLength(L.body.min, 'must not be empty'),
        z.maxLength(L.body.max, `at most ${L.body.max} characters`),
      ),
    { multiline: true },
  ).check(
    z.meta({
      description:
        'Markdown. Raw HTML is shown as text, never rendered. Line feeds and tabs are its only control characters; CRLF is stored as LF.',
    }),
  ),
  rating: score,
  scores: ScoresSchema,
  pros: list,
  cons: list,
  status: z.enum(REVIEW_STATUSES).check(
    z.meta({
      description:
        '`draft`, `scheduled` (published by the server at `publishAt`) or `published`. A `publishAt` makes a draft `scheduled`.',
    }),
  ),
  // A string with zod's datetime check, as classic's `.datetime()` builds it: a non-string
  // still gets "expected string" rather than the format message.
  publishAt: z
    .optional(
      z.nullable(
        z.string().check(
          z.iso.datetime({
            offset: true,
            message: 'an ISO 8601 instant, e.g. 2026-12-01T09:00:00Z',
          }),
        ),
      ),
    )
    .check(
      z.meta({
        example: '2026-12-01T09:00:00Z',
        description: `When to publish: a future instant (at most ${L.publishAtMaxDays} days ahead) makes the review \`scheduled\`, and the server publishes it then (within a minute). \`null\` unschedules it (back to \`draft\`). With \`status: "published"\` on a scheduled review, it is published now.`,
      }),
    ),
};

/**
 * A full review as an editor sends it (PUT, and PATCH once merged). Strict: fields the server
 * owns (id, authorId, timestamps, version) or that do not exist are refused, not ignored.
 */
export const ReviewInputSchema = z.strictObject(editable).check(z.meta({ id: 'ReviewInput' }));

/** On create the status may be left out: a new review is a draft unless said otherwise. */
export const CreateReviewSchema = z
  .strictObject({ ...editable, status: z._default(editable.status, 'draft') })
  .check(z.meta({ id: 'NewReview' }));

const anyValue = z.optional(z.unknown());

/**
 * An RFC 7396 merge patch: any subset of the editable fields, `null` to remove. Only the shape
 * is checked here; the patched review is then checked whole against {@link ReviewInputSchema}.
 */
export const ReviewPatchSchema = z
  .strictObject({
    slug: anyValue,
    camera: z.optional(
      z.union([
        z.null(),
        z.strictObject(
          Object.fromEntries(Object.keys(CameraSchema.shape).map((k) => [k, anyValue])),
        ),
      ]),
    ),
    title: anyValue,
    summary: anyValue,
    body: anyValue,
    rating: anyValue,
    scores: z.optional(
      z.union([
        z.null(),
        z.strictObject(Object.fromEntries(SCORE_CATEGORIES.map((k) => [k, anyValue]))),
      ]),
    ),
    pros: anyValue,
    cons: anyValue,
    status: anyValue,
    publishAt: anyValue,
  })
  .check(
    z.meta({
      id: 'ReviewPatch',
      description: 'JSON merge patch (RFC 7396) of the editable fields.',
    }),
  );

export const ScheduleErrorSchema = z
  .object({
    at: z.string().check(z.meta({ description: 'When the publish was attempted' })),
    message: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .check(
    z.meta({
      id: 'ScheduleError',
      description:
        'Why the scheduled publish failed (a content rule, or a slug taken meanwhile). The review stays `scheduled`; the next write clears this and, with a `publishAt` that has passed, publishes it at once.',
    }),
  );

export const ReviewSchema = z
  .object({
    id: z.string().check(z.meta({ example: 'rev_3f9a1c0d5e7b2a64' })),
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
    publishedAt: z.nullable(z.string()),
    publishAt: z
      .nullable(z.string())
      .check(
        z.meta({ description: 'When a `scheduled` review will be published; `null` otherwise.' }),
      ),
    scheduleError: z.nullable(ScheduleErrorSchema),
    slugHistory: z.array(z.string()).check(
      z.meta({
        description:
          'Slugs the review was published under before an admin changed its slug, oldest first: each stays this review’s and redirects (301) to the current slug.',
        example: [],
      }),
    ),
    version: z
      .number()
      .check(z.int())
      .check(z.meta({ description: 'The ETag is `"v{version}"`.' })),
  })
  .check(z.meta({ id: 'Review' }));

export const ReviewListSchema = z
  .object({
    items: z.array(ReviewSchema),
    nextCursor: z.nullable(z.string()),
  })
  .check(z.meta({ id: 'ReviewList' }));
