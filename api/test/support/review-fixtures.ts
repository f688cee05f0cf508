import type { Review, ReviewInput } from '../../src/domain/review.js';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

/**
 * Prose of more than 150 words, enough for the publish checklist on its own. Its words stay clear
 * of the ones search tests look for (autofocus, camera, review, brand names, …).
 */
export const FILLER_PROSE = [
  'The grip is shallow but secure, and the top plate puts shutter speed, aperture and exposure',
  'compensation under the fingers, so settings change without a menu. The finder switches between',
  'an optical window with a framing overlay and an electronic view that shows exposure before the',
  'shot. Battery life is short: a day of walking in the city took three batteries, and charging',
  'over USB-C is slow.',
  '',
  'Files from the forty megapixel sensor hold detail in foliage and brickwork at base sensitivity,',
  'and the colour profiles give pleasing skin tones straight out of the body. Noise stays fine',
  'grained up to high sensitivities, and black and white conversions look like film. The lens is',
  'sharp in the centre wide open and across the frame one stop down.',
  '',
  'It is expensive for a fixed lens, heavier than before and harder to find in stock, yet it',
  'remains a joy to carry every day. Buy a spare battery and a thumb rest, and you will rarely',
  'leave it at home.',
].join('\n');

/** `text` followed by {@link FILLER_PROSE}: a body the publish checklist accepts, whatever `text` is. */
export function publishableBody(text: string): string {
  return `${text}\n\n${FILLER_PROSE}`;
}

/** The fixtures' body: the short one tests always had, made long enough to publish. */
export const FIXTURE_BODY = publishableBody(
  '## Handling\n\nSmall, quiet and fast to use.\n\n- dials\n- hybrid finder',
);

/** A valid review as an editor would send it; `overrides` replace fields (camera and scores merge). */
export function reviewInput(overrides: DeepPartial<ReviewInput> = {}): ReviewInput {
  const { camera, scores, ...rest } = overrides;
  return {
    camera: {
      brand: 'Fujifilm',
      model: 'X100VI',
      type: 'compact',
      sensor: 'aps-c',
      megapixels: 40.2,
      releaseYear: 2024,
      priceUsd: 1599,
      mount: 'fixed',
      ...camera,
    },
    title: 'Fujifilm X100VI review',
    summary: 'A fixed-lens street camera that finally stabilises its sensor.',
    body: FIXTURE_BODY,
    rating: 8.5,
    scores: { imageQuality: 9, autofocus: 7.5, video: 7, ergonomics: 8.5, value: 7, ...scores },
    pros: ['Sharp 40 MP sensor'],
    cons: ['Battery life'],
    status: 'draft',
    ...rest,
  } as ReviewInput;
}

let sequence = 0;

/** A stored review for store-level tests, with every server-owned field filled in. */
export function storedReview(overrides: Partial<Review> = {}): Review {
  sequence += 1;
  const id = overrides.id ?? `rev_${String(sequence).padStart(16, '0')}`;
  const createdAt =
    overrides.createdAt ?? new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString();
  return {
    ...reviewInput(),
    slug: `review-${id.replace(/[^a-z0-9]/g, '')}`,
    id,
    authorId: 'usr_a',
    createdAt,
    updatedAt: createdAt,
    publishedAt: null,
    version: 1,
    publishAt: null,
    scheduleError: null,
    slugHistory: [],
    ...overrides,
  };
}
