import { foldText } from '../../domain/fold.js';

/**
 * The fields a review is searched by, each with its weight in the ranking: a word in the title
 * counts most, then the camera's brand and model, the summary, the pros and cons, and least a
 * word somewhere in the body. A title hit outranks a body-only hit whatever their dates.
 */
export const FIELD_BOOSTS = {
  title: 6,
  camera: 4,
  summary: 2,
  prosCons: 1.5,
  body: 1,
} as const;

export type SearchField = keyof typeof FIELD_BOOSTS;

/** The fields in bit order of a posting's field mask (bit 0 = title). */
export const SEARCH_FIELDS = Object.keys(FIELD_BOOSTS) as SearchField[];

/** Longer words are cut to this many characters, in the index and in queries alike. */
const MAX_TERM_LENGTH = 40;

/**
 * Splits text at anything that is not part of a word. Combining marks are part of a word (a
 * decomposed "cámara" stays one word); {@link processTerm} then folds them away.
 */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{M}\p{N}]+/u).filter((token) => token.length > 0);
}

/**
 * The one normalisation of a word, applied to the index and to every query alike, so that each
 * finds the other: {@link foldText} (accents, case, α → a), then split again where folding made
 * punctuation ("½" → "1⁄2"), each part cut at {@link MAX_TERM_LENGTH} characters.
 */
export function processTerm(term: string): string[] {
  return tokenize(foldText(term)).map((part) => part.slice(0, MAX_TERM_LENGTH));
}

/**
 * Every term of a text as the index holds it, repeats included, in order. The same as
 * {@link processTerm} on each token (folding works letter by letter), done on the whole text at
 * once because that is several times faster over a catalogue.
 */
export function searchTerms(text: string): string[] {
  return tokenize(foldText(text)).map((term) => term.slice(0, MAX_TERM_LENGTH));
}

/**
 * Typo tolerance by word length: none below five letters, where one edit makes another word
 * ("a7" and "a9", "sony" and "song"); one edit from five ("autofocus" → one substitution away
 * from "autofokus"); two from eight, since edit distance counts a swap as two ("fujiflim").
 */
export function fuzziness(term: string): number {
  if (term.length >= 8) return 2;
  if (term.length >= 5) return 1;
  return 0;
}
