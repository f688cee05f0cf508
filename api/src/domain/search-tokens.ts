/** Longer words are cut to this many characters, in the index and in queries alike. */
const MAX_TOKEN_LENGTH = 40;
/** A query with more words than this is cut: enough for any real search, bounded work per request. */
export const MAX_QUERY_TOKENS = 12;

/**
 * Splits text into search tokens: accents folded, lowercased, split on anything that is not a
 * letter or digit, so "Fujifilm X100VI's f/2" gives `fujifilm`, `x100vi`, `s`, `f`, `2`. Letters
 * and digits of any script count, so a review in Portuguese is as searchable as one in English.
 */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0)
    .map((token) => token.slice(0, MAX_TOKEN_LENGTH));
}

/**
 * The distinct tokens of a search query, at most {@link MAX_QUERY_TOKENS}. Each must match the
 * start of some word of a review (prefix search), and a review must match all of them.
 */
export function queryTokens(query: string): string[] {
  return [...new Set(tokenize(query))].slice(0, MAX_QUERY_TOKENS);
}
