import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BODY_TERMS } from './artifact-format.js';
import { buildIndexArtifact } from './build-index-artifact.js';
import { loadContentIndex } from './load-content-index.js';
import { createCursorCodec } from '../cursor.js';
import { testEntry } from './test-entries.js';

const cursors = createCursorCodec('test');

describe('buildIndexArtifact', () => {
  const entries = Array.from({ length: 30 }, (_, i) =>
    testEntry(i, {
      title: `Camera ${i} review`,
      camera: { brand: ['Sony', 'Nikon', 'Fujifilm'][i % 3]! },
      body: `Body ${i} talks about autofocus and colour science ${i % 5}.`,
    }),
  );

  it('gives byte-identical output for the same entries in any order and any key order', () => {
    const a = buildIndexArtifact(entries);
    const shuffled = [...entries].reverse().map((e, i) => (i % 2 ? e : reorderKeys(e)));
    const b = buildIndexArtifact([shuffled[7]!, ...shuffled.filter((_, i) => i !== 7)]);
    expect(Buffer.from(b.bytes).equals(a.bytes)).toBe(true);
    expect(b.hash).toBe(a.hash);
    expect(a.hash).toBe(createHash('sha256').update(a.bytes).digest('hex'));
  });

  it('changes when any entry changes', () => {
    const changed = entries.map((e, i) => (i === 3 ? { ...e, rating: 9.5 } : e));
    expect(buildIndexArtifact(changed).hash).not.toBe(buildIndexArtifact(entries).hash);
  });

  it('stores no body, only its words in the index', () => {
    const { bytes } = buildIndexArtifact([
      testEntry(1, { body: 'An unmistakable sentence about zebracorns.' }),
    ]);
    expect(Buffer.from(bytes).toString('latin1')).not.toContain('unmistakable sentence');
    const index = loadContentIndex(bytes, { cursors });
    expect(index.list({ q: 'zebracorns', limit: 10 }).total).toBe(1);
  });

  it(`indexes the ${BODY_TERMS} most telling words of a long body, not its first ones`, () => {
    const filler = Array.from({ length: 300 }, (_, i) => `common${i}`).join(' ');
    const others = Array.from({ length: 5 }, (_, i) => testEntry(i + 2, { body: filler }));
    const bytes = buildIndexArtifact([
      testEntry(1, { body: `${filler} rarebird rarebird` }),
      ...others,
    ]).bytes;
    const index = loadContentIndex(bytes, { cursors });
    expect(index.list({ q: 'rarebird', limit: 10 }).items.map((i) => i.slug)).toEqual(['review-1']);
    // Past the cap, the least telling words (every review has them) are left out, the first
    // ones kept on a tie. (Typo tolerance still finds neighbours such as "common29".)
    const matched = (q: string) => index.list({ q, limit: 10 }).items.flatMap((i) => i.matches);
    expect(matched('common0')).toContain('common0');
    expect(matched('common299')).not.toContain('common299');
  });

  it('refuses two entries with one slug', () => {
    expect(() => buildIndexArtifact([testEntry(1), testEntry(2, { slug: 'review-1' })])).toThrow(
      /review-1/,
    );
  });
});

/** The same entry with its keys (and nested keys) in reverse order. */
function reorderKeys<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [
        k,
        v && typeof v === 'object' && !Array.isArray(v) ? reorderKeys(v as object) : v,
      ]),
  ) as T;
}
