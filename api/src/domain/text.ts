/**
 * Rules for the text a client sends. Stored text is NFC, so that the same words typed on two
 * keyboards are the same bytes; characters that make text look other than it is, or that no
 * reader should ever receive, are refused outright rather than stripped silently.
 */

/** The message of every refused-character field error. */
export const UNSAFE_TEXT_MESSAGE = 'must not contain control characters or bidirectional overrides';

/**
 * C0 controls, DEL and C1 controls; bidi embeddings and overrides (U+202A–U+202E) and isolates
 * (U+2066–U+2069), the characters of "Trojan Source" that reorder what a reader sees; and lone
 * surrogates (`\p{Cs}` under the `u` flag matches only unpaired halves). The bidi *marks*
 * U+200E, U+200F and U+061C stay allowed: they only nudge the direction of neutral characters
 * next to them, cannot reorder a run of text, and right-to-left writers need them when Latin
 * camera names sit inside Arabic or Hebrew sentences.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;
/** The same, but tab and line feed are part of Markdown (indented code, paragraphs). */
const UNSAFE_MULTILINE =
  // eslint-disable-next-line no-control-regex -- as above
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;

export interface TextKind {
  /** Markdown or other text where line feeds and tabs belong (a review body). */
  multiline?: boolean;
}

/** Whether `value` holds a character that {@link UNSAFE_TEXT_MESSAGE} refuses. */
export function hasUnsafeCharacters(value: string, { multiline = false }: TextKind = {}): boolean {
  return (multiline ? UNSAFE_MULTILINE : UNSAFE_LINE).test(value);
}

/**
 * The stored form of a text: NFC, and for multi-line text `\r\n` (and a lone `\r`) as `\n`, so
 * that a body pasted from Windows is neither refused for its carriage returns nor stored with
 * them. Call it before {@link hasUnsafeCharacters}.
 */
export function normalizeText(value: string, { multiline = false }: TextKind = {}): string {
  const nfc = value.normalize('NFC');
  return multiline ? nfc.replace(/\r\n?/g, '\n') : nfc;
}

/**
 * The identity of a short text for "is this the same entry" comparisons: compatibility forms
 * folded (NFKC: full-width `Ｆａｓｔ` is `Fast`, `ﬁ` is `fi`), case folded, surrounding and
 * repeated whitespace ignored. For comparing only; never stored or shown.
 */
export function foldKey(value: string): string {
  return value.normalize('NFKC').toLowerCase().normalize('NFKC').trim().replace(/\s+/g, ' ');
}
