import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import type { Context } from 'hono';
import { COUNTER_ID_PATTERN, DAILY_HISTORY_DAYS } from '../../domain/counter.js';
import { ForbiddenError, ValidationError } from '../../domain/errors.js';
import { ifNoneMatchMatches } from '../../domain/etag.js';
import type { AppOptions } from '../app-env.js';
import { counterScriptRoutes } from '../assets/counter-script.js';
import { badgeSvg, shieldsEndpoint } from '../badge.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { withMeta } from '../schemas/with-meta.js';
import { visitExample } from '../schemas/examples.js';
import { createRouter, toFieldErrors } from '../validation.js';
import { notCountedReason } from '../visit-consent.js';
import { requestHeader, setResponseHeader } from '../middleware/node-message.js';
import type { Services } from '../../services/service-types.js';

// Request schemas carry their document text through `withMeta` (no check to run per parse):
// every visit is validated against them.
const CounterIdParam = z.object({
  counterId: withMeta(
    z
      .string()
      .check(
        z.regex(
          COUNTER_ID_PATTERN,
          '1–64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
        ),
      ),
    { param: { name: 'counterId', in: 'path' }, example: 'default' },
  ),
});

const ApiKeyHeader = z.object({
  'x-api-key': withMeta(z.optional(z.string()), {
    param: { name: 'x-api-key', in: 'header', required: true },
    description: 'An API key whose scope covers the counter.',
  }),
});

/** The same header, optional: a visit may carry its key in the body instead. */
const VisitKeyHeader = z.object({
  'x-api-key': withMeta(ApiKeyHeader.shape['x-api-key'], {
    param: { name: 'x-api-key', in: 'header', required: false },
    description:
      'An API key whose scope covers the counter; or send it in the body, which a page can do without a CORS preflight.',
  }),
});

const VisitBodySchema = withMeta(
  z.strictObject({
    // Optional like the header: without either, the answer is 401, as for any missing key.
    key: withMeta(z.optional(z.string().check(z.maxLength(200))), {
      example: 'shk_Xy12abQm9yZWRfYmFzZTY0dXJsX2tleQ',
    }),
    optOut: withMeta(z.optional(z.boolean()), {
      description:
        'The page saw Global Privacy Control or Do Not Track (a script cannot send those headers itself): answer the count, count nothing.',
    }),
  }),
  { id: 'VisitKey' },
);

const DayTotalsSchema = z
  .object({
    date: z.string().check(z.meta({ example: '2026-11-21', description: 'UTC day' })),
    count: z.int().check(z.meta({ example: 42 })),
    uniqueVisitors: z.int().check(z.meta({ example: 17 })),
  })
  .check(z.meta({ id: 'DayTotals' }));

const CounterTotalsSchema = z
  .object({
    id: z.string().check(z.meta({ example: 'default' })),
    count: z.int().check(z.meta({ example: 1234 })),
    today: DayTotalsSchema,
  })
  .check(z.meta({ id: 'CounterTotals' }));

const VisitResultSchema = z
  .extend(CounterTotalsSchema, {
    counted: z.boolean().check(
      z.meta({
        description:
          'false when the visit was answered but not counted: Global Privacy Control, Do Not Track, or a bot.',
      }),
    ),
  })
  .check(z.meta({ id: 'VisitResult' }));

const CounterViewSchema = z
  .extend(CounterTotalsSchema, {
    daily: z
      .array(DayTotalsSchema)
      .check(z.meta({ description: `The last ${DAILY_HISTORY_DAYS} UTC days, oldest first.` })),
  })
  .check(z.meta({ id: 'Counter' }));

const security = [{ apiKey: [] }];
const noStore = {
  'Cache-Control': { schema: { type: 'string' as const }, description: 'no-store' },
};

