import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import { requireRole } from '../middleware/require-role.js';
import { requireUser } from '../middleware/require-user.js';
import {
  bearerSecurity,
  privateNoStore,
  registerBearerScheme,
} from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { createApiKeyExample, createdApiKeyExample } from '../schemas/examples.js';
import { safeText } from '../schemas/text-schemas.js';
import { createRouter } from '../validation.js';
import { KEY_NAME_MAX } from '../../domain/api-key.js';
import type { Services } from '../../services/service-types.js';

const RateLimitSchema = z
  .object({
    perSecond: z.number().check(z.meta({ example: 20 })),
    burst: z.number().check(z.meta({ example: 60 })),
  })
  .check(z.meta({ id: 'RateLimit' }));

const ApiKeySchema = z
  .object({
    id: z.string().check(z.meta({ example: 'key_3f9a1c0d2b4e6f78' })),
    name: z.string().check(z.meta({ example: 'portfolio site' })),
    scope: z.array(z.string()).check(z.meta({ example: ['default', 'review-*'] })),
    prefix: z
      .string()
      .check(z.meta({ example: 'shk_Xy12ab', description: 'To recognise the key' })),
    rateLimit: RateLimitSchema,
    createdAt: z.string(),
    revokedAt: z.nullable(z.string()),
    lastUsedAt: z.nullable(z.string()),
  })
  .check(z.meta({ id: 'ApiKey' }));

const CreatedApiKeySchema = z
  .extend(ApiKeySchema, {
    key: z.string().check(z.meta({ description: 'The secret: shown only in this response.' })),
  })
  .check(z.meta({ id: 'CreatedApiKey' }));

const CreateApiKeyBody = z
  .strictObject({
    name: safeText(z.string().check(z.trim(), z.minLength(1), z.maxLength(KEY_NAME_MAX))).check(
      z.meta({ example: 'portfolio site' }),
    ),
    scope: z
      .union([
        z.string().check(z.minLength(1), z.maxLength(1000)),
        z
          .array(z.string().check(z.minLength(1), z.maxLength(65)))
          .check(z.minLength(1), z.maxLength(50)),
      ])
      .check(
        z.meta({
          example: ['default', 'review-*'],
          description:
            'Counter ids, prefixes ending in `*`, or `*`; a list or a comma-separated string.',
        }),
      ),
    rateLimit: z.optional(
      z.strictObject({ perSecond: z.optional(z.number()), burst: z.optional(z.number()) }),
    ),
  })
  .check(z.meta({ id: 'CreateApiKeyRequest' }));

const KeyIdParam = z.object({
  id: z
    .string()
    .check(z.minLength(1), z.maxLength(64))
    .check(z.meta({ param: { name: 'id', in: 'path' }, example: 'key_3f9a1c0d2b4e6f78' })),
});

/** Visitor-counter API keys: admins only; the same service as `npm run keys`. */
export function apiKeysRoutes(services: Pick<Services, 'apiKeys' | 'currentUser'>) {
  const router = createRouter();
  registerBearerScheme(router);
  const middleware = [requireUser(services.currentUser), requireRole('admin')];
  const common = { tags: ['API keys'], security: bearerSecurity, middleware };

  const list = createRoute({
    ...common,
    method: 'get',
    path: '/api-keys',
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'List API keys',
      description: 'Every key, newest first, revoked ones included. Secrets are never listed.',
      responses: {
        200: {
          description: 'The keys',
          headers: privateNoStore,
          content: { 'application/json': { schema: z.object({ items: z.array(ApiKeySchema) }) } },
        },
        ...problemResponses(401, 403),
      },
    }),
  });

  const create = createRoute({
    ...common,
    method: 'post',
    path: '/api-keys',
    request: {
      body: {
        required: true,
        content: { 'application/json': { schema: CreateApiKeyBody, example: createApiKeyExample } },
      },
    },
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'Create an API key',
      description: 'The key itself is in this response only; the server keeps its SHA-256.',
      responses: {
        201: {
          description: 'Created',
          headers: privateNoStore,
          content: {
            'application/json': { schema: CreatedApiKeySchema, example: createdApiKeyExample },
          },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
  });

  const revoke = createRoute({
    ...common,
    method: 'delete',
    path: '/api-keys/{id}',
    request: { params: KeyIdParam },
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'Revoke an API key',
      description: 'The key stops working at once; it stays listed with `revokedAt`. Idempotent.',
      responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404) },
    }),
  });

  router.openapi(list, async (c) => c.json({ items: await services.apiKeys.list() }, 200));

  router.openapi(create, async (c) =>
    c.json(await services.apiKeys.create(c.req.valid('json')), 201),
  );

  router.openapi(revoke, async (c) => {
    await services.apiKeys.revoke(c.req.valid('param').id);
    return c.body(null, 204);
  });

  return router;
}
