import { describe, expect, it } from 'vitest';
import { generatedReview } from './review-generator.js';

describe('generatedReview', () => {
  it('gives published reviews with distinct slugs, ids and spread ratings', () => {
    const reviews = Array.from({ length: 500 }, (_, i) => generatedReview(i));
    expect(new Set(reviews.map((r) => r.slug)).size).toBe(500);
    expect(new Set(reviews.map((r) => r.id)).size).toBe(500);
    expect(reviews.every((r) => r.status === 'published' && r.publishedAt === r.createdAt)).toBe(
      true,
    );
    expect(new Set(reviews.map((r) => r.rating)).size).toBeGreaterThan(10);
  });

  it('keeps the slugs of two batches apart', () => {
    const first = new Set(
      Array.from({ length: 50 }, (_, i) => generatedReview(i, { batch: 'a1' }).slug),
    );
    const second = Array.from({ length: 50 }, (_, i) => generatedReview(i, { batch: 'b2' }).slug);
    expect(second.filter((slug) => first.has(slug))).toEqual([]);
  });
});