const recordVisit = createRoute({
  method: 'post',
  path: '/visits/{counterId}',
  request: {
    params: CounterIdParam,
    headers: VisitKeyHeader,
    body: {
      required: false,
      content: {
        'text/plain': { schema: VisitBodySchema },
        'application/json': { schema: VisitBodySchema },
      },
    },
  },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Visitor counter'],
    summary: 'Count one visit',
    description:
      'Adds one visit atomically, creating the counter when missing, and returns the total and today’s unique visitors. ' +
      'The key comes in `x-api-key` or in the body, `{"key":"shk_…"}`, sent as `text/plain` so that a page on another origin makes a CORS simple request (no preflight) and `navigator.sendBeacon` can send it. ' +
      'A visitor with Global Privacy Control (`Sec-GPC: 1`) or Do Not Track (`DNT: 1`), and a bot calling from a page, get the count with `counted: false`, and nothing is counted.',
    security,
    responses: {
      200: {
        description: 'The visit was counted, or answered without counting (`counted: false`)',
        headers: noStore,
        content: { 'application/json': { schema: VisitResultSchema, example: visitExample } },
      },
      ...problemResponses(400, 401, 403, 429),
    },
  }),
});

const publicCache = {
  'Cache-Control': {
    schema: { type: 'string' as const },
    description: 'public, max-age=60: a CDN may keep it a minute',
  },
  ETag: { schema: { type: 'string' as const } },
};

const badgeSvgRoute = createRoute({
  method: 'get',
  path: '/visits/{counterId}/badge.svg',
  request: { params: CounterIdParam },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Visitor counter'],
    summary: 'A public counter’s badge (SVG)',
    description:
      'The total as an SVG badge, without a key, for a counter its owner made public (`npm run keys -- public ID`). Any other counter is 404, whether it exists or not.',
    responses: {
      200: {
        description: 'The badge',
        headers: publicCache,
        content: { 'image/svg+xml': { schema: z.string() } },
      },
      304: { description: 'Not modified (`If-None-Match`)', headers: publicCache },
      ...problemResponses(400, 404),
    },
  }),
});

const ShieldsEndpointSchema = z
  .object({
    schemaVersion: z.literal(1),
    label: z.string().check(z.meta({ example: 'visits' })),
    message: z.string().check(z.meta({ example: '1,234' })),
    color: z.string().check(z.meta({ example: 'blue' })),
  })
  .check(z.meta({ id: 'ShieldsEndpoint' }));

const badgeJsonRoute = createRoute({
  method: 'get',
  path: '/visits/{counterId}/badge.json',
  request: { params: CounterIdParam },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Visitor counter'],
    summary: 'A public counter’s badge (shields.io endpoint)',
    description:
      'The total in the shields.io endpoint format (`https://img.shields.io/endpoint?url=…`), without a key, for a public counter; any other counter is 404.',
    responses: {
      200: {
        description: 'The badge data',
        headers: publicCache,
        content: { 'application/json': { schema: ShieldsEndpointSchema } },
      },
      304: { description: 'Not modified (`If-None-Match`)', headers: publicCache },
      ...problemResponses(400, 404),
    },
  }),
});

/**
 * The key and opt-out a visit carries in its body, if it has one; the header stays the default.
 * A JSON body was parsed and validated by the router (`validJson`); a `text/plain` one (what a
 * page sends to avoid a CORS preflight, and `navigator.sendBeacon`) is read here, as JSON too.
 */
async function visitBody(
  c: Context,
  validJson: z.infer<typeof VisitBodySchema>,
): Promise<z.infer<typeof VisitBodySchema> | undefined> {
  // A request without Content-Type has no body (the gate saw to that); the gate also let through
  // only the two declared types.
  const contentType = requestHeader(c, 'content-type');
  if (contentType === undefined) return undefined;
  if (!/^text\/plain\b/i.test(contentType)) return validJson;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await c.req.text());
  } catch {
    throw new ValidationError('The request body is not JSON', [
      { field: '(root)', message: 'send {"key":"shk_…"}' },
    ]);
  }
  const result = VisitBodySchema.safeParse(parsed);
  if (!result.success) {
    throw new ValidationError("The request's body is invalid", toFieldErrors(result.error));
  }
  return result.data;
}

