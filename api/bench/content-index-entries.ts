// Generated index entries for the content-index bench: the demo reviews varied the way
// seed-reviews.ts varies them (model, title and slug numbered, ratings spread), with the body
// extended by a paragraph of numbered words so that, like real reviews, each has some words no
// other review shares.
import type { IndexEntry } from '../src/services/content-index/index-entry.js';
import { DEMO_REVIEWS } from '../src/services/demo-review-data.js';

const TOPICS = [
  'street',
  'wildlife',
  'studio',
  'travel',
  'wedding',
  'astro',
  'macro',
  'sports',
  'portrait',
  'landscape',
];

const START = Date.parse('2024-01-01T00:00:00Z');

export function generatedEntry(i: number): IndexEntry {
  const base = DEMO_REVIEWS[i % DEMO_REVIEWS.length]!;
  const topic = TOPICS[i % TOPICS.length]!;
  const at = new Date(START + i * 60_000).toISOString();
  return {
    slug: `${base.slug}-${topic}-${i}`,
    title: `${base.title} (${topic} test ${i})`,
    summary: base.summary,
    camera: { ...base.camera, model: `${base.camera.model} ${topic} ${i}` },
    rating: Math.round((((i * 37) % 100) / 10) * 2) / 2,
    scores: base.scores,
    publishedAt: at,
    updatedAt: at,
    pros: base.pros,
    cons: base.cons,
    body: `${base.body}\n\nField notes ${i}: shot ${topic} frames ${i % 997} with lens ${i % 89}, card ${i % 31}.`,
  };
}

export function generatedEntries(count: number): IndexEntry[] {
  return Array.from({ length: count }, (_, i) => generatedEntry(i));
}
