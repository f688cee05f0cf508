import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageRecord } from '../../src/domain/image.js';
import type { Review } from '../../src/domain/review.js';
import { testUsers } from '../support/fixed-token-resolver.js';
import { reviewInput } from '../support/review-fixtures.js';
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
const SHORT = 'Good, but too short to publish.';
const MISSING_IMAGE = 'img_00000000000000ff';

function patch(review: Review, body: unknown) {
  return r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
    body,
    contentType: 'application/merge-patch+json',
    headers: ifMatch(review),
  });
}

async function read(review: Review): Promise<Review> {
  return (await (await r.send('GET', `/reviews/${review.id}`, 'editorA')).json()) as Review;
}

/** A photo record as the images service writes it, with whatever alt text the test needs. */
function imageOf(review: Review, alt: string): ImageRecord {
  return {
    id: 'img_0000000000000001',
    reviewId: review.id,
    ownerId: review.authorId,
    status: 'pending',
    filename: 'photo.jpg',
    contentType: 'image/jpeg',
    size: 1234,
    alt,
    variants: [],
    exif: {},
    uploadTokenHash: 'ab'.repeat(32),
    uploadExpiresAt: '2026-11-21T12:15:00.000Z',
    createdAt: '2026-11-21T12:00:00.000Z',
    updatedAt: '2026-11-21T12:00:00.000Z',
    version: 1,
  };
}

describe('the publish checklist', () => {
  it('refuses to publish an incomplete review with one 422 naming every missing item', async () => {
    const res = await r.send('POST', '/reviews', 'editorA', {
      body: reviewInput({
        status: 'published',
        slug: 'incomplete-review',
        pros: [],
        cons: [],
        body: `${SHORT}\n\n![A photo](image:${MISSING_IMAGE})`,
      }),
    });
    const problem = await expectProblem(res, 422, 'publish-checklist');
    expect(problem).toMatchObject({ title: 'Not ready to publish' });
    expect(problem.errors).toEqual([
      { field: 'pros', message: 'at least one pro' },
      { field: 'cons', message: 'at least one con' },
      { field: 'body', message: expect.stringMatching(/^at least 150 words \(it has \d+\)$/) },
      { field: 'body', message: `references image ${MISSING_IMAGE}, which this review lacks` },
    ]);
    // Nothing was stored and the slug was not claimed.
    const list = (await (await r.send('GET', '/reviews', 'editorA')).json()) as {
      items: Review[];
    };
    expect(list.items).toEqual([]);
    expect((await r.publish('editorB', { slug: 'incomplete-review' })).slug).toBe(
      'incomplete-review',
    );
  });

  it('answers the format rules first, as a 400', async () => {
    const res = await r.send('POST', '/reviews', 'editorA', {
      body: reviewInput({ status: 'published', pros: [], cons: ['Grip', 'grip'] }),
    });
    const problem = await expectProblem(res, 400, 'validation');
    expect(problem.errors?.map((e) => e.field)).toEqual(['cons']);
  });

  it('lets a draft be saved incomplete', async () => {
    const draft = await r.create('editorA', { pros: [], cons: [], body: SHORT });
    expect(draft).toMatchObject({ status: 'draft', pros: [], body: SHORT });
  });

  it('checks a PUT, a PATCH and a schedule that would make a draft public, changing nothing', async () => {
    const draft = await r.create('editorA', { body: SHORT });
    const put = await r.send('PUT', `/reviews/${draft.id}`, 'editorA', {
      body: reviewInput({ status: 'published', body: SHORT }),
      headers: ifMatch(draft),
    });
    expect(
      (await expectProblem(put, 422, 'publish-checklist')).errors?.map((e) => e.field),
    ).toEqual(['body']);
    const published = await patch(draft, { status: 'published' });
    await expectProblem(published, 422, 'publish-checklist');
    const scheduled = await patch(draft, { publishAt: IN_AN_HOUR });
    await expectProblem(scheduled, 422, 'publish-checklist');
    expect(await read(draft)).toEqual(draft);

    // The same PATCH with the missing words goes through.
    const fixed = await patch(draft, { status: 'published', body: reviewInput().body });
    expect(fixed.status, await fixed.clone().text()).toBe(200);
    expect(await fixed.json()).toMatchObject({ status: 'published', version: 2 });
  });

  it('checks every save of a published review, not only the one that publishes it', async () => {
    const review = await r.publish('editorA');
    const res = await patch(review, { cons: [] });
    expect((await expectProblem(res, 422, 'publish-checklist')).errors).toEqual([
      { field: 'cons', message: 'at least one con' },
    ]);
    // Unpublishing is always possible, whatever the content.
    const unpublished = await patch(review, { status: 'draft', cons: [] });
    expect(unpublished.status).toBe(200);
  });

  it('checks a restore into a published review', async () => {
    const draft = await r.create('editorA', { body: SHORT });
    const published = (await (
      await patch(draft, { status: 'published', body: reviewInput().body })
    ).json()) as Review;
    const res = await r.send('POST', `/reviews/${draft.id}/revisions/1/restore`, 'editorA', {
      headers: ifMatch(published),
    });
    expect(
      (await expectProblem(res, 422, 'publish-checklist')).errors?.map((e) => e.field),
    ).toEqual(['body']);
    expect(await read(published)).toEqual(published);
  });

  it('needs alt text on every photo of the review', async () => {
    const draft = await r.create('editorA');
    // The API refuses an empty alt; a record written another way may still lack one.
    await t.stores.images.put(imageOf(draft, ' '));
    const res = await patch(draft, { status: 'published' });
    expect((await expectProblem(res, 422, 'publish-checklist')).errors).toEqual([
      { field: 'images.img_0000000000000001.alt', message: 'alt text describing the photo' },
    ]);
    await t.stores.images.put({ ...imageOf(draft, 'A red test card'), version: 2 });
    expect((await patch(draft, { status: 'published' })).status).toBe(200);
  });

  it('records a scheduled review that is no longer complete when due, without publishing it', async () => {
    const draft = await r.create('editorA');
    const image = await r.send('POST', `/reviews/${draft.id}/images`, 'editorA', {
      body: { filename: 'photo.jpg', contentType: 'image/jpeg', size: 1234, alt: 'A red card' },
    });
    expect(image.status, await image.clone().text()).toBe(201);
    const { id: imageId } = (await image.json()) as { id: string };
    const scheduled = await patch(draft, {
      publishAt: IN_AN_HOUR,
      body: `${draft.body}\n\n![A red card](image:${imageId})`,
    });
    expect(scheduled.status, await scheduled.clone().text()).toBe(200);
    // The photo the body shows is deleted before the publish is due.
    const gone = await r.send('DELETE', `/reviews/${draft.id}/images/${imageId}`, 'editorA');
    expect(gone.status).toBe(204);

    t.clock.set('2026-11-21T13:00:30.000Z');
    await t.contentWorker.drain();
    const failed = await read(draft);
    expect(failed).toMatchObject({
      status: 'scheduled',
      publishedAt: null,
      scheduleError: {
        message: expect.stringContaining('not ready to publish'),
        errors: [
          { field: 'body', message: `references image ${imageId}, which this review lacks` },
        ],
      },
    });
    expect((await t.app.request(`/content/${draft.slug}`)).status).toBe(404);
  });
});
