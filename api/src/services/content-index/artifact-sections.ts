import {
  ARTIFACT_FORMAT,
  compareCodeUnits,
  REVIEW_BLOCK,
  SECTION_ALIGN,
  SECTIONS,
  type ArtifactHeader,
  type SectionName,
} from './artifact-format.js';
import type { CameraList } from './content-types.js';

/** What an artifact holds, as the builder computes it (see artifact-format.ts for each part). */
export interface ArtifactParts {
  /** Per review, newest first: */
  slugs: readonly string[];
  ratings: Float64Array;
  prices: Float64Array;
  brandOf: Uint32Array;
  typeOf: Uint8Array;
  sensorOf: Uint8Array;
  brands: readonly string[];
  /** The compressed review blocks one after another, and where each starts (plus the end). */
  reviews: Uint8Array;
  blockOffsets: Uint32Array;
  /** Sorted by code unit; `counts`, `postingOffsets` and `postings` follow its order. */
  vocabulary: readonly string[];
  counts: Uint32Array;
  postingOffsets: Uint32Array;
  postings: Uint8Array;
  cameras: CameraList;
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const NEWLINE = 0x0a;
/** A header line longer than this is not one of ours (a real one is well under 1 KB). */
const MAX_HEADER = 64 * 1024;

/** Bytes of a typed array, little-endian whatever the machine. */
function littleEndian(values: Uint32Array | Float64Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.byteLength);
  const view = new DataView(out.buffer);
  values.forEach((v, i) =>
    values instanceof Uint32Array
      ? view.setUint32(i * 4, v, true)
      : view.setFloat64(i * 8, v, true),
  );
  return out;
}

const padded = (n: number) => Math.ceil(n / SECTION_ALIGN) * SECTION_ALIGN;

/**
 * Lays the parts out as an artifact (see artifact-format.ts). Deterministic: the same parts give
 * the same bytes.
 */
export function encodeArtifact(parts: ArtifactParts): Uint8Array {
  const n = parts.slugs.length;
  const slugBytes = parts.slugs.map((slug) => Buffer.from(slug, 'utf8'));
  const slugOffsets = new Uint32Array(n + 1);
  slugBytes.forEach((b, doc) => (slugOffsets[doc + 1] = slugOffsets[doc]! + b.length));
  const slugOrder = Uint32Array.from({ length: n }, (_, doc) => doc).sort((a, b) =>
    compareCodeUnits(parts.slugs[a]!, parts.slugs[b]!),
  );
  const content: Record<SectionName, Uint8Array> = {
    ratings: littleEndian(parts.ratings),
    prices: littleEndian(parts.prices),
    brandOf: littleEndian(parts.brandOf),
    typeOf: parts.typeOf,
    sensorOf: parts.sensorOf,
    blockOffsets: littleEndian(parts.blockOffsets),
    slugOffsets: littleEndian(slugOffsets),
    slugOrder: littleEndian(slugOrder),
    counts: littleEndian(parts.counts),
    postingOffsets: littleEndian(parts.postingOffsets),
    postings: parts.postings,
    slugs: Buffer.concat(slugBytes),
    vocabulary: Buffer.from(parts.vocabulary.map((term) => `${term}\n`).join(''), 'utf8'),
    brands: Buffer.from(JSON.stringify(parts.brands), 'utf8'),
    cameras: Buffer.from(JSON.stringify(parts.cameras), 'utf8'),
    reviews: parts.reviews,
  };
  const sections = {} as ArtifactHeader['sections'];
  let at = 0;
  let end = 0; // no padding after the last section: a cut artifact is always seen as one
  for (const name of SECTIONS) {
    sections[name] = [at, content[name].length];
    end = at + content[name].length;
    at = padded(end);
  }
  const header: ArtifactHeader = {
    format: ARTIFACT_FORMAT,
    reviews: n,
    terms: parts.vocabulary.length,
    sections,
  };
  const headerBytes = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const base = padded(headerBytes.length);
  const out = new Uint8Array(base + end); // zero-filled: the padding is zeros
  out.set(headerBytes);
  for (const name of SECTIONS) out.set(content[name], base + sections[name][0]);
  return out;
}

