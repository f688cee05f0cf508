import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Review } from '../../src/domain/review.js';
import { testUsers } from '../support/fixed-token-resolver.js';
import { reviewInput } from '../support/review-fixtures.js';
import { expectProblem, reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let r: ReturnType<typeof reviewRequests>;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  r = reviewRequests(t);
});
afterEach(() => t.close());

const key = (value: string) => ({ 'Idempotency-Key': value });
const post = (who: 'editorA' | 'editorB', body: unknown, headers: Record<string, string>) =>
  r.send('POST', '/reviews', who, { body, headers });
const count = async () => (await t.stores.reviews.list({ limit: 100 })).items.length;

describe('POST /reviews with Idempotency-Key', () => {
  it('answers a retry with the first answer again and creates one review', async () => {
    const first = await post('editorA', reviewInput(), key('retry-1'));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const created = (await first.json()) as Review;

    // The review changes meanwhile: the replay is still the first answer, as it was.
    await r.send('PATCH', `/reviews/${created.id}`, 'editorA', {
      body: { title: 'Changed since' },
      headers: { 'If-Match': '"v1"' },
    });
    t.clock.advance(23 * 3600_000);
    const again = await post('editorA', reviewInput(), key('retry-1'));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('etag')).toBe('"v1"');
    expect(await again.json()).toEqual(created);
    expect(await count()).toBe(1);
  });

  it('treats the same body written in another key order as the same request', async () => {
    const body = reviewInput();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await post('editorA', body, key('order'))).status).toBe(201);
    const again = await post('editorA', reordered, key('order'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await count()).toBe(1);
  });

  it('refuses the same key with another body: 422 idempotency-key-reused, nothing created', async () => {
    await post('editorA', reviewInput(), key('reused'));
    const other = await post('editorA', reviewInput({ title: 'Another review' }), key('reused'));
    const problem = await expectProblem(other, 422, 'idempotency-key-reused');
    expect(problem.errors).toEqual([
      { field: 'idempotency-key', message: 'already used with a different request body' },
    ]);
    expect(await count()).toBe(1);
  });

  it('keeps keys per user and for 24 hours', async () => {
    await post('editorA', reviewInput(), key('shared'));
    const b = await post('editorB', reviewInput(), key('shared'));
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    t.clock.advance(24 * 3600_000 + 1000);
    const late = await post('editorA', reviewInput(), key('shared'));
    expect(late.headers.get('idempotent-replayed')).toBeNull();
    expect(await count()).toBe(3);
  });

  it('creates one review from many concurrent requests with one key', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post('editorA', reviewInput(), key('burst'))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    // The others either got the first answer again or were told to retry (409, in progress).
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const a of answers.filter((a) => a.status === 409)) {
      await expectProblem(a, 409, 'conflict');
    }
    expect(await count()).toBe(1);
  });

  it('does not remember a failed first attempt: the retry runs again', async () => {
    const bad = await post('editorA', reviewInput({ camera: { releaseYear: 2999 } }), key('fix'));
    expect(bad.status).toBe(400);
    const fixed = await post('editorA', reviewInput(), key('fix'));
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses a key over 255 characters or with control characters', async () => {
    for (const value of ['k'.repeat(256), 'tab\there']) {
      const res = await post('editorA', reviewInput(), key(value));
      const problem = await expectProblem(res, 400, 'validation');
      expect(problem.errors?.[0]?.field).toBe('idempotency-key');
    }
    expect((await post('editorA', reviewInput(), key('k'.repeat(255)))).status).toBe(201);
    expect(await count()).toBe(1);
  });
});
