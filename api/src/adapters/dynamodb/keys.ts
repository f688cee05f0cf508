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

/**
 * Whether a value (an id from a URL, say) can be part of a key. Lookups test this first: a value
 * that cannot be in a key names no stored item, which is "not found", not a server error.
 */
export function isKeyPart(value: string): boolean {
  return TOKEN.test(value);
}

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

/**
 * An email key (already trimmed and lower-cased): anything but whitespace, as long as an address
 * may be. It is always the last part of its key, so a `#` inside it cannot be misread.
 */
const EMAIL_KEY = /^\S{1,320}$/;

/** Whether a lower-cased address can be part of a key; one that cannot belongs to no user. */
export function isEmailKey(value: string): boolean {
  return EMAIL_KEY.test(value);
}
/** An ISO-8601 instant as `Date#toISOString` writes it: fixed width, so it sorts as text. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Every user item shares one partition, so that counting active admins is a strongly consistent
 * Query of a small partition (GSI reads cannot be consistent). Editors are few; a user is read
 * by its full key, so the shared partition costs nothing on the hot path.
 */
export const USER_PARTITION = 'USERS';

/** A user: `USERS` / `USER#{id}`. */
export function userKey(id: string): ItemKey {
  return { pk: USER_PARTITION, sk: `USER#${checked(id, TOKEN, 'user id')}` };
}

/** The claim that makes an email address unique, ignoring case: `EMAIL#{email key}`. */
export function emailClaimKey(emailKey: string): ItemKey {
  return { pk: `EMAIL#${checked(emailKey, EMAIL_KEY, 'email key')}`, sk: 'EMAIL' };
}

/** The failed-login record of one login key (a hash of the address). */
export function loginFailuresKey(loginKey: string): ItemKey {
  return { pk: `LOGIN#${checked(loginKey, TOKEN, 'login key')}`, sk: 'FAILURES' };
}

/** The `byEmail` index partition every user shares; its sort key is the lower-cased email. */
export const USER_LIST_PARTITION = 'USERS';

/** A refresh session, keyed by the hash of its token: the lookup every refresh makes. */
export function sessionByHashKey(hash: string): ItemKey {
  return { pk: `TOKEN#${checked(hash, TOKEN, 'token hash')}`, sk: 'SESSION' };
}

/** The pointer from a session's id to its token hash, for `markRotated`. */
export function sessionByIdKey(id: string): ItemKey {
  return { pk: `SESSION#${checked(id, TOKEN, 'session id')}`, sk: 'ID' };
}

/** The marker that revokes a whole token family in one consistent single-item write. */
export function familyRevokedKey(familyId: string): ItemKey {
  return { pk: `FAMILY#${checked(familyId, TOKEN, 'family id')}`, sk: 'REVOKED' };
}

/** `byFamily` partition: every session of one token family. */
export function sessionFamilyPartition(familyId: string): string {
  return `FAMILY#${checked(familyId, TOKEN, 'family id')}`;
}

/** `byUser` partition: every session of one user. */
export function sessionUserPartition(userId: string): string {
  return `USER#${checked(userId, TOKEN, 'user id')}`;
}

/**
 * A sort key `{instant}#{id}`: instants are fixed width, so the text order is the time order
 * with the id breaking ties, ascending or descending alike.
 */
export function instantSortKey(at: string, id: string): string {
  return `${checked(at, INSTANT, 'instant')}#${checked(id, TOKEN, 'id')}`;
}

/** A review: `REVIEW#{id}` / `REVIEW`. */
export function reviewKey(id: string): ItemKey {
  return { pk: `REVIEW#${checked(id, TOKEN, 'review id')}`, sk: 'REVIEW' };
}

/** How many digits a revision number is padded to, so that sort keys order as numbers. */
const REVISION_DIGITS = 10;

/** What every revision's sort key starts with, beside its review in the review's partition. */
export const REVISION_SK_PREFIX = 'REV#';

