import { ValidationError, type FieldError } from './errors.js';

export const CAMERA_TYPES = [
  'mirrorless',
  'dslr',
  'compact',
  'medium-format',
  'action',
  'film',
  'other',
] as const;
export type CameraType = (typeof CAMERA_TYPES)[number];

export const SENSOR_TYPES = [
  'full-frame',
  'aps-c',
  'micro-four-thirds',
  'one-inch',
  'medium-format',
  'other',
] as const;
export type SensorType = (typeof SENSOR_TYPES)[number];

export const REVIEW_STATUSES = ['draft', 'published'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const SCORE_CATEGORIES = [
  'imageQuality',
  'autofocus',
  'video',
  'ergonomics',
  'value',
] as const;
export type ScoreCategory = (typeof SCORE_CATEGORIES)[number];
export type Scores = Record<ScoreCategory, number>;

export interface Camera {
  brand: string;
  model: string;
  type: CameraType;
  sensor: SensorType;
  megapixels: number;
  releaseYear: number;
  priceUsd: number;
  /** Lens mount, e.g. `Sony E`, or `fixed` for a camera with a built-in lens. */
  mount: string;
}

/** The fields an editor sends; everything else on a review belongs to the server. */
export interface ReviewInput {
  /** Omitted on create: generated from brand, model and title. */
  slug?: string;
  camera: Camera;
  title: string;
  summary: string;
  /** Markdown. Raw HTML in it is shown as text, never rendered. */
  body: string;
  rating: number;
  scores: Scores;
  pros: string[];
  cons: string[];
  status: ReviewStatus;
}

export interface Review extends Required<ReviewInput> {
  id: string;
  authorId: string;
  createdAt: string;
  updatedAt: string;
  /** When the review was first published; kept when it is unpublished and published again. */
  publishedAt: string | null;
  /** Starts at 1 and grows by one on every write; the `ETag` of the editor API is `"v{version}"`. */
  version: number;
}

/**
 * Every limit of the review model in one place: the HTTP schemas, the docs and the demo data
 * read them from here so that they cannot drift apart.
 */
export const REVIEW_LIMITS = {
  slug: { min: 3, max: 100 },
  brand: { min: 1, max: 40 },
  model: { min: 1, max: 80 },
  mount: { min: 1, max: 40 },
  megapixels: { min: 0.1, max: 400 },
  releaseYear: { min: 1900 },
  priceUsd: { min: 0, max: 1_000_000 },
  title: { min: 3, max: 120 },
  summary: { min: 10, max: 500 },
  body: { min: 1, max: 50_000 },
  score: { min: 0, max: 10 },
  listItems: { max: 10 },
  listItem: { min: 1, max: 200 },
} as const;

/** Lowercase words joined by single hyphens: safe in a URL path without escaping. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Path segments under `/content` that name routes, so no review may take them as its slug. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['compare', 'cameras']);

/** Ratings and scores have at most one decimal (7.5, not 7.55): finer steps mean nothing. */
export function hasOneDecimalAtMost(value: number): boolean {
  return Math.abs(Math.round(value * 10) - value * 10) < 1e-9;
}

/** The editable part of a stored review, as a client would send it back. */
export function toReviewInput(review: Review): ReviewInput {
  return {
    slug: review.slug,
    camera: { ...review.camera },
    title: review.title,
    summary: review.summary,
    body: review.body,
    rating: review.rating,
    scores: { ...review.scores },
    pros: [...review.pros],
    cons: [...review.cons],
    status: review.status,
  };
}

function duplicates(items: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const item of items) {
    const key = item.trim().toLowerCase();
    if (seen.has(key)) repeated.add(item);
    seen.add(key);
  }
  return [...repeated];
}

/**
 * The rules that need more than one field or the current time, beyond the per-field limits the
 * HTTP schema checks: a camera from the future is refused, a published review must have at least
 * one pro and one con, and a list may not repeat itself.
 * @throws ValidationError naming every broken rule at once.
 */
export function assertReviewRules(input: ReviewInput, now: Date): void {
  const errors: FieldError[] = [];
  const latestYear = now.getUTCFullYear() + 1;
  if (input.camera.releaseYear > latestYear) {
    errors.push({ field: 'camera.releaseYear', message: `no later than ${latestYear}` });
  }
  if (input.slug !== undefined && RESERVED_SLUGS.has(input.slug)) {
    errors.push({ field: 'slug', message: `"${input.slug}" is reserved` });
  }
  for (const field of ['pros', 'cons'] as const) {
    const repeated = duplicates(input[field]);
    if (repeated.length > 0) {
      errors.push({ field, message: `repeated entries: ${repeated.join(', ')}` });
    }
    if (input.status === 'published' && input[field].length === 0) {
      errors.push({ field, message: 'a published review needs at least one entry' });
    }
  }
  if (errors.length > 0) throw new ValidationError('The review breaks a content rule', errors);
}
