import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testUsers } from '../support/fixed-token-resolver.js';
import { expectProblem, reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// The routes the consoles added: the editor's preview, the admins' counters and job queue.

let t: TestApp;
let r: ReturnType<typeof reviewRequests>;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  r = reviewRequests(t);
});
afterEach(() => t.close());

describe('POST /reviews/{id}/render', () => {
  it('renders Markdown through the readers’ sanitiser, for the author and admins only', async () => {
    const review = await r.create('editorA');
    const body = '## Handling\n\n<script>alert(1)</script>[x](javascript:alert(1)) **bold**';
    const res = await r.send('POST', `/reviews/${review.id}/render`, 'editorA', { body: { body } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const { html } = (await res.json()) as { html: string };
    expect(html).toContain('<h2>Handling</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('href="javascript');
    expect(
      (await r.send('POST', `/reviews/${review.id}/render`, 'admin', { body: { body } })).status,
    ).toBe(200);
    await expectProblem(
      await r.send('POST', `/reviews/${review.id}/render`, 'editorB', { body: { body } }),
      404,
      'not-found',
    );
    await expectProblem(
      await r.send('POST', `/reviews/${review.id}/render`, 'anonymous', { body: { body } }),
      401,
      'unauthenticated',
    );
    await expectProblem(
      await r.send('POST', `/reviews/${review.id}/render`, 'editorA', { body: {} }),
      400,
      'validation',
    );
  });
});

describe('GET /counters/{counterId} and PUT …/public', () => {
  it('shows an admin the totals and daily history, and flips the public flag', async () => {
    const key = await t.createKey('default');
    for (let i = 0; i < 3; i++) {
      const visit = await t.app.request('/visits/default', {
        method: 'POST',
        headers: { 'x-api-key': key, 'user-agent': `Mozilla/5.0 visitor ${i}` },
      });
      expect(visit.status).toBe(200);
    }
    const res = await r.send('GET', '/counters/default', 'admin');
    expect(res.status).toBe(200);
    const counter = (await res.json()) as {
      count: number;
      public: boolean;
      daily: Array<{ count: number; uniqueVisitors: number }>;
    };
    expect(counter.count).toBe(3);
    expect(counter.public).toBe(false);
    expect(counter.daily.at(-1)).toMatchObject({ count: 3 });

    const put = await r.send('PUT', '/counters/default/public', 'admin', {
      body: { public: true },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ id: 'default', public: true });
    const after = (await (await r.send('GET', '/counters/default', 'admin')).json()) as {
      public: boolean;
    };
    expect(after.public).toBe(true);
    expect((await t.app.request('/visits/default/badge.json')).status).toBe(200);

    await expectProblem(await r.send('GET', '/counters/default', 'editorA'), 403, 'forbidden');
    await expectProblem(
      await r.send('GET', '/counters/default', 'anonymous'),
      401,
      'unauthenticated',
    );
    await expectProblem(await r.send('GET', '/counters/NOT%20OK', 'admin'), 400, 'validation');
    await expectProblem(
      await r.send('PUT', '/counters/default/public', 'admin', { body: { public: 'yes' } }),
      400,
      'validation',
    );
  });
});

describe('GET /jobs and POST /jobs/{id}/retry', () => {
  it('lists a dead job with its reason and retries it', async () => {
    // The queue on the test clock, so that moving it makes each retry due.
    await t.close();
    t = await createTestApp({
      services: (s) => ({ ...s, currentUser: testUsers }),
      queueOnTestClock: true,
    });
    r = reviewRequests(t);
    const queue = t.stores.jobConsumer!;
    await t.stores.jobs.enqueue({ id: 'test:doomed', type: 'test:never-handled', payload: {} });
    // Fail it until it is dead-lettered (5 attempts by default).
    for (let i = 0; i < 10 && (await queue.stats()).dead === 0; i++) {
      const leased = await queue.lease({ max: 10, leaseMs: 60_000 });
      for (const job of leased)
        if (job.id === 'test:doomed') await queue.fail(job.token, 'the camera was on fire');
        else await queue.release(job.token);
      t.clock.advance(10 * 60_000);
    }
    const res = await r.send('GET', '/jobs', 'admin');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      dead: number;
      deadJobs: Array<{ id: string; lastError: string }>;
    };
    expect(body.dead).toBe(1);
    expect(body.deadJobs).toEqual([
      expect.objectContaining({ id: 'test:doomed', lastError: 'the camera was on fire' }),
    ]);

    expect((await r.send('POST', '/jobs/test%3Adoomed/retry', 'admin')).status).toBe(204);
    const after = (await (await r.send('GET', '/jobs', 'admin')).json()) as {
      dead: number;
      pending: number;
    };
    expect(after.dead).toBe(0);
    await expectProblem(
      await r.send('POST', '/jobs/test%3Adoomed/retry', 'admin'),
      404,
      'not-found',
    );
    await expectProblem(await r.send('GET', '/jobs', 'editorA'), 403, 'forbidden');
    await expectProblem(await r.send('GET', '/jobs', 'anonymous'), 401, 'unauthenticated');
  });
});
