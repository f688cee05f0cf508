import { describe, expect, it } from 'vitest';
import { REVIEW_LIMITS, SLUG_PATTERN } from './review.js';
import { generateSlug, numberedSlug, slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['Sony α7 IV', 'sony-a7-iv'],
    ['Nikon Z6ΙΙ', 'nikon-z6ii'],
    ['Cámara Ñandú', 'camara-nandu'],
    ['Straße, Ærø & Łódź', 'strasse-aero-lodz'],
    ['µ4/3 adapter', 'u4-3-adapter'],
    ['ソニー only', 'only'],
    ['Señor Café: f/2.8!', 'senor-cafe-f-2-8'],
    ['  --Leica   M11--  ', 'leica-m11'],
    ['OM System OM-1 Mark II', 'om-system-om-1-mark-ii'],
    ['', ''],
  ])('%j → %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('cuts long text at a word boundary within the limit', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(REVIEW_LIMITS.slug.max);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug.endsWith('word')).toBe(true);
  });
});

describe('generateSlug', () => {
  it('joins brand, model and title', () => {
    expect(generateSlug('Nikon', 'Z6 III', 'A hybrid for everyone')).toBe(
      'nikon-z6-iii-a-hybrid-for-everyone',
    );
  });

  it('does not repeat brand and model when the title starts with them', () => {
    expect(generateSlug('Fujifilm', 'X100VI', 'Fujifilm X100VI review')).toBe(
      'fujifilm-x100vi-review',
    );
  });

  it('never yields a reserved route name or a too short slug', () => {
    expect(generateSlug('', '', 'Compare')).toBe('compare-review');
    expect(generateSlug('', '', '!!')).toBe('review-review');
    expect(generateSlug('A', '', '')).toBe('a-review');
  });
});

describe('numberedSlug', () => {
  it('appends the number and stays within the limit', () => {
    expect(numberedSlug('ricoh-gr-iii', 2)).toBe('ricoh-gr-iii-2');
    const long = numberedSlug('a'.repeat(REVIEW_LIMITS.slug.max), 12);
    expect(long).toHaveLength(REVIEW_LIMITS.slug.max);
    expect(long.endsWith('-12')).toBe(true);
  });
});
