import { createRoute, z } from '@hono/zod-openapi';
import { COUNTER_ID_PATTERN, DAILY_HISTORY_DAYS } from '../../domain/counter.js';
import type { AppOptions } from '../app-env.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { visitExample } from '../schemas/examples.js';
import { createRouter } from '../validation.js';
import type { Services } from '../../services/service-types.js';

const CounterIdParam = z.object({
  counterId: z
    .string()
    .regex(
      COUNTER_ID_PATTERN,
      '1–64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
    )
    .openapi({ param: { name: 'counterId', in: 'path' }, example: 'default' }),
});

const ApiKeyHeader = z.object({
  'x-api-key': z
    .string()
    .optional()
    .openapi({
      param: { name: 'x-api-key', in: 'header', required: true },
      description: 'An API key whose scope covers the counter.',
    }),
});

const DayTotalsSchema = z
  .object({
    date: z.string().openapi({ example: '2026-11-21', description: 'UTC day' }),
    count: z.number().int().openapi({ example: 42 }),
    uniqueVisitors: z.number().int().openapi({ example: 17 }),
  })
  .openapi('DayTotals');

const VisitResultSchema = z
  .object({
    id: z.string().openapi({ example: 'default' }),
    count: z.number().int().openapi({ example: 1234 }),
    today: DayTotalsSchema,
  })
  .openapi('VisitResult');

const CounterViewSchema = VisitResultSchema.extend({
  daily: z
    .array(DayTotalsSchema)
    .openapi({ description: `The last ${DAILY_HISTORY_DAYS} UTC days, oldest first.` }),
}).openapi('Counter');

const security = [{ apiKey: [] }];
const noStore = {
  'Cache-Control': { schema: { type: 'string' as const }, description: 'no-store' },
};

const recordVisit = createRoute({
  method: 'post',
  path: '/visits/{counterId}',
  tags: ['Visitor counter'],
  summary: 'Count one visit',
  description:
    'Adds one visit atomically, creating the counter when missing, and returns the total and today’s unique visitors.',
  security,
  request: { params: CounterIdParam, headers: ApiKeyHeader },
  responses: {
    200: {
      description: 'The visit was counted',
      headers: noStore,
      content: { 'application/json': { schema: VisitResultSchema, example: visitExample } },
    },
    ...problemResponses(400, 401, 403, 429),
  },
});

const readCounter = createRoute({
  method: 'get',
  path: '/visits/{counterId}',
  tags: ['Visitor counter'],
  summary: 'Read a counter',
  description: `Reads a counter without counting, with daily counts for the last ${DAILY_HISTORY_DAYS} days.`,
  security,
  request: { params: CounterIdParam, headers: ApiKeyHeader },
  responses: {
    200: {
      description: 'The counter',
      headers: noStore,
      content: { 'application/json': { schema: CounterViewSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 429),
  },
});

/** The visitor counter: validate the id, authorise the key for it, count, serialise. */
export function visitsRoutes(
  services: Pick<Services, 'counters' | 'apiKeys'>,
  options: AppOptions,
) {
  const router = createRouter();
  router.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
    description: 'A visitor-counter API key (`shk_…`), scoped to counter ids.',
  });
  const clientIp = options.clientIp ?? (() => undefined);

  router.openapi(recordVisit, async (c) => {
    const { counterId } = c.req.valid('param');
    await services.apiKeys.authorize(c.req.valid('header')['x-api-key'], counterId);
    const result = await services.counters.recordVisit(counterId, {
      ip: clientIp(c) ?? 'unknown',
      userAgent: c.req.header('user-agent') ?? '',
    });
    c.header('Cache-Control', 'no-store');
    return c.json(result, 200);
  });

  router.openapi(readCounter, async (c) => {
    const { counterId } = c.req.valid('param');
    await services.apiKeys.authorize(c.req.valid('header')['x-api-key'], counterId);
    const view = await services.counters.getCounter(counterId);
    c.header('Cache-Control', 'no-store');
    return c.json(view, 200);
  });

  return router;
}
