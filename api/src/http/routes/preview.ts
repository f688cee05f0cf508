import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import type { Context } from 'hono';
import { NotFoundError } from '../../domain/errors.js';
import type { Services } from '../../services/service-types.js';
import type { AppEnv, AppOptions } from '../app-env.js';
import { PreviewNotReadyError } from '../../services/preview-reader.js';
import { PAGE_CONTENT_SECURITY_POLICY } from '../pages/layout.js';
import type { PageDetail } from '../pages/page-data.js';
import { reviewPage } from '../pages/review-page.js';
import { HttpProblemError } from '../problem.js';
import { ContentDetailSchema } from '../schemas/content-response-schemas.js';
import { PreviewTokenParam } from '../schemas/preview-schemas.js';
import { documentedProblem, problemResponses } from '../schemas/problem-schema.js';
import { createRouter } from '../validation.js';

/** Every preview answer, found or not: only the holder of the link sees it, no index keeps it. */
const PREVIEW_HEADERS = {
  'Cache-Control': 'private, no-store',
  'X-Robots-Tag': 'noindex',
  Vary: 'Accept',
} as const;

const headerDocs = {
  'Cache-Control': { schema: { type: 'string' as const }, description: 'private, no-store' },
  'X-Robots-Tag': { schema: { type: 'string' as const }, description: 'noindex' },
};

/** How long a link opened before its first render waits before it asks again (seconds). */
const NOT_READY_RETRY_SECONDS = 2;

const previewRoute = createRoute({
  method: 'get',
  path: '/preview/{token}',
  request: { params: PreviewTokenParam },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Reader site'],
    summary: 'A draft as readers will see it (preview link)',
    description:
      'The current text of the review a preview link (`POST /reviews/{id}/preview`) names, rendered as it will be published: the reader page, or with `Accept: application/json` the same detail JSON as `/content/{slug}`. The content worker renders it when the link is made and after every change of the review (saves, photos, publishing), so for the moment between a save and that job (about a second on AWS) the link still shows the previous render; a link opened before its first render is ready answers 503 (a problem) with `Retry-After`: try again a second or two later. 404 once the link expired or was revoked, or the review was deleted.',
    responses: {
      200: {
        description: 'The draft',
        headers: headerDocs,
        content: {
          'text/html': { schema: z.string() },
          'application/json': { schema: ContentDetailSchema },
        },
      },
      ...problemResponses(400, 404),
      503: {
        ...documentedProblem(503),
        description:
          'The link works but its first render is not stored yet (it was made a moment ago), or a store is busy: try again after `Retry-After` seconds.',
      },
    },
  }),
});

const wantsJson = (c: Context<AppEnv>) => {
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
};

/**
 * What a draft preview link shows: the render the content worker stored for its review (this
 * function renders no Markdown), never cached anywhere, never indexed.
 */
export function previewRoutes(
  services: Pick<Services, 'previews'>,
  options: Pick<AppOptions, 'publicUrl'> = {},
) {
  const router = createRouter();

  router.openapi(previewRoute, async (c) => {
    for (const [name, value] of Object.entries(PREVIEW_HEADERS)) c.header(name, value);
    let doc;
    try {
      doc = await services.previews.open(c.req.valid('param').token);
    } catch (error) {
      if (error instanceof PreviewNotReadyError) {
        // A problem like every other error, for the page as for JSON: the worker stores the
        // render within a second or two of the link being made.
        throw new HttpProblemError(503, 'unavailable', 'Service unavailable', error.message, {
          ...PREVIEW_HEADERS,
          'Retry-After': String(NOT_READY_RETRY_SECONDS),
        });
      }
      if (!(error instanceof NotFoundError)) throw error;
      // A problem like every other 404 of the API, with the same private, unindexed headers.
      throw new HttpProblemError(404, 'not-found', 'Not found', error.message, PREVIEW_HEADERS);
    }
    if (wantsJson(c)) {
      return c.body(doc.json, 200, { 'Content-Type': 'application/json' }) as never;
    }
    c.header('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY);
    const origin = (options.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
    const detail = JSON.parse(doc.json) as PageDetail;
    // No related reviews and no visit counting: a preview is no page view of the site.
    return c.html(reviewPage(detail, [], origin, { feed: `${origin}/feed.xml` }), 200) as never;
  });

  return router;
}
