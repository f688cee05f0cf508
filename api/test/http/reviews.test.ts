import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Review } from '../../src/domain/review.js';
import { testUsers } from '../support/fixed-token-resolver.js';
import { reviewInput } from '../support/review-fixtures.js';
import { expectProblem, ifMatch, reviewRequests, type Who } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let r: ReturnType<typeof reviewRequests>;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  r = reviewRequests(t);
});
afterEach(() => t.close());

describe('POST /reviews', () => {
  it('creates a draft with 201, Location, ETag and every server-owned field', async () => {
    const res = await r.send('POST', '/reviews', 'editorA', {
      body: { ...reviewInput(), status: undefined },
    });
    expect(res.status).toBe(201);
    const review = (await res.json()) as Review;
    expect(res.headers.get('location')).toBe(`/reviews/${review.id}`);
    expect(res.headers.get('etag')).toBe('"v1"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(review).toMatchObject({
      ...reviewInput(),
      id: expect.stringMatching(/^rev_[0-9a-f]{16}$/),
      slug: 'fujifilm-x100vi-review',
      status: 'draft',
      authorId: 'usr_a',
      createdAt: '2026-11-21T12:00:00.000Z',
      updatedAt: '2026-11-21T12:00:00.000Z',
      publishedAt: null,
      version: 1,
    });
    const read = await r.send('GET', `/reviews/${review.id}`, 'editorA');
    expect(await read.json()).toEqual(review);
  });

  it('sets publishedAt when created published', async () => {
    const review = await r.publish('editorA');
    expect(review.publishedAt).toBe('2026-11-21T12:00:00.000Z');
  });

  it('numbers a generated slug a published review holds, and refuses a chosen one', async () => {
    const first = await r.publish('editorA');
    const second = await r.create('editorB');
    expect([first.slug, second.slug]).toEqual([
      'fujifilm-x100vi-review',
      'fujifilm-x100vi-review-2',
    ]);
    const clash = await r.send('POST', '/reviews', 'editorB', {
      body: reviewInput({ slug: 'fujifilm-x100vi-review' }),
    });
    await expectProblem(clash, 409, 'conflict');
  });

  it('keeps a chosen slug', async () => {
    const review = await r.create('editorA', { slug: 'my-x100vi' });
    expect(review.slug).toBe('my-x100vi');
  });

  it.each([
    ['rating', { rating: 11 }, 'rating'],
    ['rating precision', { rating: 7.55 }, 'rating'],
    ['score', { scores: { video: -1 } }, 'scores.video'],
    ['camera type', { camera: { type: 'phone' } }, 'camera.type'],
    ['sensor', { camera: { sensor: 'huge' } }, 'camera.sensor'],
    ['megapixels', { camera: { megapixels: 0 } }, 'camera.megapixels'],
    ['release year', { camera: { releaseYear: 1850 } }, 'camera.releaseYear'],
    ['price', { camera: { priceUsd: -5 } }, 'camera.priceUsd'],
    ['brand', { camera: { brand: '' } }, 'camera.brand'],
    ['title length', { title: 'x'.repeat(121) }, 'title'],
    ['blank title', { title: '   ' }, 'title'],
    ['summary', { summary: 'short' }, 'summary'],
    ['body', { body: '' }, 'body'],
    ['too many pros', { pros: Array.from({ length: 11 }, (_, i) => `p${i}`) }, 'pros'],
    ['long con', { cons: ['x'.repeat(201)] }, 'cons.0'],
    ['status', { status: 'archived' }, 'status'],
    ['slug format', { slug: 'Not A Slug' }, 'slug'],
  ])('refuses a bad %s with 400 naming the field', async (_label, overrides, field) => {
    const res = await r.send('POST', '/reviews', 'editorA', {
      body: reviewInput(overrides as never),
    });
    const problem = await expectProblem(res, 400, 'validation');
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it.each([
    ['a release year after next year', { camera: { releaseYear: 2028 } }, 'camera.releaseYear'],
    ['repeated pros', { pros: ['Grip', 'grip'] }, 'pros'],
    ['a reserved slug', { slug: 'compare' }, 'slug'],
  ])('refuses %s (a domain rule) with 400', async (_label, overrides, field) => {
    const res = await r.send('POST', '/reviews', 'editorA', {
      body: reviewInput(overrides as never),
    });
    const problem = await expectProblem(res, 400, 'validation');
    expect(problem.errors?.map((e) => e.field)).toEqual([field]);
  });

  it('refuses a body that is not JSON (400) or not JSON at all (415)', async () => {
    await expectProblem(
      await r.send('POST', '/reviews', 'editorA', { body: '{"title":' }),
      400,
      'bad-request',
    );
    await expectProblem(
      await r.send('POST', '/reviews', 'editorA', { body: 'title=x', contentType: 'text/plain' }),
      415,
      'unsupported-media-type',
    );
  });
});

describe('mass assignment', () => {
  const serverOwned = {
    id: 'rev_mine',
    authorId: 'usr_b',
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
    publishedAt: '2020-01-01T00:00:00.000Z',
    version: 99,
  };

  it.each(Object.entries(serverOwned))(
    'POST with %s is refused with 400 naming it',
    async (field, value) => {
      const res = await r.send('POST', '/reviews', 'editorA', {
        body: { ...reviewInput(), [field]: value },
      });
      const problem = await expectProblem(res, 400, 'validation');
      expect(problem.errors).toEqual([{ field, message: expect.stringMatching(/server/) }]);
      const list = await r.send('GET', '/reviews', 'admin');
      expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    },
  );

  it.each(Object.entries(serverOwned))('PUT with %s is refused', async (field, value) => {
    const review = await r.create('editorA');
    const res = await r.send('PUT', `/reviews/${review.id}`, 'editorA', {
      body: { ...reviewInput(), [field]: value },
      headers: ifMatch(review),
    });
    await expectProblem(res, 400, 'validation');
  });

  it.each(Object.entries(serverOwned))('PATCH with %s is refused, even as null', async (field) => {
    const review = await r.create('editorA');
    for (const value of [serverOwned[field as keyof typeof serverOwned], null]) {
      const res = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
        body: { title: 'Sneaky', [field]: value },
        contentType: 'application/merge-patch+json',
        headers: ifMatch(review),
      });
      const problem = await expectProblem(res, 400, 'validation');
      expect(problem.errors?.map((e) => e.field)).toEqual([field]);
    }
    expect(await (await r.send('GET', `/reviews/${review.id}`, 'editorA')).json()).toEqual(review);
  });

  it('refuses unknown nested fields too', async () => {
    const res = await r.send('POST', '/reviews', 'editorA', {
      body: { ...reviewInput(), camera: { ...reviewInput().camera, owner: 'me' } },
    });
    const problem = await expectProblem(res, 400, 'validation');
    expect(problem.errors?.map((e) => e.field)).toEqual(['camera.owner']);
  });
});

