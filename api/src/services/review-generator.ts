import { randomBytes } from 'node:crypto';
import { assertPublishChecklist } from '../domain/publish-checklist.js';
import { assertReviewRules, type Review } from '../domain/review.js';
import { DEMO_REVIEWS } from './demo-review-data.js';

/** Words that vary the generated titles, models and slugs (and give search something to find). */
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

/** Where generated publication times start; one review a minute after it. */
const DEFAULT_START = Date.parse('2024-01-01T00:00:00Z');

export interface GeneratorOptions {
  /**
   * Part of every slug, so that a second batch never collides with the first: the seed command
   * passes a fresh random tag per run. Empty by default (slugs `{demo-slug}-{topic}-{i}`).
   */
  batch?: string;
  /** The first review's publication time (ms since the epoch); 2024-01-01 by default. */
  start?: number;
}

/**
 * The `i`-th generated published review: a demo review with its title, camera model and slug
 * numbered, the rating spread over 0–10 and the author one of seven. Bodies are the twelve demo
 * bodies, so a bulk import renders each once. Deterministic apart from the id; passes the
 * domain's content rules and the publish checklist. Used by `npm run seed` and the benches.
 */
export function generatedReview(i: number, options: GeneratorOptions = {}): Review {
  const base = DEMO_REVIEWS[i % DEMO_REVIEWS.length]!;
  const topic = TOPICS[i % TOPICS.length]!;
  const at = new Date((options.start ?? DEFAULT_START) + i * 60_000).toISOString();
  const tag = options.batch ? `${options.batch}-` : '';
  const review: Review = {
    ...base,
    camera: { ...base.camera, model: `${base.camera.model} ${topic} ${i}` },
    title: `${base.title} (${topic} test ${i})`,
    rating: Math.round((((i * 37) % 100) / 10) * 2) / 2,
    id: `rev_${randomBytes(8).toString('hex')}`,
    slug: `${base.slug!}-${topic}-${tag}${i}`,
    status: 'published',
    authorId: `usr_bench${i % 7}`,
    createdAt: at,
    updatedAt: at,
    publishedAt: at,
    version: 1,
    publishAt: null,
    scheduleError: null,
    slugHistory: [],
  };
  assertReviewRules(review, new Date(at));
  assertPublishChecklist(review, []);
  return review;
}
