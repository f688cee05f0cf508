import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import type { MiddlewareHandler } from 'hono';
import { ValidationError } from '../../domain/errors.js';
import { isEntityTagList } from '../../domain/etag.js';
import { applyMergePatch } from '../../domain/merge-patch.js';
import { REVIEW_STATUSES, type ReviewInput } from '../../domain/review.js';
import { reviewEtag } from '../../services/review-service.js';

import { locationOf } from '../location.js';
import { requireUser } from '../middleware/require-user.js';
import { bearerSecurity, registerBearerScheme } from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { queryInteger } from '../schemas/query-numbers.js';
import { newReviewExample, publishedReviewExample, reviewExample } from '../schemas/examples.js';
import {
  CreateReviewSchema,
  ReviewInputSchema,
  ReviewListSchema,
  ReviewPatchSchema,
  ReviewSchema,
} from '../schemas/review-schemas.js';
import { createRouter, toFieldErrors } from '../validation.js';
import { registerRevisionRoutes } from './review-revisions.js';
import { registerPreviewLinkRoutes } from './review-previews.js';
import type { Services } from '../../services/service-types.js';

const IdParam = z.object({
  id: z
    .string()
    .check(z.minLength(1), z.maxLength(64))
    .check(z.meta({ param: { name: 'id', in: 'path' }, example: 'rev_3f9a1c0d5e7b2a64' })),
});

const IfMatchHeader = z.object({
  'if-match': z.optional(z.string()).check(
    z.meta({
      param: { name: 'if-match', in: 'header', required: true },
      description:
        'The ETag of the version being changed, quotes included, e.g. `"v3"`. Missing: 428. Not an entity-tag (`v3`): 400. Stale: 412. `*` is not accepted.',
      example: '"v3"',
    }),
  ),
});

const IdempotencyKeyHeader = z.object({
  'idempotency-key': z
    .optional(
      z
        .string()
        .check(
          z.minLength(1, 'at least one character'),
          z.maxLength(255, 'at most 255 characters'),
          z.regex(/^[\x20-\x7e]+$/, 'printable ASCII characters only'),
        ),
    )
    .check(
      z.meta({
        param: { name: 'idempotency-key', in: 'header', required: false },
        description:
          'Any unique value per intended creation (a UUID): up to 255 printable ASCII characters. Remembered for 24 h per user.',
        example: '9b2f6a51-0c1e-4d7e-9a44-2f0b8d3c6e10',
      }),
    ),
});

const ListQuery = z.object({
  status: z.optional(z.enum(REVIEW_STATUSES)),
  limit: queryInteger({
    min: 1,
    max: 100,
    description: 'a whole number from 1 to 100',
    fallback: 20,
  }),
  cursor: z
    .optional(z.string().check(z.maxLength(1024)))
    .check(z.meta({ description: 'A previous `nextCursor`.' })),
});

const etagHeader = {
  ETag: { schema: { type: 'string' as const }, description: 'The version, e.g. `"v3"`' },
};
const json = <T>(schema: T, example?: unknown) => ({
  'application/json': { schema, ...(example !== undefined ? { example } : {}) },
});

const listReviews = createRoute({
  method: 'get',
  path: '/reviews',
  request: { query: ListQuery },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'List reviews',
    description:
      'The caller’s own reviews, drafts included (every review for an admin), newest created first.',
    security: bearerSecurity,
    responses: {
      200: { description: 'One page of reviews', content: json(ReviewListSchema) },
      ...problemResponses(400, 401),
    },
  }),
});

const createReview = createRoute({
  method: 'post',
  path: '/reviews',
  request: {
    headers: IdempotencyKeyHeader,
    body: { required: true, content: json(CreateReviewSchema, newReviewExample) },
  },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'Create a review',
    security: bearerSecurity,
    description:
      'A review created published or scheduled must pass the publish checklist: a rating and all five scores, at least one pro and one con, a summary, a body of at least 150 words and alt text on every image (a 422 `publish-checklist` names every missing item). With an `Idempotency-Key`, a retry with the same key and the same body within 24 h gets the first answer again (with `Idempotent-Replayed: true`) and creates nothing; the same key with another body is a 422 `idempotency-key-reused`; a retry while the first request still runs is a 409.',
    responses: {
      201: {
        description: 'Created (or, for a retried `Idempotency-Key`, the first answer again)',
        headers: {
          ...etagHeader,
          'Idempotent-Replayed': {
            schema: { type: 'string' as const, enum: ['true'] },
            description:
              'Present when this is the stored answer of an earlier request with the key',
          },
          Location: {
            schema: { type: 'string' as const },
            description:
              'Path of the new review: `/reviews/{id}`, behind the stage or base path the request came through (`/pro/reviews/{id}`)',
          },
        },
        content: json(ReviewSchema, reviewExample),
      },
      ...problemResponses(400, 401, 409, 413, 422),
    },
  }),
});

const getReview = createRoute({
  method: 'get',
  path: '/reviews/{id}',
  request: { params: IdParam },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'Read a review',
    description:
      'Another editor’s review answers 404, exactly like a missing one, so drafts do not leak.',
    security: bearerSecurity,
    responses: {
      200: {
        description: 'The review',
        headers: etagHeader,
        content: json(ReviewSchema, reviewExample),
      },
      ...problemResponses(401, 404),
    },
  }),
});