describe('role matrix', () => {
  type Write = {
    name: string;
    run: (review: Review, who: Who) => Response | Promise<Response>;
    ok: number;
  };
  const writes: Write[] = [
    {
      name: 'GET /reviews/{id}',
      run: (review, who) => r.send('GET', `/reviews/${review.id}`, who),
      ok: 200,
    },
    {
      name: 'PUT /reviews/{id}',
      run: (review, who) =>
        r.send('PUT', `/reviews/${review.id}`, who, {
          body: reviewInput({ title: 'Replaced title' }),
          headers: ifMatch(review),
        }),
      ok: 200,
    },
    {
      name: 'PATCH /reviews/{id}',
      run: (review, who) =>
        r.send('PATCH', `/reviews/${review.id}`, who, {
          body: { title: 'Patched title' },
          contentType: 'application/merge-patch+json',
          headers: ifMatch(review),
        }),
      ok: 200,
    },
    {
      name: 'DELETE /reviews/{id}',
      run: (review, who) =>
        r.send('DELETE', `/reviews/${review.id}`, who, { headers: ifMatch(review) }),
      ok: 204,
    },
  ];
  const outcomes: Array<[Who, 'ok' | 401 | 404]> = [
    ['anonymous', 401],
    ['editorA', 'ok'],
    ['editorB', 404],
    ['admin', 'ok'],
  ];
  const cases = writes.flatMap((w) =>
    outcomes.map(([who, outcome]) => [w.name, who, outcome, w] as const),
  );

  it.each(cases)('%s as %s on editor A’s draft → %s', async (_name, who, outcome, write) => {
    const review = await r.create('editorA');
    const res = await write.run(review, who);
    if (outcome === 'ok') {
      expect(res.status).toBe(write.ok);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    } else {
      await expectProblem(res, outcome, outcome === 401 ? 'unauthenticated' : 'not-found');
      // Nothing changed for whoever was refused.
      expect(await (await r.send('GET', `/reviews/${review.id}`, 'editorA')).json()).toEqual(
        review,
      );
    }
  });

  it('answers another editor exactly as for a missing review, so drafts do not leak', async () => {
    const review = await r.create('editorA');
    const other = await expectProblem(
      await r.send('GET', `/reviews/${review.id}`, 'editorB'),
      404,
      'not-found',
    );
    const missing = await expectProblem(
      await r.send('GET', '/reviews/rev_0000000000000000', 'editorB'),
      404,
      'not-found',
    );
    expect(other.detail.replace(review.id, 'ID')).toBe(
      missing.detail.replace('rev_0000000000000000', 'ID'),
    );
  });

  it.each([
    ['editorA', 'usr_a'],
    ['editorB', 'usr_b'],
    ['admin', 'usr_admin'],
  ] as const)('POST /reviews as %s → 201, authored by that user', async (who, authorId) => {
    const res = await r.send('POST', '/reviews', who, { body: reviewInput() });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Review).authorId).toBe(authorId);
  });

  it('POST as anonymous is 401 with a Bearer challenge, and creates nothing', async () => {
    const res = await r.send('POST', '/reviews', 'anonymous', { body: reviewInput() });
    await expectProblem(res, 401, 'unauthenticated');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(
      ((await (await r.send('GET', '/reviews', 'admin')).json()) as { items: [] }).items,
    ).toEqual([]);
  });

  it('keeps the author when an admin edits someone else’s review', async () => {
    const review = await r.create('editorA');
    const res = await r.send('PATCH', `/reviews/${review.id}`, 'admin', {
      body: { title: 'Edited by an admin' },
      headers: ifMatch(review),
    });
    expect(((await res.json()) as Review).authorId).toBe('usr_a');
  });
});

