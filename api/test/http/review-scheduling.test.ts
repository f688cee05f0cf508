import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Review } from '../../src/domain/review.js';
import { testUsers } from '../support/fixed-token-resolver.js';
import { reviewInput, storedReview } from '../support/review-fixtures.js';
import { expectProblem, ifMatch, reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let r: ReturnType<typeof reviewRequests>;
beforeEach(async () => {
  t = await createTestApp({
    services: (s) => ({ ...s, currentUser: testUsers }),
    queueOnTestClock: true,
  });
  r = reviewRequests(t);
});
afterEach(() => t.close());

// The test clock stands at 2026-11-21T12:00:00.000Z until a test moves it.
const IN_AN_HOUR = '2026-11-21T13:00:00.000Z';

/** Moves the clock and runs whatever the queue holds that is due by then. */
async function at(iso: string): Promise<void> {
  t.clock.set(iso);
  await t.contentWorker.drain();
}

async function patch(review: Review, body: unknown, who: 'editorA' | 'admin' = 'editorA') {
  return r.send('PATCH', `/reviews/${review.id}`, who, {
    body,
    contentType: 'application/merge-patch+json',
    headers: ifMatch(review),
  });
}

const contentStatus = async (slug: string) => (await t.app.request(`/content/${slug}`)).status;

describe('scheduled publishing', () => {
  it('schedules with publishAt and publishes when it comes, not before', async () => {
    const review = await r.create('editorA', { publishAt: '2026-11-21T14:00:00+01:00' });
    expect(review).toMatchObject({
      status: 'scheduled',
      publishAt: IN_AN_HOUR,
      publishedAt: null,
      scheduleError: null,
    });
    expect(await contentStatus(review.slug)).toBe(404);

    // The queue looks again every 15 minutes at most (SQS's delay ceiling): still not due.
    await at('2026-11-21T12:15:00.000Z');
    await at('2026-11-21T12:50:00.000Z');
    expect(await contentStatus(review.slug)).toBe(404);
    expect((await (await r.send('GET', `/reviews/${review.id}`, 'editorA')).json()).status).toBe(
      'scheduled',
    );

    await at('2026-11-21T13:00:30.000Z');
    const published = (await (
      await r.send('GET', `/reviews/${review.id}`, 'editorA')
    ).json()) as Review;
    expect(published).toMatchObject({
      status: 'published',
      publishAt: null,
      publishedAt: '2026-11-21T13:00:30.000Z',
      version: review.version + 1,
    });
    expect(await contentStatus(review.slug)).toBe(200);
    const list = (await (await t.app.request('/content')).json()) as { items: { slug: string }[] };
    expect(list.items.map((i) => i.slug)).toContain(review.slug);
    expect(t.logger.lines).toContainEqual(
      expect.objectContaining({ msg: 'scheduled review published', reviewId: review.id }),
    );
  });

  it('schedules a draft with a PATCH and unschedules it with publishAt: null', async () => {
    const draft = await r.create('editorA');
    const scheduledRes = await patch(draft, { publishAt: IN_AN_HOUR });
    expect(scheduledRes.status).toBe(200);
    const scheduled = (await scheduledRes.json()) as Review;
    expect(scheduled).toMatchObject({ status: 'scheduled', publishAt: IN_AN_HOUR });

    const listed = await r.send('GET', '/reviews?status=scheduled', 'editorA');
    expect(((await listed.json()) as { items: Review[] }).items.map((x) => x.id)).toEqual([
      draft.id,
    ]);

    const unscheduled = (await (await patch(scheduled, { publishAt: null })).json()) as Review;
    expect(unscheduled).toMatchObject({ status: 'draft', publishAt: null });
    await at('2026-11-21T14:00:00.000Z');
    expect(await contentStatus(draft.slug)).toBe(404);
    const stored = (await (
      await r.send('GET', `/reviews/${draft.id}`, 'editorA')
    ).json()) as Review;
    expect(stored).toMatchObject({ status: 'draft', version: unscheduled.version });
  });

  it('publishes a scheduled review at once with status published', async () => {
    const scheduled = await r.create('editorA', { publishAt: IN_AN_HOUR });
    const res = await patch(scheduled, { status: 'published' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'published', publishAt: null });
    expect(await contentStatus(scheduled.slug)).toBe(200);
    // The pending job finds it published and does nothing.
    await at('2026-11-21T13:30:00.000Z');
    const stored = (await (
      await r.send('GET', `/reviews/${scheduled.id}`, 'editorA')
    ).json()) as Review;
    expect(stored.version).toBe(scheduled.version + 1);
  });

  it('moves an earlier reschedule forward rather than waiting for the first instant', async () => {
    const review = await r.create('editorA', { publishAt: '2026-11-21T18:00:00.000Z' });
    const moved = (await (
      await patch(review, { publishAt: '2026-11-21T12:30:00.000Z' })
    ).json()) as Review;
    expect(moved.publishAt).toBe('2026-11-21T12:30:00.000Z');
    await at('2026-11-21T12:30:00.000Z');
    expect(await contentStatus(review.slug)).toBe(200);
  });

  it.each([
    ['in the past', '2026-11-21T11:59:59Z', 'must be in the future'],
    ['now', '2026-11-21T12:00:00Z', 'must be in the future'],
    ['too far ahead', '2027-11-23T12:00:00Z', 'at most 366 days ahead'],
    ['not an instant', '2026-12-01', 'an ISO 8601 instant'],
  ])('refuses publishAt %s with 400 on publishAt', async (_, publishAt, message) => {
    const res = await r.send('POST', '/reviews', 'editorA', {
      body: { ...reviewInput(), publishAt },
    });
    const problem = await expectProblem(res, 400, 'validation');
    expect(problem.errors).toEqual([
      { field: 'publishAt', message: expect.stringContaining(message) },
    ]);
  });

  it('refuses status scheduled without publishAt, and published with a new publishAt', async () => {
    const noInstant = await r.send('POST', '/reviews', 'editorA', {
      body: { ...reviewInput(), status: 'scheduled' },
    });
    expect((await expectProblem(noInstant, 400, 'validation')).errors).toEqual([
      { field: 'publishAt', message: 'required when status is scheduled' },
    ]);
    const draft = await r.create('editorA');
    const both = await patch(draft, { status: 'published', publishAt: IN_AN_HOUR });
    expect((await expectProblem(both, 400, 'validation')).errors).toEqual([
      { field: 'publishAt', message: expect.stringContaining('published now or scheduled') },
    ]);
  });

  it('holds a scheduled review to the publishing rules when it is scheduled', async () => {
    const res = await r.send('POST', '/reviews', 'editorA', {
      body: {
        ...reviewInput({ pros: [] }),
        publishAt: IN_AN_HOUR,
      },
    });
    const problem = await expectProblem(res, 422, 'publish-checklist');
    expect(problem.errors?.map((e) => e.field)).toEqual(['pros']);
  });

  it('keeps a revision of the scheduled publish, saved by the scheduler', async () => {
    const review = await r.create('editorA', { publishAt: IN_AN_HOUR });
    await at('2026-11-21T13:00:00.000Z');
    const res = await r.send('GET', `/reviews/${review.id}/revisions`, 'editorA');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: { n: number; status: string; savedBy: string }[];
    };
    expect(items.map((i) => [i.n, i.status, i.savedBy])).toEqual([
      [review.version + 1, 'published', 'system:scheduler'],
      [review.version, 'scheduled', 'usr_a'],
    ]);
  });

  it('publishes a scheduled review whose job was lost once a reconcile runs', async () => {
    // Stored as a write that crashed before queueing its publish job would leave it.
    const lost = storedReview({
      slug: 'lost-job-review',
      status: 'scheduled',
      publishAt: IN_AN_HOUR,
    });
    await t.stores.reviews.create(lost);
    await at('2026-11-21T13:05:00.000Z');
    expect(await contentStatus(lost.slug)).toBe(404);

    await t.contentWorker.pipeline.reconcile();
    await t.contentWorker.drain();
    expect(await contentStatus(lost.slug)).toBe(200);
    expect(await t.stores.reviews.get(lost.id)).toMatchObject({
      status: 'published',
      publishedAt: '2026-11-21T13:05:00.000Z',
    });
  });

  it('shows a failed publish on the review and in the log; a fix publishes it at once', async () => {
    const review = await r.create('editorA', { slug: 'contested-slug', publishAt: IN_AN_HOUR });
    // Meanwhile another editor publishes under the same slug: a draft holds no slug.
    await r.publish('editorB', { slug: 'contested-slug', title: 'Another X100VI review' });

    await at('2026-11-21T13:00:00.000Z');
    const failed = (await (
      await r.send('GET', `/reviews/${review.id}`, 'editorA')
    ).json()) as Review;
    expect(failed).toMatchObject({
      status: 'scheduled',
      publishAt: IN_AN_HOUR,
      version: review.version + 1,
      scheduleError: {
        at: '2026-11-21T13:00:00.000Z',
        message: expect.stringContaining('contested-slug'),
        errors: [{ field: 'slug', message: expect.any(String) }],
      },
    });
    expect(t.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        reviewId: review.id,
        msg: 'scheduled publish refused; the review shows why',
      }),
    );

    // The editor picks another slug; the instant has passed, so it is published as the queue runs.
    const fixed = await patch(failed, { slug: 'uncontested-slug' });
    expect(fixed.status).toBe(200);
    expect(await fixed.json()).toMatchObject({ scheduleError: null, status: 'scheduled' });
    await t.contentWorker.drain();
    expect(await contentStatus('uncontested-slug')).toBe(200);
  });
});
