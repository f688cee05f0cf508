/**
 * The DynamoDB tables Shutter uses, as plain data: the adapters read them to build requests, the
 * local server and the tests create tables from them, and the CDK stack can define the very same
 * tables from them. No AWS SDK or CDK import here on purpose, so every one of those can load it.
 */

export type AttributeType = 'S' | 'N';

export interface KeyAttribute {
  name: string;
  type: AttributeType;
}

export interface GlobalIndexDefinition {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Every index projects all attributes: the items are small and the reads need them whole. */
  projection: 'ALL';
}

export interface TableDefinition {
  /** The table's name after the stage prefix, e.g. `counters` in `shutter-pro-counters`. */
  suffix: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalIndexes: readonly GlobalIndexDefinition[];
  /** Attribute holding an expiry time in epoch seconds, for DynamoDB's TTL deletion. */
  ttlAttribute?: string;
}

/** The key attributes every table shares: generic names, so one table can hold several item types. */
export const PK = 'pk';
export const SK = 'sk';
export const TTL_ATTRIBUTE = 'expiresAt';

/** Counter totals, per-day totals, per-day unique-visitor markers and the daily salts. */
export const COUNTERS_TABLE = {
  suffix: 'counters',
  partitionKey: { name: PK, type: 'S' },
  sortKey: { name: SK, type: 'S' },
  globalIndexes: [],
  ttlAttribute: TTL_ATTRIBUTE,
} as const satisfies TableDefinition;

/** The index that lists API keys newest first, from a single partition. */
export const API_KEYS_BY_CREATED_INDEX = 'byCreated';

/** API keys: one item keyed by the key's hash (the hot lookup) and one pointer keyed by its id. */
export const API_KEYS_TABLE = {
  suffix: 'api-keys',
  partitionKey: { name: PK, type: 'S' },
  sortKey: { name: SK, type: 'S' },
  globalIndexes: [
    {
      indexName: API_KEYS_BY_CREATED_INDEX,
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
      projection: 'ALL',
    },
  ],
} as const satisfies TableDefinition;

const gsi = (indexName: string, n: number): GlobalIndexDefinition => ({
  indexName,
  partitionKey: { name: `gsi${n}pk`, type: 'S' },
  sortKey: { name: `gsi${n}sk`, type: 'S' },
  projection: 'ALL',
});

export const REVIEWS_BY_AUTHOR_INDEX = 'byAuthor';
export const REVIEWS_BY_CREATED_INDEX = 'byCreated';
export const REVIEWS_BY_PUBLISHED_INDEX = 'byPublished';

/** Reviews, slug claims (`SLUG#…`), revisions (`REV#…`) and idempotency keys (`IDEM#…`, with TTL). */
export const REVIEWS_TABLE = {
  suffix: 'reviews',
  partitionKey: { name: PK, type: 'S' },
  sortKey: { name: SK, type: 'S' },
  globalIndexes: [
    // One author's reviews of one status (`AUTHOR#{id}#{status}`), newest created first.
    gsi(REVIEWS_BY_AUTHOR_INDEX, 1),
    // Every author's reviews of one status (`STATUS#{status}`), newest created first, for admins.
    gsi(REVIEWS_BY_CREATED_INDEX, 2),
    // Sparse: only published reviews carry gsi3pk, so drafts can never reach the read model.
    gsi(REVIEWS_BY_PUBLISHED_INDEX, 3),
  ],
  // Idempotency keys (`IDEM#…`) expire; nothing else on the table has an `expiresAt`.
  ttlAttribute: TTL_ATTRIBUTE,
} as const satisfies TableDefinition;

export const USERS_BY_EMAIL_INDEX = 'byEmail';

/** Users, case-insensitive email claims (`EMAIL#…`) and failed-login counters (with TTL). */
export const USERS_TABLE = {
  suffix: 'users',
  partitionKey: { name: PK, type: 'S' },
  sortKey: { name: SK, type: 'S' },
  globalIndexes: [
    // Users ordered by lower-cased email, for the admin list.
    gsi(USERS_BY_EMAIL_INDEX, 1),
  ],
  ttlAttribute: TTL_ATTRIBUTE,
} as const satisfies TableDefinition;

export const SESSIONS_BY_FAMILY_INDEX = 'byFamily';
export const SESSIONS_BY_USER_INDEX = 'byUser';

/** Refresh-token sessions, stored by token hash, expiring through TTL. */
export const SESSIONS_TABLE = {
  suffix: 'sessions',
  partitionKey: { name: PK, type: 'S' },
  sortKey: { name: SK, type: 'S' },
  globalIndexes: [
    // Every session of one token family, to revoke the family on reuse.
    gsi(SESSIONS_BY_FAMILY_INDEX, 1),
    // Every session of one user by expiry, to end them all and to forget the expired ones.
    gsi(SESSIONS_BY_USER_INDEX, 2),
  ],
  ttlAttribute: TTL_ATTRIBUTE,
} as const satisfies TableDefinition;

/** Every table the stores need, by the name the adapters use for them. */
export const TABLES = {
  counters: COUNTERS_TABLE,
  apiKeys: API_KEYS_TABLE,
  reviews: REVIEWS_TABLE,
  users: USERS_TABLE,
  sessions: SESSIONS_TABLE,
} as const satisfies Record<string, TableDefinition>;

export type TableId = keyof typeof TABLES;

/** The prefix a stage's tables share unless `SHUTTER_TABLE_PREFIX` says otherwise. */
export function defaultTablePrefix(stage: string): string {
  return `shutter-${stage}-`;
}

/** The full name of a table for a prefix, e.g. `shutter-dev-` + counters. */
export function tableName(prefix: string, table: TableDefinition): string {
  return `${prefix}${table.suffix}`;
}

/** The full names of every table for a prefix. */
export function tableNames(prefix: string): Record<TableId, string> {
  return Object.fromEntries(
    Object.entries(TABLES).map(([id, table]) => [id, tableName(prefix, table)]),
  ) as Record<TableId, string>;
}