describe('If-Match', () => {
  const writes = [
    ['PUT', () => ({ body: reviewInput({ title: 'Changed title' }) })],
    ['PATCH', () => ({ body: { title: 'Changed title' } })],
    ['DELETE', () => ({})],
  ] as const;

  it.each(writes)('%s without If-Match is 428 and changes nothing', async (method, options) => {
    const review = await r.create('editorA');
    await expectProblem(
      await r.send(method, `/reviews/${review.id}`, 'editorA', options()),
      428,
      'precondition-required',
    );
    await expectProblem(
      await r.send(method, `/reviews/${review.id}`, 'editorA', {
        ...options(),
        headers: { 'If-Match': '*' },
      }),
      428,
      'precondition-required',
    );
    expect(await (await r.send('GET', `/reviews/${review.id}`, 'editorA')).json()).toEqual(review);
  });

  it.each(writes)(
    '%s with a stale or weak tag is 412 and changes nothing',
    async (method, options) => {
      const review = await r.create('editorA');
      const patched = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
        body: { summary: 'A newer summary from a colleague.' },
        headers: ifMatch(review),
      });
      const current = (await patched.json()) as Review;
      expect(patched.headers.get('etag')).toBe('"v2"');
      for (const tag of ['"v1"', 'W/"v2"', '"x"']) {
        const res = await r.send(method, `/reviews/${review.id}`, 'editorA', {
          ...options(),
          headers: { 'If-Match': tag },
        });
        await expectProblem(res, 412, 'precondition-failed');
      }
      expect(await (await r.send('GET', `/reviews/${review.id}`, 'editorA')).json()).toEqual(
        current,
      );
    },
  );

  it.each(writes)(
    '%s succeeds with the current tag, also within a list',
    async (method, options) => {
      const review = await r.create('editorA');
      const res = await r.send(method, `/reviews/${review.id}`, 'editorA', {
        ...options(),
        headers: { 'If-Match': '"v7", "v1"' },
      });
      expect(res.status).toBe(method === 'DELETE' ? 204 : 200);
      if (method !== 'DELETE') {
        expect(res.headers.get('etag')).toBe('"v2"');
        expect(((await res.json()) as Review).version).toBe(2);
      }
    },
  );

  it('GET returns the ETag that the next write needs', async () => {
    const review = await r.create('editorA');
    const read = await r.send('GET', `/reviews/${review.id}`, 'editorA');
    const etag = read.headers.get('etag')!;
    expect(etag).toBe('"v1"');
    const res = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
      body: { rating: 9 },
      headers: { 'If-Match': etag },
    });
    expect(res.status).toBe(200);
  });

  it('lets only one of two editors working from the same version win', async () => {
    const review = await r.create('editorA');
    const [first, second] = await Promise.all(
      ['One title', 'Another title'].map((title) =>
        r.send('PATCH', `/reviews/${review.id}`, 'admin', {
          body: { title },
          headers: ifMatch(review),
        }),
      ),
    );
    expect([first!.status, second!.status].sort()).toEqual([200, 412]);
  });
});

