/**
 * Posting lists in the compact form both the artifact and a loaded index keep: per term, its
 * reviews in ascending position order, each as the gap from the previous position (an unsigned
 * LEB128 varint, one byte for gaps under 128) followed by one weight byte. A posting costs two to
 * three bytes, where a `Map` entry per term, field and review costs about 46 (measured with
 * MiniSearch at 10,000 reviews); that difference is what lets 100,000 reviews fit in memory.
 *
 * The weight byte: bits 0–4 say in which fields the term occurs (bit i is field i of
 * SEARCH_FIELDS), bits 5–7 how often it occurs in the body, saturated at 7.
 */

export const BODY_TF_SHIFT = 5;
export const MAX_BODY_TF = 7;

/** A byte array that grows as it is written, for building posting lists. */
export class ByteWriter {
  private bytes = new Uint8Array(1024);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value;
  }

  varint(value: number): void {
    this.room(5);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  /** The bytes written, without the spare capacity. */
  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** One term's postings, decoded: `docs[i]` has weight `weights[i]`; docs ascending. */
export interface PostingList {
  docs: Uint32Array;
  weights: Uint8Array;
}

/**
 * Decodes the postings stored in `bytes[start, end)`, of which there are `count`.
 */
export function decodePostings(
  bytes: Uint8Array,
  start: number,
  end: number,
  count: number,
): PostingList {
  const docs = new Uint32Array(count);
  const weights = new Uint8Array(count);
  let doc = 0;
  let at = start;
  for (let i = 0; i < count; i++) {
    let gap = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = bytes[at++]!;
      gap += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    doc += gap;
    docs[i] = doc;
    weights[i] = bytes[at++]!;
  }
  if (at !== end) throw new Error('Corrupt posting list');
  return { docs, weights };
}

/** Whether sorted `docs` holds `doc` (binary search). */
export function hasDoc(docs: Uint32Array, doc: number): boolean {
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo < docs.length && docs[lo] === doc;
}
