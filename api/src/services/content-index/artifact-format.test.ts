import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCursorCodec } from '../cursor.js';
import { buildIndexArtifact } from './build-index-artifact.js';
import type { ContentQuery } from './content-query.js';
import type { IndexEntry } from './index-entry.js';
import { loadContentIndex, type ContentIndex } from './load-content-index.js';

const cursors = createCursorCodec('test');

/**
 * An artifact of the previous format (`shutter.content-index.v1`, six lines of JSON) with the
 * entries it was built from, written by the builder of that format before it was replaced.
 */
const v1 = JSON.parse(
  readFileSync(new URL('./fixtures/v1-artifact.json', import.meta.url), 'utf8'),
) as { entries: IndexEntry[]; artifact: string };

const QUERIES: ContentQuery[] = [
  { limit: 5 },
  { limit: 5, sort: 'rating' },
  { limit: 50, brand: 'nikon' },
  { limit: 50, type: 'compact', sensor: 'micro-four-thirds', minRating: 3 },
  { limit: 50, q: 'autofocus' },
  { limit: 50, q: 'autofokus' },
  { limit: 50, q: 'camara' },
  { limit: 50, q: 'a7 weather' },
  { limit: 50, q: 'whisp', sort: 'newest' },
];

/** Everything an index answers for a set of reads, cursors followed. */
function answers(index: ContentIndex) {
  return {
    reviewCount: index.reviewCount,
    lists: QUERIES.map((query) => {
      const first = index.list(query);
      const next = first.nextCursor
        ? index.list({ ...query, cursor: first.nextCursor })
        : undefined;
      return { first: { ...first, nextCursor: Boolean(first.nextCursor) }, next: next?.items };
    }),
    cameras: index.cameras(),
    compare: index.compare(['fixture-3', 'fixture-17', 'fixture-39']),
    has: [index.has('fixture-0'), index.has('fixture-40'), index.has('')],
  };
}

describe('the artifact format', () => {
  it('still reads an artifact of the previous format, answering as the current one does', () => {
    const old = loadContentIndex(Buffer.from(v1.artifact, 'utf8'), { cursors });
    const current = loadContentIndex(buildIndexArtifact(v1.entries).bytes, { cursors });
    expect(old.outdated).toBe(true);
    expect(current.outdated).toBe(false);
    const expected = answers(current);
    expect(expected.lists.every((l) => l.first.total > 0)).toBe(true);
    expect(answers(old)).toEqual(expected);
  });

  it('reads bytes that do not start at an aligned offset of their buffer', () => {
    const { bytes } = buildIndexArtifact(v1.entries);
    const shifted = new Uint8Array(bytes.length + 3).subarray(3);
    shifted.set(bytes);
    expect(shifted.byteOffset % 8).not.toBe(0);
    const expected = answers(loadContentIndex(bytes, { cursors }));
    expect(answers(loadContentIndex(shifted, { cursors }))).toEqual(expected);
  });

  it('holds the bytes it was given, not a copy (the index is views over them)', () => {
    const { bytes } = buildIndexArtifact(v1.entries);
    const index = loadContentIndex(bytes, { cursors });
    const before = index.list({ limit: 1, sort: 'rating' }).items[0]!.slug;
    // Zeroing the ratings section changes the answer only if the index reads it in place.
    const header = JSON.parse(Buffer.from(bytes).toString('utf8', 0, bytes.indexOf(10))) as {
      sections: Record<string, [number, number]>;
    };
    const base = Math.ceil((bytes.indexOf(10) + 1) / 8) * 8;
    const [offset, length] = header.sections.ratings!;
    bytes.fill(0, base + offset, base + offset + length);
    const fresh = loadContentIndex(bytes, { cursors });
    expect(fresh.list({ limit: 1, sort: 'rating' }).items[0]!.slug).not.toBe(before);
    expect(index.list({ limit: 1, sort: 'rating', minRating: 0.5 }).total).toBe(0);
  });
});
