import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReviewInputSchema } from '../../src/http/schemas/review-schemas.js';
import { DEMO_AUTHOR_ID, DEMO_REVIEWS } from '../../src/services/demo-review-data.js';
import { loadDemoReviews } from '../../src/services/demo-reviews.js';
import type { ContentPage } from '../../src/services/content-index/content-types.js';
import { testUsers } from '../support/fixed-token-resolver.js';
import { reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
});
afterEach(() => t.close());

describe('demo reviews', () => {
  it('are a dozen valid reviews across brands, types and sensors', () => {
    expect(DEMO_REVIEWS).toHaveLength(12);
    for (const review of DEMO_REVIEWS) {
      const parsed = ReviewInputSchema.safeParse({ ...review, status: 'published' });
      expect(parsed.success, `${review.slug}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(review.body).toMatch(/Demo review/);
      expect(review.body).toMatch(/^## /m);
      expect(review.body).toMatch(/^(- |1\. )/m);
    }
    expect(new Set(DEMO_REVIEWS.map((r) => r.camera.brand)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(DEMO_REVIEWS.map((r) => r.camera.type)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(DEMO_REVIEWS.map((r) => r.camera.sensor)).size).toBeGreaterThanOrEqual(6);
  });

  it('load published on an empty store, newest first, and show up in /content', async () => {
    expect(await loadDemoReviews(t.stores.reviews, t.clock)).toBe(12);
    await t.materialise();
    const page = (await (await t.app.request('/content?limit=100')).json()) as ContentPage;
    expect(page.total).toBe(12);
    expect(page.items[0]!.slug).toBe(DEMO_REVIEWS[DEMO_REVIEWS.length - 1]!.slug);
    expect(page.items[0]!.publishedAt).toBe('2026-11-20T12:00:00.000Z');
    const stored = await t.stores.reviews.list({ limit: 100 });
    expect(stored.items.every((r) => r.authorId === DEMO_AUTHOR_ID)).toBe(true);
  });

  it('do not load into a store that has any review, even a draft', async () => {
    await reviewRequests(t).create('editorA');
    expect(await loadDemoReviews(t.stores.reviews, t.clock)).toBe(0);
    expect(await loadDemoReviews(t.stores.reviews, t.clock)).toBe(0);
    const page = (await (await t.app.request('/content')).json()) as ContentPage;
    expect(page.total).toBe(0);
  });

  it('answer the documented /content query examples, which /docs pre-fills in "Try it out"', async () => {
    await loadDemoReviews(t.stores.reviews, t.clock);
    await t.materialise();
    const document = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        {
          get: {
            parameters: Array<{
              name: string;
              in: string;
              example?: unknown;
              schema?: { example?: unknown };
            }>;
          };
        }
      >;
    };
    const query = new URLSearchParams();
    for (const p of document.paths['/content']!.get.parameters) {
      const example = p.example ?? p.schema?.example;
      if (p.in === 'query' && example !== undefined) query.set(p.name, String(example));
    }
    expect([...query.keys()]).toEqual(expect.arrayContaining(['q', 'brand', 'minRating']));
    const page = (await (await t.app.request(`/content?${query}`)).json()) as ContentPage;
    expect(page.total).toBeGreaterThan(0);
  });
});
