import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Review } from '../../src/domain/review.js';
import type {
  CameraRow,
  Comparison,
  ContentPage,
} from '../../src/services/content-index/content-types.js';
import type { ContentDetail } from '../../src/services/content-pipeline/public-detail.js';
import { createInProcessContentWorker } from '../../src/services/content-pipeline/in-process-worker.js';
import { createServices } from '../../src/services/create-services.js';
import { EDITOR_B } from '../support/fixed-token-resolver.js';
import { testUsers } from '../support/fixed-token-resolver.js';
import { publishableBody, reviewInput } from '../support/review-fixtures.js';
import { expectProblem, reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600';

let t: TestApp;
let r: ReturnType<typeof reviewRequests>;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  r = reviewRequests(t);
});
afterEach(() => t.close());

async function get<T>(path: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(path, { headers });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  expect(res.headers.get('cache-control')).toBe(PUBLIC);
  expect(res.headers.get('vary')).toBe('Accept-Encoding');
  expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  return { body: (await res.json()) as T, etag: res.headers.get('etag')!, res };
}

const list = async (query = '') => (await get<ContentPage>(`/content${query}`)).body;
const slugsOf = (page: ContentPage) => page.items.map((i) => i.slug);

/** Four published reviews, one a minute apart, plus editor B's draft. */
async function seed() {
  const reviews: Record<string, Review> = {};
  const add = async (key: string, overrides: Parameters<typeof reviewInput>[0]) => {
    t.clock.advance(60_000);
    reviews[key] = await r.publish('editorA', overrides);
  };
  await add('x100vi', {
    title: 'Fujifilm X100VI review: the pocket classic',
    summary: 'A fixed-lens street camera that finally stabilises its sensor.',
    body: publishableBody('## Handling\n\nThe leaf shutter is whisper quiet.'),
    rating: 8.5,
    scores: { imageQuality: 9, autofocus: 7.5, video: 7, ergonomics: 8.5, value: 7 },
  });
  await add('a7iv', {
    camera: {
      brand: 'Sony',
      model: 'A7 IV',
      type: 'mirrorless',
      sensor: 'full-frame',
      megapixels: 33,
      releaseYear: 2021,
      priceUsd: 2499,
      mount: 'Sony E',
    },
    title: 'Sony A7 IV review: the all-rounder',
    summary: 'Thirty-three megapixels and tracking autofocus that rarely misses.',
    body: publishableBody('## Autofocus\n\nEye detection works for birds and vehicles.'),
    rating: 9,
    scores: { imageQuality: 9, autofocus: 9.5, video: 8.5, ergonomics: 8, value: 8 },
  });
  await add('z6iii', {
    camera: {
      brand: 'Nikon',
      model: 'Z6 III',
      type: 'mirrorless',
      sensor: 'full-frame',
      megapixels: 24.5,
      releaseYear: 2024,
      priceUsd: 2499,
      mount: 'Nikon Z',
    },
    title: 'Nikon Z6 III review',
    summary: 'A partially stacked sensor makes a hybrid that shoots fast.',
    body: publishableBody(
      'The electronic viewfinder is bright; the **partially stacked** sensor reads quickly.',
    ),
    rating: 9,
    scores: { imageQuality: 8.5, autofocus: 9, video: 9.5, ergonomics: 9, value: 8 },
  });
  await add('om1', {
    camera: {
      brand: 'OM System',
      model: 'OM-1 Mark II',
      type: 'mirrorless',
      sensor: 'micro-four-thirds',
      megapixels: 20.4,
      releaseYear: 2024,
      priceUsd: 2399,
      mount: 'Micro Four Thirds',
    },
    title: 'OM System OM-1 Mark II review',
    summary: 'Weather sealing and computational modes for wildlife in the rain.',
    body: publishableBody('Live ND and handheld high-res shot make a small kit do big things.'),
    rating: 7.5,
    scores: { imageQuality: 7, autofocus: 8.5, video: 7.5, ergonomics: 8.5, value: 7.5 },
  });
  t.clock.advance(60_000);
  const draft = await r.create('editorB', {
    camera: {
      brand: 'Secretbrand',
      model: 'Hidden One',
      type: 'dslr',
      sensor: 'one-inch',
      megapixels: 20,
      releaseYear: 2026,
      priceUsd: 999,
      mount: 'fixed',
    },
    title: 'Unreleased zebracorn camera',
    summary: 'An embargoed draft that must never show publicly.',
    body: 'Embargo until launch: zebracorn.',
    rating: 10,
    scores: { imageQuality: 10, autofocus: 10, video: 10, ergonomics: 10, value: 10 },
  });
  return { ...reviews, draft } as Record<'x100vi' | 'a7iv' | 'z6iii' | 'om1' | 'draft', Review>;
}

