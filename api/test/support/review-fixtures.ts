import type { Review, ReviewInput } from '../../src/domain/review.js';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

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
    body: '## Handling\n\nSmall, quiet and fast to use.\n\n- dials\n- hybrid finder',
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
    ...overrides,
  };
}
