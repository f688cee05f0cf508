import * as z from 'zod/mini';
import { createRoute, type Router } from '../router.js';
import { previewPath } from '../../services/preview-links.js';
import type { Services } from '../../services/service-types.js';
import { locationOf } from '../location.js';
import { bearerSecurity } from '../schemas/account-schemas.js';
import { CreatePreviewSchema, PreviewLinkSchema } from '../schemas/preview-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { withMeta } from '../schemas/with-meta.js';

const IdParam = z.object({
  id: withMeta(z.string().check(z.minLength(1), z.maxLength(64)), {
    param: { name: 'id', in: 'path' },
    example: 'rev_3f9a1c0d5e7b2a64',
  }),
});

const createPreview = createRoute({
  method: 'post',
  path: '/reviews/{id}/preview',
  request: {
    params: IdParam,
    body: {
      required: false,
      content: { 'application/json': { schema: CreatePreviewSchema } },
    },
  },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'Make a preview link of the review’s draft',
    description:
      'A secret link that shows the review’s current text as readers will see it once published, without signing in: for the author’s or an admin’s review. It works for `ttlHours` (24 by default, at most 168) or until the links are revoked; `Cache-Control: private, no-store` and `X-Robots-Tag: noindex` on every answer.',
    security: bearerSecurity,
    responses: {
      201: {
        description: 'The link, shown this once',
        content: { 'application/json': { schema: PreviewLinkSchema } },
      },
      ...problemResponses(400, 401, 404, 413, 415),
    },
  }),
});

const revokePreviews = createRoute({
  method: 'delete',
  path: '/reviews/{id}/preview',
  request: { params: IdParam },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'Revoke every preview link of the review',
    security: bearerSecurity,
    responses: {
      204: { description: 'No link of the review works any more' },
      ...problemResponses(401, 404),
    },
  }),
});

/**
 * The preview-link routes of the reviews controller, on its router (which already requires a
 * signed-in user for `/reviews/*`).
 */
export function registerPreviewLinkRoutes(
  router: Router,
  services: Pick<Services, 'previewLinks'>,
): void {
  router.openapi(createPreview, async (c) => {
    // The body is optional: without one the link gets the default lifetime.
    const body = c.req.header('content-type') ? c.req.valid('json') : {};
    const { token, expiresAt } = await services.previewLinks.create(
      c.get('user'),
      c.req.valid('param').id,
      body.ttlHours,
    );
    const url = `${new URL(c.req.url).origin}${locationOf(c, previewPath(token))}`;
    c.header('Cache-Control', 'no-store');
    return c.json({ url, expiresAt }, 201);
  });

  router.openapi(revokePreviews, async (c) => {
    await services.previewLinks.revokeAll(c.get('user'), c.req.valid('param').id);
    return c.body(null, 204);
  });
}
