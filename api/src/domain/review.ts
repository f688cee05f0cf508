import { revisionContentOf } from './revision.js';
import { ValidationError, type FieldError } from './errors.js';
import { foldKey, hasUnsafeCharacters, normalizeText, UNSAFE_TEXT_MESSAGE } from './text.js';

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

/**
 * `scheduled`: a draft with a `publishAt`, which the job queue publishes at that instant. It sits
 * between `draft` and `published`: not public yet, and held to the publishing rules already.
 */
export const REVIEW_STATUSES = ['draft', 'scheduled', 'published'] as const;
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
  /**
   * When to publish (ISO 8601): a future instant makes the review `scheduled`; `null` or absent
   * unschedules a scheduled review (see `resolveSchedule`).
   */
  publishAt?: string | null;
}

/** Why the queue could not publish a scheduled review; cleared by the next write. */
export interface ScheduleError {
  /** When the publish was attempted. */
  at: string;
  message: string;
  /** The fields that stopped it, as a 400 would name them. */
  errors: FieldError[];
}

export interface Review extends Required<Omit<ReviewInput, 'publishAt'>> {
  id: string;
  authorId: string;
  createdAt: string;
  updatedAt: string;
  /** When the review was first published; kept when it is unpublished and published again. */
  publishedAt: string | null;
  /** Starts at 1 and grows by one on every write; the `ETag` of the editor API is `"v{version}"`. */
  version: number;
  /** Set while `scheduled`, `null` otherwise (reviews stored before scheduling lack it). */
  publishAt: string | null;
  /** The last failed scheduled publish, until the next write. */
  scheduleError: ScheduleError | null;
  /**
   * The slugs this review was published under before an admin changed its slug, oldest first.
   * The review keeps them claimed for good, and readers following one are redirected (`301`) to
   * the current slug. Absent on reviews stored before slug history existed (read as `[]`).
   */
  slugHistory: string[];
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
  /** How far ahead a publish may be scheduled. */
  publishAtMaxDays: 366,
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
  // A revision keeps the same content; the input adds the publishing schedule.
  return { ...revisionContentOf(review), publishAt: review.publishAt ?? null };
}

/**
 * The review's client text in its stored form (NFC; the body with `\n` line ends). The HTTP
 * schema already does this; the service does it again for callers that bypass HTTP (seeding,
 * demo data), so that every stored review holds the same form.
 */
export function normalizeReviewInput(input: ReviewInput): ReviewInput {
  const line = (value: string) => normalizeText(value);
  return {
    ...input,
    ...(input.slug !== undefined ? { slug: line(input.slug) } : {}),
    camera: {
      ...input.camera,
      brand: line(input.camera.brand),
      model: line(input.camera.model),
      mount: line(input.camera.mount),
    },
    title: line(input.title),
    summary: line(input.summary),
    body: normalizeText(input.body, { multiline: true }),
    pros: input.pros.map(line),
    cons: input.cons.map(line),
  };
}

/** Every text field of a review with a character {@link hasUnsafeCharacters} refuses. */
function unsafeTextFields(input: ReviewInput): FieldError[] {
  const fields: [string, string, boolean][] = [
    ['slug', input.slug ?? '', false],
    ['camera.brand', input.camera.brand, false],
    ['camera.model', input.camera.model, false],
    ['camera.mount', input.camera.mount, false],
    ['title', input.title, false],
    ['summary', input.summary, false],
    ['body', input.body, true],
    ...input.pros.map((v, i): [string, string, boolean] => [`pros.${i}`, v, false]),
    ...input.cons.map((v, i): [string, string, boolean] => [`cons.${i}`, v, false]),
  ];
  return fields
    .filter(([, value, multiline]) => hasUnsafeCharacters(value, { multiline }))
    .map(([field]) => ({ field, message: UNSAFE_TEXT_MESSAGE }));
}

/**
 * Entries that repeat an earlier one once compatibility forms, case and spacing are folded
 * (`Ｆａｓｔ AF` repeats `fast af`).
 */
function duplicates(items: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const item of items) {
    const key = foldKey(item);
    if (seen.has(key)) repeated.add(item);
    seen.add(key);
  }
  return [...repeated];
}

/**
 * The rules that need more than one field or the current time, beyond the per-field limits the
 * HTTP schema checks: a camera from the future is refused, and a list may not repeat itself. (What a
 * published review must contain is the publish checklist, `publish-checklist.ts`: a 422 naming
 * every missing item, after these format rules.) Text with control characters, bidi
 * overrides or lone surrogates is refused here too, for callers that bypass the HTTP schema.
 * @throws ValidationError naming every broken rule at once.
 */
export function assertReviewRules(input: ReviewInput, now: Date): void {
  const errors: FieldError[] = unsafeTextFields(input);
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
  }
  if (errors.length > 0) throw new ValidationError('The review breaks a content rule', errors);
}
