import * as z from 'zod/mini';
import { createRoute, type Router } from '../router.js';
import { reviewEtag } from '../../services/review-service.js';
import type { Services } from '../../services/service-types.js';
import { bearerSecurity } from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { ReviewSchema } from '../schemas/review-schemas.js';
import {
  RevisionDiffSchema,
  RevisionListSchema,
  RevisionSchema,
  revisionNumber,
} from '../schemas/revision-schemas.js';

const id = z
  .string()
  .check(z.minLength(1), z.maxLength(64))
  .check(z.meta({ param: { name: 'id', in: 'path' }, example: 'rev_3f9a1c0d5e7b2a64' }));

const IdParam = z.object({ id });
const RevisionParams = z.object({ id, n: revisionNumber('n', 'path') });
const DiffQuery = z.object({
  from: revisionNumber('from', 'query'),
  to: revisionNumber('to', 'query'),
});

const IfMatchHeader = z.object({
  'if-match': z.optional(z.string()).check(
    z.meta({
      param: { name: 'if-match', in: 'header', required: true },
      description:
        'The ETag of the review’s current version, e.g. `"v7"`. Missing: 428. Stale: 412.',
      example: '"v7"',
    }),
  ),
});

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const etagHeader = {
  ETag: { schema: { type: 'string' as const }, description: 'The new version, e.g. `"v8"`' },
};

const listRevisions = createRoute({
  method: 'get',
  path: '/reviews/{id}/revisions',
  request: { params: IdParam },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'List a review’s revisions',
    description:
      'Every save keeps a revision (create, PUT, PATCH, publish, unpublish, restore); the newest `SHUTTER_REVISIONS_KEPT` (50) per review are kept. Newest first, without content.',
    security: bearerSecurity,
    responses: {
      200: { description: 'The kept revisions', content: json(RevisionListSchema) },
      ...problemResponses(401, 404),
    },
  }),
});

const getRevision = createRoute({
  method: 'get',
  path: '/reviews/{id}/revisions/{n}',
  request: { params: RevisionParams },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'Read one revision',
    description: 'Revision `n` is what version `n` (`ETag "v{n}"`) held. 404 once it was pruned.',
    security: bearerSecurity,
    responses: {
      200: { description: 'The revision with its content', content: json(RevisionSchema) },
      ...problemResponses(400, 401, 404),
    },
  }),
});

const diffRevisions = createRoute({
  method: 'get',
  path: '/reviews/{id}/diff',
  request: { params: IdParam, query: DiffQuery },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'Compare two revisions',
    description:
      'What changed from revision `from` to revision `to`, field by field; the body as a line diff.',
    security: bearerSecurity,
    responses: {
      200: { description: 'The changes', content: json(RevisionDiffSchema) },
      ...problemResponses(400, 401, 404),
    },
  }),
});

const restoreRevision = createRoute({
  method: 'post',
  path: '/reviews/{id}/revisions/{n}/restore',
  request: { params: RevisionParams, headers: IfMatchHeader },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'Restore a revision',
    description:
      'Saves a new version whose content is revision `n`’s, except `slug` and `status`, which stay as they are (restoring is about the text; publishing or unpublishing stays its own decision). Needs `If-Match` with the current ETag; a published review must still pass the publish checklist.',
    security: bearerSecurity,
    responses: {
      200: {
        description: 'The new version',
        headers: etagHeader,
        content: json(ReviewSchema),
      },
      ...problemResponses(400, 401, 404, 409, 412, 422, 428),
    },
  }),
});

/**
 * The revision routes of the reviews controller, on its router (which already requires a
 * signed-in user for `/reviews/*`).
 */
export function registerRevisionRoutes(
  router: Router,
  services: Pick<Services, 'revisions'>,
): void {
  router.openapi(listRevisions, async (c) => {
    const items = await services.revisions.list(c.get('user'), c.req.valid('param').id);
    return c.json({ items }, 200);
  });

  router.openapi(getRevision, async (c) => {
    const { id: reviewId, n } = c.req.valid('param');
    return c.json(await services.revisions.get(c.get('user'), reviewId, n), 200);
  });

  router.openapi(diffRevisions, async (c) => {
    const { from, to } = c.req.valid('query');
    const diff = await services.revisions.diff(c.get('user'), c.req.valid('param').id, from, to);
    return c.json(diff, 200);
  });

  router.openapi(restoreRevision, async (c) => {
    const { id: reviewId, n } = c.req.valid('param');
    const review = await services.revisions.restore(
      c.get('user'),
      reviewId,
      n,
      c.req.valid('header')['if-match'],
    );
    c.header('ETag', reviewEtag(review));
    return c.json(review, 200);
  });
}
