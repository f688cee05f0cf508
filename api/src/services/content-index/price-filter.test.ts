import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import { createCursorCodec } from '../cursor.js';
import { buildIndexArtifact } from './build-index-artifact.js';
import { loadContentIndex } from './load-content-index.js';
import { testEntry } from './test-entries.js';

const cursors = createCursorCodec('test');
// Newest first: review-5 ($2,500) … review-1 ($500).
const index = loadContentIndex(
  buildIndexArtifact(
    [500, 999.5, 1500, 2000, 2500].map((priceUsd, i) =>
      testEntry(i + 1, { camera: { priceUsd, brand: i % 2 ? 'Sony' : 'Nikon' } }),
    ),
  ).bytes,
  { cursors },
);
const slugs = (query: Parameters<typeof index.list>[0]) =>
  index.list(query).items.map((item) => item.slug);

describe('the price filter', () => {
  it('keeps cameras whose price lies within the bounds, both inclusive', () => {
    expect(slugs({ limit: 10, minPrice: 999.5, maxPrice: 2000 })).toEqual([
      'review-4',
      'review-3',
      'review-2',
    ]);
    expect(slugs({ limit: 10, minPrice: 2000 })).toEqual(['review-5', 'review-4']);
    expect(slugs({ limit: 10, maxPrice: 999 })).toEqual(['review-1']);
    expect(slugs({ limit: 10, minPrice: 3000 })).toEqual([]);
  });

  it('applies to facets and totals like every other filter', () => {
    const page = index.list({ limit: 1, maxPrice: 1500 });
    expect(page.total).toBe(3);
    expect(page.facets.brands).toEqual([
      { value: 'Nikon', count: 2 },
      { value: 'Sony', count: 1 },
    ]);
  });

  it('pages with a cursor that only opens for the same bounds', () => {
    const first = index.list({ limit: 2, minPrice: 900 });
    expect(first.items.map((i) => i.slug)).toEqual(['review-5', 'review-4']);
    const second = index.list({ limit: 2, minPrice: 900, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.slug)).toEqual(['review-3', 'review-2']);
    expect(() => index.list({ limit: 2, minPrice: 1000, cursor: first.nextCursor! })).toThrow(
      ValidationError,
    );
  });
});
