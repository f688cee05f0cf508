import fc from 'fast-check';
import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { compareCodeUnits } from './artifact-format.js';
import { createVocabulary } from './vocabulary.js';

const vocabularyOf = (terms: readonly string[]) => {
  const sorted = [...new Set(terms)].sort(compareCodeUnits);
  return {
    sorted,
    vocabulary: createVocabulary(sorted.map((t) => `${t}\n`).join(''), sorted.length),
  };
};

describe('createVocabulary', () => {
  it('finds terms and prefixes in code-unit order', () => {
    const { sorted, vocabulary } = vocabularyOf(['whisper', 'whisk', 'autofocus', 'α7', 'a7']);
    expect(sorted.map((_, t) => vocabulary.term(t))).toEqual(sorted);
    expect(vocabulary.term(vocabulary.lowerBound('whis'))).toBe('whisk');
    expect(vocabulary.startsWith(vocabulary.lowerBound('whis'), 'whis')).toBe(true);
    expect(vocabulary.lowerBound('\uffff')).toBe(sorted.length);
    expect(vocabulary.term(vocabulary.lowerBound('α'))).toBe('α7');
  });

  it('finds what MiniSearch finds within an edit distance, with the same distances', () => {
    // The radix tree it replaces is the reference: same words, same Levenshtein distances.
    const word = fc.string({
      unit: fc.constantFrom('a', 'b', 'c', 'é', 'α'),
      minLength: 1,
      maxLength: 9,
    });
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 60 }),
        word,
        fc.integer({ min: 0, max: 2 }),
        (terms, query, edits) => {
          const { sorted, vocabulary } = vocabularyOf(terms);
          const tree = SearchableMap.from(sorted.map((t, i) => [t, i] as [string, number]));
          const expected = [...tree.fuzzyGet(query, edits).values()].sort((a, b) => a[0] - b[0]);
          expect(vocabulary.near(query, edits).sort((a, b) => a[0] - b[0])).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses text that does not hold the terms it should', () => {
    expect(() => createVocabulary('one\ntwo\n', 3)).toThrow(/vocabulary/);
    expect(() => createVocabulary('one\ntwo', 2)).toThrow(/vocabulary/);
  });
});
