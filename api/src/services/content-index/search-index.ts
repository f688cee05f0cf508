import { compareCodeUnits } from './artifact-format.js';
import { BODY_TF_SHIFT, decodePostings, hasDoc } from './postings.js';
import { FIELD_BOOSTS, SEARCH_FIELDS, fuzziness } from './search-text.js';
import type { Vocabulary } from './vocabulary.js';

/** How much a word found by prefix ("whisp" → "whisper") or by a typo counts, exact being 1. */
const PREFIX_WEIGHT = 0.5;
const FUZZY_WEIGHT = 0.45;

/** A review's field score for each weight byte: the boosts of its fields, body by frequency. */
const FIELD_SCORE = Float64Array.from({ length: 256 }, (_, weight) => {
  let score = 0;
  SEARCH_FIELDS.forEach((field, bit) => {
    if (!(weight & (1 << bit))) return;
    if (field !== 'body') score += FIELD_BOOSTS[field];
    else {
      // Saturating in the body's term frequency, as BM25 does: 1 at one occurrence, ≤ 2 at most.
      const tf = weight >> BODY_TF_SHIFT;
      score += (FIELD_BOOSTS.body * 2 * tf) / (tf + 1);
    }
  });
  return score;
});

/** The reviews a search matched, by position, with their scores and matched words. */
export interface SearchHits {
  /** Positions of the reviews that match every term, ascending (newest first). */
  docs: number[];
  /** Score of each review position (0 for a review that does not match). */
  score(doc: number): number;
  /** The index words the search matched in this review, sorted. */
  matches(doc: number): string[];
}

/** The inverted index as the artifact holds it, per term of the vocabulary in its order. */
export interface StoredIndex {
  vocabulary: Vocabulary;
  /** In how many reviews each term occurs. */
  counts: Uint32Array;
  /** Where each term's postings start in `postings`, plus where the last ends. */
  offsets: Uint32Array;
  /** Every term's postings, one after another (see postings.ts). */
  postings: Uint8Array;
}

/**
 * The inverted index of a loaded artifact, read in place. Each query term matches the words of
 * the sorted vocabulary it equals, starts, or is within {@link fuzziness} edits of (Levenshtein,
 * as MiniSearch counts them); a review's score for a term is the best of its matches,
 * weight × idf × field score, and its total the sum over terms, all of which it must match.
 */
export function createSearchIndex(
  { vocabulary, counts, offsets, postings }: StoredIndex,
  reviewCount: number,
) {
  /** Vocabulary positions a query term matches, each with the weight of that kind of match. */
  function expand(term: string): Map<number, number> {
    const found = new Map<number, number>();
    for (let t = vocabulary.lowerBound(term); t < vocabulary.size; t++) {
      if (!vocabulary.startsWith(t, term)) break;
      const length = vocabulary.term(t).length;
      found.set(t, length === term.length ? 1 : (PREFIX_WEIGHT * term.length) / length);
    }
    const distance = fuzziness(term);
    if (distance > 0) {
      for (const [t, edits] of vocabulary.near(term, distance)) {
        if (edits === 0) continue;
        const weight = FUZZY_WEIGHT / edits;
        if ((found.get(t) ?? 0) < weight) found.set(t, weight);
      }
    }
    return found;
  }

  return {
    /** Searches the distinct, processed `terms` (at least one). */
    search(terms: readonly string[]): SearchHits {
      const total = new Float64Array(reviewCount);
      const matched = new Uint8Array(reviewCount);
      const found: Array<{ word: string; docs: Uint32Array }> = [];
      terms.forEach((term, i) => {
        const best = new Float64Array(reviewCount);
        for (const [t, weight] of expand(term)) {
          const df = counts[t]!;
          const idf = Math.log(1 + (reviewCount - df + 0.5) / (df + 0.5));
          const list = decodePostings(postings, offsets[t]!, offsets[t + 1]!, df);
          found.push({ word: vocabulary.term(t), docs: list.docs });
          for (let p = 0; p < list.docs.length; p++) {
            const doc = list.docs[p]!;
            const score = weight * idf * FIELD_SCORE[list.weights[p]!]!;
            if (score > best[doc]!) best[doc] = score;
          }
        }
        for (let doc = 0; doc < reviewCount; doc++) {
          if (best[doc]! > 0 && matched[doc] === i) {
            matched[doc] = i + 1;
            total[doc]! += best[doc]!;
          }
        }
      });
      const docs: number[] = [];
      for (let doc = 0; doc < reviewCount; doc++) {
        if (matched[doc] === terms.length) docs.push(doc);
      }
      return {
        docs,
        score: (doc) => (matched[doc] === terms.length ? total[doc]! : 0),
        matches: (doc) =>
          [...new Set(found.filter((f) => hasDoc(f.docs, doc)).map((f) => f.word))].sort(
            compareCodeUnits,
          ),
      };
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