/**
 * The header line of an artifact of any format (the JSON-lines format before this one began
 * with a JSON line too, with its `format`).
 *
 * @throws Error when the bytes do not start with a JSON line that names a format.
 */
export function readArtifactHeader(
  bytes: Uint8Array,
): { format: string } & Record<string, unknown> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buffer.subarray(0, MAX_HEADER).indexOf(NEWLINE);
  let header: unknown;
  try {
    header = JSON.parse(buffer.toString('utf8', 0, end === -1 ? buffer.length : end));
  } catch {
    header = undefined;
  }
  if (
    typeof header !== 'object' ||
    header === null ||
    typeof (header as { format?: unknown }).format !== 'string'
  ) {
    throw new Error('Not a content index artifact: no header line');
  }
  return header as { format: string } & Record<string, unknown>;
}

/** An artifact of this format opened in place: every section a view over its bytes. */
export interface OpenedArtifact {
  header: ArtifactHeader;
  bytes(name: SectionName): Buffer;
  uint32(name: SectionName): Uint32Array;
  float64(name: SectionName): Float64Array;
}

/**
 * Opens an artifact of {@link ARTIFACT_FORMAT} without copying it: the sections are views, so
 * the caller's bytes stay alive as long as what it builds on them. (Numbers are copied only on a
 * big-endian machine, or when the bytes do not start at a multiple of 8 in their buffer.)
 *
 * @throws Error when the format differs or a section is missing or of the wrong size.
 */
export function openArtifact(artifact: Uint8Array): OpenedArtifact {
  const header = readArtifactHeader(artifact) as unknown as ArtifactHeader;
  if (header.format !== ARTIFACT_FORMAT) {
    throw new Error(`Not a content index artifact of format ${ARTIFACT_FORMAT}`);
  }
  const buffer = Buffer.from(artifact.buffer, artifact.byteOffset, artifact.byteLength);
  const base = padded(buffer.indexOf(NEWLINE) + 1);
  const n = header.reviews;
  const terms = header.terms;
  const blocks = Math.ceil(n / REVIEW_BLOCK);
  const expected: Partial<Record<SectionName, number>> = {
    ratings: 8 * n,
    prices: 8 * n,
    brandOf: 4 * n,
    typeOf: n,
    sensorOf: n,
    blockOffsets: 4 * (blocks + 1),
    slugOffsets: 4 * (n + 1),
    slugOrder: 4 * n,
    counts: 4 * terms,
    postingOffsets: 4 * (terms + 1),
  };
  const bytes = (name: SectionName): Buffer => {
    const [offset, length] = header.sections?.[name] ?? [-1, -1];
    const from = base + offset;
    if (
      !Number.isSafeInteger(offset) ||
      !Number.isSafeInteger(length) ||
      offset < 0 ||
      length < 0 ||
      offset % SECTION_ALIGN !== 0 ||
      from + length > buffer.length ||
      (expected[name] !== undefined && expected[name] !== length)
    ) {
      throw new Error(`Content index artifact is truncated or damaged (section ${name})`);
    }
    return buffer.subarray(from, from + length);
  };
  for (const name of SECTIONS) bytes(name);

  function numbers<T extends Uint32Array | Float64Array>(
    name: SectionName,
    Type: {
      new (buffer: ArrayBufferLike, offset: number, length: number): T;
      BYTES_PER_ELEMENT: number;
    },
    read: (view: DataView, at: number) => number,
    make: (length: number) => T,
  ): T {
    const b = bytes(name);
    const size = Type.BYTES_PER_ELEMENT;
    if (LITTLE_ENDIAN && b.byteOffset % size === 0) {
      return new Type(b.buffer, b.byteOffset, b.byteLength / size);
    }
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const out = make(b.byteLength / size);
    for (let i = 0; i < out.length; i++) out[i] = read(view, i * size);
    return out;
  }

  return {
    header,
    bytes,
    uint32: (name) =>
      numbers(
        name,
        Uint32Array,
        (v, at) => v.getUint32(at, true),
        (l) => new Uint32Array(l),
      ),
    float64: (name) =>
      numbers(
        name,
        Float64Array,
        (v, at) => v.getFloat64(at, true),
        (l) => new Float64Array(l),
      ),
  };
}
