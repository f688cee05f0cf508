import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import {
  assertReviewRules,
  hasOneDecimalAtMost,
  normalizeReviewInput,
  type ReviewInput,
} from './review.js';

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

  it('folds compatibility forms and case when comparing pros or cons', () => {
    expect(
      fieldsOf(() => assertReviewRules(input({ pros: ['Ｆａｓｔ AF', 'fast af'] }), now)),
    ).toEqual(['pros']);
    expect(fieldsOf(() => assertReviewRules(input({ cons: ['Cafe\u0301', 'CAFÉ'] }), now))).toEqual(
      ['cons'],
    );
  });

  it('refuses control characters, bidi overrides and lone surrogates in every text field', () => {
    const bad = '\u202Eevil';
    const fields = fieldsOf(() =>
      assertReviewRules(
        input({
          slug: 'ok-slug',
          camera: { ...input().camera, brand: bad, model: 'a\u0000', mount: 'x\ud800' },
          title: `t${bad}`,
          summary: 'line\nbreak in a summary',
          body: 'tabs\tand\nnewlines are fine \u2066but isolates are not\u2069',
          pros: ['fine', 'bell\u0007'],
          cons: ['\u0085'],
        }),
        now,
      ),
    );
    expect(fields).toEqual([
      'camera.brand',
      'camera.model',
      'camera.mount',
      'title',
      'summary',
      'body',
      'pros.1',
      'cons.0',
    ]);
    expect(fieldsOf(() => assertReviewRules(input({ body: 'a\n\tb' }), now))).toEqual([]);
  });

  it('leaves what a published review must contain to the publish checklist', () => {
    // Empty pros and cons are a 422 of the checklist (publish-checklist.ts), naming every gap.
    expect(fieldsOf(() => assertReviewRules(input({ pros: [], cons: [] }), now))).toEqual([]);
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

describe('normalizeReviewInput', () => {
  it('stores every text field as NFC and the body with LF line ends', () => {
    const e = 'e\u0301';
    const out = normalizeReviewInput(
      input({
        slug: 'cafe',
        camera: { ...input().camera, brand: `L${e}ica`, model: `M${e}`, mount: `${e}` },
        title: `Caf${e} review`,
        summary: `A caf${e} camera`,
        body: `Line one\r\nLine tw${e}\rthree`,
        pros: [`${e}`],
        cons: [`x${e}`],
      }),
    );
    expect(out).toMatchObject({
      camera: { brand: 'Léica', model: 'Mé', mount: 'é' },
      title: 'Café review',
      summary: 'A café camera',
      body: 'Line one\nLine twé\nthree',
      pros: ['é'],
      cons: ['xé'],
    });
    expect(out.title).toHaveLength(11);
  });
});
