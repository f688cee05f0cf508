import { inflateBlock } from './artifact-format.js';
import { encodeArtifact } from './artifact-sections.js';
import type { CameraList } from './content-types.js';

/**
 * The format before the binary one: six lines of JSON, the binary parts in base64. Still read so
 * that a content process keeps serving the artifact the pointer names while the worker has not
 * yet rewritten it in the current format (after a deploy, until the next publish or reconcile);
 * never written.
 */
export const V1_FORMAT = 'shutter.content-index.v1';

interface V1Columns {
  slugs: string[];
  ratings: number[];
  brands: string[];
  brandOf: number[];
  typeOf: number[];
  sensorOf: number[];
  offsets: number[];
}

interface V1Postings {
  counts: string;
  offsets: string;
  postings: string;
}

function base64ToUint32(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  return Uint32Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readUInt32LE(i * 4));
}

/**
 * Converts a v1 artifact into the current format (the same reviews, terms and postings; the
 * review blocks are kept as they are). Costs what loading v1 always cost, once.
 *
 * @throws Error when the bytes are not a whole v1 artifact.
 */
export function upgradeV1Artifact(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const lines = text.split('\n');
  if (lines.length !== 6) throw new Error('Not a content index artifact: expected 6 lines');
  const [header, columns, reviews, vocabulary, postings, cameras] = [
    JSON.parse(lines[0]!) as { format: string; reviews: number; terms: number },
    JSON.parse(lines[1]!) as V1Columns,
    JSON.parse(lines[2]!) as string,
    JSON.parse(lines[3]!) as string[],
    JSON.parse(lines[4]!) as V1Postings,
    JSON.parse(lines[5]!) as CameraList,
  ];
  if (header.format !== V1_FORMAT) throw new Error(`Not a ${V1_FORMAT} artifact`);
  if (columns.slugs.length !== header.reviews || vocabulary.length !== header.terms) {
    throw new Error('Content index artifact is truncated');
  }
  const blocks = Buffer.from(reviews, 'base64');
  // v1 had no price column: read from the summaries, one pass over the blocks.
  const prices = new Float64Array(header.reviews);
  let doc = 0;
  for (let b = 0; b + 1 < columns.offsets.length; b++) {
    for (const review of inflateBlock(
      blocks.subarray(columns.offsets[b], columns.offsets[b + 1]),
    )) {
      prices[doc++] = review.camera.priceUsd;
    }
  }
  return encodeArtifact({
    slugs: columns.slugs,
    ratings: Float64Array.from(columns.ratings),
    prices,
    brandOf: Uint32Array.from(columns.brandOf),
    typeOf: Uint8Array.from(columns.typeOf),
    sensorOf: Uint8Array.from(columns.sensorOf),
    brands: columns.brands,
    reviews: blocks,
    blockOffsets: Uint32Array.from(columns.offsets),
    vocabulary,
    counts: base64ToUint32(postings.counts),
    postingOffsets: base64ToUint32(postings.offsets),
    postings: Buffer.from(postings.postings, 'base64'),
    cameras,
  });
}
