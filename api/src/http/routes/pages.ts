import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import type { Context } from 'hono';
import { html } from '../pages/html.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { SLUG_PATTERN } from '../../domain/review.js';
import type { ContentQuery } from '../../services/content-index/content-query.js';
import type { TaggedRepresentation } from '../../services/content-service.js';
import { createLru } from '../../services/lru.js';
import { etagOf } from '../../services/representation.js';
import type { Services } from '../../services/service-types.js';
import type { AppEnv, AppOptions } from '../app-env.js';
import { ASSETS_BY_FILE, ASSETS_VERSION } from '../pages/assets.js';
import { camerasPage } from '../pages/cameras-page.js';
import { comparePage } from '../pages/compare-page.js';
import { homePage, homeQuery, type HomeState } from '../pages/home-page.js';
import { layout, PAGE_CONTENT_SECURITY_POLICY, type SiteContext } from '../pages/layout.js';
import type {
  CameraList,
  Comparison,
  ContentPage,
  PageDetail,
  PageSummary,
} from '../pages/page-data.js';
import { reviewPage } from '../pages/review-page.js';
import {
  atomFeed,
  robotsTxt,
  sitemapPartXml,
  sitemapXml,
  SITEMAP_MAX_URLS,
  type CatalogueEntry,
} from '../pages/seo-files.js';
import {
  AssetParam,
  ComparePageQuerySchema,
  HomeQuerySchema,
  SitemapQuerySchema,
} from '../schemas/page-schemas.js';
import { SlugParam } from '../schemas/content-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import {
  PUBLIC_CACHE_CONTROL,
  sendPublic,
  sendPublicRedirect,
  type PublicAnswer,
} from '../send-public.js';
import { movedPermanently } from './content.js';
import { createRouter } from '../validation.js';

/**
 * Bump when a template changes what it renders from the same data: every page's ETag changes
 * with it (as it does when an asset changes, through {@link ASSETS_VERSION}).
 */
export const TEMPLATE_VERSION = 'reader-pages.1';
/** Reviews per page of `/`. */
export const HOME_PAGE_SIZE = 24;
/** Related reviews under a review. */
const RELATED = 3;
/** Rendered pages kept, by ETag. */
const PAGE_CACHE_SIZE = 256;
/** Entries of the Atom feed. */
const FEED_SIZE = 50;

const HTML = 'text/html; charset=utf-8';

export interface PagesOptions {
  /** URLs per sitemap file before it splits into an index and parts (tests make it small). */
  sitemapPageSize?: number;
}

const TAG = 'Reader site';
const cacheHeaders = {
  ETag: {
    schema: { type: 'string' as const },
    description: 'Derived from the data’s ETags and the template version',
  },
  'Cache-Control': { schema: { type: 'string' as const }, description: PUBLIC_CACHE_CONTROL },
  'Cache-Tag': {
    schema: { type: 'string' as const },
    description: 'The cache tags of the data the page shows, as on `/content`',
  },
};
const notModified = { description: 'Not modified: the `If-None-Match` tag is current' };
const page = (description: string) => ({
  description,
  headers: {
    ...cacheHeaders,
    'Content-Security-Policy': {
      schema: { type: 'string' as const },
      description: PAGE_CONTENT_SECURITY_POLICY,
    },
  },
  content: { 'text/html': { schema: z.string() } },
});
const htmlNotFound = {
  description: 'No such published review: an HTML page saying so',
  content: { 'text/html': { schema: z.string() } },
};

const homeRoute = createRoute({
  method: 'get',
  path: '/',
  request: { query: HomeQuerySchema },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: [TAG],
    summary: 'The reader site: latest reviews, search and filters',
    description:
      'Server-rendered HTML. Every filter is a query parameter (a plain GET form), so any view can be shared and works without JavaScript; with it, results update as the reader types.',
    responses: { 200: page('The page'), 304: notModified, ...problemResponses(400) },
  }),
});

const reviewRoute = createRoute({
  method: 'get',
  path: '/review/{slug}',
  request: { params: SlugParam },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: [TAG],
    summary: 'One review as a page',
    description:
      'The rendered review, its specs, a chart of its scores, pros and cons and related reviews, with Open Graph tags and schema.org `Review` JSON-LD.',
    responses: {
      200: page('The page'),
      301: movedPermanently('/review/{new-slug}'),
      304: notModified,
      404: htmlNotFound,
    },
  }),
});

const compareRoute = createRoute({
  method: 'get',
  path: '/compare',
  request: { query: ComparePageQuerySchema },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: [TAG],
    summary: 'Compare 2 to 4 cameras side by side (or pick them)',
    responses: {
      200: page('The comparison, or the picker'),
      304: notModified,
      ...problemResponses(400),
      404: htmlNotFound,
    },
  }),
});

const camerasRoute = createRoute({
  method: 'get',
  path: '/cameras',
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: [TAG],
    summary: 'Every reviewed camera with its average rating',
    responses: { 200: page('The page'), 304: notModified },
  }),
});

