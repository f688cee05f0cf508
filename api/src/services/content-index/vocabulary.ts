import { compareCodeUnits } from './artifact-format.js';

/** The indexed terms of a loaded artifact, by position in code-unit order. */
export interface Vocabulary {
  readonly size: number;
  /** The term at a position. */
  term(t: number): string;
  /** The first position whose term is not before `term` (`size` when every term is). */
  lowerBound(term: string): number;
  /** Whether the term at `t` starts with `prefix`. */
  startsWith(t: number, prefix: string): boolean;
  /**
   * Every term within `maxEdits` Levenshtein edits (insertions, deletions, substitutions) of
   * `term`, the term itself included, as `[position, edits]`.
   */
  near(term: string, maxEdits: number): Array<[number, number]>;
}

/**
 * The vocabulary from its text: every term followed by a newline. Held as that one string plus
 * where each term starts, rather than as an array of strings or a radix tree: measured at
 * 100,000 reviews, MiniSearch's `SearchableMap` of the vocabulary took ~22 MB of heap and ~50 MB
 * of resident memory, where this takes a few (api/bench/content-index-memory.ts). Typo lookups
 * scan the terms of a near length instead of walking the tree: a few milliseconds at that size.
 *
 * @throws Error when the text does not hold `size` terms.
 */
export function createVocabulary(text: string, size: number): Vocabulary {
  const starts = new Uint32Array(size + 1);
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && count < size; at = text.indexOf('\n', at + 1)) {
    starts[++count] = at + 1;
  }
  if (count !== size || starts[size] !== text.length) {
    throw new Error('Content index artifact is damaged (vocabulary)');
  }
  const term = (t: number) => text.slice(starts[t]!, starts[t + 1]! - 1);
  const lengthOf = (t: number) => starts[t + 1]! - starts[t]! - 1;

  return {
    size,
    term,

    lowerBound(wanted) {
      let lo = 0;
      let hi = size;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareCodeUnits(term(mid), wanted) < 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },

    startsWith(t, prefix) {
      return lengthOf(t) >= prefix.length && text.startsWith(prefix, starts[t]);
    },

    near(wanted, maxEdits) {
      const found: Array<[number, number]> = [];
      const longest = wanted.length + maxEdits;
      // Two rows of the edit-distance table, reused for every term.
      let previous = new Uint8Array(longest + 1);
      let row = new Uint8Array(longest + 1);
      for (let t = 0; t < size; t++) {
        const length = lengthOf(t);
        if (Math.abs(length - wanted.length) > maxEdits) continue;
        const from = starts[t]!;
        for (let j = 0; j <= length; j++) previous[j] = j;
        let within = true;
        for (let i = 1; i <= wanted.length; i++) {
          const c = wanted.charCodeAt(i - 1);
          row[0] = i;
          let best = i;
          for (let j = 1; j <= length; j++) {
            const substitute = previous[j - 1]! + (text.charCodeAt(from + j - 1) === c ? 0 : 1);
            const value = Math.min(previous[j]! + 1, row[j - 1]! + 1, substitute);
            row[j] = value;
            if (value < best) best = value;
          }
          // Every later row is at least this row's least value: past the bound, stop.
          if (best > maxEdits) {
            within = false;
            break;
          }
          [previous, row] = [row, previous];
        }
        if (within && previous[length]! <= maxEdits) found.push([t, previous[length]!]);
      }
      return found;
    },
  };
}
