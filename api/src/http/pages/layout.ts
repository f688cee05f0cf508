import { raw } from 'hono/html';
import { html } from './html.js';
import type { HtmlEscapedString } from 'hono/utils/html';
import { ASSETS } from './assets.js';

/** The site's name, in titles, Open Graph and the feed. */
export const SITE_NAME = 'Shutter';

/**
 * What a reader page may load: only this origin (styles, the island, images, the visit counter's
 * calls), no inline script or style, no plugins, forms back to this origin only, never framed.
 * JSON-LD is a data block, which script-src does not govern.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export type Section = 'reviews' | 'cameras' | 'compare';

/** What every page of one request shares: where the feed is, and the key pages count with. */
export interface SiteContext {
  /** Absolute URL of the Atom feed. */
  feed: string;
  /** The site key `/counter.js` counts with; absent where the process cannot read it. */
  siteKey?: string;
}

/** What search engines and link previews read from a page's head. */
export interface PageMeta {
  title: string;
  description: string;
  /** The absolute, canonical URL of the page. */
  canonical: string;
  /** `article` for a review, `website` for the rest. */
  type: 'website' | 'article';
  /** An absolute image URL for link previews (the review's hero photo). */
  image?: { url: string; alt: string };
  /** Structured data (schema.org), written as JSON-LD. */
  jsonLd?: unknown;
  /** Pages that only vary a list (a second page of results) stay out of the index. */
  noindex?: boolean;
  /** Absolute URL of the Atom feed, announced on every page. */
  feed: string;
}

/**
 * JSON for a `<script>` data block: `<` escaped, so no string in it can close the element, and
 * U+2028/2029 escaped for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function head(meta: PageMeta): HtmlEscapedString {
  const title = meta.title === SITE_NAME ? SITE_NAME : `${meta.title} · ${SITE_NAME}`;
  return html`<meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <meta name="description" content="${meta.description}" />
    <link rel="canonical" href="${meta.canonical}" />
    ${meta.noindex ? html`<meta name="robots" content="noindex, follow" />` : ''}
    <meta property="og:site_name" content="${SITE_NAME}" />
    <meta property="og:type" content="${meta.type}" />
    <meta property="og:title" content="${meta.title}" />
    <meta property="og:description" content="${meta.description}" />
    <meta property="og:url" content="${meta.canonical}" />
    ${meta.image ? html`<meta property="og:image" content="${meta.image.url}" /><meta property="og:image:alt" content="${meta.image.alt}" />` : ''}
    <meta name="twitter:card" content="${meta.image ? 'summary_large_image' : 'summary'}" />
    <meta name="twitter:title" content="${meta.title}" />
    <meta name="twitter:description" content="${meta.description}" />
    ${meta.image ? html`<meta name="twitter:image" content="${meta.image.url}" />` : ''}
    <link
      rel="alternate"
      type="application/atom+xml"
      title="${SITE_NAME}: latest reviews"
      href="${meta.feed}"
    />
    <link rel="icon" href="${ASSETS.icon.path}" type="image/svg+xml" />
    <link rel="stylesheet" href="${ASSETS.css.path}" />
    ${
      meta.jsonLd === undefined
        ? ''
        : html`<script type="application/ld+json">
            ${raw(jsonForScript(meta.jsonLd))}
          </script>`
    }`;
}

const NAV: Array<[Section, string, string]> = [
  ['reviews', '/', 'Reviews'],
  ['cameras', '/cameras', 'Cameras'],
  ['compare', '/compare', 'Compare'],
];

/**
 * A whole reader page: head, header with the site's sections, the main content, a footer, and
 * the island script (deferred; every page works without it).
 */
export function layout(
  meta: PageMeta,
  section: Section | undefined,
  main: HtmlEscapedString,
  extraScripts: HtmlEscapedString | string = '',
): string {
  return `<!doctype html>${html`<html lang="en">
    <head>
      ${head(meta)}
      <script src="${ASSETS.script.path}" defer></script>
      ${extraScripts}
    </head>
    <body>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <div class="wrap">
          <a class="brand" href="/"
            >${raw('<svg aria-hidden="true" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#b3261e"/><circle cx="16" cy="16" r="7" fill="none" stroke="#fff" stroke-width="3"/></svg>')}${SITE_NAME}</a
          >
          <nav aria-label="Sections">
            ${NAV.map(
              ([key, href, label]) =>
                html`<a href="${href}" ${key === section ? html` aria-current="page"` : ''}
                  >${label}</a
                >`,
            )}
          </nav>
        </div>
      </header>
      <main id="main" class="wrap">${main}</main>
      <footer>
        <div class="wrap">
          ${SITE_NAME}: independent camera reviews. <a href="/feed.xml">Atom feed</a> ·
          <a href="/sitemap.xml">Sitemap</a>
        </div>
      </footer>
    </body>
  </html>`}`;
}