const sitemapRoute = createRoute({
  method: 'get',
  path: '/sitemap.xml',
  request: { query: SitemapQuerySchema },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: [TAG],
    summary: 'Sitemap (sitemaps.org)',
    description:
      'Every review and the site’s pages. Past 50,000 URLs, a sitemap index whose parts are `/sitemap.xml?part=N`.',
    responses: {
      200: {
        description: 'A urlset, or a sitemap index',
        headers: cacheHeaders,
        content: { 'application/xml': { schema: z.string() } },
      },
      304: notModified,
      ...problemResponses(400, 404),
    },
  }),
});

const feedRoute = createRoute({
  method: 'get',
  path: '/feed.xml',
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: [TAG],
    summary: 'The latest 50 reviews as an Atom feed',
    responses: {
      200: {
        description: 'Atom 1.0',
        headers: cacheHeaders,
        content: { 'application/atom+xml': { schema: z.string() } },
      },
      304: notModified,
    },
  }),
});

const robotsRoute = createRoute({
  method: 'get',
  path: '/robots.txt',
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: [TAG],
    summary: 'Crawling rules: everything allowed; where the sitemap is',
    responses: {
      200: {
        description: 'robots.txt',
        headers: cacheHeaders,
        content: { 'text/plain': { schema: z.string() } },
      },
      304: notModified,
    },
  }),
});

const assetRoute = createRoute({
  method: 'get',
  path: '/assets/{file}',
  // The pages' stylesheet, script and icon: content-hashed names that change with each release.,
  hide: true,
  request: { params: AssetParam },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    responses: { 200: { description: 'The asset' } },
  }),
});

const parse = <T>(representation: TaggedRepresentation): T => JSON.parse(representation.json) as T;

