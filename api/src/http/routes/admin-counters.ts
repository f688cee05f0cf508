import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import { COUNTER_ID_PATTERN } from '../../domain/counter.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Services } from '../../services/service-types.js';
import { requireRole } from '../middleware/require-role.js';
import { requireUser } from '../middleware/require-user.js';
import {
  bearerSecurity,
  privateNoStore,
  registerBearerScheme,
} from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { createRouter } from '../validation.js';

const CounterIdParam = z.object({
  counterId: z
    .string()
    .check(z.regex(COUNTER_ID_PATTERN, '1–64 characters of a-z, 0-9, ".", "_" or "-"'))
    .check(z.meta({ param: { name: 'counterId', in: 'path' }, example: 'default' })),
});

const DaySchema = z.object({
  date: z.string().check(z.meta({ example: '2026-11-21' })),
  count: z.int(),
  uniqueVisitors: z.int(),
});

const AdminCounterSchema = z
  .object({
    id: z.string().check(z.meta({ example: 'default' })),
    count: z.int(),
    public: z.boolean().check(z.meta({ description: 'Whether its badges answer without a key' })),
    daily: z.array(DaySchema).check(z.meta({ description: 'Recent UTC days, oldest first' })),
  })
  .check(z.meta({ id: 'AdminCounter' }));

const PublicBody = z
  .strictObject({ public: z.boolean() })
  .check(z.meta({ id: 'CounterPublicRequest' }));

/**
 * Counters for the admins' console, with a bearer token rather than an API key: the totals and
 * daily history to chart, and the public flag (as `npm run keys -- public ID` sets it).
 */
export function adminCountersRoutes(
  services: Pick<Services, 'counters' | 'publicCounters' | 'currentUser'>,
) {
  const router = createRouter();
  registerBearerScheme(router);
  const middleware = [requireUser(services.currentUser), requireRole('admin')];
  const common = { tags: ['Visitor counter'], security: bearerSecurity, middleware };

  const isPublic = async (id: string) => {
    try {
      await services.publicCounters.publicTotal(id);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  };

  const read = createRoute({
    ...common,
    method: 'get',
    path: '/counters/{counterId}',
    request: { params: CounterIdParam },
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'A counter, for admins',
      description:
        'Its total, daily visits and unique visitors, and whether it is public (admins only). A counter never visited does not exist yet: 404.',
      responses: {
        200: {
          description: 'The counter',
          headers: privateNoStore,
          content: { 'application/json': { schema: AdminCounterSchema } },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
  });
  router.openapi(read, async (c) => {
    const { counterId } = c.req.valid('param');
    const [view, open] = await Promise.all([
      services.counters.getCounter(counterId),
      isPublic(counterId),
    ]);
    return c.json({ id: view.id, count: view.count, public: open, daily: view.daily }, 200);
  });

  const setPublic = createRoute({
    ...common,
    method: 'put',
    path: '/counters/{counterId}/public',
    request: {
      params: CounterIdParam,
      body: { required: true, content: { 'application/json': { schema: PublicBody } } },
    },
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'Mark a counter public or private',
      description: 'A public counter’s badges answer without an API key (admins only).',
      responses: {
        200: {
          description: 'The new setting',
          headers: privateNoStore,
          content: {
            'application/json': {
              schema: z
                .object({ id: z.string(), public: z.boolean() })
                .check(z.meta({ id: 'CounterPublic' })),
            },
          },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
  });
  router.openapi(setPublic, async (c) => {
    const { counterId } = c.req.valid('param');
    return c.json(
      await services.publicCounters.setPublic(counterId, c.req.valid('json').public),
      200,
    );
  });
  return router;
}
