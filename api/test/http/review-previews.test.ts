import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Review } from '../../src/domain/review.js';
import { previewJob } from '../../src/services/content-pipeline/content-jobs.js';
import { tokenHashOf } from '../../src/services/preview-links.js';
import { testUsers } from '../support/fixed-token-resolver.js';
import { expectProblem, reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let r: ReturnType<typeof reviewRequests>;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  r = reviewRequests(t);
});
afterEach(() => t.close());

interface PreviewLink {
  url: string;
  expiresAt: string;
}

async function previewOf(
  review: Review,
  who: 'editorA' | 'editorB' | 'admin' = 'editorA',
  body?: unknown,
): Promise<Response> {
  return r.send('POST', `/reviews/${review.id}/preview`, who, body === undefined ? {} : { body });
}

async function linkOf(review: Review, body?: unknown): Promise<PreviewLink> {
  const res = await previewOf(review, 'editorA', body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as PreviewLink;
}

/** The path of a link's URL, as the app is requested with. */
const pathOf = (link: PreviewLink) => new URL(link.url).pathname;

const asJson = { headers: { accept: 'application/json' } };

function expectPrivate(res: Response): void {
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  expect(res.headers.get('x-robots-tag')).toBe('noindex');
}

describe('draft preview links', () => {
  it('shows the current draft as readers will see it, as JSON and as the reader page', async () => {
    const draft = await r.create('editorA', {
      slug: 'secret-x100vi-draft',
      title: 'Fujifilm X100VI draft preview',
      body: 'A **quiet** leaf shutter.',
    });
    const link = await linkOf(draft);
    // 24 hours from the test clock's 2026-11-21T12:00:00Z.
    expect(link.expiresAt).toBe('2026-11-22T12:00:00.000Z');
    expect(link.url).toMatch(/^http:\/\/localhost\/preview\/[\w-]{43}$/);

    const json = await t.app.request(pathOf(link), asJson);
    expect(json.status).toBe(200);
    expectPrivate(json);
    const detail = (await json.json()) as { slug: string; title: string; html: string };
    expect(detail).toMatchObject({ slug: 'secret-x100vi-draft', title: draft.title });
    expect(detail.html).toContain('<strong>quiet</strong>');

    const page = await t.app.request(pathOf(link));
    expect(page.status).toBe(200);
    expectPrivate(page);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Fujifilm X100VI draft preview');

    // The draft itself stays unpublished.
    expect((await t.app.request('/content/secret-x100vi-draft')).status).toBe(404);
  });

  it('follows the draft: an edit shows at the next visit', async () => {
    const draft = await r.create('editorA');
    const link = await linkOf(draft);
    const res = await r.send('PATCH', `/reviews/${draft.id}`, 'editorA', {
      body: { title: 'A title changed after the link was made' },
      contentType: 'application/merge-patch+json',
      headers: { 'If-Match': `"v${draft.version}"` },
    });
    expect(res.status).toBe(200);
    const detail = (await (await t.app.request(pathOf(link), asJson)).json()) as { title: string };
    expect(detail.title).toBe('A title changed after the link was made');
  });

  it('stops working when it expires', async () => {
    const draft = await r.create('editorA');
    const link = await linkOf(draft, { ttlHours: 2 });
    expect(link.expiresAt).toBe('2026-11-21T14:00:00.000Z');
    t.clock.set('2026-11-21T13:59:59.000Z');
    expect((await t.app.request(pathOf(link))).status).toBe(200);
    t.clock.set('2026-11-21T14:00:00.000Z');
    const expired = await t.app.request(pathOf(link), asJson);
    await expectProblem(expired.clone(), 404, 'not-found');
    expectPrivate(expired);
    expect((await t.app.request(pathOf(link))).status).toBe(404);
  });

  it('stops working when the author revokes the review’s links, all of them', async () => {
    const draft = await r.create('editorA');
    const first = await linkOf(draft);
    const second = await linkOf(draft);
    const other = await linkOf(await r.create('editorA'));
    const revoked = await r.send('DELETE', `/reviews/${draft.id}/preview`, 'editorA');
    expect(revoked.status).toBe(204);
    expect((await t.app.request(pathOf(first))).status).toBe(404);
    expect((await t.app.request(pathOf(second))).status).toBe(404);
    expect((await t.app.request(pathOf(other))).status).toBe(200);
    // A new link works again.
    expect((await t.app.request(pathOf(await linkOf(draft)))).status).toBe(200);
  });

  it('answers 404 for an unknown token and for a deleted review', async () => {
    const unknown = await t.app.request(`/preview/${'x'.repeat(43)}`, asJson);
    await expectProblem(unknown.clone(), 404, 'not-found');
    expectPrivate(unknown);

    const draft = await r.create('editorA');
    const link = await linkOf(draft);
    const deleted = await r.send('DELETE', `/reviews/${draft.id}`, 'editorA', {
      headers: { 'If-Match': `"v${draft.version}"` },
    });
    expect(deleted.status).toBe(204);
    expect((await t.app.request(pathOf(link))).status).toBe(404);
  });

  it('is for the author and admins: another editor gets 404, an anonymous caller 401', async () => {
    const draft = await r.create('editorA');
    await expectProblem(await previewOf(draft, 'editorB'), 404, 'not-found');
    await expectProblem(
      await r.send('DELETE', `/reviews/${draft.id}/preview`, 'editorB'),
      404,
      'not-found',
    );
    expect((await previewOf(draft, 'admin')).status).toBe(201);
    const anonymous = await t.app.request(`/reviews/${draft.id}/preview`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });

  it.each([0, 169, 1.5, '24'])('refuses ttlHours %j with 400', async (ttlHours) => {
    const draft = await r.create('editorA');
    const problem = await expectProblem(
      await previewOf(draft, 'editorA', { ttlHours }),
      400,
      'validation',
    );
    expect(problem.errors?.map((e) => e.field)).toEqual(['ttlHours']);
  });

  it('shows the render the worker stored: a change reaches the link once its job has run', async () => {
    const draft = await r.create('editorA', { title: 'Rendered at write time, first draft' });
    const link = await linkOf(draft);
    expect((await t.stores.previews.getRender(draft.id))?.version).toBe(draft.version);
    // A change the write path has not queued yet (the moment between a save and its job): the
    // link still shows the previous render, the read renders nothing.
    const edited = { ...draft, title: 'Rendered at write time, second draft', version: 2 };
    await t.stores.reviews.update(edited, draft.version);
    const before = (await (await t.app.request(pathOf(link), asJson)).json()) as { title: string };
    expect(before.title).toBe('Rendered at write time, first draft');
    await t.stores.jobs.enqueue(previewJob(draft.id));
    await t.contentWorker.drain();
    const after = (await (await t.app.request(pathOf(link), asJson)).json()) as { title: string };
    expect(after.title).toBe('Rendered at write time, second draft');
    expect((await t.stores.previews.getRender(draft.id))?.version).toBe(2);
  });

  it('renders a review once for all its links, and not at all without a working link', async () => {
    const lonely = await r.create('editorA');
    expect(await t.stores.previews.getRender(lonely.id)).toBeUndefined();
    const draft = await r.create('editorA', { title: 'One render, two links' });
    const [first, second] = [await linkOf(draft), await linkOf(draft)];
    const a = await (await t.app.request(pathOf(first), asJson)).text();
    const b = await (await t.app.request(pathOf(second), asJson)).text();
    expect(a).toBe(b);
    expect(JSON.parse(a)).toMatchObject({ title: 'One render, two links' });
    // Once every link has expired, the next save drops the render instead of rendering.
    t.clock.set('2026-11-23T12:00:00.000Z');
    const res = await r.send('PATCH', `/reviews/${draft.id}`, 'editorA', {
      body: { title: 'Edited after the links expired' },
      contentType: 'application/merge-patch+json',
      headers: { 'If-Match': `"v${draft.version}"` },
    });
    expect(res.status).toBe(200);
    await t.stores.jobs.enqueue(previewJob(draft.id));
    await t.contentWorker.drain();
    expect(await t.stores.previews.getRender(draft.id)).toBeUndefined();
  });

  it('answers 503 with Retry-After for a working link opened before its first render', async () => {
    const draft = await r.create('editorA', { title: 'Not rendered yet' });
    // A link stored without its job having run (on AWS: the second after it was made).
    const token = 'T'.repeat(43);
    await t.stores.previews.create({
      tokenHash: tokenHashOf(token),
      reviewId: draft.id,
      createdAt: t.clock.now().toISOString(),
      expiresAt: '2026-11-22T12:00:00.000Z',
    });
    const json = await t.app.request(`/preview/${token}`, asJson);
    await expectProblem(json.clone(), 503, 'unavailable');
    expectPrivate(json);
    expect(json.headers.get('retry-after')).toBe('2');
    const page = await t.app.request(`/preview/${token}`);
    await expectProblem(page.clone(), 503, 'unavailable');
    expectPrivate(page);
    expect(page.headers.get('retry-after')).toBe('2');

    await t.stores.jobs.enqueue(previewJob(draft.id));
    await t.contentWorker.drain();
    const ready = await t.app.request(`/preview/${token}`, asJson);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { title: string }).title).toBe('Not rendered yet');
  });

  it('answers 404 for a revoked or expired link even though a render is stored', async () => {
    const draft = await r.create('editorA');
    const revoked = await linkOf(draft);
    expect((await r.send('DELETE', `/reviews/${draft.id}/preview`, 'editorA')).status).toBe(204);
    // The revoke removed the render with the links.
    expect(await t.stores.previews.getRender(draft.id)).toBeUndefined();
    const live = await linkOf(draft, { ttlHours: 1 });
    expect(await t.stores.previews.getRender(draft.id)).toBeDefined();
    expect((await t.app.request(pathOf(live))).status).toBe(200);
    await expectProblem(await t.app.request(pathOf(revoked), asJson), 404, 'not-found');
    expect((await t.app.request(pathOf(revoked))).status).toBe(404);
    // Past its expiry, the render still stored (kept until then) shows nothing either.
    t.clock.set('2026-11-21T13:00:00.000Z');
    expect(await t.stores.previews.getRender(draft.id)).toBeDefined();
    await expectProblem(await t.app.request(pathOf(live), asJson), 404, 'not-found');
  });

  it('removes the render and the links with the review', async () => {
    const draft = await r.create('editorA', { title: 'Deleted with its preview' });
    const link = await linkOf(draft);
    expect(await t.stores.previews.getRender(draft.id)).toBeDefined();
    const deleted = await r.send('DELETE', `/reviews/${draft.id}`, 'editorA', {
      headers: { 'If-Match': `"v${draft.version}"` },
    });
    expect(deleted.status).toBe(204);
    expect(await t.stores.previews.getRender(draft.id)).toBeUndefined();
    expect(await t.stores.previews.latestExpiry(draft.id)).toBeUndefined();
    await expectProblem(await t.app.request(pathOf(link), asJson), 404, 'not-found');
    // A late preview job for the deleted review stores nothing.
    await t.stores.jobs.enqueue(previewJob(draft.id));
    await t.contentWorker.drain();
    expect(await t.stores.previews.getRender(draft.id)).toBeUndefined();
  });

  it('serves the stored render under no public path, only under its secret link', async () => {
    const title = 'Zebra-striped secret prototype preview';
    const draft = await r.create('editorA', { slug: 'zebra-secret-prototype', title });
    const link = await linkOf(draft);
    expect((await t.stores.previews.getRender(draft.id))?.json).toContain(title);
    for (const path of [
      '/content',
      '/content/zebra-secret-prototype',
      '/content?q=zebra',
      '/',
      '/?q=zebra',
      '/review/zebra-secret-prototype',
      '/cameras',
      '/feed.xml',
      '/sitemap.xml',
      `/preview/${draft.id}`,
      `/images/${draft.id}`,
    ]) {
      const res = await t.app.request(path);
      expect(await res.text(), path).not.toContain(title);
    }
    // Nor in the blob store (the bucket CloudFront serves `images/` from).
    for await (const entry of t.stores.blobs.list('')) {
      const blob = await t.stores.blobs.get(entry.key);
      expect(Buffer.from(blob!.bytes).toString('utf8'), entry.key).not.toContain(title);
    }
    expect((await t.app.request(pathOf(link))).status).toBe(200);
  });

  it('keeps a week at most', async () => {
    const draft = await r.create('editorA');
    expect((await linkOf(draft, { ttlHours: 168 })).expiresAt).toBe('2026-11-28T12:00:00.000Z');
  });
});
