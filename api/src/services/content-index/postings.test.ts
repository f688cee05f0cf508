import { describe, expect, it } from 'vitest';
import { ByteWriter, decodePostings, hasDoc } from './postings.js';

describe('posting lists', () => {
  it('round-trip ascending positions with their weights, large gaps included', () => {
    const docs = [0, 1, 127, 128, 300, 16_384, 2_000_000, 4_000_000_000];
    const writer = new ByteWriter();
    let previous = 0;
    docs.forEach((doc, i) => {
      writer.varint(doc - previous);
      writer.byte(i * 30);
      previous = doc;
    });
    const bytes = writer.result();
    const list = decodePostings(bytes, 0, bytes.length, docs.length);
    expect([...list.docs]).toEqual(docs);
    expect([...list.weights]).toEqual(docs.map((_, i) => i * 30));
    expect(bytes.length).toBeLessThan(docs.length * 4);
  });

  it('refuses a list whose length disagrees with its count', () => {
    const writer = new ByteWriter();
    writer.varint(5);
    writer.byte(1);
    const bytes = writer.result();
    expect(() => decodePostings(bytes, 0, bytes.length + 1, 1)).toThrow(/Corrupt/);
  });

  it('finds a position by binary search', () => {
    const docs = Uint32Array.from([2, 5, 9, 40]);
    expect([0, 2, 5, 6, 40, 41].map((d) => hasDoc(docs, d))).toEqual([
      false,
      true,
      true,
      false,
      true,
      false,
    ]);
  });
});
