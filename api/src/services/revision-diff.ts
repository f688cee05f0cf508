import { diffLines } from 'diff';
import type { Revision } from '../domain/revision.js';
import { SCORE_CATEGORIES } from '../domain/review.js';

/** One line of a body diff: kept, or present only in the older or only in the newer text. */
export interface LineChange {
  op: 'unchanged' | 'removed' | 'added';
  /** The line without its line feed. */
  text: string;
}

/**
 * One field that differs between two revisions. A value field (`title`, `camera.priceUsd`,
 * `scores.autofocus`, `pros`, …) gives its value before and after, lists whole; the body gives a
 * line diff instead, since a before and after of a long text is of no use to a reader.
 */
export type FieldChange =
  { field: string; from: unknown; to: unknown } | { field: 'body'; lines: LineChange[] };

export interface RevisionDiff {
  reviewId: string;
  from: number;
  to: number;
  /** The fields that differ, in the order an editor reads a review; empty when none does. */
  changes: FieldChange[];
}

type Content = Revision['content'];

const CAMERA_FIELDS = [
  'brand',
  'model',
  'type',
  'sensor',
  'megapixels',
  'releaseYear',
  'priceUsd',
  'mount',
] as const;

/** Every compared value field and how to read it, in display order (the body comes last). */
const VALUE_FIELDS: [string, (c: Content) => unknown][] = [
  ['slug', (c) => c.slug],
  ['status', (c) => c.status],
  ['title', (c) => c.title],
  ['summary', (c) => c.summary],
  ...CAMERA_FIELDS.map((k): [string, (c: Content) => unknown] => [
    `camera.${k}`,
    (c) => c.camera[k],
  ]),
  ['rating', (c) => c.rating],
  ...SCORE_CATEGORIES.map((k): [string, (c: Content) => unknown] => [
    `scores.${k}`,
    (c) => c.scores[k],
  ]),
  ['pros', (c) => c.pros],
  ['cons', (c) => c.cons],
];

/** Lines of a jsdiff run, without the empty piece after a final line feed. */
function linesOf(value: string): string[] {
  const lines = value.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The body of `to` against the body of `from`, line by line (jsdiff's `diffLines`). */
export function bodyLineDiff(from: string, to: string): LineChange[] {
  return diffLines(from, to).flatMap((change) => {
    const op = change.added ? 'added' : change.removed ? 'removed' : 'unchanged';
    return linesOf(change.value).map((text) => ({ op, text }) as LineChange);
  });
}

/** What changed from one revision to another, field by field. */
export function diffRevisions(from: Revision, to: Revision): RevisionDiff {
  const changes: FieldChange[] = [];
  for (const [field, read] of VALUE_FIELDS) {
    const before = read(from.content);
    const after = read(to.content);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      changes.push({ field, from: before, to: after });
    }
  }
  if (from.content.body !== to.content.body) {
    changes.push({ field: 'body', lines: bodyLineDiff(from.content.body, to.content.body) });
  }
  return { reviewId: to.reviewId, from: from.n, to: to.n, changes };
}
