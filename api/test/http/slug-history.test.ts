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

async function rename(review: Review, slug: string, who: Who = 'admin'): Promise<Response> {
  return r.send('PATCH', `/reviews/${review.id}`, who, {
    body: { slug },
    contentType: 'application/merge-patch+json',
    headers: ifMatch(review),
  });
}

async function renamed(review: Review, slug: string): Promise<Review> {
  const res = await rename(review, slug);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Review;
}

describe('slug history', () => {
  it('an admin moves a published slug: the old one answers 301 on /content and /review', async () => {
    const review = await r.publish('editorA', { slug: 'x100vi-first-look' });
    expect(review.slugHistory).toEqual([]);
    const moved = await renamed(review, 'x100vi-review');
    expect(moved).toMatchObject({ slug: 'x100vi-review', slugHistory: ['x100vi-first-look'] });

    const api = await t.app.request('/content/x100vi-first-look');
    expect(api.status).toBe(301);
    expect(api.headers.get('location')).toBe('/content/x100vi-review');
    expect(api.headers.get('cache-control')).toMatch(/^public, /);
    expect(api.headers.get('cache-tag')).toBe('review:x100vi-first-look');

    const page = await t.app.request('/review/x100vi-first-look');
    expect(page.status).toBe(301);
    expect(page.headers.get('location')).toBe('/review/x100vi-review');
    expect(page.headers.get('cache-tag')).toBe('review:x100vi-first-look');

    const current = await t.app.request('/content/x100vi-review');
    expect(current.status).toBe(200);
    expect(((await current.json()) as { slug: string }).slug).toBe('x100vi-review');
    expect((await t.app.request('/review/x100vi-review')).status).toBe(200);
    // The list shows the review once, under its new slug.
    const list = (await (await t.app.request('/content')).json()) as { items: { slug: string }[] };
    expect(list.items.map((i) => i.slug)).toEqual(['x100vi-review']);
  });

  it('keeps the Location under the stage prefix on Lambda', async () => {
    const review = await r.publish('editorA', { slug: 'gr-iii-first-look' });
    await renamed(review, 'gr-iii-review');
    const res = await t.app.request(
      '/content/gr-iii-first-look',
      {},
      {
        externalBasePath: '/pro',
      },
    );
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/pro/content/gr-iii-review');
  });

  it('redirects every old slug straight to the current one, and a slug taken back serves again', async () => {
    const first = await r.publish('editorA', { slug: 'slug-one' });
    const second = await renamed(first, 'slug-two');
    const third = await renamed(second, 'slug-three');
    expect(third.slugHistory).toEqual(['slug-one', 'slug-two']);
    for (const old of ['slug-one', 'slug-two']) {
      const res = await t.app.request(`/content/${old}`);
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe('/content/slug-three');
    }

    const back = await renamed(third, 'slug-one');
    expect(back.slugHistory).toEqual(['slug-two', 'slug-three']);
    expect((await t.app.request('/content/slug-one')).status).toBe(200);
    expect((await t.app.request('/content/slug-three')).headers.get('location')).toBe(
      '/content/slug-one',
    );
  });

  it("refuses an editor's change of a published slug with 409", async () => {
    const review = await r.publish('editorA', { slug: 'a7-iv-review' });
    const res = await rename(review, 'a7-iv-long-term', 'editorA');
    const problem = await expectProblem(res, 409, 'conflict');
    expect(problem.detail).toMatch(/only an admin can change the slug of a published review/i);
    expect((await t.app.request('/content/a7-iv-review')).status).toBe(200);
    expect((await t.app.request('/content/a7-iv-long-term')).status).toBe(404);
  });

  it('keeps the old slug its own for good: no other review can take it', async () => {
    const review = await r.publish('editorA', { slug: 'z6-iii-preview' });
    await renamed(review, 'z6-iii-review');

    const taken = await r.send('POST', '/reviews', 'editorB', {
      body: { ...reviewInput(), slug: 'z6-iii-preview', status: 'published' },
    });
    await expectProblem(taken, 409, 'conflict');
    // Not even as a draft: readers know the slug.
    const draft = await r.send('POST', '/reviews', 'admin', {
      body: { ...reviewInput(), slug: 'z6-iii-preview' },
    });
    await expectProblem(draft, 409, 'conflict');
    expect((await t.app.request('/content/z6-iii-preview')).status).toBe(301);
  });

  it('drops the redirect while the review is unpublished and when it is deleted', async () => {
    const review = await r.publish('editorA', { slug: 'fp-first-look' });
    const moved = await renamed(review, 'fp-review');
    const draft = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
      body: { status: 'draft' },
      contentType: 'application/merge-patch+json',
      headers: ifMatch(moved),
    });
    expect(draft.status).toBe(200);
    const unpublished = (await draft.json()) as Review;
    expect((await t.app.request('/content/fp-first-look')).status).toBe(404);

    const again = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
      body: { status: 'published' },
      contentType: 'application/merge-patch+json',
      headers: ifMatch(unpublished),
    });
    expect(again.status).toBe(200);
    expect((await t.app.request('/content/fp-first-look')).status).toBe(301);

    const deleted = await r.send('DELETE', `/reviews/${review.id}`, 'editorA', {
      headers: ifMatch((await again.json()) as Review),
    });
    expect(deleted.status).toBe(204);
    expect((await t.app.request('/content/fp-first-look')).status).toBe(404);
    expect((await t.app.request('/content/fp-review')).status).toBe(404);
    // With the review gone, its old slug is free again.
    await r.publish('editorB', { slug: 'fp-first-look' });
    expect((await t.app.request('/content/fp-first-look')).status).toBe(200);
  });

  it('a reconcile restores a lost redirect', async () => {
    const review = await r.publish('editorA', { slug: 'q3-first-look' });
    await renamed(review, 'q3-review');
    await t.stores.publicContent.delete('q3-first-look');
    t.services.content.documentChanged('q3-first-look');
    expect((await t.app.request('/content/q3-first-look')).status).toBe(404);
    await t.materialise();
    t.services.content.documentChanged('q3-first-look');
    expect((await t.app.request('/content/q3-first-look')).headers.get('location')).toBe(
      '/content/q3-review',
    );
  });
});
