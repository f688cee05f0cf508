import { html } from './html.js';
import { SITE_NAME } from './layout.js';
import { authorName, type PageSummary } from './page-data.js';

/** The most URLs one sitemap file may list (sitemaps.org); past it, an index of parts. */
export const SITEMAP_MAX_URLS = 50_000;

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A review in the sitemap: where it is and when it last changed. */
export interface CatalogueEntry {
  slug: string;
  updatedAt: string;
}

interface SitemapUrl {
  loc: string;
  lastmod?: string;
}

/** Every URL the sitemap lists: the site's own pages first, then each review, newest first. */
function sitemapUrls(entries: readonly CatalogueEntry[], origin: string): SitemapUrl[] {
  const newest = entries[0]?.updatedAt;
  const site = (path: string): SitemapUrl => ({
    loc: `${origin}${path}`,
    ...(newest ? { lastmod: newest } : {}),
  });
  return [
    site('/'),
    site('/cameras'),
    site('/compare'),
    ...entries.map((e) => ({ loc: `${origin}/review/${e.slug}`, lastmod: e.updatedAt })),
  ];
}

/** How many sitemap parts the catalogue needs; 1 means `/sitemap.xml` is itself the urlset. */
export function sitemapPartCount(entries: readonly CatalogueEntry[], pageSize: number): number {
  return Math.max(1, Math.ceil((entries.length + 3) / pageSize));
}

function urlset(urls: readonly SitemapUrl[]): string {
  return `${XML}${html`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    ${urls.map(
      (u) =>
        html`<url
          ><loc>${u.loc}</loc>${u.lastmod ? html`<lastmod>${u.lastmod}</lastmod>` : ''}</url
        > `,
    )}</urlset
  > `}`;
}

/**
 * `/sitemap.xml`: a urlset while the site has at most `pageSize` URLs; past that a sitemap index
 * whose parts are `/sitemap.xml?part=N` (one path, so one CDN behaviour and one API route serve
 * every part).
 */
export function sitemapXml(
  entries: readonly CatalogueEntry[],
  origin: string,
  pageSize = SITEMAP_MAX_URLS,
): string {
  const parts = sitemapPartCount(entries, pageSize);
  if (parts === 1) return urlset(sitemapUrls(entries, origin));
  const urls = sitemapUrls(entries, origin);
  return `${XML}${html`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    ${Array.from({ length: parts }, (_, i) => {
      const slice = urls.slice(i * pageSize, (i + 1) * pageSize);
      const lastmod = slice.reduce(
        (max, u) => (u.lastmod && u.lastmod > max ? u.lastmod : max),
        '',
      );
      return html`<sitemap
        ><loc>${origin}/sitemap.xml?part=${i + 1}</loc
        >${lastmod ? html`<lastmod>${lastmod}</lastmod>` : ''}</sitemap
      > `;
    })}</sitemapindex
  > `}`;
}

/** Part `part` (from 1) of a split sitemap, or undefined past the last. */
export function sitemapPartXml(
  entries: readonly CatalogueEntry[],
  origin: string,
  part: number,
  pageSize = SITEMAP_MAX_URLS,
): string | undefined {
  if (part < 1 || part > sitemapPartCount(entries, pageSize)) return undefined;
  return urlset(sitemapUrls(entries, origin).slice((part - 1) * pageSize, part * pageSize));
}

/** `/feed.xml`: the latest reviews as an Atom 1.0 feed (RFC 4287). */
export function atomFeed(items: readonly PageSummary[], origin: string): string {
  const updated = items.reduce(
    (max, i) => (i.updatedAt > max ? i.updatedAt : max),
    '1970-01-01T00:00:00.000Z',
  );
  return `${XML}${html`<feed xmlns="http://www.w3.org/2005/Atom">
    <title>${SITE_NAME}: latest camera reviews</title>
    <subtitle>Independent camera reviews with specs, scores, pros and cons.</subtitle>
    <id>${origin}/</id>
    <link rel="self" type="application/atom+xml" href="${origin}/feed.xml" />
    <link rel="alternate" type="text/html" href="${origin}/" />
    <updated>${updated}</updated>
    <author><name>${SITE_NAME}</name></author>
    ${items.map((item) => {
      const author = authorName(item.author);
      const url = `${origin}/review/${item.slug}`;
      return html`<entry>
        <title>${item.title}</title>
        <id>${url}</id>
        <link rel="alternate" type="text/html" href="${url}" />
        <published>${item.publishedAt}</published>
        <updated>${item.updatedAt}</updated>
        ${author ? html`<author><name>${author}</name></author>` : ''}
        <category term="${item.camera.brand}" />
        <summary>${item.summary} Rated ${String(item.rating)}/10.</summary>
      </entry> `;
    })}</feed
  > `}`;
}

/** `/robots.txt`: everything may be crawled; the sitemap says what there is. */
export function robotsTxt(origin: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${origin}/sitemap.xml\n`;
}