describe('PUT /reviews/{id}', () => {
  it('replaces every editable field and bumps the version', async () => {
    const review = await r.create('editorA');
    t.clock.advance(60_000);
    const next = reviewInput({
      title: 'Fujifilm X100VI, six months on',
      rating: 9,
      pros: ['Light'],
      cons: ['Price'],
      camera: { priceUsd: 1699 },
    });
    const res = await r.send('PUT', `/reviews/${review.id}`, 'editorA', {
      body: next,
      headers: ifMatch(review),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ...review,
      ...next,
      slug: review.slug,
      updatedAt: '2026-11-21T12:01:00.000Z',
      version: 2,
    });
  });

  it('needs every field: a partial body is a 400', async () => {
    const review = await r.create('editorA');
    const res = await r.send('PUT', `/reviews/${review.id}`, 'editorA', {
      body: { title: 'Only a title' },
      headers: ifMatch(review),
    });
    const problem = await expectProblem(res, 400, 'validation');
    expect(problem.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['camera', 'summary', 'body', 'rating', 'status']),
    );
  });

  it('sets publishedAt on first publication and keeps it through unpublish and republish', async () => {
    let review = await r.create('editorA');
    const put = async (status: 'draft' | 'published') => {
      t.clock.advance(60_000);
      const res = await r.send('PUT', `/reviews/${review.id}`, 'editorA', {
        body: reviewInput({ status }),
        headers: ifMatch(review),
      });
      review = (await res.json()) as Review;
    };
    await put('published');
    expect(review.publishedAt).toBe('2026-11-21T12:01:00.000Z');
    await put('draft');
    await put('published');
    expect(review.publishedAt).toBe('2026-11-21T12:01:00.000Z');
    expect(review.version).toBe(4);
  });

  it('lets a draft change its slug, freeing the old one', async () => {
    const review = await r.create('editorA');
    const res = await r.send('PUT', `/reviews/${review.id}`, 'editorA', {
      body: reviewInput({ slug: 'x100vi-first-look' }),
      headers: ifMatch(review),
    });
    expect(((await res.json()) as Review).slug).toBe('x100vi-first-look');
    const reuse = await r.create('editorB', { slug: 'fujifilm-x100vi-review' });
    expect(reuse.slug).toBe('fujifilm-x100vi-review');
  });

  it('refuses a slug a published review holds with 409', async () => {
    await r.publish('editorB', { slug: 'taken-slug' });
    const review = await r.create('editorA');
    const res = await r.send('PUT', `/reviews/${review.id}`, 'editorA', {
      body: reviewInput({ slug: 'taken-slug' }),
      headers: ifMatch(review),
    });
    await expectProblem(res, 409, 'conflict');
  });

  it('keeps the slug of a review that has been published: a change is 409', async () => {
    const review = await r.publish('editorA');
    const res = await r.send('PUT', `/reviews/${review.id}`, 'editorA', {
      body: reviewInput({ status: 'published', slug: 'a-new-slug' }),
      headers: ifMatch(review),
    });
    const problem = await expectProblem(res, 409, 'conflict');
    expect(problem.detail).toContain(review.slug);
    // Sending the same slug, or none, is fine.
    const same = await r.send('PUT', `/reviews/${review.id}`, 'editorA', {
      body: reviewInput({ status: 'published', slug: review.slug }),
      headers: ifMatch(review),
    });
    expect(same.status).toBe(200);
  });
});

