import { findAll, findOne, getAttributeValue, textContent } from 'domutils';
import fastXml from 'fast-xml-parser';
import { parseDocument } from 'htmlparser2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import { PAGE_CONTENT_SECURITY_POLICY } from '../../src/http/pages/layout.js';
import { pagesRoutes } from '../../src/http/routes/pages.js';
import { DEMO_REVIEWS } from '../../src/services/demo-review-data.js';
import { loadDemoReviews } from '../../src/services/demo-reviews.js';
import { testUsers } from '../support/fixed-token-resolver.js';
import { reviewRequests } from '../support/review-requests.js';
import { createCapturingLogger } from '../support/silent-logger.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600';
const A7 = 'sony-a7-iv-review';
const Z6 = 'nikon-z6-iii-review';
const R6 = 'canon-eos-r6-mark-ii-review';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  await loadDemoReviews(t.stores.reviews, t.clock);
  await t.materialise();
});
afterEach(() => t.close());

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(path, { headers });
  const body = await res.text();
  expect(res.status, `${path}: ${body.slice(0, 300)}`).toBe(200);
  expect(res.headers.get('cache-control')).toBe(PUBLIC);
  expect(res.headers.get('vary')).toBe('Accept-Encoding');
  expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  return { res, body, etag: res.headers.get('etag')!, tags: res.headers.get('cache-tag') };
}