/**
 * Revision `n` of a review: `REVIEW#{id}` / `REV#{n, zero-padded}`, in the review's partition
 * (one Query lists them in order) and with no index attributes, so no listing ever sees one.
 */
export function revisionKey(reviewId: string, n: number): ItemKey {
  if (!Number.isSafeInteger(n) || n < 1 || String(n).length > REVISION_DIGITS) {
    throw new Error(`Not a valid revision number for a DynamoDB key: ${n}`);
  }
  return {
    pk: reviewKey(reviewId).pk,
    sk: `${REVISION_SK_PREFIX}${String(n).padStart(REVISION_DIGITS, '0')}`,
  };
}

/**
 * An idempotency key of `POST /reviews`: `IDEM#{key}` / `IDEM`, where the key is already a hash
 * of the user and the client's header, so any header value fits.
 */
export function idempotencyKey(key: string): ItemKey {
  return { pk: `IDEM#${checked(key, TOKEN, 'idempotency key')}`, sk: 'IDEM' };
}

/** The item that makes a slug unique: `SLUG#{slug}` / `SLUG`, holding the review id. */
export function slugClaimKey(slug: string): ItemKey {
  return { pk: `SLUG#${checked(slug, TOKEN, 'slug')}`, sk: 'SLUG' };
}

/** What every public document's partition key starts with, and its sort key. */
/** A draft preview link, by the hash of its token: `PREVIEW#{hash}` / `PREVIEW`. */
export function previewKey(tokenHash: string): ItemKey {
  return { pk: `PREVIEW#${checked(tokenHash, TOKEN, 'preview token hash')}`, sk: 'PREVIEW' };
}

/** The sort-key prefix of the preview links listed in their review's partition. */
export const PREVIEW_SK_PREFIX = 'PREVIEW#';

/**
 * A preview link listed in its review's partition, `REVIEW#{id}` / `PREVIEW#{hash}`: what a
 * revoke queries to find every link of the review.
 */
export function reviewPreviewKey(reviewId: string, tokenHash: string): ItemKey {
  return {
    pk: reviewKey(reviewId).pk,
    sk: `${PREVIEW_SK_PREFIX}${checked(tokenHash, TOKEN, 'preview token hash')}`,
  };
}

/**
 * What a review's preview links show, rendered by the worker: `PREVIEW#{reviewId}` / `RENDER`.
 * Under the links' `PREVIEW#` prefix, so the content function reads it with the links' grant and
 * no review item; its sort key keeps it apart from any link (`PREVIEW#{hash}` / `PREVIEW`).
 */
export function previewRenderKey(reviewId: string): ItemKey {
  return { pk: `PREVIEW#${checked(reviewId, TOKEN, 'review id')}`, sk: 'RENDER' };
}

export const PUBLIC_CONTENT_PREFIX = 'PUBLIC#';
export const PUBLIC_CONTENT_SK = 'PUBLIC';

/**
 * A review's materialised public document: `PUBLIC#{slug}` / `PUBLIC`. It carries no index
 * attributes, so it never appears in any review listing.
 */
export function publicContentKey(slug: string): ItemKey {
  return { pk: `${PUBLIC_CONTENT_PREFIX}${checked(slug, TOKEN, 'slug')}`, sk: PUBLIC_CONTENT_SK };
}

/**
 * `byAuthor` partition: one author's reviews of one status. Status is part of the partition so a
 * status filter is a plain Query; an unfiltered list merges the two statuses' queries.
 */
export function reviewAuthorPartition(authorId: string, status: string): string {
  return `AUTHOR#${checked(authorId, TOKEN, 'author id')}#${checked(status, TOKEN, 'status')}`;
}

/** `byCreated` partition: every author's reviews of one status. */
export function reviewStatusPartition(status: string): string {
  return `STATUS#${checked(status, TOKEN, 'status')}`;
}

/** `byPublished` partition (sparse: only published reviews carry it). */
export const PUBLISHED_PARTITION = 'PUBLISHED';
