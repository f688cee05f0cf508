/**
 * Key builders for the items in Shutter's tables. Every part that goes into a key is checked
 * first: ids, days and hashes never contain `#`, so one key can never be read as another.
 */

export interface ItemKey {
  pk: string;
  sk: string;
}

const COUNTER_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TOKEN = /^[A-Za-z0-9_.-]{1,256}$/;

function checked(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new Error(`Not a valid ${what} for a DynamoDB key: ${value}`);
  return value;
}

/** A counter's total: `COUNTER#{id}` / `TOTAL`. */
export function counterTotalKey(counterId: string): ItemKey {
  return { pk: `COUNTER#${checked(counterId, COUNTER_ID, 'counter id')}`, sk: 'TOTAL' };
}

/** A counter's totals for one UTC day, beside its total so one Query reads a date range. */
export function counterDayKey(counterId: string, day: string): ItemKey {
  return {
    pk: counterTotalKey(counterId).pk,
    sk: `DAY#${checked(day, DAY, 'day')}`,
  };
}

/**
 * The marker saying a visitor was seen on a counter on a day. Each marker is its own partition:
 * markers are written once and never read back, so spreading them costs nothing and keeps them
 * off the counter's hot partition.
 */
export function visitorMarkerKey(counterId: string, day: string, visitorHash: string): ItemKey {
  return {
    pk: `VISITOR#${checked(counterId, COUNTER_ID, 'counter id')}#${checked(day, DAY, 'day')}#${checked(visitorHash, TOKEN, 'visitor hash')}`,
    sk: 'MARKER',
  };
}

/** The secret salt of one UTC day. */
export function saltKey(day: string): ItemKey {
  return { pk: `SALT#${checked(day, DAY, 'day')}`, sk: 'SALT' };
}

/** An API key's item, keyed by the hash of its secret: the lookup every visit makes. */
export function apiKeyByHashKey(hash: string): ItemKey {
  return { pk: `HASH#${checked(hash, TOKEN, 'key hash')}`, sk: 'KEY' };
}

/** The pointer from an API key's id to its hash, for the admin operations that name the id. */
export function apiKeyByIdKey(id: string): ItemKey {
  return { pk: `KEY#${checked(id, TOKEN, 'key id')}`, sk: 'ID' };
}

/** Every listed API key shares this index partition; keys are few, so one partition is plenty. */
export const API_KEY_LIST_PARTITION = 'KEYS';

/** The index sort key that orders keys by creation time, the id breaking ties. */
export function apiKeyListSortKey(createdAt: string, id: string): string {
  return `${createdAt}#${id}`;
}

/** An instant as DynamoDB's TTL wants it: whole seconds since the epoch. */
export function epochSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}