describe('PATCH /reviews/{id}', () => {
  it.each(['application/merge-patch+json', 'application/json'])(
    'merges a patch sent as %s, nested objects key by key',
    async (contentType) => {
      const review = await r.create('editorA');
      const res = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
        body: { camera: { priceUsd: 1399 }, scores: { value: 8 }, pros: ['Light', 'Quiet'] },
        contentType,
        headers: ifMatch(review),
      });
      expect(res.status).toBe(200);
      const patched = (await res.json()) as Review;
      expect(patched.camera).toEqual({ ...review.camera, priceUsd: 1399 });
      expect(patched.scores).toEqual({ ...review.scores, value: 8 });
      expect(patched.pros).toEqual(['Light', 'Quiet']);
      expect(patched.title).toBe(review.title);
      expect(patched.version).toBe(2);
    },
  );

  it('publishes with status alone', async () => {
    const review = await r.create('editorA');
    const res = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
      body: { status: 'published' },
      headers: ifMatch(review),
    });
    expect(await res.json()).toMatchObject({
      status: 'published',
      publishedAt: '2026-11-21T12:00:00.000Z',
    });
  });

  it('refuses a patch that leaves the review invalid, naming the field', async () => {
    const review = await r.create('editorA');
    for (const [body, field] of [
      [{ title: null }, 'title'],
      [{ camera: { brand: null } }, 'camera.brand'],
      [{ rating: 'ten' }, 'rating'],
      [{ camera: { lens: '23mm' } }, 'camera.lens'],
      [{ scores: null }, 'scores'],
    ] as const) {
      const res = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
        body,
        headers: ifMatch(review),
      });
      const problem = await expectProblem(res, 400, 'validation');
      expect(problem.errors?.map((e) => e.field)).toEqual([field]);
    }
  });

  it('refuses a patch that is not an object, and other media types', async () => {
    const review = await r.create('editorA');
    await expectProblem(
      await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
        body: ['title'],
        headers: ifMatch(review),
      }),
      400,
      'validation',
    );
    await expectProblem(
      await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
        body: 'title=x',
        contentType: 'application/x-www-form-urlencoded',
        headers: ifMatch(review),
      }),
      415,
      'unsupported-media-type',
    );
  });
});

describe('DELETE /reviews/{id}', () => {
  it('deletes with 204, then the review is gone and its slug free', async () => {
    const review = await r.create('editorA');
    const res = await r.send('DELETE', `/reviews/${review.id}`, 'editorA', {
      headers: ifMatch(review),
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    await expectProblem(await r.send('GET', `/reviews/${review.id}`, 'editorA'), 404, 'not-found');
    await expectProblem(
      await r.send('DELETE', `/reviews/${review.id}`, 'editorA', { headers: ifMatch(review) }),
      404,
      'not-found',
    );
    expect((await r.create('editorB')).slug).toBe(review.slug);
  });
});

describe('GET /reviews', () => {
  async function page(who: Who, query = '') {
    const res = await r.send('GET', `/reviews${query}`, who);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    return (await res.json()) as { items: Review[]; nextCursor: string | null };
  }

  it('shows an editor their own reviews, drafts included, and an admin all of them', async () => {
    const draft = await r.create('editorA', { title: 'Draft of A' });
    t.clock.advance(1000);
    const published = await r.publish('editorA', { title: 'Published by A' });
    t.clock.advance(1000);
    const other = await r.create('editorB', { title: 'Draft of B' });
    expect((await page('editorA')).items.map((x) => x.id)).toEqual([published.id, draft.id]);
    expect((await page('editorB')).items.map((x) => x.id)).toEqual([other.id]);
    expect((await page('admin')).items.map((x) => x.id)).toEqual([
      other.id,
      published.id,
      draft.id,
    ]);
    expect((await page('editorA', '?status=draft')).items.map((x) => x.id)).toEqual([draft.id]);
    expect((await page('admin', '?status=published')).items.map((x) => x.id)).toEqual([
      published.id,
    ]);
  });

  it('pages with a cursor, without repeats or gaps while reviews are added', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      created.push((await r.create('editorA', { title: `Review number ${i}` })).id);
    }
    const first = await page('editorA', '?limit=2');
    t.clock.advance(1000);
    await r.create('editorA', { title: 'Written between pages' });
    const seen = first.items.map((x) => x.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await page('editorA', `?limit=2&cursor=${encodeURIComponent(cursor)}`);
      seen.push(...next.items.map((x) => x.id));
      cursor = next.nextCursor;
    }
    expect(seen).toEqual([...created].reverse());
  });

  it('refuses a forged cursor, or one from another filter, with 400', async () => {
    for (let i = 0; i < 3; i++) await r.create('editorA', { title: `Review number ${i}` });
    const { nextCursor } = await page('editorA', '?limit=1');
    expect(nextCursor).toEqual(expect.any(String));
    for (const cursor of ['forged', `${nextCursor}x`, nextCursor!.replace(/^./, 'A')]) {
      const res = await r.send('GET', `/reviews?cursor=${encodeURIComponent(cursor)}`, 'editorA');
      const problem = await expectProblem(res, 400, 'validation');
      expect(problem.errors?.[0]?.field).toBe('cursor');
    }
    await expectProblem(
      await r.send('GET', `/reviews?status=draft&cursor=${nextCursor}`, 'editorA'),
      400,
      'validation',
    );
    // Editor B cannot use editor A's cursor to read A's list.
    await expectProblem(
      await r.send('GET', `/reviews?cursor=${nextCursor}`, 'editorB'),
      400,
      'validation',
    );
  });

  it.each(['?limit=0', '?limit=101', '?limit=abc', '?status=archived'])(
    'refuses %s with 400',
    async (query) => {
      await expectProblem(await r.send('GET', `/reviews${query}`, 'editorA'), 400, 'validation');
    },
  );

  it('needs a user', async () => {
    await expectProblem(await r.send('GET', '/reviews', 'anonymous'), 401, 'unauthenticated');
  });
});

