import { foldText } from './fold.js';
import { REVIEW_LIMITS, RESERVED_SLUGS } from './review.js';

/**
 * Turns free text into slug words: folded as search folds it ({@link foldText}: accents stripped,
 * `Señor` → `senor`; Greek and other letters transliterated, `Sony α7 IV` → `sony-a7-iv`), every
 * run of other characters a single hyphen, no hyphen at either end, cut at a word boundary within
 * `max`. Only new slugs are made here: a stored slug is never recomputed, so changing this
 * folding never moves a published review.
 */
export function slugify(text: string, max: number = REVIEW_LIMITS.slug.max): string {
  const words = foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= max) return words;
  const cut = words.slice(0, max + 1);
  const boundary = cut.lastIndexOf('-');
  return (boundary > 0 ? cut.slice(0, boundary) : words.slice(0, max)).replace(/-+$/, '');
}

/**
 * The slug a review gets when the editor names none: brand, model and title, without repeating
 * brand or model words the title already starts with ("Sony A7 IV review" for a Sony A7 IV gives
 * `sony-a7-iv-review`, not `sony-a7-iv-sony-a7-iv-review`). Always at least the minimum length
 * and never a reserved route name.
 */
export function generateSlug(brand: string, model: string, title: string): string {
  const camera = slugify(`${brand} ${model}`);
  const titleSlug = slugify(title);
  const joined =
    titleSlug === camera || titleSlug.startsWith(`${camera}-`)
      ? titleSlug
      : slugify(`${camera} ${titleSlug}`);
  const slug = joined.length >= REVIEW_LIMITS.slug.min ? joined : `${joined || 'review'}-review`;
  return RESERVED_SLUGS.has(slug) ? `${slug}-review` : slug;
}

/**
 * The `n`th alternative of a generated slug that was taken (`n` ≥ 2): `x100vi-review-2`, kept
 * within the maximum length by trimming the base.
 */
export function numberedSlug(base: string, n: number): string {
  const suffix = `-${n}`;
  const room = REVIEW_LIMITS.slug.max - suffix.length;
  return `${base.length > room ? base.slice(0, room).replace(/-+$/, '') : base}${suffix}`;
}
