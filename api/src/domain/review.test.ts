import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { assertReviewRules, hasOneDecimalAtMost, type ReviewInput } from './review.js';

const input = (overrides: Partial<ReviewInput> = {}): ReviewInput => ({
  camera: {
    brand: 'Ricoh',
    model: 'GR III',
    type: 'compact',
    sensor: 'aps-c',
    megapixels: 24.2,
    releaseYear: 2019,
    priceUsd: 899,
    mount: 'fixed',
  },
  title: 'Ricoh GR III review',
  summary: 'The pocket street camera.',
  body: 'Body',
  rating: 8,
  scores: { imageQuality: 8, autofocus: 6, video: 3, ergonomics: 8, value: 8 },
  pros: ['Pocketable'],
  cons: ['Battery'],
  status: 'published',
  ...overrides,
});

const now = new Date('2026-11-21T12:00:00Z');

function fieldsOf(fn: () => void): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
}

describe('assertReviewRules', () => {
  it('accepts a valid review', () => {
    expect(fieldsOf(() => assertReviewRules(input(), now))).toEqual([]);
  });

  it('allows next year (announced cameras) but not later', () => {
    const at = (releaseYear: number) => input({ camera: { ...input().camera, releaseYear } });
    expect(fieldsOf(() => assertReviewRules(at(2027), now))).toEqual([]);
    expect(fieldsOf(() => assertReviewRules(at(2028), now))).toEqual(['camera.releaseYear']);
  });

  it('refuses repeated pros or cons, ignoring case and spaces', () => {
    expect(
      fieldsOf(() =>
        assertReviewRules(input({ pros: ['Small', ' small '], cons: ['A', 'a'] }), now),
      ),
    ).toEqual(['pros', 'cons']);
  });

  it('needs a pro and a con to publish, not to draft', () => {
    expect(fieldsOf(() => assertReviewRules(input({ pros: [], cons: [] }), now))).toEqual([
      'pros',
      'cons',
    ]);
    expect(
      fieldsOf(() => assertReviewRules(input({ pros: [], cons: [], status: 'draft' }), now)),
    ).toEqual([]);
  });

  it('refuses the slugs of routes', () => {
    expect(fieldsOf(() => assertReviewRules(input({ slug: 'compare' }), now))).toEqual(['slug']);
    expect(fieldsOf(() => assertReviewRules(input({ slug: 'cameras' }), now))).toEqual(['slug']);
  });
});

describe('hasOneDecimalAtMost', () => {
  it.each([
    [7, true],
    [7.5, true],
    [0.1, true],
    [9.9, true],
    [7.55, false],
    [0.01, false],
  ])('%d → %s', (value, expected) => {
    expect(hasOneDecimalAtMost(value)).toBe(expected);
  });
});
