import * as z from 'zod/mini';
import { createRoute, type Router } from '../router.js';
import { buildOpenApiDocument } from '../openapi/build-openapi-document.js';
import { createRouter } from '../validation.js';

const documentRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Operations'],
    summary: 'This OpenAPI 3.1 document',
    responses: {
      200: {
        description: 'The OpenAPI document',
        headers: {
          'Cache-Control': {
            schema: { type: 'string' as const },
            description: 'public, max-age=300',
          },
        },
        content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
      },
    },
  }),
});

/**
 * Serves the OpenAPI document of `app`, generated from the same zod schemas that validate
 * requests. Generated once, on first request, since routes never change after start.
 */
export function openApiRoutes(app: Router) {
  let document: string | undefined;
  const router = createRouter();
  router.openapi(documentRoute, (c) => {
    document ??= JSON.stringify(buildOpenApiDocument(app));
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(document, 200, { 'Content-Type': 'application/json' }) as never;
  });
  return router;
}