describe('GET /content', () => {
  it('lists published reviews only, newest first, with facets and a total', async () => {
    const s = await seed();
    const page = await list();
    expect(slugsOf(page)).toEqual([s.om1.slug, s.z6iii.slug, s.a7iv.slug, s.x100vi.slug]);
    expect(page.total).toBe(4);
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]).toEqual({
      slug: s.om1.slug,
      title: s.om1.title,
      summary: s.om1.summary,
      camera: s.om1.camera,
      rating: 7.5,
      scores: s.om1.scores,
      publishedAt: s.om1.publishedAt,
      updatedAt: s.om1.updatedAt,
    });
    expect(page.facets).toEqual({
      brands: [
        { value: 'Fujifilm', count: 1 },
        { value: 'Nikon', count: 1 },
        { value: 'OM System', count: 1 },
        { value: 'Sony', count: 1 },
      ],
      types: [
        { value: 'mirrorless', count: 3 },
        { value: 'compact', count: 1 },
      ],
      sensors: [
        { value: 'full-frame', count: 2 },
        { value: 'aps-c', count: 1 },
        { value: 'micro-four-thirds', count: 1 },
      ],
    });
  });

  it('is empty, not an error, on a new store', async () => {
    const page = await list();
    expect(page).toEqual({
      items: [],
      total: 0,
      facets: { brands: [], types: [], sensors: [] },
      nextCursor: null,
    });
  });

  it('sorts by rating, ties newest first', async () => {
    const s = await seed();
    expect(slugsOf(await list('?sort=rating'))).toEqual([
      s.z6iii.slug,
      s.a7iv.slug,
      s.x100vi.slug,
      s.om1.slug,
    ]);
  });

  it.each([
    ['title', 'classic', 'x100vi'],
    ['summary', 'stabilises', 'x100vi'],
    ['body', 'whisper', 'x100vi'],
    ['brand', 'nikon', 'z6iii'],
    ['model', 'z6', 'z6iii'],
    ['body, in bold', 'stacked', 'z6iii'],
  ] as const)('finds a word of the %s (q=%s)', async (_field, q, key) => {
    const s = await seed();
    expect(slugsOf(await list(`?q=${encodeURIComponent(q)}`))).toEqual([s[key].slug]);
  });

  it('searches by word prefix, case and accents aside, every word required', async () => {
    const s = await seed();
    expect(slugsOf(await list('?q=WHISP'))).toEqual([s.x100vi.slug]);
    expect(slugsOf(await list('?q=Aut%C3%B3focus'))).toEqual([s.a7iv.slug]);
    expect(slugsOf(await list('?q=review%20sony'))).toEqual([s.a7iv.slug]);
    expect(slugsOf(await list('?q=sony%20nikon'))).toEqual([]);
    expect((await list('?q=mirrorless%20zebra')).total).toBe(0);
  });

  it('filters by brand (any case), type, sensor and minimum rating, combined with sort', async () => {
    const s = await seed();
    expect(slugsOf(await list('?brand=sony'))).toEqual([s.a7iv.slug]);
    expect(slugsOf(await list('?type=compact'))).toEqual([s.x100vi.slug]);
    expect(slugsOf(await list('?sensor=full-frame'))).toEqual([s.z6iii.slug, s.a7iv.slug]);
    expect(slugsOf(await list('?minRating=8.5&sort=rating'))).toEqual([
      s.z6iii.slug,
      s.a7iv.slug,
      s.x100vi.slug,
    ]);
    const combined = await list('?type=mirrorless&minRating=8&sort=rating&q=review');
    expect(slugsOf(combined)).toEqual([s.z6iii.slug, s.a7iv.slug]);
    expect(combined.facets).toEqual({
      brands: [
        { value: 'Nikon', count: 1 },
        { value: 'Sony', count: 1 },
      ],
      // Disjunctive: the type facet ignores the type filter (it still applies q and minRating), so
      // a reader filtering by mirrorless sees how many compacts the other choice would give.
      types: [
        { value: 'mirrorless', count: 2 },
        { value: 'compact', count: 1 },
      ],
      sensors: [{ value: 'full-frame', count: 2 }],
    });
  });

  it.each(['newest', 'rating'])(
    'pages (sort=%s) without repeats or gaps while reviews are published between pages',
    async (sort) => {
      const before: Review[] = [];
      for (let i = 0; i < 7; i++) {
        t.clock.advance(1000);
        before.push(
          await r.publish('editorA', { title: `Paged review ${i}`, rating: 5 + (i % 3) }),
        );
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let round = 0;
      do {
        const page: ContentPage = await list(
          `?sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        seen.push(...slugsOf(page));
        cursor = page.nextCursor;
        t.clock.advance(1000);
        // Someone publishes between every two page requests: a top-rated and a newest review.
        await r.publish('editorB', { title: `Interloper ${round++}`, rating: 10 });
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      for (const review of before) expect(seen).toContain(review.slug);
    },
  );

  it('uses limit (default 20, at most 100)', async () => {
    for (let i = 0; i < 22; i++) await r.publish('editorA', { title: `Bulk review ${i}` });
    expect((await list()).items).toHaveLength(20);
    expect((await list('?limit=100')).items).toHaveLength(22);
    expect((await list('?limit=5')).items).toHaveLength(5);
  });

  it.each([
    '?limit=0',
    '?limit=101',
    '?limit=ten',
    '?sort=oldest',
    '?type=phone',
    '?sensor=huge',
    '?minRating=11',
    '?minRating=x',
    `?q=${'a'.repeat(201)}`,
  ])('refuses %s with 400', async (query) => {
    await expectProblem(await t.app.request(`/content${query}`), 400, 'validation');
  });

  it('refuses a forged cursor, or one from another query, with 400 and never 500', async () => {
    for (let i = 0; i < 3; i++) await r.publish('editorA', { title: `Cursor review ${i}` });
    const { nextCursor } = await list('?limit=1');
    for (const cursor of ['x', 'x.y', `${nextCursor}0`, 'eyJ9.AAAA', '.'.repeat(3)]) {
      const problem = await expectProblem(
        await t.app.request(`/content?limit=1&cursor=${encodeURIComponent(cursor)}`),
        400,
        'validation',
      );
      expect(problem.errors?.[0]?.field).toBe('cursor');
    }
    await expectProblem(
      await t.app.request(`/content?limit=1&sort=rating&cursor=${nextCursor}`),
      400,
      'validation',
    );
    await expectProblem(
      await t.app.request(`/content?limit=1&brand=Sony&cursor=${nextCursor}`),
      400,
      'validation',
    );
  });
});

describe('GET /content/{slug}', () => {
  it('returns the review with its Markdown and the same as sanitised HTML', async () => {
    const review = await r.publish('editorA', {
      body: publishableBody(
        '## Verdict\n\n- **Buy** it\n\n<script>alert(1)</script> [x](javascript:alert(1))',
      ),
    });
    const { body } = await get<ContentDetail>(`/content/${review.slug}`);
    expect(body).toMatchObject({
      slug: review.slug,
      title: review.title,
      pros: review.pros,
      cons: review.cons,
      body: review.body,
    });
    expect(body.html).toContain('<h2>Verdict</h2>');
    expect(body.html).toContain('<li><strong>Buy</strong> it</li>');
    expect(body.html).not.toContain('<script');
    expect(body.html).not.toMatch(/href="javascript/i);
    expect(body).not.toHaveProperty('authorId');
  });

  it('answers 404 for a draft, an unknown slug and a deleted review; 400 for a malformed one', async () => {
    const s = await seed();
    await expectProblem(await t.app.request(`/content/${s.draft.slug}`), 404, 'not-found');
    await expectProblem(await t.app.request('/content/no-such-review'), 404, 'not-found');
    await expectProblem(await t.app.request('/content/Not_A_Slug'), 400, 'validation');
    await r.send('DELETE', `/reviews/${s.om1.id}`, 'editorA', { headers: { 'If-Match': '"v1"' } });
    await expectProblem(await t.app.request(`/content/${s.om1.slug}`), 404, 'not-found');
  });
});

describe('GET /content/compare', () => {
  it('puts 2 to 4 reviews side by side with the best per category, ties included', async () => {
    const s = await seed();
    const slugs = [s.x100vi.slug, s.a7iv.slug, s.z6iii.slug];
    const { body } = await get<Comparison>(`/content/compare?slugs=${slugs.join(',')}`);
    expect(body.reviews.map((x) => x.slug)).toEqual(slugs);
    expect(body.reviews[1]).toEqual({
      slug: s.a7iv.slug,
      title: s.a7iv.title,
      camera: s.a7iv.camera,
      rating: 9,
      scores: s.a7iv.scores,
      pros: s.a7iv.pros,
      cons: s.a7iv.cons,
    });
    expect(body.best).toEqual({
      rating: [s.a7iv.slug, s.z6iii.slug],
      imageQuality: [s.x100vi.slug, s.a7iv.slug],
      autofocus: [s.a7iv.slug],
      video: [s.z6iii.slug],
      ergonomics: [s.z6iii.slug],
      value: [s.a7iv.slug, s.z6iii.slug],
    });
    const four = await get<Comparison>(
      `/content/compare?slugs=${[...slugs, s.om1.slug].join(',')}`,
    );
    expect(four.body.reviews).toHaveLength(4);
  });

  it.each([
    ['no slugs parameter', ''],
    ['an empty list', '?slugs='],
    ['one slug', '?slugs=a-review'],
    ['five slugs', '?slugs=aaa,bbb,ccc,ddd,eee'],
    ['a duplicate', '?slugs=aaa,bbb,aaa'],
    ['an empty entry', '?slugs=aaa,,bbb'],
    ['a malformed slug', '?slugs=aaa,B%20B'],
  ])('refuses %s with 400', async (_label, query) => {
    await seed();
    await expectProblem(await t.app.request(`/content/compare${query}`), 400, 'validation');
  });

  it('answers 404 naming unknown slugs and drafts', async () => {
    const s = await seed();
    const problem = await expectProblem(
      await t.app.request(`/content/compare?slugs=${s.a7iv.slug},nope-review,${s.draft.slug}`),
      404,
      'not-found',
    );
    expect(problem.detail).toContain('nope-review');
    expect(problem.detail).toContain(s.draft.slug);
    expect(problem.detail).not.toContain(s.a7iv.slug);
  });
});

describe('GET /content/cameras', () => {
  it('gives one row per camera with review count and average rating', async () => {
    const s = await seed();
    await r.publish('editorB', {
      camera: { brand: 'FUJIFILM', model: 'x100vi' },
      title: 'A second opinion on the X100VI',
      rating: 7,
    });
    const { body } = await get<{ items: CameraRow[] }>('/content/cameras');
    expect(body.items.map((c) => [c.brand, c.model, c.reviewCount, c.averageRating])).toEqual([
      ['Fujifilm', 'X100VI', 2, 7.8],
      ['Nikon', 'Z6 III', 1, 9],
      ['OM System', 'OM-1 Mark II', 1, 7.5],
      ['Sony', 'A7 IV', 1, 9],
    ]);
    expect(body.items[0]!.slugs).toContain(s.x100vi.slug);
  });
});

describe('drafts never leak', () => {
  it('into any content route: list, search, filters, facets, slug, compare, cameras', async () => {
    const s = await seed();
    const everything = JSON.stringify([
      await list(),
      await list('?q=zebracorn'),
      await list('?brand=Secretbrand'),
      await list('?type=dslr'),
      await list('?sensor=one-inch'),
      await list('?minRating=9.5&sort=rating'),
      (await get('/content/cameras')).body,
      (await get(`/content/compare?slugs=${s.a7iv.slug},${s.z6iii.slug}`)).body,
    ]);
    for (const secret of [
      'zebracorn',
      'Secretbrand',
      'Hidden One',
      'one-inch',
      'dslr',
      s.draft.slug,
    ]) {
      expect(everything).not.toContain(secret);
    }
    await expectProblem(await t.app.request(`/content/${s.draft.slug}`), 404, 'not-found');
  });

  it('once a published review goes back to draft', async () => {
    const s = await seed();
    const res = await r.send('PATCH', `/reviews/${s.a7iv.id}`, 'editorA', {
      body: { status: 'draft' },
      headers: { 'If-Match': '"v1"' },
    });
    expect(res.status).toBe(200);
    expect(slugsOf(await list())).not.toContain(s.a7iv.slug);
    expect(slugsOf(await list('?q=sony'))).toEqual([]);
    await expectProblem(await t.app.request(`/content/${s.a7iv.slug}`), 404, 'not-found');
    const cameras = (await get<{ items: CameraRow[] }>('/content/cameras')).body;
    expect(cameras.items.map((c) => c.brand)).not.toContain('Sony');
  });
});

describe('conditional GET', () => {
  const routes = async () => {
    const s = await seed();
    return [
      '/content',
      '/content?q=review&sort=rating&limit=2',
      `/content/${s.a7iv.slug}`,
      `/content/compare?slugs=${s.a7iv.slug},${s.z6iii.slug}`,
      '/content/cameras',
    ];
  };

  it('answers 304 with the headers and no body to a matching If-None-Match, on every route', async () => {
    for (const path of await routes()) {
      const { etag } = await get(path);
      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const res = await t.app.request(path, { headers: { 'If-None-Match': header } });
        expect(res.status, `${path} with ${header}`).toBe(304);
        expect(res.headers.get('etag')).toBe(etag);
        expect(res.headers.get('cache-control')).toBe(PUBLIC);
        expect(res.headers.get('vary')).toBe('Accept-Encoding');
        expect(await res.text()).toBe('');
      }
      const other = await t.app.request(path, { headers: { 'If-None-Match': '"stale"' } });
      expect(other.status).toBe(200);
    }
  });

  it('gives the same ETag for the same content and a new one once it changes', async () => {
    const s = await seed();
    const before = await get(`/content/${s.a7iv.slug}`);
    const listBefore = await get('/content');
    expect((await get(`/content/${s.a7iv.slug}`)).etag).toBe(before.etag);
    await r.send('PATCH', `/reviews/${s.a7iv.id}`, 'editorA', {
      body: { rating: 9.5 },
      headers: { 'If-Match': '"v1"' },
    });
    const after = await t.app.request(`/content/${s.a7iv.slug}`, {
      headers: { 'If-None-Match': before.etag },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.etag);
    expect((await get('/content')).etag).not.toBe(listBefore.etag);
  });

  it('varies on Origin as well when CORS allows only some origins', async () => {
    const strict = await createTestApp({ corsOrigins: ['https://ok.example'] });
    const res = await strict.app.request('/content', { headers: { Origin: 'https://ok.example' } });
    expect(res.headers.get('vary')?.split(', ').sort()).toEqual(['Accept-Encoding', 'Origin']);
    await strict.close();
  });

  it('keeps editor responses out of shared caches', async () => {
    const s = await seed();
    const res = await r.send('GET', `/reviews/${s.a7iv.id}`, 'editorA');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('the read model', () => {
  it('sees writes of another process within the freshness bound', async () => {
    const s = await seed();
    const before = await list();
    // A second set of services and its own worker on the same stores stand for the CLI or
    // another Lambda instance: this process's content service is not told of their work.
    const elsewhere = createServices(t.stores, t.clock);
    const otherWorker = createInProcessContentWorker(t.stores, t.clock, t.logger, undefined, {
      indexDelayMs: 0,
    });
    await elsewhere.reviews.create(
      EDITOR_B,
      reviewInput({ status: 'published', title: 'Written elsewhere' }),
    );
    await elsewhere.reviews.delete(EDITOR_B, s.draft.id, '"v1"');
    await otherWorker.drain();

    // Within the bound this process may still answer from the index it has...
    expect((await list()).total).toBe(before.total);
    // ...and once the bound has passed it moves to the new one.
    t.clock.advance(5_000);
    await vi.waitFor(async () => expect((await list()).total).toBe(before.total + 1));
    expect((await list()).items[0]!.title).toBe('Written elsewhere');
  });

  it('sees its own writes at once', async () => {
    await list();
    const review = await r.publish('editorA');
    expect(slugsOf(await list())).toEqual([review.slug]);
    expect((await get(`/content/${review.slug}`)).res.status).toBe(200);
  });

  it('reads no store for lists and one lookup per detail within the bound', async () => {
    const s = await seed();
    await list();
    const reads: string[] = [];
    const count = <T extends object>(target: T, name: string, methods: (keyof T)[]) => {
      for (const method of methods) {
        const original = (target[method] as (...args: unknown[]) => unknown).bind(target);
        (target as Record<keyof T, unknown>)[method] = (...args: unknown[]) => {
          reads.push(`${name}.${String(method)}`);
          return original(...args);
        };
      }
    };
    count(t.stores.reviews, 'reviews', ['listPublished', 'get', 'getBySlug', 'list']);
    count(t.stores.blobs, 'blobs', ['get', 'head', 'list']);
    count(t.stores.publicContent, 'publicContent', ['get', 'listSlugs']);
    for (let i = 0; i < 20; i++) {
      await list();
      await list('?q=sony');
      await get('/content/cameras');
      await get(`/content/${s.a7iv.slug}`);
    }
    // The detail is one lookup, then served from memory; the lists never reach a store.
    expect(reads).toEqual(['publicContent.get']);
    t.clock.advance(5_000);
    await list();
    // Past the bound, the pointer is read again (one small object), never the reviews.
    await vi.waitFor(() => expect(reads).toEqual(['publicContent.get', 'blobs.get']));
  });
});
