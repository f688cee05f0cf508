import type { TableId } from '../../api/src/adapters/dynamodb/table-definitions.js';

/**
 * What each Lambda may touch: the tables it uses, with exactly the DynamoDB actions its stores
 * send (the adapters' GetCommand, PutCommand, … in api/src/adapters/dynamodb), the content
 * bucket and job queue with exactly the calls of their adapters (api/src/adapters/s3, sqs), the
 * CDN, and whether it reads the stage's JWT secret. The stacks build the IAM policies from this,
 * and the tests check the synthesized policies against it, so a grant cannot drift from the
 * matrix unnoticed.
 */
export type DynamoDbAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query' | 'Scan';

/** Object actions apply to `content/index/*`; `ListBucket` to the bucket. */
export type S3Action = 'GetObject' | 'PutObject' | 'DeleteObject' | 'ListBucket';

/** `SendMessage` to queue jobs; the other three are what an SQS event source mapping needs. */
export type SqsAction = 'SendMessage' | 'ReceiveMessage' | 'DeleteMessage' | 'GetQueueAttributes';

/** Actions on only the items whose partition key matches a pattern (`dynamodb:LeadingKeys`). */
export interface ItemAccess {
  /** `StringLike` patterns, e.g. `PUBLIC#*`. */
  leadingKeys: readonly string[];
  actions: readonly DynamoDbAction[];
}

export interface FunctionAccess {
  /** The Lambda entry in api/src/lambda/, without `.ts`. */
  entry: string;
  /** Actions on every item of a table. */
  tables: Partial<Record<TableId, readonly DynamoDbAction[]>>;
  /** Further actions on some items of a table only. */
  items?: Partial<Record<TableId, ItemAccess>>;
  /** The stage's content bucket (index artifacts). */
  contentBucket?: readonly S3Action[];
  /** The stage's content job queue. */
  jobQueue?: readonly SqsAction[];
  /** Creates invalidations on the web stack's distribution, when its id is known. */
  purgesCdn?: boolean;
  /**
   * Reads `/shutter/{stage}/jwt-secret`: to issue or verify access tokens, or (content) only to
   * derive the key that seals list cursors.
   */
  readsJwtSecret: boolean;
  /** Issues or verifies access tokens: its bundle carries jose. */
  verifiesTokens: boolean;
  /** Hashes or verifies passwords: its asset carries argon2's native binding for linux-arm64. */
  hashesPasswords: boolean;
  /**
   * Routes API Gateway sends to this function (each also gets `{proxy+}` below it); none for a
   * function fed by the job queue, which API Gateway may not invoke.
   */
  routes: readonly string[];
}

/** The keys of the public documents the content pipeline writes (dynamodb/keys.ts). */
export const PUBLIC_ITEMS = ['PUBLIC#*'] as const;

/** What an SQS event source mapping receives with (the execution role's, not the mapping's). */
export const SQS_CONSUME = ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'] as const;

const CRUD = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'] as const;

export const ACCESS_MATRIX = {
  // Counting and reading visits; checking the presented API key and marking it used.
  visits: {
    entry: 'visits',
    tables: {
      counters: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
      apiKeys: ['GetItem', 'UpdateItem'],
    },
    readsJwtSecret: false,
    verifiesTokens: false,
    hashesPasswords: false,
    routes: ['/visits/{counterId}'],
  },
  // Login, refresh and logout, the signed-in user, and the admin routes for users and API keys.
  accounts: {
    entry: 'accounts',
    tables: { users: CRUD, sessions: CRUD, apiKeys: CRUD },
    readsJwtSecret: true,
    verifiesTokens: true,
    hashesPasswords: true,
    routes: ['/auth', '/me', '/users', '/api-keys'],
  },
  // The editors' reviews; resolving a bearer token reads its user. A write that may change
  // published content queues its slugs for the worker.
  reviews: {
    entry: 'reviews',
    // Every review write is a conditional put or delete of a whole item: no UpdateItem.
    tables: { reviews: ['GetItem', 'PutItem', 'DeleteItem', 'Query'], users: ['GetItem', 'Query'] },
    jobQueue: ['SendMessage'],
    readsJwtSecret: true,
    verifiesTokens: true,
    hashesPasswords: false,
    routes: ['/reviews'],
  },
  // The public read model, read-only: a detail is one consistent GetItem of its `PUBLIC#{slug}`
  // item (never a review, a draft or a slug claim: the condition on the key says so), lists and
  // search come from the index artifact in the bucket. ListBucket only so that S3 answers 404,
  // not 403, for a pointer not written yet. It reads the JWT secret only to derive the
  // list-cursor key (HKDF with its own label); it never sees or checks a token.
  content: {
    entry: 'content',
    tables: {},
    items: { reviews: { leadingKeys: PUBLIC_ITEMS, actions: ['GetItem'] } },
    contentBucket: ['GetObject', 'ListBucket'],
    readsJwtSecret: true,
    verifiesTokens: false,
    hashesPasswords: false,
    routes: ['/content'],
  },
  // The content worker, fed by the stage's queue: reads reviews (by slug, and the published
  // list through the byPublished index; Scan only for the rare reconcile job), writes only the
  // public documents (conditional PutItem, DeleteItem), the index artifacts and their pointer,
  // queues its follow-up jobs and purges the CDN. It also publishes scheduled reviews when due
  // (services/scheduled-publishing.ts): a conditional put of the review item, and the claim of
  // its slug (a conditional put, deleted again if the review's put fails).
  worker: {
    entry: 'worker',
    tables: { reviews: ['GetItem', 'Query', 'Scan'] },
    items: {
      reviews: {
        leadingKeys: [...PUBLIC_ITEMS, 'REVIEW#*', 'SLUG#*'],
        actions: ['PutItem', 'DeleteItem'],
      },
    },
    contentBucket: ['GetObject', 'PutObject', 'DeleteObject', 'ListBucket'],
    jobQueue: ['SendMessage', ...SQS_CONSUME],
    purgesCdn: true,
    readsJwtSecret: false,
    verifiesTokens: false,
    hashesPasswords: false,
    routes: [],
  },
} as const satisfies Record<string, FunctionAccess>;

export type FunctionId = keyof typeof ACCESS_MATRIX;

export const FUNCTION_IDS = Object.keys(ACCESS_MATRIX) as FunctionId[];

/** The functions API Gateway invokes (the others are fed by a queue). */
export const API_FUNCTION_IDS = FUNCTION_IDS.filter((fn) => ACCESS_MATRIX[fn].routes.length > 0);

/** Whether a function is fed by the stage's job queue (an event source mapping per stage). */
export function consumesJobs(access: FunctionAccess): boolean {
  return access.jobQueue?.includes('ReceiveMessage') ?? false;
}

/** The deployed function name, e.g. `shutter-visits`; aliases make it `shutter-visits:pre`. */
export function functionName(fn: FunctionId): string {
  return `shutter-${fn}`;
}