describe('Unicode in review text', () => {
  const UNSAFE = 'must not contain control characters or bidirectional overrides';

  it.each([
    ['title', { title: 'Nice review \u202Eweiver' }, 'title'],
    ['summary', { summary: 'A fine camera \u2066with an isolate\u2069' }, 'summary'],
    ['summary line feed', { summary: 'A fine camera\nwith a second line' }, 'summary'],
    ['body NUL', { body: 'Markdown\u0000body' }, 'body'],
    ['body override', { body: 'Markdown \u202Dbody' }, 'body'],
    ['brand', { camera: { brand: 'Fuji\u0007film' } }, 'camera.brand'],
    ['model', { camera: { model: 'X100\u0085VI' } }, 'camera.model'],
    ['mount', { camera: { mount: 'fixed\u202B' } }, 'camera.mount'],
    ['pro', { pros: ['Sharp', 'lone \ud800 surrogate'] }, 'pros.1'],
    ['con', { cons: ['\u001b[31mred'] }, 'cons.0'],
  ])(
    'refuses a %s with a control, bidi or surrogate character: 400 on the field',
    async (_l, overrides, field) => {
      const res = await r.send('POST', '/reviews', 'editorA', { body: reviewInput(overrides) });
      const problem = await expectProblem(res, 400, 'validation');
      expect(problem.errors).toContainEqual({ field, message: UNSAFE });
      const list = (await (await r.send('GET', '/reviews', 'editorA')).json()) as { items: [] };
      expect(list.items).toEqual([]);
    },
  );

  it('refuses the same in a merge patch and a full replace, changing nothing', async () => {
    const review = await r.create('editorA');
    const patch = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
      body: { title: 'Patched \u202Etitle' },
      contentType: 'application/merge-patch+json',
      headers: ifMatch(review),
    });
    expect((await expectProblem(patch, 400, 'validation')).errors).toContainEqual({
      field: 'title',
      message: UNSAFE,
    });
    const put = await r.send('PUT', `/reviews/${review.id}`, 'editorA', {
      body: reviewInput({ pros: ['ok', 'bad\u2067'] }),
      headers: ifMatch(review),
    });
    expect((await expectProblem(put, 400, 'validation')).errors).toContainEqual({
      field: 'pros.1',
      message: UNSAFE,
    });
    const read = await r.send('GET', `/reviews/${review.id}`, 'editorA');
    expect(await read.json()).toEqual(review);
  });

  it('stores NFC text, keeps tabs and line feeds in the body and stores CRLF as LF', async () => {
    const e = 'e\u0301';
    const review = await r.create('editorA', {
      title: `Caf${e} racer review`,
      summary: `A caf${e} camera for the street and the road.`,
      camera: { brand: `L${e}ica`, model: `M${e}`, mount: `Leica M` },
      body: `## Caf${e}\r\n\r\n\tcode\r\n- item`,
      pros: [`Rang${e}finder`],
      cons: ['Price'],
    });
    expect(review).toMatchObject({
      title: 'Café racer review',
      summary: 'A café camera for the street and the road.',
      camera: { brand: 'Léica', model: 'Mé' },
      body: '## Café\n\n\tcode\n- item',
      pros: ['Rangéfinder'],
    });
    const stored = await t.stores.reviews.get(review.id);
    expect(stored?.title).toBe('Café racer review');
    expect(stored?.title.length).toBe(17);
  });

  it('accepts right-to-left text with direction marks and emoji', async () => {
    const review = await r.create('editorA', {
      title: 'مراجعة \u200FFujifilm X100VI\u200F 📷',
      pros: ['ממש טוב 👍🏽'],
    });
    expect(review.title).toBe('مراجعة \u200FFujifilm X100VI\u200F 📷');
  });

  it('compares pros and cons with width and case folded', async () => {
    const res = await r.send('POST', '/reviews', 'editorA', {
      body: reviewInput({ pros: ['Ｆａｓｔ AF', 'fast af'] }),
    });
    const problem = await expectProblem(res, 400, 'validation');
    expect(problem.errors?.map((e) => e.field)).toEqual(['pros']);
  });
});

