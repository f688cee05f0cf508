import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { createRouter } from '../validation.js';

const documentRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  tags: ['Operations'],
  summary: 'This OpenAPI 3.1 document',
  responses: {
    200: {
      description: 'The OpenAPI document',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
  },
});

/**
 * Serves the OpenAPI document of `app`, generated from the same zod schemas that validate
 * requests. Generated once, on first request, since routes never change after start.
 */
export function openApiRoutes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
    description: 'A visitor-counter API key, scoped to counter ids.',
  });
  let document: string | undefined;
  const router = createRouter();
  router.openapi(documentRoute, (c) => {
    document ??= JSON.stringify(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Shutter API',
          version: '0.1.0',
          description:
            'The backend of RandomCameraReviews: the public content API, the editors’ reviews, accounts and the visitor counter. Errors are RFC 9457 problem+json.',
        },
        servers: [{ url: '/' }],
      }),
    );
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(document, 200, { 'Content-Type': 'application/json' }) as never;
  });
  return router;
}
