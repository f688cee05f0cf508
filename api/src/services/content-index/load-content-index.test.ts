import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import { createCursorCodec } from '../cursor.js';
import { buildIndexArtifact } from './build-index-artifact.js';
import { MAX_QUERY_TERMS, type ContentQuery } from './content-query.js';
import type { ContentPage } from './content-types.js';
import type { IndexEntry } from './index-entry.js';
import { loadContentIndex } from './load-content-index.js';
import { testEntry } from './test-entries.js';

const cursors = createCursorCodec('test');
const open = (entries: IndexEntry[], asBytes = false) => {
  const { bytes } = buildIndexArtifact(entries);
  return loadContentIndex(asBytes ? Buffer.from(bytes) : bytes, { cursors });
};
const slugs = (page: ContentPage) => page.items.map((i) => i.slug);

/** A small catalogue: n is minutes after the start, so a higher n is newer. */
const catalogue = [
  testEntry(1, {
    slug: 'x100vi',
    title: 'Fujifilm X100VI review: the pocket classic',
    camera: { brand: 'Fujifilm', model: 'X100VI', type: 'compact', sensor: 'aps-c' },
    summary: 'A fixed-lens street shooter that finally stabilises its sensor.',
    body: 'The leaf shutter is whisper quiet.',
    rating: 8.5,
  }),
  testEntry(2, {
    slug: 'a7iv',
    title: 'Sony α7 IV review: the all-rounder',
    camera: { brand: 'Sony', model: 'α7 IV' },
    summary: 'Thirty-three megapixels and tracking that rarely misses.',
    pros: ['Eye autofocus on birds'],
    body: 'A cámara for weddings.',
    rating: 9,
  }),
  testEntry(3, {
    slug: 'z6iii',
    title: 'Nikon Z6 III review',
    camera: { brand: 'NIKON', model: 'Z6 III' },
    summary: 'A partially stacked sensor makes a hybrid that shoots fast.',
    body: 'The autofocus is good and the viewfinder bright.',
    rating: 9,
  }),
  testEntry(4, {
    slug: 'om1',
    title: 'OM System OM-1 Mark II review',
    camera: { brand: 'OM System', model: 'OM-1 Mark II', sensor: 'micro-four-thirds' },
    summary: 'Weather sealing for wildlife in the rain: a camara for storms.',
    body: 'Live ND and handheld high-res shot.',
    rating: 7.5,
  }),
  testEntry(5, {
    slug: 'zf',
    title: 'Nikon Zf review: retro dials',
    camera: { brand: 'Nikon', model: 'Zf' },
    summary: 'Dials and a full-frame sensor in a classic body.',
    body: 'Subject detection autofocus works.',
    rating: 8,
  }),
];

