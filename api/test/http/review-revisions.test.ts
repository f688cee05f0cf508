import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Review } from '../../src/domain/review.js';
import { testUsers } from '../support/fixed-token-resolver.js';
import { reviewInput } from '../support/review-fixtures.js';
import { expectProblem, ifMatch, reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let r: ReturnType<typeof reviewRequests>;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  r = reviewRequests(t);
});
afterEach(() => t.close());

interface Summary {
  n: number;
  title: string;
  status: string;
  savedBy: string;
}

async function patch(review: Review, body: unknown, who: 'editorA' | 'admin' = 'editorA') {
  const res = await r.send('PATCH', `/reviews/${review.id}`, who, {
    body,
    headers: ifMatch(review),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Review;
}

async function revisions(id: string, who: 'editorA' | 'admin' = 'editorA') {
  const res = await r.send('GET', `/reviews/${id}/revisions`, who);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Summary[] }).items;
}

describe('revisions', () => {
  it('keeps one per save — create, PATCH, PUT, publish, unpublish — numbered by version', async () => {
    const v1 = await r.create('editorA');
    const v2 = await patch(v1, { title: 'Fujifilm X100VI review, revisited' });
    const put = await r.send('PUT', `/reviews/${v1.id}`, 'editorA', {
      body: reviewInput({ title: 'Third title' }),
      headers: ifMatch(v2),
    });
    const v3 = (await put.json()) as Review;
    const v4 = await patch(v3, { status: 'published' });
    const v5 = await patch(v4, { status: 'draft' }, 'admin');
    expect(v5.version).toBe(5);

    const list = await revisions(v1.id);
    expect(list.map((s) => [s.n, s.status, s.savedBy])).toEqual([
      [5, 'draft', 'usr_admin'],
      [4, 'published', 'usr_a'],
      [3, 'draft', 'usr_a'],
      [2, 'draft', 'usr_a'],
      [1, 'draft', 'usr_a'],
    ]);
    expect(list[2]!.title).toBe('Third title');
    expect(list[0]).not.toHaveProperty('content');

    const two = await r.send('GET', `/reviews/${v1.id}/revisions/2`, 'editorA');
    expect(two.status).toBe(200);
    expect(await two.json()).toMatchObject({
      reviewId: v1.id,
      n: 2,
      savedAt: v2.updatedAt,
      content: { title: 'Fujifilm X100VI review, revisited', body: v1.body, slug: v1.slug },
    });
  });

  it('answers 404 for another editor’s review, a missing one, or a revision not kept', async () => {
    const review = await r.create('editorA');
    await expectProblem(
      await r.send('GET', `/reviews/${review.id}/revisions`, 'editorB'),
      404,
      'not-found',
    );
    await expectProblem(
      await r.send('GET', `/reviews/${review.id}/revisions/1`, 'editorB'),
      404,
      'not-found',
    );
    await expectProblem(
      await r.send('GET', '/reviews/rev_missing/revisions', 'editorA'),
      404,
      'not-found',
    );
    await expectProblem(
      await r.send('GET', `/reviews/${review.id}/revisions/9`, 'editorA'),
      404,
      'not-found',
    );
    expect((await revisions(review.id, 'admin')).map((s) => s.n)).toEqual([1]);
    await expectProblem(
      await r.send('GET', `/reviews/${review.id}/revisions`, 'anonymous'),
      401,
      'unauthenticated',
    );
  });

  it('refuses a revision number that is not plain digits from 1', async () => {
    const review = await r.create('editorA');
    for (const bad of ['0', '-1', '1.5', 'x', '01']) {
      const res = await r.send('GET', `/reviews/${review.id}/revisions/${bad}`, 'editorA');
      const problem = await expectProblem(res, 400, 'validation');
      expect(problem.errors?.[0]?.field).toBe('n');
    }
  });

  it('keeps only the newest SHUTTER_REVISIONS_KEPT (pruning the oldest)', async () => {
    await t.close();
    t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
    // The option reaches the service through createServices; build a service set with 3 kept.
    const { createServices } = await import('../../src/services/create-services.js');
    const services = createServices(t.stores, t.clock, { revisionsKept: 3 });
    const editor = { id: 'usr_a', role: 'editor' as const, email: 'a@example.com', name: 'A' };
    let review = await services.reviews.create(editor, reviewInput());
    for (let i = 0; i < 5; i++) {
      review = await services.reviews.patch(editor, review.id, `"v${review.version}"`, (c) => ({
        ...c,
        title: `Title ${i}`,
      }));
    }
    expect((await services.revisions.list(editor, review.id)).map((s) => s.n)).toEqual([6, 5, 4]);
  });

  it('forgets a review’s revisions when the review is deleted', async () => {
    const review = await r.create('editorA');
    const del = await r.send('DELETE', `/reviews/${review.id}`, 'editorA', {
      headers: ifMatch(review),
    });
    expect(del.status).toBe(204);
    expect(await t.stores.revisions.list(review.id)).toEqual([]);
  });
});