async function htmlPage(path: string) {
  const result = await page(path);
  expect(result.res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(result.res.headers.get('content-security-policy')).toBe(PAGE_CONTENT_SECURITY_POLICY);
  expect(result.body.startsWith('<!doctype html><html lang="en">')).toBe(true);
  return result;
}

type Element = NonNullable<ReturnType<typeof findOne>>;

/** The page parsed (htmlparser2, as sanitize-html uses): elements found by a predicate. */
function dom(body: string) {
  const root = parseDocument(body).children;
  const matches = (tag: string, attrs: Record<string, string | true>) => (el: Element) =>
    el.name === tag &&
    Object.entries(attrs).every(([k, v]) =>
      v === true ? el.attribs[k] !== undefined : el.attribs[k] === v,
    );
  return {
    all: (tag: string, attrs: Record<string, string | true> = {}, within?: Element) =>
      findAll(matches(tag, attrs), within ? within.children : root),
    one: (tag: string, attrs: Record<string, string | true> = {}, within?: Element) =>
      findOne(matches(tag, attrs), within ? within.children : root),
  };
}
/** An element's text, whitespace collapsed. */
const text = (el: Element | null | undefined) =>
  el ? textContent(el).replace(/\s+/g, ' ').trim() : undefined;

/** The content of `<meta name|property="key">`. */
const meta = (body: string, key: string) => {
  const d = dom(body);
  const el = d.one('meta', { name: key }) ?? d.one('meta', { property: key });
  return el ? getAttributeValue(el, 'content') : undefined;
};
const canonical = (body: string) => dom(body).one('link', { rel: 'canonical' })?.attribs.href;
const jsonLd = (body: string) => {
  const el = dom(body).one('script', { type: 'application/ld+json' });
  return el ? (JSON.parse(textContent(el)) as Record<string, unknown>) : undefined;
};
/** The reviews a page lists as cards, by slug, in order. */
const reviewLinks = (body: string) => {
  const d = dom(body);
  return d
    .all('h3')
    .map((h3) => d.one('a', {}, h3)?.attribs.href)
    .filter((href): href is string => href?.startsWith('/review/') === true)
    .map((href) => href.slice('/review/'.length));
};
/** A table's rows as [header text, cell texts, cell classes]. */
const rows = (table: Element) => {
  const d = dom('');
  return d.all('tr', {}, table).map((tr) => {
    const th = d.one('th', {}, tr);
    const tds = d.all('td', {}, tr);
    return {
      className: tr.attribs.class,
      head: text(th),
      cells: tds.map((td) => text(td)),
      classes: tds.map((td) => td.attribs.class),
    };
  });
};

async function notModified(path: string, etag: string) {
  const res = await t.app.request(path, { headers: { 'If-None-Match': etag } });
  expect(res.status).toBe(304);
  expect(await res.text()).toBe('');
  expect(res.headers.get('etag')).toBe(etag);
}

describe('GET / (the reader home page)', () => {
  it('lists the latest reviews with the public cache headers, the list tag and a 304', async () => {
    const { body, etag, tags } = await htmlPage('/');
    expect(tags).toBe('list');
    expect(reviewLinks(body)).toEqual(DEMO_REVIEWS.map((r) => r.slug).reverse());
    expect(body).toContain('<title>Shutter</title>');
    expect(canonical(body)).toBe('http://localhost/');
    expect(jsonLd(body)).toMatchObject({ '@type': 'WebSite', url: 'http://localhost/' });
    // The home page counts the site total without showing it.
    const key = (await t.services.siteCounter.ensureKey()).key;
    const counted = await htmlPage('/');
    expect(counted.etag).not.toBe(etag);
    expect(dom(counted.body).one('script', { src: '/counter.js' })!.attribs).toMatchObject({
      'data-counter': 'default',
      'data-key': key,
      'data-show': 'false',
    });
    await notModified('/', counted.etag);
  });

  it('searches, filters and sorts from the URL, as a plain GET form sends it (empty fields unset)', async () => {
    const { body } = await htmlPage(
      '/?q=sonny&brand=&type=&sensor=&minRating=&minPrice=&maxPrice=&sort=rating',
    );
    // "sonny" is one typo from "sony"; by rating, the A7 IV (9) comes before the RX100 (7.5).
    const found = reviewLinks(body);
    expect(found[0]).toBe(A7);
    expect(found).toContain('sony-rx100-vii-review');
    const d = dom(body);
    expect(d.one('input', { name: 'q' })!.attribs.value).toBe('sonny');
    expect(d.one('option', { value: 'rating', selected: true })).toBeTruthy();
    expect(d.all('mark').map(text)).toContain('Sony');
    // A filtered view is not a page of its own for search engines.
    expect(meta(body, 'robots')).toBe('noindex, follow');

    const cheap = await htmlPage('/?maxPrice=1000&sort=rating');
    expect(reviewLinks(cheap.body)).toEqual(['ricoh-gr-iiix-review', 'gopro-hero12-black-review']);
    const fullFrame = await htmlPage('/?sensor=full-frame&minRating=9');
    expect(reviewLinks(fullFrame.body).sort()).toEqual([Z6, A7].sort());
    expect(text(dom(fullFrame.body).one('option', { value: 'full-frame', selected: true }))).toBe(
      'Full frame (2)',
    );
  });

  it('gives each view its own ETag, and a new one when the catalogue changes', async () => {
    const all = await htmlPage('/');
    const sony = await htmlPage('/?brand=Sony');
    expect(sony.etag).not.toBe(all.etag);
    expect((await htmlPage('/')).etag).toBe(all.etag);
    await reviewRequests(t).publish('editorA', { title: 'A fresh review of a new camera' });
    const after = await htmlPage('/');
    expect(after.etag).not.toBe(all.etag);
    expect(after.body).toContain('A fresh review of a new camera');
  });

  it('refuses a value that is not one with a 400 problem', async () => {
    const res = await t.app.request('/?minRating=ten');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('GET /review/{slug}', () => {
  it('renders the review with its specs, chart, pros and cons, and related reviews', async () => {
    const { body, etag, tags } = await htmlPage(`/review/${A7}`);
    expect(tags).toBe(`review:${A7},list`);
    const review = DEMO_REVIEWS.find((r) => r.slug === A7)!;
    const d = dom(body);
    expect(text(d.one('h1'))).toBe(review.title);
    expect(d.all('h2').map(text)).toContain('Image quality'); // the stored, rendered body
    const specs = rows(d.one('table', { class: 'specs' })!);
    expect(specs).toContainEqual(
      expect.objectContaining({ head: 'Lens mount', cells: ['Sony E'] }),
    );
    const chart = d.one('svg', { role: 'img', 'aria-labelledby': 'scores-t scores-d' })!;
    expect(text(d.one('title', { id: 'scores-t' }, chart))).toBe('Scores out of 10');
    expect(text(d.one('desc', { id: 'scores-d' }, chart))).toMatch(
      /^Overall 9 out of 10; Image quality 9 out of 10; Autofocus 9 out of 10;/,
    );
    const pros = d.one('section', { class: 'pros' })!;
    expect(d.all('li', {}, pros).map(text)).toEqual(review.pros);
    // Related: the other Sony first.
    expect(reviewLinks(body)[0]).toBe('sony-rx100-vii-review');
    expect(reviewLinks(body)).not.toContain(A7);
    // The visit count: /counter.js counts review-{slug} with the site key and fills the slot.
    const key = (await t.services.siteCounter.ensureKey()).key;
    const withKey = await htmlPage(`/review/${A7}`);
    expect(withKey.etag).not.toBe(etag);
    const counted = dom(withKey.body);
    const script = counted.one('script', { src: '/counter.js' })!;
    expect(script.attribs).toMatchObject({ 'data-counter': `review-${A7}`, 'data-key': key });
    expect(script.attribs['data-show']).toBeUndefined();
    expect(counted.one('span', { 'data-shutter-count': true })).toBeTruthy();
    // Without a site key (none made yet) the page names no counter.
    expect(d.one('script', { src: '/counter.js' })).toBeNull();
    await notModified(`/review/${A7}`, withKey.etag);
  });

  it('carries its title, description, canonical URL, Open Graph and Twitter tags', async () => {
    const { body } = await htmlPage(`/review/${A7}`);
    const review = DEMO_REVIEWS.find((r) => r.slug === A7)!;
    expect(body).toContain(`<title>${review.title} · Shutter</title>`);
    expect(meta(body, 'description')).toBe(review.summary);
    expect(canonical(body)).toBe(`http://localhost/review/${A7}`);
    expect(meta(body, 'og:type')).toBe('article');
    expect(meta(body, 'og:title')).toBe(review.title);
    expect(meta(body, 'og:url')).toBe(`http://localhost/review/${A7}`);
    expect(meta(body, 'twitter:card')).toBe('summary');
  });

  it('describes itself as a schema.org Review of a Product, with its rating and pros and cons', async () => {
    const { body } = await htmlPage(`/review/${A7}`);
    const review = DEMO_REVIEWS.find((r) => r.slug === A7)!;
    const ld = jsonLd(body)!;
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('Review');
    expect(ld.name).toBe(review.title);
    expect(ld.url).toBe(`http://localhost/review/${A7}`);
    expect(ld.datePublished).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(ld.author).toMatchObject({ '@type': expect.stringMatching(/^(Person|Organization)$/) });
    expect(ld.itemReviewed).toMatchObject({
      '@type': 'Product',
      name: 'Sony A7 IV',
      brand: { '@type': 'Brand', name: 'Sony' },
    });
    expect(ld.reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: review.rating,
      bestRating: 10,
      worstRating: 0,
    });
    const list = (items: string[]) => ({
      '@type': 'ItemList',
      itemListElement: items.map((name, i) => ({ '@type': 'ListItem', position: i + 1, name })),
    });
    expect(ld.positiveNotes).toEqual(list(review.pros));
    expect(ld.negativeNotes).toEqual(list(review.cons));
  });

  it('cannot be broken out of by a title: JSON-LD escapes "<", the page escapes HTML', async () => {
    const evil = '</script><script>alert(1)</script> & "quotes"';
    const published = await reviewRequests(t).publish('editorA', { title: `Camera ${evil}` });
    const { body } = await htmlPage(`/review/${published.slug}`);
    expect(body).not.toContain('<script>alert(1)');
    expect(jsonLd(body)!.name).toBe(`Camera ${evil}`);
    expect(body).toContain(
      '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;',
    );
  });

  it('answers an unknown review with a 404 page', async () => {
    const res = await t.app.request('/review/no-such-review');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(text(dom(await res.text()).one('h1'))).toBe('Not found');
  });
});

describe('GET /compare', () => {
  it('puts 2–4 cameras side by side, marks differences and the best, charts every score', async () => {
    const { body, etag, tags } = await htmlPage(`/compare?slugs=${A7},${Z6},${R6}`);
    expect(tags).toBe(`compare,review:${A7},review:${Z6},review:${R6}`);
    const d = dom(body);
    expect(text(d.one('h1'))).toBe('Sony A7 IV, Nikon Z6 III vs Canon EOS R6 Mark II');
    const grid = rows(d.one('table', { class: 'grid' })!);
    // Video: the Z6 III's 9.5 is the best; type (all mirrorless) does not differ.
    expect(grid).toContainEqual({
      className: 'differs',
      head: 'Video (differs)',
      cells: ['8.5', '9.5Best', '8.5'],
      classes: [undefined, 'best', undefined],
    });
    expect(grid).toContainEqual(
      expect.objectContaining({
        className: undefined,
        head: 'Type',
        classes: [undefined, undefined, undefined],
      }),
    );
    const chart = d.one('svg', { role: 'img', 'aria-labelledby': 'cmp-t cmp-d' })!;
    expect(text(d.one('desc', {}, chart))).toContain(
      'Video: Sony A7 IV 8.5, Nikon Z6 III 9.5, Canon EOS R6 Mark II 8.5',
    );
    expect(canonical(body)).toBe(`http://localhost/compare?slugs=${A7},${Z6},${R6}`);
    await notModified(`/compare?slugs=${A7},${Z6},${R6}`, etag);
  });

  it('takes the slugs as the picker form sends them (repeated), too', async () => {
    const repeated = await htmlPage(`/compare?slugs=${A7}&slugs=${Z6}`);
    const commas = await htmlPage(`/compare?slugs=${A7},${Z6}`);
    expect(repeated.etag).toBe(commas.etag);
  });

  it('shows the picker for fewer than two, with the given one ticked', async () => {
    const { body, tags } = await htmlPage(`/compare?slugs=${A7}`);
    expect(tags).toBe('cameras');
    const d = dom(body);
    expect(d.one('input', { name: 'slugs', value: A7 })!.attribs.checked).toBeDefined();
    expect(d.one('input', { name: 'slugs', value: Z6 })!.attribs.checked).toBeUndefined();
  });

  it('answers an unknown slug with a 404 page, and five slugs with a 400', async () => {
    expect((await t.app.request(`/compare?slugs=${A7},nope-nope`)).status).toBe(404);
    const five = await t.app.request(`/compare?slugs=a,b,c,d,e`);
    expect(five.status).toBe(400);
  });
});

describe('GET /cameras', () => {
  it('lists every camera with its average rating, tagged cameras', async () => {
    const { body, tags } = await htmlPage('/cameras');
    expect(tags).toBe('cameras');
    const d = dom(body);
    const table = d.one('table')!;
    expect(d.all('tr', {}, d.one('tbody', {}, table)!)).toHaveLength(12);
    expect(text(d.one('a', { href: `/review/${A7}` }, table))).toBe('Sony A7 IV');
  });
});

const ARRAYS = new Set(['url', 'sitemap', 'entry', 'link']);
/** Parses XML after checking it is well-formed (fast-xml-parser 3, already in the tree). */
const xml = {
  parse(text: string): unknown {
    expect(fastXml.validate(text)).toBe(true);
    return fastXml.parse(text, {
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      arrayMode: (name: string) => ARRAYS.has(name),
    } as never);
  },
};
const W3C_DATETIME = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?$/;
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

interface UrlSet {
  urlset: { '@_xmlns': string; url: Array<{ loc: string; lastmod?: string }> };
}

describe('GET /sitemap.xml', () => {
  it('lists the site and every review with its last change (sitemaps.org urlset)', async () => {
    const { res, body, etag, tags } = await page('/sitemap.xml');
    expect(res.headers.get('content-type')).toBe('application/xml');
    expect(tags).toBe('list');
    expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const doc = xml.parse(body) as UrlSet;
    expect(doc.urlset['@_xmlns']).toBe(SITEMAP_NS);
    const locs = doc.urlset.url.map((u) => u.loc);
    expect(locs.slice(0, 3)).toEqual([
      'http://localhost/',
      'http://localhost/cameras',
      'http://localhost/compare',
    ]);
    expect(locs.slice(3).sort()).toEqual(
      DEMO_REVIEWS.map((r) => `http://localhost/review/${r.slug}`).sort(),
    );
    for (const url of doc.urlset.url) expect(url.lastmod).toMatch(W3C_DATETIME);
    await notModified('/sitemap.xml', etag);
  });

  it('becomes an index of parts past its page size, every URL in exactly one part', async () => {
    const small = createApp(t.services, {
      logger: createCapturingLogger(),
      corsOrigins: ['*'],
      bodyLimitBytes: 1_048_576,
      publicUrl: 'https://shutter.example',
      controllers: [(s, o) => pagesRoutes(s, o, { sitemapPageSize: 4 })],
    });
    const index = xml.parse(await (await small.request('/sitemap.xml')).text()) as {
      sitemapindex: { '@_xmlns': string; sitemap: Array<{ loc: string; lastmod: string }> };
    };
    expect(index.sitemapindex['@_xmlns']).toBe(SITEMAP_NS);
    // 12 reviews + 3 pages = 15 URLs, 4 a part.
    expect(index.sitemapindex.sitemap.map((s) => s.loc)).toEqual(
      [1, 2, 3, 4].map((n) => `https://shutter.example/sitemap.xml?part=${n}`),
    );
    const locs: string[] = [];
    for (const part of index.sitemapindex.sitemap) {
      const res = await small.request(part.loc.replace('https://shutter.example', ''));
      expect(res.status).toBe(200);
      const urls = (xml.parse(await res.text()) as UrlSet).urlset.url;
      expect(urls.length).toBeLessThanOrEqual(4);
      expect(part.lastmod).toBe(
        urls
          .map((u) => u.lastmod!)
          .sort()
          .at(-1),
      );
      locs.push(...urls.map((u) => u.loc));
    }
    expect(locs).toHaveLength(15);
    expect(new Set(locs).size).toBe(15);
    expect((await small.request('/sitemap.xml?part=5')).status).toBe(404);
  });
});

describe('GET /feed.xml', () => {
  it('is an Atom feed of the latest reviews, newest first', async () => {
    const { res, body, tags } = await page('/feed.xml');
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(tags).toBe('list');
    const { feed } = xml.parse(body) as {
      feed: {
        '@_xmlns': string;
        id: string;
        title: string;
        updated: string;
        author: { name: string };
        link: Array<{ '@_rel': string; '@_href': string }>;
        entry: Array<{
          id: string;
          title: string;
          updated: string;
          published: string;
          summary: string;
          link: Array<{ '@_href': string }>;
        }>;
      };
    };
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('http://localhost/');
    expect(feed.title).toBeTruthy();
    expect(feed.author.name).toBe('Shutter');
    expect(feed.updated).toMatch(W3C_DATETIME);
    expect(feed.link.find((l) => l['@_rel'] === 'self')!['@_href']).toBe(
      'http://localhost/feed.xml',
    );
    expect(feed.entry.map((e) => e.id)).toEqual(
      DEMO_REVIEWS.map((r) => `http://localhost/review/${r.slug}`).reverse(),
    );
    for (const entry of feed.entry) {
      expect(entry.title).toBeTruthy();
      expect(entry.updated).toMatch(W3C_DATETIME);
      expect(entry.published).toMatch(W3C_DATETIME);
      expect(entry.link[0]!['@_href']).toBe(entry.id);
    }
    expect(feed.updated).toBe(
      feed.entry
        .map((e) => e.updated)
        .sort()
        .at(-1),
    );
  });
});

describe('GET /robots.txt', () => {
  it('allows everything and points at the sitemap', async () => {
    const { res, body } = await page('/robots.txt');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(body).toBe('User-agent: *\nAllow: /\n\nSitemap: http://localhost/sitemap.xml\n');
  });
});

describe('the public origin', () => {
  it('comes from SHUTTER_PUBLIC_URL when set, and is part of the ETag', async () => {
    const local = await htmlPage(`/review/${A7}`);
    const app = createApp(t.services, {
      logger: createCapturingLogger(),
      corsOrigins: ['*'],
      bodyLimitBytes: 1_048_576,
      publicUrl: 'https://shutter.example',
      controllers: [(s, o) => pagesRoutes(s, o)],
    });
    const res = await app.request(`/review/${A7}`);
    const body = await res.text();
    expect(canonical(body)).toBe(`https://shutter.example/review/${A7}`);
    expect(res.headers.get('etag')).not.toBe(local.etag);
  });
});

describe('GET /assets/{file}', () => {
  it('serves the stylesheet and script under content-hashed names, immutable', async () => {
    const { body } = await htmlPage('/');
    const css = dom(body).one('link', { rel: 'stylesheet' })!.attribs.href!;
    const js = dom(body).one('script', { src: true })!.attribs.src!;
    expect(css).toMatch(/^\/assets\/site\.[0-9a-f]{12}\.css$/);
    expect(js).toMatch(/^\/assets\/reader\.[0-9a-f]{12}\.js$/);
    for (const [path, type] of [
      [css, 'text/css; charset=utf-8'],
      [js, 'text/javascript; charset=utf-8'],
    ] as const) {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect((await t.app.request('/assets/site.000000000000.css')).status).toBe(404);
  });
});

describe('the /content price filter', () => {
  it('keeps cameras within minPrice and maxPrice, inclusive', async () => {
    const res = await t.app.request('/content?minPrice=1599&maxPrice=1699&limit=100');
    const page = (await res.json()) as { items: Array<{ slug: string }> };
    expect(page.items.map((i) => i.slug).sort()).toEqual([
      'fujifilm-x-t5-review',
      'fujifilm-x100vi-review',
    ]);
  });
});