/** The slugs of `/compare`, however given: `a,b`, `slugs=a&slugs=b`, or both. */
function compareSlugs(raw: string | string[] | undefined): string[] {
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The reader site: server-rendered pages over the content service's answers. A page is cached
 * like `/content` (same headers, 304, Cache-Tag): its ETag is derived from the ETags of the data
 * it shows, the public origin and the template and asset versions, so a 304 costs no rendering,
 * and a rendered page is kept by its ETag until the data changes.
 */
export function pagesRoutes(
  services: Pick<Services, 'content'> & Partial<Pick<Services, 'siteCounter'>>,
  options: Pick<AppOptions, 'publicUrl'> = {},
  { sitemapPageSize = SITEMAP_MAX_URLS }: PagesOptions = {},
) {
  const router = createRouter();
  const rendered = createLru<string>(PAGE_CACHE_SIZE);
  const { content } = services;

  const originOf = (c: Context<AppEnv>) =>
    (options.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');

  /** The request's origin and what its pages share (the feed, the key pages count with). */
  async function siteOf(c: Context<AppEnv>): Promise<{ origin: string; site: SiteContext }> {
    const origin = originOf(c);
    const siteKey = await services.siteCounter?.key();
    return { origin, site: { feed: `${origin}/feed.xml`, ...(siteKey ? { siteKey } : {}) } };
  }

  /** The answer of a page built from some representations, named by what made it. */
  function answerOf(
    { origin, site }: { origin: string; site: SiteContext },
    key: unknown,
    parts: readonly TaggedRepresentation[],
  ) {
    return {
      etag: etagOf(
        JSON.stringify([
          TEMPLATE_VERSION,
          ASSETS_VERSION,
          origin,
          site.siteKey ?? '',
          key,
          parts.map((p) => p.etag),
        ]),
      ),
      tags: [...new Set(parts.flatMap((p) => p.tags))],
    } satisfies PublicAnswer;
  }

  /** Sends a page: 304 when current, else the cached or freshly rendered body. */
  function send(
    c: Context<AppEnv>,
    answer: PublicAnswer,
    contentType: string,
    render: () => string,
  ): Response {
    if (contentType === HTML) c.header('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY);
    return sendPublic(c, answer, contentType, () => {
      let body = rendered.get(answer.etag);
      if (body === undefined) {
        body = render();
        rendered.set(answer.etag, body);
      }
      return body;
    });
  }

  function notFound(c: Context<AppEnv>, message: string, origin: string): Response {
    c.header('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY);
    c.header('Cache-Control', 'no-cache');
    const body = layout(
      {
        title: 'Not found',
        description: message,
        canonical: `${origin}${new URL(c.req.url).pathname}`,
        type: 'website',
        noindex: true,
        feed: `${origin}/feed.xml`,
      },
      undefined,
      html`<h1>Not found</h1>
        <p class="lead">${message}</p>
        <p><a href="/">See the latest reviews</a></p>`,
    );
    return c.html(body, 404);
  }

  router.openapi(homeRoute, async (c) => {
    const ctx = await siteOf(c);
    const { origin, site } = ctx;
    const state: HomeState = c.req.valid('query');
    const query: ContentQuery = { ...state, limit: HOME_PAGE_SIZE } as ContentQuery;
    const list = await content.list(query);
    return send(c, answerOf(ctx, ['home', homeQuery(state)], [list]), HTML, () =>
      homePage(state, parse<ContentPage>(list), origin, site),
    ) as never;
  });

  router.openapi(reviewRoute, async (c) => {
    const ctx = await siteOf(c);
    const { origin, site } = ctx;
    const { slug } = c.req.valid('param');
    let detail: TaggedRepresentation;
    try {
      const found = await content.resolve(slug);
      if (found.kind === 'redirect') {
        return sendPublicRedirect(c, `/review/${found.to}`, found.tags) as never;
      }
      detail = found.representation;
    } catch (error) {
      if (error instanceof NotFoundError) {
        return notFound(c, 'No published review has this address.', origin) as never;
      }
      throw error;
    }
    const parsed = parse<PageDetail>(detail);
    // Related: the same brand first, then the same type, newest first.
    const parts = [detail];
    const related: PageSummary[] = [];
    const add = async (query: ContentQuery) => {
      const list = await content.list(query);
      parts.push(list);
      for (const item of parse<ContentPage>(list).items as PageSummary[]) {
        if (
          related.length < RELATED &&
          item.slug !== slug &&
          !related.some((r) => r.slug === item.slug)
        ) {
          related.push(item);
        }
      }
    };
    await add({ brand: parsed.camera.brand, limit: RELATED + 1 });
    if (related.length < RELATED) await add({ type: parsed.camera.type, limit: RELATED * 2 + 1 });
    return send(c, answerOf(ctx, ['review', slug], parts), HTML, () =>
      reviewPage(parsed, related, origin, site),
    ) as never;
  });

  router.openapi(compareRoute, async (c) => {
    const ctx = await siteOf(c);
    const { origin, site } = ctx;
    const slugs = compareSlugs(c.req.valid('query').slugs);
    if (slugs.length > 4 || slugs.some((s) => s.length > 100 || !SLUG_PATTERN.test(s))) {
      throw new ValidationError('Not 2 to 4 review slugs', [
        { field: 'slugs', message: 'at most 4 review slugs, comma-separated' },
      ]);
    }
    const unique = [...new Set(slugs)];
    if (unique.length < 2) {
      const cameras = await content.cameras();
      return send(c, answerOf(ctx, ['picker', unique], [cameras]), HTML, () =>
        comparePage(undefined, parse<CameraList>(cameras), unique, origin, site),
      ) as never;
    }
    let comparison: TaggedRepresentation;
    try {
      comparison = await content.compare(unique);
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(c, error.message, origin) as never;
      throw error;
    }
    return send(c, answerOf(ctx, ['compare', unique], [comparison]), HTML, () =>
      comparePage(parse<Comparison>(comparison), undefined, unique, origin, site),
    ) as never;
  });

  router.openapi(camerasRoute, async (c) => {
    const ctx = await siteOf(c);
    const { origin, site } = ctx;
    const cameras = await content.cameras();
    return send(c, answerOf(ctx, ['cameras'], [cameras]), HTML, () =>
      camerasPage(parse<CameraList>(cameras), origin, site),
    ) as never;
  });

  router.openapi(sitemapRoute, async (c) => {
    const ctx = await siteOf(c);
    const { origin } = ctx;
    const { part } = c.req.valid('query');
    const catalogue = await content.catalogue();
    const entries = () => parse<{ items: CatalogueEntry[] }>(catalogue).items;
    if (part !== undefined) {
      // Rendering decides whether the part exists: parse once, keep the body for the send.
      const body = sitemapPartXml(entries(), origin, part, sitemapPageSize);
      if (body === undefined) throw new NotFoundError(`The sitemap has no part ${part}`);
      return send(
        c,
        answerOf(ctx, ['sitemap', part], [catalogue]),
        'application/xml',
        () => body,
      ) as never;
    }
    return send(c, answerOf(ctx, ['sitemap'], [catalogue]), 'application/xml', () =>
      sitemapXml(entries(), origin, sitemapPageSize),
    ) as never;
  });

  router.openapi(feedRoute, async (c) => {
    const ctx = await siteOf(c);
    const { origin } = ctx;
    const list = await content.list({ sort: 'newest', limit: FEED_SIZE });
    return send(c, answerOf(ctx, ['feed'], [list]), 'application/atom+xml; charset=utf-8', () =>
      atomFeed(parse<ContentPage>(list).items as PageSummary[], origin),
    ) as never;
  });

  router.openapi(robotsRoute, (c) => {
    const body = robotsTxt(originOf(c));
    return send(
      c,
      { etag: etagOf(body), tags: [] },
      'text/plain; charset=utf-8',
      () => body,
    ) as never;
  });

  router.openapi(assetRoute, (c) => {
    const asset = ASSETS_BY_FILE.get(c.req.valid('param').file);
    if (!asset) throw new NotFoundError('No such asset');
    return c.body(asset.body, 200, {
      'Content-Type': asset.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });

  return router;
}