describe('GET /reviews/{id}/diff', () => {
  it('names each changed field with its values and gives the body as a line diff', async () => {
    const v1 = await r.create('editorA', {
      camera: { priceUsd: 1999 },
      scores: { autofocus: 8 },
      body: '## Handling\n\nAutofocus is fast.\n\nThe dials are good.',
    });
    const v2 = await patch(v1, {
      camera: { priceUsd: 1799 },
      scores: { autofocus: 7 },
      pros: ['Sharp 40 MP sensor', 'Quiet shutter'],
      body: '## Handling\n\nAutofocus hunts in low light.\n\nThe dials are good.',
    });
    const res = await r.send('GET', `/reviews/${v1.id}/diff?from=1&to=${v2.version}`, 'editorA');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      reviewId: v1.id,
      from: 1,
      to: 2,
      changes: [
        { field: 'camera.priceUsd', from: 1999, to: 1799 },
        { field: 'scores.autofocus', from: 8, to: 7 },
        {
          field: 'pros',
          from: ['Sharp 40 MP sensor'],
          to: ['Sharp 40 MP sensor', 'Quiet shutter'],
        },
        {
          field: 'body',
          lines: [
            { op: 'unchanged', text: '## Handling' },
            { op: 'unchanged', text: '' },
            { op: 'removed', text: 'Autofocus is fast.' },
            { op: 'added', text: 'Autofocus hunts in low light.' },
            { op: 'unchanged', text: '' },
            { op: 'unchanged', text: 'The dials are good.' },
          ],
        },
      ],
    });
    const back = await r.send('GET', `/reviews/${v1.id}/diff?from=2&to=1`, 'editorA');
    expect(((await back.json()) as { changes: unknown[] }).changes[0]).toEqual({
      field: 'camera.priceUsd',
      from: 1799,
      to: 1999,
    });
    const same = await r.send('GET', `/reviews/${v1.id}/diff?from=2&to=2`, 'editorA');
    expect(((await same.json()) as { changes: unknown[] }).changes).toEqual([]);
  });

  it('needs both numbers, and both revisions kept', async () => {
    const review = await r.create('editorA');
    const missing = await r.send('GET', `/reviews/${review.id}/diff?from=1`, 'editorA');
    expect((await expectProblem(missing, 400, 'validation')).errors?.[0]?.field).toBe('to');
    await expectProblem(
      await r.send('GET', `/reviews/${review.id}/diff?from=1&to=2`, 'editorA'),
      404,
      'not-found',
    );
    await expectProblem(
      await r.send('GET', `/reviews/${review.id}/diff?from=1&to=1`, 'editorB'),
      404,
      'not-found',
    );
  });
});

describe('POST /reviews/{id}/revisions/{n}/restore', () => {
  it('makes a new version with revision n’s content, keeping slug and status', async () => {
    const v1 = await r.create('editorA', { title: 'The original title' });
    const v2 = await patch(v1, { title: 'A worse title', rating: 3, status: 'published' });
    const res = await r.send('POST', `/reviews/${v1.id}/revisions/1/restore`, 'editorA', {
      headers: ifMatch(v2),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('etag')).toBe('"v3"');
    const v3 = (await res.json()) as Review;
    expect(v3).toMatchObject({
      title: 'The original title',
      rating: v1.rating,
      status: 'published',
      slug: v2.slug,
      version: 3,
      publishedAt: v2.publishedAt,
    });
    expect((await revisions(v1.id)).map((s) => s.n)).toEqual([3, 2, 1]);
    const read = await r.send('GET', `/reviews/${v1.id}`, 'editorA');
    expect(await read.json()).toEqual(v3);
  });

  it('needs If-Match: 428 without, 412 after a concurrent edit, and changes nothing', async () => {
    const v1 = await r.create('editorA', { title: 'The original title' });
    const v2 = await patch(v1, { title: 'Second title' });
    const restore = (headers: Record<string, string>) =>
      r.send('POST', `/reviews/${v1.id}/revisions/1/restore`, 'editorA', { headers });

    await expectProblem(await restore({}), 428, 'precondition-required');
    await expectProblem(await restore({ 'If-Match': 'v2' }), 400, 'validation');
    // Someone else saved v3 meanwhile: a restore from what the editor saw (v2) is stale.
    await patch(v2, { title: 'A concurrent edit' }, 'admin');
    await expectProblem(await restore(ifMatch(v2)), 412, 'precondition-failed');
    const read = (await (await r.send('GET', `/reviews/${v1.id}`, 'editorA')).json()) as Review;
    expect(read).toMatchObject({ title: 'A concurrent edit', version: 3 });
    expect((await revisions(v1.id)).map((s) => s.n)).toEqual([3, 2, 1]);
  });

  it('answers 404 for another editor’s review or a revision not kept', async () => {
    const review = await r.create('editorA');
    await expectProblem(
      await r.send('POST', `/reviews/${review.id}/revisions/1/restore`, 'editorB', {
        headers: ifMatch(review),
      }),
      404,
      'not-found',
    );
    await expectProblem(
      await r.send('POST', `/reviews/${review.id}/revisions/7/restore`, 'editorA', {
        headers: ifMatch(review),
      }),
      404,
      'not-found',
    );
    const admin = await r.send('POST', `/reviews/${review.id}/revisions/1/restore`, 'admin', {
      headers: ifMatch(review),
    });
    expect(admin.status).toBe(200);
    expect(((await admin.json()) as Review).authorId).toBe('usr_a');
  });
});
