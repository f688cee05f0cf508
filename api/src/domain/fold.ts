/**
 * Letters that Unicode decomposition does not reduce to ASCII, written the way a reader types
 * them on a Latin keyboard. Greek follows the usual one-letter transliteration (α → a, so Sony's
 * "α7" is the "a7" everyone searches for), except µ/μ → u: in camera writing it stands for
 * "micro" and is typed as "u" ("3.8 um pixels", "u4/3"), never as "m". Keys are lower case: the
 * table is applied after lower-casing.
 */
const TRANSLITERATION: Readonly<Record<string, string>> = {
  // Latin letters with no decomposition.
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  ĸ: 'k',
  ŋ: 'n',
  // Greek (accents are already stripped by the decomposition: ά → α).
  α: 'a',
  β: 'b',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'u',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

const TRANSLITERATED = new RegExp(`[${Object.keys(TRANSLITERATION).join('')}]`, 'gu');

/**
 * Folds text the way readers expect search and slugs to treat it: compatibility-decomposed
 * (NFKD, so "ﬁ" is "fi" and "²" is "2"), accents stripped ("cámara" → "camara"), lower case, and
 * the letters of {@link TRANSLITERATION} spelled in Latin ("α7" → "a7", "Straße" → "strasse").
 * Search indexes and queries through it, and slugs are made from it, so "camara" finds "cámara",
 * "a7" finds "α7" (and the other way round), and `Sony α7 IV` gets the slug `sony-a7-iv`. Letters
 * of other scripts (ソニー) pass through unchanged.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(TRANSLITERATED, (letter) => TRANSLITERATION[letter]!);
}

/**
 * The key under which spellings of one name are grouped (facets, brand filter, camera table):
 * NFKC and a full case fold, with surrounding and repeated white space ignored, so "Sony",
 * "SONY" and the full-width "Ｓｏｎｙ" are one brand. Accents are kept: "Citroën" and "Citroen"
 * might be different names, and a facet must not merge what an editor wrote differently on purpose.
 */
export function nameKey(name: string): string {
  // Upper then lower case is the full case fold JavaScript offers: "ß" → "SS" → "ss".
  return name.normalize('NFKC').toUpperCase().toLowerCase().trim().replace(/\s+/gu, ' ');
}