/** A small public answer: `Cache-Control: public, max-age=60`, a strong ETag, 304 on a match. */
function sendBadge(c: Context, body: string, contentType: string): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  c.header('Cache-Control', 'public, max-age=60');
  c.header('ETag', etag);
  if (ifNoneMatchMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  c.header('Content-Type', contentType);
  return c.body(body, 200);
}

const readCounter = createRoute({
  method: 'get',
  path: '/visits/{counterId}',
  request: { params: CounterIdParam, headers: ApiKeyHeader },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Visitor counter'],
    summary: 'Read a counter',
    description: `Reads a counter without counting, with daily counts for the last ${DAILY_HISTORY_DAYS} days.`,
    security,
    responses: {
      200: {
        description: 'The counter',
        headers: noStore,
        content: { 'application/json': { schema: CounterViewSchema } },
      },
      ...problemResponses(400, 401, 403, 404, 429),
    },
  }),
});

/** The visitor counter: validate the id, authorise the key for it, count, serialise. */
export function visitsRoutes(
  services: Pick<Services, 'counters' | 'apiKeys' | 'publicCounters'>,
  options: AppOptions,
) {
  const router = createRouter();
  router.registerComponent('securitySchemes', 'apiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
    description: 'A visitor-counter API key (`shk_…`), scoped to counter ids.',
  });
  const clientIp = options.clientIp ?? (() => undefined);
  // A text/plain visit is a CORS simple request: the browser sends it without asking first, so
  // a page outside SHUTTER_CORS_ORIGINS would count even though it cannot read the answer.
  const anyOrigin = options.corsOrigins.includes('*');
  const allowedOrigins = new Set(options.corsOrigins);
  const originRefused = (origin: string | undefined) =>
    origin !== undefined && !anyOrigin && !allowedOrigins.has(origin);
  // The embeddable script goes with the counter it calls (and so with the visits Lambda).
  router.route('/', counterScriptRoutes());

  router.openapi(recordVisit, async (c) => {
    const { counterId } = c.req.valid('param');
    // Request headers from node's parsed message, the answer's on node's response: a web
    // `Headers` built for either is a visible share of a visit (docs/performance.md).
    if (originRefused(requestHeader(c, 'origin'))) {
      throw new ForbiddenError('This origin may not count visits (SHUTTER_CORS_ORIGINS)');
    }
    const body = await visitBody(c, c.req.valid('json'));
    await services.apiKeys.authorize(c.req.valid('header')['x-api-key'] ?? body?.key, counterId);
    const notCounted = notCountedReason((name) => requestHeader(c, name), body?.optOut);
    const result = notCounted
      ? await services.counters.peekVisit(counterId)
      : await services.counters.recordVisit(counterId, {
          ip: clientIp(c) ?? 'unknown',
          userAgent: requestHeader(c, 'user-agent') ?? '',
        });
    setResponseHeader(c, 'cache-control', 'no-store');
    return c.json({ ...result, counted: notCounted === undefined }, 200);
  });

  router.openapi(badgeSvgRoute, async (c) => {
    const { counterId } = c.req.valid('param');
    const { count } = await services.publicCounters.publicTotal(counterId);
    return sendBadge(c, badgeSvg('visits', count), 'image/svg+xml; charset=utf-8') as never;
  });

  router.openapi(badgeJsonRoute, async (c) => {
    const { counterId } = c.req.valid('param');
    const { count } = await services.publicCounters.publicTotal(counterId);
    return sendBadge(
      c,
      JSON.stringify(shieldsEndpoint('visits', count)),
      'application/json',
    ) as never;
  });

  router.openapi(readCounter, async (c) => {
    const { counterId } = c.req.valid('param');
    await services.apiKeys.authorize(c.req.valid('header')['x-api-key'], counterId);
    const view = await services.counters.getCounter(counterId);
    setResponseHeader(c, 'cache-control', 'no-store');
    return c.json(view, 200);
  });

  return router;
}
