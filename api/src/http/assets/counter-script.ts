import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import { ifNoneMatchMatches } from '../../domain/etag.js';
import { createRouter } from '../validation.js';
import { COUNTER_SCRIPT } from './counter-bundle.js';

/** The script's ETag: a hash of its bytes, so a new build is a new tag. */
export const COUNTER_SCRIPT_ETAG = `"${createHash('sha256').update(COUNTER_SCRIPT).digest('base64url').slice(0, 22)}"`;

/**
 * Five minutes: `/counter.js` is the stable URL every embed points at, so a new version must
 * reach pages soon; between versions the ETag makes each revalidation a 304.
 */
export const COUNTER_SCRIPT_CACHE_CONTROL = 'public, max-age=300';

const headers = {
  'Cache-Control': {
    schema: { type: 'string' as const },
    description: COUNTER_SCRIPT_CACHE_CONTROL,
  },
  ETag: { schema: { type: 'string' as const } },
};

const counterScript = createRoute({
  method: 'get',
  path: '/counter.js',
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Visitor counter'],
    summary: 'The embeddable counter script',
    description:
      'At most 1 KB gzipped. `<script src="…/counter.js" data-counter="default" data-key="shk_…" defer></script>` counts the visit and shows the total in `[data-shutter-count]` elements (or a span it inserts after itself); `<shutter-counter counter="…" key="…">` is the same as a custom element. It sends the key as a `text/plain` body (no CORS preflight), uses `sendBeacon` with `data-show="false"`, and counts nothing under Global Privacy Control or Do Not Track.',
    responses: {
      200: {
        description: 'The script',
        headers,
        content: { 'text/javascript': { schema: z.string() } },
      },
      304: { description: 'Not modified (`If-None-Match`)', headers },
    },
  }),
});

/** `/counter.js`, served from memory with a short public cache and an ETag. */
export function counterScriptRoutes() {
  const router = createRouter();
  router.openapi(counterScript, (c) => {
    c.header('Cache-Control', COUNTER_SCRIPT_CACHE_CONTROL);
    c.header('ETag', COUNTER_SCRIPT_ETAG);
    if (ifNoneMatchMatches(c.req.header('if-none-match'), COUNTER_SCRIPT_ETAG)) {
      return c.body(null, 304) as never;
    }
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(COUNTER_SCRIPT, 200) as never;
  });
  return router;
}
