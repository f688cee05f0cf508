import { describe, expect, it } from 'vitest';
import { UnprocessableError } from './errors.js';
import {
  assertPublishChecklist,
  countWords,
  PUBLISH_MIN_WORDS,
  publishChecklistGaps,
  type ChecklistReview,
} from './publish-checklist.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

const complete: ChecklistReview = {
  rating: 8,
  scores: { imageQuality: 9, autofocus: 8, video: 7, ergonomics: 8, value: 7 },
  pros: ['Sharp'],
  cons: ['Battery'],
  summary: 'A fine camera for the street.',
  body: words(PUBLISH_MIN_WORDS),
};

describe('countWords', () => {
  it('counts words, not punctuation, spaces or Markdown marks', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('## Handling\n\n- **grip** is deep, *menus* are long.')).toBe(7);
    expect(countWords("It's 40.2 MP — don't worry")).toBe(5);
  });

  it('splits scripts written without spaces', () => {
    // One "word" per line would let a long Japanese body fail the checklist.
    expect(countWords('このカメラはとても速いです')).toBeGreaterThan(1);
  });
});

describe('publish checklist', () => {
  it('passes a complete review', () => {
    expect(publishChecklistGaps(complete, [])).toEqual([]);
    expect(() =>
      assertPublishChecklist(complete, [{ id: 'img_1', alt: 'A camera' }]),
    ).not.toThrow();
  });

  it('needs a body of at least the minimum number of words', () => {
    expect(publishChecklistGaps({ ...complete, body: words(PUBLISH_MIN_WORDS - 1) }, [])).toEqual([
      { field: 'body', message: `at least ${PUBLISH_MIN_WORDS} words (it has 149)` },
    ]);
  });

  it('names every missing item at once', () => {
    const empty = {
      scores: { imageQuality: 9, autofocus: 8, video: 7, ergonomics: 8 },
      pros: [],
      cons: [],
      summary: '  ',
      body: 'Too short, see ![](image:img_00000000000000ff).',
    } as unknown as ChecklistReview;
    const images = [{ id: 'img_0000000000000001', alt: '' }];
    expect(publishChecklistGaps(empty, images).map((g) => g.field)).toEqual([
      'rating',
      'scores.value',
      'pros',
      'cons',
      'summary',
      'body',
      'body',
      'images.img_0000000000000001.alt',
    ]);
    let thrown: unknown;
    try {
      assertPublishChecklist(empty, images);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnprocessableError);
    expect(thrown).toMatchObject({
      problemType: 'publish-checklist',
      title: 'Not ready to publish',
      errors: publishChecklistGaps(empty, images),
    });
  });
});
