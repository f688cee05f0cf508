import { ValidationError } from '../../domain/errors.js';
import type { CursorCodec } from '../cursor.js';
import type { ContentSort } from './content-query.js';

/**
 * The position after the last item of a page, as the sort orders it: `[publishedAt, slug]` for
 * `newest`, `[rating, publishedAt, slug]` for `rating`, `[score, publishedAt, slug]` for
 * `relevance`. Every component descends, so one comparison serves all three. Keys, not offsets,
 * so a review published between two pages neither repeats nor hides one. A relevance score
 * depends on the whole index, so relevance paging across an index swap may move items whose
 * score changed; newest and rating paging are exact.
 */
export type SortKey = [string, string] | [number, string, string];

interface ListCursor {
  sort: ContentSort;
  /** The search and filters it was made for: a cursor moves through one result, not any. */
  filter: string;
  key: SortKey;
}

function isListCursor(value: unknown): value is ListCursor {
  const v = value as Partial<ListCursor> | null;
  if (typeof v !== 'object' || v === null || typeof v.filter !== 'string') return false;
  const key = v.key as unknown[] | undefined;
  if (!Array.isArray(key)) return false;
  if (v.sort === 'newest') return key.length === 2 && key.every((k) => typeof k === 'string');
  if (v.sort === 'rating' || v.sort === 'relevance') {
    return (
      key.length === 3 &&
      typeof key[0] === 'number' &&
      typeof key[1] === 'string' &&
      typeof key[2] === 'string'
    );
  }
  return false;
}

export function encodeListCursor(
  cursors: CursorCodec,
  sort: ContentSort,
  filter: string,
  key: SortKey,
): string {
  return cursors.encode({ sort, filter, key } satisfies ListCursor);
}

/**
 * The key a cursor resumes after.
 * @throws ValidationError (field `cursor`) for a cursor of another sort, search or filter.
 */
export function decodeListCursor(
  cursors: CursorCodec,
  cursor: string,
  sort: ContentSort,
  filter: string,
): SortKey {
  const decoded = cursors.decode(cursor);
  if (!isListCursor(decoded) || decoded.sort !== sort || decoded.filter !== filter) {
    throw new ValidationError('The cursor belongs to another query', [
      { field: 'cursor', message: 'use it with the same q, filters and sort it came from' },
    ]);
  }
  return decoded.key;
}

/** Whether key `a` comes strictly after key `b` in the (all-descending) order. */
export function isAfter(a: SortKey, b: SortKey): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y;
  }
  return false;
}
