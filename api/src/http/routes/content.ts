import { createRoute } from '../router.js';
import type { Context } from 'hono';
import type { TaggedRepresentation } from '../../services/content-service.js';
import type { AppEnv } from '../app-env.js';
import { PUBLIC_CACHE_CONTROL, sendPublic, sendPublicRedirect } from '../send-public.js';
import { CompareQuerySchema, ContentQuerySchema, SlugParam } from '../schemas/content-schemas.js';
import {
  CameraListSchema,
  ComparisonSchema,
  ContentDetailSchema,
  ContentPageSchema,
} from '../schemas/content-response-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { contentDetailExample, contentPageExample } from '../schemas/examples.js';
import { createRouter } from '../validation.js';
import type { Services } from '../../services/service-types.js';

export { PUBLIC_CACHE_CONTROL };

const cacheHeaders = {
  ETag: { schema: { type: 'string' as const }, description: 'Hash of the body' },
  'Cache-Control': { schema: { type: 'string' as const }, description: PUBLIC_CACHE_CONTROL },
  Vary: { schema: { type: 'string' as const }, description: 'Accept-Encoding' },
  'Cache-Tag': {
    schema: { type: 'string' as const },
    description:
      'What the response shows, as comma-separated cache tags (`review:<slug>`, `list`, `cameras`, `compare`): a publish purges exactly the tags it changed',
  },
};
const notModified = { description: 'Not modified: the `If-None-Match` tag is current' };
/** The answer for an old slug of a review whose slug an admin changed (its slug history). */
export const movedPermanently = (target: string) => ({
  description: `An old slug of the review: it is served under another now, and \`Location\` (\`${target}\`) names it. For good: the old slug stays the review's.`,
  headers: {
    Location: { schema: { type: 'string' as const }, description: `\`${target}\`` },
    'Cache-Control': { schema: { type: 'string' as const }, description: PUBLIC_CACHE_CONTROL },
    'Cache-Tag': {
      schema: { type: 'string' as const },
      description: 'The old slug’s tag, `review:<old-slug>`',
    },
  },
});
const json = <T>(schema: T, example?: unknown) => ({
  'application/json': { schema, ...(example !== undefined ? { example } : {}) },
});

/** Sends a ready representation (see {@link sendPublic}). */
function send(c: Context<AppEnv>, representation: TaggedRepresentation): Response {
  return sendPublic(c, representation, 'application/json', representation.json);
}

const listContent = createRoute({
  method: 'get',
  path: '/content',
  request: { query: ContentQuerySchema },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Content'],
    summary: 'Search and list published reviews',
    description:
      'Published reviews as summaries, with facet counts over the whole filtered result and an opaque cursor for the next page.',
    responses: {
      200: {
        description: 'One page',
        headers: cacheHeaders,
        content: json(ContentPageSchema, contentPageExample),
      },
      304: notModified,
      ...problemResponses(400),
    },
  }),
});

const compareContent = createRoute({
  method: 'get',
  path: '/content/compare',
  request: { query: CompareQuerySchema },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Content'],
    summary: 'Compare 2 to 4 reviews side by side',
    responses: {
      200: {
        description: 'Specs, scores and the best per category',
        headers: cacheHeaders,
        content: json(ComparisonSchema),
      },
      304: notModified,
      ...problemResponses(400, 404),
    },
  }),
});

const listCameras = createRoute({
  method: 'get',
  path: '/content/cameras',
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Content'],
    summary: 'Cameras with review count and average rating',
    responses: {
      200: {
        description: 'One row per camera',
        headers: cacheHeaders,
        content: json(CameraListSchema),
      },
      304: notModified,
    },
  }),
});

const getContent = createRoute({
  method: 'get',
  path: '/content/{slug}',
  request: { params: SlugParam },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Content'],
    summary: 'Read one published review',
    responses: {
      200: {
        description: 'The review, its body as Markdown and as safe HTML',
        headers: cacheHeaders,
        content: json(ContentDetailSchema, contentDetailExample),
      },
      301: movedPermanently('/content/{new-slug}'),
      304: notModified,
      ...problemResponses(400, 404),
    },
  }),
});

/** The public controller: no credentials, published reviews only, cacheable everywhere. */
export function contentRoutes(services: Pick<Services, 'content'>) {
  const router = createRouter();

  router.openapi(listContent, async (c) => {
    const query = c.req.valid('query');
    return send(c, await services.content.list(query)) as never;
  });

  // Registered before /content/{slug}, which would otherwise take these paths as slugs.
  router.openapi(compareContent, async (c) => {
    const slugs = c.req
      .valid('query')
      .slugs.split(',')
      .map((s) => s.trim());
    return send(c, await services.content.compare(slugs)) as never;
  });

  router.openapi(listCameras, async (c) => send(c, await services.content.cameras()) as never);

  router.openapi(getContent, async (c) => {
    const found = await services.content.resolve(c.req.valid('param').slug);
    if (found.kind === 'redirect') {
      return sendPublicRedirect(c, `/content/${found.to}`, found.tags) as never;
    }
    return send(c, found.representation) as never;
  });

  return router;
}