const replaceReview = createRoute({
  method: 'put',
  path: '/reviews/{id}',
  request: {
    params: IdParam,
    headers: IfMatchHeader,
    body: { required: true, content: json(ReviewInputSchema) },
  },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'Replace a review',
    description:
      'A review that is published or scheduled afterwards must pass the publish checklist (a 422 `publish-checklist` names every missing item); a draft may be incomplete.',
    security: bearerSecurity,
    responses: {
      200: { description: 'The new version', headers: etagHeader, content: json(ReviewSchema) },
      ...problemResponses(400, 401, 404, 409, 412, 413, 422, 428),
    },
  }),
});

const patchReview = createRoute({
  method: 'patch',
  path: '/reviews/{id}',
  request: {
    params: IdParam,
    headers: IfMatchHeader,
    body: {
      required: true,
      content: {
        'application/merge-patch+json': {
          schema: ReviewPatchSchema,
          examples: {
            publish: { summary: 'Publish a draft', value: { status: 'published' } },
            rate: {
              summary: 'Change the rating and one score',
              value: { rating: 9, scores: { value: 8 } },
            },
          },
        },
        'application/json': { schema: ReviewPatchSchema, example: { status: 'published' } },
      },
    },
  },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'Change part of a review',
    description:
      'A JSON merge patch (RFC 7396), sent as `application/merge-patch+json` or `application/json`. The patched review must be valid as a whole, and pass the publish checklist when it is published or scheduled afterwards (a 422 `publish-checklist` names every missing item).',
    security: bearerSecurity,
    responses: {
      200: {
        description: 'The new version',
        headers: etagHeader,
        content: json(ReviewSchema, publishedReviewExample),
      },
      ...problemResponses(400, 401, 404, 409, 412, 413, 422, 428),
    },
  }),
});

const deleteReview = createRoute({
  method: 'delete',
  path: '/reviews/{id}',
  request: { params: IdParam, headers: IfMatchHeader },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'Delete a review',
    security: bearerSecurity,
    responses: {
      204: { description: 'Deleted' },
      ...problemResponses(401, 404, 412, 428),
    },
  }),
});

/**
 * An `If-Match` that is not an entity-tag (most often `v3` without its quotes) is refused with
 * the form it should take: it could never match, and a 412 "the review has changed" would send
 * the client to re-read a review that has not changed. Missing or `*` is left to the service
 * (428).
 */
const requireEntityTagSyntax: MiddlewareHandler = async (c, next) => {
  const header = c.req.header('if-match');
  if (header !== undefined && header.trim() !== '' && !isEntityTagList(header)) {
    throw new ValidationError('If-Match must be an entity-tag like "v3" (with the quotes)', [
      { field: 'if-match', message: 'an entity-tag like "v3", quotes included, or a list of them' },
    ]);
  }
  await next();
};

/** The editors' controller: every route needs a signed-in editor or admin. */
export function reviewsRoutes(
  services: Pick<
    Services,
    'reviews' | 'revisions' | 'idempotency' | 'currentUser' | 'previewLinks'
  >,
) {
  const router = createRouter();
  registerBearerScheme(router);
  // `/reviews/*` covers `/reviews` itself too.
  router.use('/reviews/*', requireUser(services.currentUser));
  router.use('/reviews/:id', requireEntityTagSyntax);
  router.use('/reviews/:id/revisions/:n/restore', requireEntityTagSyntax);

  router.openapi(listReviews, async (c) => {
    const query = c.req.valid('query');
    const page = await services.reviews.list(c.get('user'), {
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
    });
    return c.json(page, 200);
  });

  router.openapi(createReview, async (c) => {
    const input = c.req.valid('json');
    const create = async () => {
      const review = await services.reviews.create(c.get('user'), input);
      return {
        status: 201,
        headers: {
          Location: locationOf(c, `/reviews/${review.id}`),
          ETag: reviewEtag(review),
        },
        body: JSON.stringify(review),
      };
    };
    const key = c.req.valid('header')['idempotency-key'];
    const { response, replayed } = key
      ? await services.idempotency.run(c.get('user').id, key, input, create)
      : { response: await create(), replayed: false };
    for (const [name, value] of Object.entries(response.headers)) c.header(name, value);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(JSON.parse(response.body) as z.infer<typeof ReviewSchema>, 201);
  });

  router.openapi(getReview, async (c) => {
    const review = await services.reviews.get(c.get('user'), c.req.valid('param').id);
    c.header('ETag', reviewEtag(review));
    return c.json(review, 200);
  });

  router.openapi(replaceReview, async (c) => {
    const review = await services.reviews.replace(
      c.get('user'),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.req.valid('header')['if-match'],
    );
    c.header('ETag', reviewEtag(review));
    return c.json(review, 200);
  });

  router.openapi(patchReview, async (c) => {
    const patch = c.req.valid('json');
    const review = await services.reviews.patch(
      c.get('user'),
      c.req.valid('param').id,
      c.req.valid('header')['if-match'],
      (current): ReviewInput => {
        const parsed = ReviewInputSchema.safeParse(applyMergePatch(current, patch));
        if (!parsed.success) {
          throw new ValidationError(
            'The review would be invalid after this patch',
            toFieldErrors(parsed.error),
          );
        }
        return parsed.data;
      },
    );
    c.header('ETag', reviewEtag(review));
    return c.json(review, 200);
  });

  router.openapi(deleteReview, async (c) => {
    await services.reviews.delete(
      c.get('user'),
      c.req.valid('param').id,
      c.req.valid('header')['if-match'],
    );
    return c.body(null, 204);
  });

  registerRevisionRoutes(router, services);
  registerPreviewLinkRoutes(router, services);

  return router;
}
