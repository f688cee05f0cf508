import type { IndexEntry } from './index-entry.js';

/** Test helper: a valid published entry, `n` minutes into 2025, with any field overridden. */
export function testEntry(
  n: number,
  overrides: Partial<Omit<IndexEntry, 'camera'>> & { camera?: Partial<IndexEntry['camera']> } = {},
): IndexEntry {
  const at = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
  const { camera, ...rest } = overrides;
  return {
    slug: `review-${n}`,
    title: `Review number ${n}`,
    summary: 'A camera that takes pictures well enough.',
    camera: {
      brand: 'Generic',
      model: `Model ${n}`,
      type: 'mirrorless',
      sensor: 'full-frame',
      megapixels: 24,
      releaseYear: 2024,
      priceUsd: 1999,
      mount: 'fixed',
      ...camera,
    },
    rating: 7,
    scores: { imageQuality: 7, autofocus: 7, video: 7, ergonomics: 7, value: 7 },
    publishedAt: at,
    updatedAt: at,
    pros: ['Light'],
    cons: ['Pricey'],
    body: 'Plain words about handling.',
    ...rest,
  };
}
