import { createHash } from 'node:crypto';
import { nameKey } from '../../domain/fold.js';
import { CAMERA_TYPES, SCORE_CATEGORIES, SENSOR_TYPES, type Scores } from '../../domain/review.js';
import {
  BODY_TERMS,
  compareCodeUnits,
  compareNewest,
  compressBlock,
  REVIEW_BLOCK,
  type StoredReview,
} from './artifact-format.js';
import { encodeArtifact } from './artifact-sections.js';
import { cameraTable } from './camera-table.js';
import { displayNames } from './facets.js';
import type { IndexEntry } from './index-entry.js';
import { BODY_TF_SHIFT, ByteWriter, MAX_BODY_TF } from './postings.js';
import { SEARCH_FIELDS, searchTerms } from './search-text.js';

export interface IndexArtifact {
  /** The artifact (binary, see artifact-format.ts), byte-identical for the same entries in any order. */
  bytes: Uint8Array;
  /** Lower-case hex SHA-256 of the bytes: the artifact's content address and strong ETag. */
  hash: string;
}

const BODY_BIT = 1 << SEARCH_FIELDS.indexOf('body');

/**
 * Builds the immutable list and search index of the published reviews: their summaries (with
 * pros and cons, which compare shows) newest first, the columns lists filter and sort by, the
 * camera table, and an inverted index of title, camera
 * (brand and model), summary, pros and cons, and the {@link BODY_TERMS} most telling words of the
 * body. No body is stored.
 *
 * Deterministic: entries are sorted before anything is numbered and the vocabulary is sorted, so
 * the same entries in any order give the same bytes and hash, and an unchanged catalogue never
 * yields a "new" artifact.
 *
 * @throws Error when two entries share a slug (the caller passed one review twice).
 */