describe('the draft-slug probe', () => {
  const post = (who: Who, slug?: string) =>
    r.send('POST', '/reviews', who, { body: reviewInput(slug ? { slug } : {}) });

  it('tells another editor nothing about drafts: their slugs are free until published', async () => {
    const secret = await r.create('editorA', { slug: 'secret-project' });
    const generated = await r.create('editorA');
    expect(generated.slug).toBe('fujifilm-x100vi-review');

    // Editor B gets the same answer for a draft's slug as for one nobody uses.
    for (const slug of ['secret-project', 'nobody-uses-this']) {
      const res = await post('editorB', slug);
      expect(res.status).toBe(201);
      expect(((await res.json()) as Review).slug).toBe(slug);
    }
    // A generated slug is not numbered around another editor's draft, nor around one's own.
    const mine = (await (await post('editorB')).json()) as Review;
    expect(mine.slug).toBe('fujifilm-x100vi-review');
    expect(((await (await post('editorB')).json()) as Review).slug).toBe('fujifilm-x100vi-review');

    // Publishing claims the slug: the first to publish wins, and the second is told about a
    // slug readers can already see at /content/secret-project.
    const published = await r.send('PATCH', `/reviews/${secret.id}`, 'editorA', {
      body: { status: 'published' },
      contentType: 'application/merge-patch+json',
      headers: ifMatch(secret),
    });
    expect(published.status).toBe(200);
    const bDraft = (await (await r.send('GET', '/reviews?limit=100', 'editorB')).json()) as {
      items: Review[];
    };
    const clash = bDraft.items.find((i) => i.slug === 'secret-project')!;
    const second = await r.send('PATCH', `/reviews/${clash.id}`, 'editorB', {
      body: { status: 'published' },
      contentType: 'application/merge-patch+json',
      headers: ifMatch(clash),
    });
    await expectProblem(second, 409, 'conflict');
    expect((await t.app.request('/content/secret-project')).status).toBe(200);
    // Now that it is public, a new draft with that slug is refused too.
    await expectProblem(await post('editorB', 'secret-project'), 409, 'conflict');
    // And a new generated slug is numbered around the published one only.
    await r.send('PATCH', `/reviews/${generated.id}`, 'editorA', {
      body: { status: 'published' },
      contentType: 'application/merge-patch+json',
      headers: ifMatch(generated),
    });
    expect(((await (await post('editorB')).json()) as Review).slug).toBe(
      'fujifilm-x100vi-review-2',
    );
  });

  it('frees nothing and claims nothing when a first publish fails', async () => {
    await r.publish('editorA', { slug: 'held-slug' });
    const draft = await r.create('editorB', { slug: 'free-slug' });
    const res = await r.send('PUT', `/reviews/${draft.id}`, 'editorB', {
      body: reviewInput({ slug: 'held-slug', status: 'published' }),
      headers: ifMatch(draft),
    });
    await expectProblem(res, 409, 'conflict');
    expect(await t.stores.reviews.getBySlug('free-slug')).toBeUndefined();
    expect((await t.stores.reviews.getBySlug('held-slug'))?.authorId).toBe('usr_a');
  });
});
