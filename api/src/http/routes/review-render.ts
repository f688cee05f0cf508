import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import { publicImageOf, type PublicImage } from '../../domain/image.js';
import { REVIEW_LIMITS } from '../../domain/review.js';
import { renderMarkdown } from '../../services/render-markdown.js';
import type { Services } from '../../services/service-types.js';
import { requireUser } from '../middleware/require-user.js';
import { bearerSecurity, privateNoStore } from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { createRouter } from '../validation.js';

const RenderBody = z
  .strictObject({
    body: z
      .string()
      .check(z.maxLength(REVIEW_LIMITS.body.max))
      .check(z.meta({ example: '## Handling\n\nSolid.' })),
  })
  .check(z.meta({ id: 'RenderRequest' }));

const RenderedSchema = z
  .object({
    html: z
      .string()
      .check(z.meta({ description: 'Sanitised HTML, as the review page shows the body' })),
  })
  .check(z.meta({ id: 'RenderedBody' }));

const render = createRoute({
  method: 'post',
  path: '/reviews/{id}/render',
  request: {
    params: z.object({
      id: z
        .string()
        .check(z.minLength(1), z.maxLength(64))
        .check(z.meta({ param: { name: 'id', in: 'path' }, example: 'rev_3f9a1c0d5e7b2a64' })),
    }),
    body: { required: true, content: { 'application/json': { schema: RenderBody } } },
  },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reviews'],
    summary: 'Render a body as readers will see it',
    description:
      'The editor’s live preview: renders Markdown with the pipeline the published page uses (the same sanitiser, and `![alt](image:ID)` resolved against this review’s ready photos). Stores nothing. The review’s author or an admin.',
    security: bearerSecurity,
    responses: {
      200: {
        description: 'The rendered body',
        headers: privateNoStore,
        content: { 'application/json': { schema: RenderedSchema } },
      },
      ...problemResponses(400, 401, 404),
    },
  }),
});

/** The editor's live preview: Markdown in, the reader page's HTML out. */
export function reviewRenderRoutes(services: Pick<Services, 'images' | 'currentUser'>) {
  const router = createRouter();
  router.use('/reviews/:id/render', requireUser(services.currentUser));
  router.openapi(render, async (c) => {
    // Listing the photos also checks that the caller may see the review (404 otherwise).
    const images = await services.images.list(c.get('user'), c.req.valid('param').id);
    const ready = new Map<string, PublicImage>();
    for (const image of images) {
      const view = publicImageOf(image);
      if (view) ready.set(image.id, view);
    }
    c.header('Cache-Control', 'private, no-store');
    return c.json({ html: renderMarkdown(c.req.valid('json').body, ready) }, 200);
  });
  return router;
}