export function buildIndexArtifact(entries: readonly IndexEntry[]): IndexArtifact {
  const sorted = [...entries].sort(compareNewest);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.slug === sorted[i - 1]!.slug) {
      throw new Error(`Two index entries share the slug "${sorted[i]!.slug}"`);
    }
  }

  // Pass 1: in how many bodies each word occurs, to rank a body's words by how telling they are.
  // Frequencies are computed again in pass 2 rather than kept: 100,000 maps held between the
  // passes would double the build's memory.
  const bodyDf = new Map<string, number>();
  for (const entry of sorted) {
    for (const term of new Set(searchTerms(entry.body))) {
      bodyDf.set(term, (bodyDf.get(term) ?? 0) + 1);
    }
  }

  // Pass 2: each review's terms with their weight byte, grouped by term in review order.
  const byTerm = new Map<string, number[]>();
  sorted.forEach((entry, doc) => {
    const weights = new Map<string, number>();
    const fieldText: Record<string, string> = {
      title: entry.title,
      camera: `${entry.camera.brand} ${entry.camera.model}`,
      summary: entry.summary,
      prosCons: [...entry.pros, ...entry.cons].join('\n'),
    };
    SEARCH_FIELDS.forEach((field, bit) => {
      if (field === 'body') return;
      for (const term of searchTerms(fieldText[field]!)) {
        weights.set(term, (weights.get(term) ?? 0) | (1 << bit));
      }
    });
    const bodyTf = termFrequencies(searchTerms(entry.body));
    for (const [term, tf] of topBodyTerms(bodyTf, bodyDf, sorted.length)) {
      const bodyWeight = BODY_BIT | (Math.min(tf, MAX_BODY_TF) << BODY_TF_SHIFT);
      weights.set(term, (weights.get(term) ?? 0) | bodyWeight);
    }
    for (const [term, weight] of weights) {
      let list = byTerm.get(term);
      if (!list) byTerm.set(term, (list = []));
      list.push(doc * 256 + weight); // one number a posting: half the memory of two
    }
  });

  const vocabulary = [...byTerm.keys()].sort(compareCodeUnits);
  const counts = new Uint32Array(vocabulary.length);
  const termOffsets = new Uint32Array(vocabulary.length + 1);
  const postings = new ByteWriter();
  vocabulary.forEach((term, t) => {
    const list = byTerm.get(term)!;
    let previous = 0;
    for (const posting of list) {
      const doc = Math.floor(posting / 256);
      postings.varint(doc - previous);
      postings.byte(posting % 256);
      previous = doc;
    }
    counts[t] = list.length;
    termOffsets[t + 1] = postings.length;
  });

  const blocks: Buffer[] = [];
  for (let from = 0; from < sorted.length; from += REVIEW_BLOCK) {
    blocks.push(compressBlock(sorted.slice(from, from + REVIEW_BLOCK).map(storedReview)));
  }
  const blockOffsets = new Uint32Array(blocks.length + 1);
  blocks.forEach((block, b) => (blockOffsets[b + 1] = blockOffsets[b]! + block.length));
  const { brands, brandOf } = brandColumns(sorted);
  const bytes = encodeArtifact({
    slugs: sorted.map((entry) => entry.slug),
    ratings: Float64Array.from(sorted, (entry) => entry.rating),
    prices: Float64Array.from(sorted, (entry) => entry.camera.priceUsd),
    brandOf: Uint32Array.from(brandOf),
    typeOf: Uint8Array.from(sorted, (entry) => CAMERA_TYPES.indexOf(entry.camera.type)),
    sensorOf: Uint8Array.from(sorted, (entry) => SENSOR_TYPES.indexOf(entry.camera.sensor)),
    brands,
    reviews: Buffer.concat(blocks),
    blockOffsets,
    vocabulary,
    counts,
    postingOffsets: termOffsets,
    postings: postings.result(),
    cameras: cameraTable(sorted, (doc) => brands[brandOf[doc]!]!),
  });
  return { bytes, hash: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Each review's brand as an index into the brand display names: spellings grouped by
 * {@link nameKey}, each group shown as its most frequent spelling (the oldest on a tie).
 */
function brandColumns(sorted: readonly IndexEntry[]): { brands: string[]; brandOf: number[] } {
  const ids = new Map<string, number>();
  const brandOf = new Array<number>(sorted.length);
  for (let doc = sorted.length - 1; doc >= 0; doc--) {
    const key = nameKey(sorted[doc]!.camera.brand);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    brandOf[doc] = id;
  }
  const oldestFirst = [...brandOf].reverse();
  const spellings = sorted.map((entry) => entry.camera.brand).reverse();
  return { brands: displayNames(oldestFirst, spellings, ids.size), brandOf };
}

function termFrequencies(terms: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
  return tf;
}

/**
 * A body's {@link BODY_TERMS} most telling words, by tf × idf; ties keep the word that appears
 * first (Map order), so the choice is deterministic.
 */
function topBodyTerms(
  tf: ReadonlyMap<string, number>,
  df: ReadonlyMap<string, number>,
  reviews: number,
): Array<[string, number]> {
  const all = [...tf];
  if (all.length <= BODY_TERMS) return all;
  const score = (term: string, count: number) => count * Math.log(1 + reviews / df.get(term)!);
  return all
    .map(([term, count], order) => ({ term, count, order, score: score(term, count) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, BODY_TERMS)
    .map(({ term, count }) => [term, count]);
}

/**
 * The stored form of an entry with its keys in one fixed order, nested objects included: the
 * caller's key order must not change the bytes.
 */
function storedReview(entry: IndexEntry): StoredReview {
  const { camera } = entry;
  return {
    slug: entry.slug,
    title: entry.title,
    summary: entry.summary,
    camera: {
      brand: camera.brand,
      model: camera.model,
      type: camera.type,
      sensor: camera.sensor,
      megapixels: camera.megapixels,
      releaseYear: camera.releaseYear,
      priceUsd: camera.priceUsd,
      mount: camera.mount,
    },
    rating: entry.rating,
    scores: Object.fromEntries(SCORE_CATEGORIES.map((c) => [c, entry.scores[c]])) as Scores,
    publishedAt: entry.publishedAt,
    updatedAt: entry.updatedAt,
    pros: [...entry.pros],
    cons: [...entry.cons],
    ...(entry.hero
      ? {
          hero: {
            url: entry.hero.url,
            width: entry.hero.width,
            height: entry.hero.height,
            alt: entry.hero.alt,
            srcset: {
              avif: entry.hero.srcset.avif,
              webp: entry.hero.srcset.webp,
              jpeg: entry.hero.srcset.jpeg,
            },
          },
        }
      : {}),
    ...(entry.author ? { author: { name: entry.author.name } } : {}),
  };
}
