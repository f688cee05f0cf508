import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import { NotFoundError } from '../../domain/errors.js';
import { createRouter } from '../validation.js';

/**
 * Only this origin may supply anything, and nothing may be inline: the page is two scripts, one
 * stylesheet and an icon, all served below. `data:` images are the icons inside Swagger UI's CSS.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Assets are named by their content hash, so they can be cached for a year and never go stale. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

// Relative URLs throughout, so the page works under an API Gateway stage prefix (`/pro/docs`).
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: new URL('openapi.json', document.baseURI).href,
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  png: 'image/png',
};

interface Asset {
  body: Uint8Array;
  contentType: string;
}

interface DocsPage {
  html: string;
  assets: Map<string, Asset>;
}

/** `swagger-ui.css` → `swagger-ui.1a2b3c4d5e6f.css`. */
function hashedName(name: string, body: Uint8Array): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

/**
 * Reads Swagger UI's files once from the installed `swagger-ui-dist` package (no CDN) and
 * builds the page that loads them.
 */
function loadDocsPage(): DocsPage {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('swagger-ui-dist/package.json'));
  const read = (file: string) =>
    // The source maps are not served, so the comments pointing at them are dropped.
    readFileSync(join(dist, file), 'utf8').replace(/\n\/[/*]# sourceMappingURL=.*$/gm, '');
  const sources: Array<[string, Uint8Array]> = [
    ['swagger-ui-bundle.js', Buffer.from(read('swagger-ui-bundle.js'))],
    ['swagger-ui.css', Buffer.from(read('swagger-ui.css'))],
    ['favicon-32x32.png', readFileSync(join(dist, 'favicon-32x32.png'))],
    ['init.js', Buffer.from(INIT_SCRIPT)],
  ];
  const assets = new Map<string, Asset>();
  const url: Record<string, string> = {};
  for (const [name, body] of sources) {
    const hashed = hashedName(name, body);
    const extension = name.slice(name.lastIndexOf('.') + 1);
    assets.set(hashed, { body, contentType: CONTENT_TYPES[extension]! });
    url[name] = `docs/assets/${hashed}`;
  }
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Shutter API reference</title>
    <link rel="icon" type="image/png" href="${url['favicon-32x32.png']}" />
    <link rel="stylesheet" href="${url['swagger-ui.css']}" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${url['swagger-ui-bundle.js']}"></script>
    <script src="${url['init.js']}"></script>
  </body>
</html>
`;
  return { html, assets };
}

const docsPage = createRoute({
  method: 'get',
  path: '/docs',
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Operations'],
    summary: 'Interactive API reference',
    description:
      'Swagger UI over `/openapi.json`, every asset served by this server (no CDN) under a Content-Security-Policy that allows only this origin.',
    responses: {
      200: {
        description: 'The HTML page',
        headers: {
          'Content-Security-Policy': {
            schema: { type: 'string' as const },
            description: DOCS_CONTENT_SECURITY_POLICY,
          },
        },
        content: { 'text/html': { schema: z.string() } },
      },
    },
  }),
});

const docsAsset = createRoute({
  method: 'get',
  path: '/docs/assets/{file}',
  // An implementation detail of the page: the names change with every release of Swagger UI.,
  hide: true,
  request: {
    params: z.object({
      file: z.string().check(z.maxLength(100), z.regex(/^[a-z0-9.-]+$/, 'an asset name')),
    }),
  },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    responses: { 200: { description: 'The asset' } },
  }),
});

/** `GET /docs` and the files it loads, read from disk on first use and kept in memory. */
export function docsRoutes() {
  const router = createRouter();
  let page: DocsPage | undefined;
  const load = () => (page ??= loadDocsPage());

  router.openapi(docsPage, (c) => {
    c.header('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    // Revalidated each time, so a new release's asset names are picked up at once.
    c.header('Cache-Control', 'no-cache');
    return c.html(load().html, 200);
  });

  router.openapi(docsAsset, (c) => {
    const asset = load().assets.get(c.req.valid('param').file);
    if (!asset) throw new NotFoundError('No such asset; reload /docs');
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': asset.contentType,
      'Cache-Control': ASSET_CACHE_CONTROL,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  return router;
}
