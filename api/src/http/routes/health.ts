import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import type { AppOptions } from '../app-env.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { createRouter } from '../validation.js';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    version: z.string().check(z.meta({ example: '0.1.0' })),
    uptimeSeconds: z.int(),
  })
  .check(z.meta({ id: 'Health' }));

const health = createRoute({
  method: 'get',
  path: '/health',
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Operations'],
    summary: 'Health',
    description:
      'Answers 200 while the process can serve, and 503 when its storage is gone (the database file was removed under it), so that a load balancer or an operator notices.',
    responses: {
      200: {
        description: 'The service is up',
        content: { 'application/json': { schema: HealthSchema } },
      },
      ...problemResponses(503),
    },
  }),
});

export function healthRoutes(options: AppOptions) {
  const router = createRouter();
  const startedAt = Date.now();
  router.openapi(health, async (c) => {
    c.header('Cache-Control', 'no-store');
    await options.checkHealth?.();
    return c.json(
      {
        status: 'ok' as const,
        version: options.version ?? '0.0.0',
        uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
      },
      200,
    );
  });
  return router;
}