describe('list', () => {
  const index = open(catalogue);
  const list = (query: Omit<ContentQuery, 'limit'> & { limit?: number }) =>
    index.list({ limit: 20, ...query });

  it('lists newest first without a search, with summaries and no matches', () => {
    const page = list({});
    expect(slugs(page)).toEqual(['zf', 'om1', 'z6iii', 'a7iv', 'x100vi']);
    expect(page.total).toBe(5);
    expect(page.nextCursor).toBeNull();
    const { pros: _p, cons: _c, body: _b, ...summary } = catalogue[4]!;
    expect(page.items[0]).toEqual(summary);
  });

  it('sorts by rating, ties newest first', () => {
    expect(slugs(list({ sort: 'rating' }))).toEqual(['z6iii', 'a7iv', 'x100vi', 'zf', 'om1']);
  });

  it('ranks by relevance with a search: a title hit above a newer body-only hit', () => {
    // "autofocus": z6iii and zf only in the body (zf is newer), a7iv in its pros.
    const page = list({ q: 'autofocus' });
    expect(slugs(page)).toEqual(['a7iv', 'zf', 'z6iii']);
    const classic = list({ q: 'classic' });
    // x100vi has it in the title, the newer zf only in the summary.
    expect(slugs(classic)).toEqual(['x100vi', 'zf']);
    expect(list({ q: 'classic', sort: 'newest' }).items[0]!.slug).toBe('zf');
  });

  it('puts a title hit above a newer body-only hit', () => {
    const ranked = open([
      testEntry(1, { slug: 'older-title', title: 'Leaf shutter cameras compared' }),
      testEntry(2, { slug: 'newer-body', body: 'It has a leaf shutter, too.' }),
    ]);
    expect(slugs(ranked.list({ q: 'leaf', limit: 10 }))).toEqual(['older-title', 'newer-body']);
    expect(slugs(ranked.list({ q: 'leaf', limit: 10, sort: 'newest' }))).toEqual([
      'newer-body',
      'older-title',
    ]);
  });

  it('requires every word, each as a prefix, case and accents aside', () => {
    expect(slugs(list({ q: 'WHISP' }))).toEqual(['x100vi']);
    expect(slugs(list({ q: 'review nikon' }))).toEqual(['zf', 'z6iii']);
    expect(list({ q: 'sony nikon' }).total).toBe(0);
    expect(list({ q: ' -- !! ' }).total).toBe(5);
  });

  it('tolerates typos', () => {
    expect(slugs(list({ q: 'autofokus' }))).toEqual(['a7iv', 'zf', 'z6iii']);
    expect(slugs(list({ q: 'fujiflim' }))).toEqual(['x100vi']);
    expect(list({ q: 'a9' }).total).toBe(0); // too short for a typo: a9 is not a7
  });

  it('folds accents and transliterates both ways', () => {
    expect(slugs(list({ q: 'camara' }))).toEqual(['om1', 'a7iv']);
    expect(slugs(list({ q: 'cámara' }))).toEqual(['om1', 'a7iv']);
    expect(slugs(list({ q: 'a7' }))).toEqual(['a7iv']);
    expect(slugs(list({ q: 'α7' }))).toEqual(['a7iv']);
    expect(slugs(list({ q: 'ΑΛΦΑ' }))).toEqual([]);
  });

  it('returns the words each item matched, for highlighting', () => {
    const page = list({ q: 'autofokus eye' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.matches).toEqual(['autofocus', 'eye']);
    expect(list({ q: 'whisp' }).items[0]!.matches).toEqual(['whisper']);
    expect(list({ q: 'cámara' }).items.map((i) => i.matches)).toEqual([['camara'], ['camara']]);
    expect(list({}).items[0]).not.toHaveProperty('matches');
  });

  it('counts facets disjunctively: each ignores its own filter, applies the others', () => {
    const page = list({ brand: 'nikon' });
    expect(slugs(page)).toEqual(['zf', 'z6iii']);
    // "NIKON" and "Nikon" are one brand, shown as the spelling it came with on a tie.
    expect(page.facets.brands).toEqual([
      { value: 'NIKON', count: 2 },
      { value: 'Fujifilm', count: 1 },
      { value: 'OM System', count: 1 },
      { value: 'Sony', count: 1 },
    ]);
    expect(page.facets.types).toEqual([{ value: 'mirrorless', count: 2 }]);
    expect(page.facets.sensors).toEqual([{ value: 'full-frame', count: 2 }]);

    const both = list({ brand: 'Ｎｉｋｏｎ', type: 'compact' });
    expect(both.total).toBe(0);
    expect(both.facets.brands).toEqual([{ value: 'Fujifilm', count: 1 }]);
    expect(both.facets.types).toEqual([{ value: 'mirrorless', count: 2 }]);

    const searched = list({ q: 'review', minRating: 8, sensor: 'full-frame' });
    expect(slugs(searched).sort()).toEqual(['a7iv', 'z6iii', 'zf']);
    expect(searched.facets.sensors).toEqual([
      { value: 'full-frame', count: 3 },
      { value: 'aps-c', count: 1 },
    ]);
    expect(searched.facets.brands).toEqual([
      { value: 'NIKON', count: 2 },
      { value: 'Sony', count: 1 },
    ]);
  });

  it('names facets by their most frequent spelling', () => {
    const spelled = open([
      testEntry(1, { camera: { brand: 'SONY' } }),
      testEntry(2, { camera: { brand: 'Sony' } }),
      testEntry(3, { camera: { brand: 'Sony' } }),
      testEntry(4, { camera: { brand: 'Ｓｏｎｙ' } }),
    ]);
    expect(spelled.list({ limit: 1 }).facets.brands).toEqual([{ value: 'Sony', count: 4 }]);
    expect(spelled.list({ limit: 10, brand: 'sony' }).total).toBe(4);
  });

  it(`refuses a search of more than ${MAX_QUERY_TERMS} words or 200 characters with a q error`, () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    expect(() => list({ q: words(MAX_QUERY_TERMS) })).not.toThrow();
    for (const q of [words(MAX_QUERY_TERMS + 1), 'a'.repeat(201)]) {
      const error = catchError(() => list({ q }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors[0]!.field).toBe('q');
    }
    // Repeats and case variants are one word.
    expect(() => list({ q: `${words(MAX_QUERY_TERMS)} WORD0 word0` })).not.toThrow();
  });
});

describe('cursor paging', () => {
  const many = Array.from({ length: 23 }, (_, i) =>
    testEntry(i, {
      title: i % 4 === 0 ? `Autofocus champion ${i}` : `Review ${i}`,
      body: 'Autofocus notes.'.repeat((i % 3) + 1),
      rating: 5 + (i % 4),
    }),
  );

  it.each(['newest', 'rating', 'relevance'] as const)(
    'visits every item once, in order, across pages (sort=%s)',
    (sort) => {
      for (const asBytes of [false, true]) {
        const index = open(many, asBytes);
        const query = { q: 'autofocus', sort };
        const all = slugs(index.list({ ...query, limit: 100 }));
        expect(all).toHaveLength(23);
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page: ContentPage = index.list({
            ...query,
            limit: 4,
            ...(cursor ? { cursor } : {}),
          });
          seen.push(...slugs(page));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual(all);
      }
    },
  );

  it('keeps its place when reviews are published between pages (sort=newest)', () => {
    const first = open(many).list({ limit: 5 });
    const newer = open([...many, testEntry(100), testEntry(101)]);
    const next = newer.list({ limit: 5, cursor: first.nextCursor! });
    expect(next.items[0]!.slug).toBe('review-17');
  });

  it('refuses a cursor made for another search, filter or sort', () => {
    const index = open(many);
    const { nextCursor } = index.list({ q: 'autofocus', limit: 2 });
    for (const other of [
      { q: 'review' },
      { q: 'autofocus', brand: 'Sony' },
      { q: 'autofocus', sort: 'newest' as const },
    ]) {
      const error = catchError(() => index.list({ ...other, limit: 2, cursor: nextCursor! }));
      expect((error as ValidationError).errors[0]!.field).toBe('cursor');
    }
    // The same search spelled differently is the same query.
    expect(index.list({ q: 'AUTOFOCUS', limit: 2, cursor: nextCursor! }).items).toHaveLength(2);
  });
});

describe('cameras and compare', () => {
  const index = open([
    ...catalogue,
    testEntry(6, {
      slug: 'x100vi-again',
      camera: { brand: 'FUJIFILM', model: 'x100vi' },
      rating: 7,
    }),
  ]);

  it('gives one row per camera, spellings grouped, with count and average rating', () => {
    const rows = index.cameras().items;
    expect(rows.map((c) => [c.brand, c.model, c.reviewCount, c.averageRating])).toEqual([
      ['Fujifilm', 'X100VI', 2, 7.8],
      ['NIKON', 'Z6 III', 1, 9],
      ['NIKON', 'Zf', 1, 8],
      ['OM System', 'OM-1 Mark II', 1, 7.5],
      ['Sony', 'α7 IV', 1, 9],
    ]);
    expect(rows[0]!.slugs).toEqual(['x100vi', 'x100vi-again']);
    expect(rows[0]!.type).toBe('compact');
  });

  it('compares reviews with pros, cons and the best per category', () => {
    const result = index.compare(['x100vi', 'a7iv']);
    expect(result.reviews.map((r) => [r.slug, r.pros])).toEqual([
      ['x100vi', ['Light']],
      ['a7iv', ['Eye autofocus on birds']],
    ]);
    expect(result.best.rating).toEqual(['a7iv']);
    expect(result.best.video).toEqual(['x100vi', 'a7iv']);
    expect(() => index.compare(['a7iv', 'nope', 'gone'])).toThrow(/nope, gone/);
    expect(index.has('a7iv')).toBe(true);
    expect(index.has('nope')).toBe(false);
  });
});

it('answers an empty catalogue with an empty page', () => {
  const empty = open([]);
  expect(empty.list({ limit: 20 })).toEqual({
    items: [],
    total: 0,
    facets: { brands: [], types: [], sensors: [] },
    nextCursor: null,
  });
  expect(empty.list({ q: 'anything', limit: 20 }).total).toBe(0);
  expect(empty.cameras()).toEqual({ items: [] });
});

it('refuses bytes that are not an artifact, or of another format', () => {
  expect(() => loadContentIndex(Buffer.from('{}'), { cursors })).toThrow(/artifact/);
  expect(() => loadContentIndex(Buffer.from('not json\n'), { cursors })).toThrow(/artifact/);
  const { bytes } = buildIndexArtifact(catalogue);
  const other = Buffer.from(
    Buffer.from(bytes)
      .toString('latin1')
      .replace('shutter.content-index.v2', 'shutter.content-index.v9'),
    'latin1',
  );
  expect(() => loadContentIndex(other, { cursors })).toThrow(/format/);
});

it('refuses a truncated artifact', () => {
  const { bytes } = buildIndexArtifact(catalogue);
  expect(() => loadContentIndex(bytes.subarray(0, bytes.length - 1), { cursors })).toThrow(
    /truncated/,
  );
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
