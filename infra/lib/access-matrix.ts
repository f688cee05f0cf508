import type { TableId } from '../../api/src/adapters/dynamodb/table-definitions.js';
import { IMAGE_UPLOAD_PREFIX, IMAGE_VARIANT_PREFIX } from '../../api/src/domain/image.js';
import { CONTENT_OBJECT_PREFIX } from './content-resources.js';

/**
 * What each Lambda may touch: the tables it uses, with exactly the DynamoDB actions its stores
 * send (the adapters' GetCommand, PutCommand, … in api/src/adapters/dynamodb), the content
 * bucket and job queue with exactly the calls of their adapters (api/src/adapters/s3, sqs), the
 * CDN, and whether it reads the stage's JWT secret. The stacks build the IAM policies from this,
 * and the tests check the synthesized policies against it, so a grant cannot drift from the
 * matrix unnoticed.
 */
export type DynamoDbAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query' | 'Scan';

/** Actions on objects under one key prefix of the content bucket. */
export type S3ObjectAction = 'GetObject' | 'PutObject' | 'DeleteObject';

/**
 * The key prefixes of the content bucket (api/src/domain/image.ts, content-index): the index
 * artifacts and their pointer, the uploaded originals of photos (never public: they may carry GPS
 * data) and the processed variants (public, served by CloudFront).
 */
export const BUCKET_PREFIXES = [
  CONTENT_OBJECT_PREFIX,
  IMAGE_UPLOAD_PREFIX,
  IMAGE_VARIANT_PREFIX,
] as const;
export type BucketPrefix = (typeof BUCKET_PREFIXES)[number];

/** What a function may do in the content bucket. */
export interface BucketAccess {
  /** Object actions per key prefix (granted on `{prefix}*`). */
  objects: Partial<Record<BucketPrefix, readonly S3ObjectAction[]>>;
  /**
   * `s3:ListBucket` on the bucket: without it S3 answers a missing key with 403, not 404, which
   * the blob store could not tell from a real refusal.
   */
  list: boolean;
}

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
  /** Further actions on some items of a table only: one statement per entry. */
  items?: Partial<Record<TableId, readonly ItemAccess[]>>;
  /** The stage's content bucket: index artifacts, photo uploads and variants. */
  contentBucket?: BucketAccess;
  /** The stage's content job queue. */
  jobQueue?: readonly SqsAction[];
  /** Creates invalidations on the web stack's distribution, when its id is known. */
  purgesCdn?: boolean;
  /**
   * Reads `/shutter/{stage}/jwt-secret`: to issue or verify access tokens, or (content) only to
   * derive the key that seals list cursors.
   */
  readsJwtSecret: boolean;
  /**
   * Reads the CloudFront origin secret (`/shutter/web/origin-secret`, ssm:GetParameter on that one
   * parameter): CloudFront sends readers to it, and a request that presents the secret is served
   * with the viewer's address (`CloudFront-Viewer-Address`) and at the root (docs/deploy.md).
   */
  readsOriginSecret?: boolean;
  /** Issues or verifies access tokens: its bundle carries jose. */
  verifiesTokens: boolean;
  /** Hashes or verifies passwords: its asset carries argon2's native binding for linux-arm64. */
  hashesPasswords: boolean;
  /** Decodes and encodes photos: its asset carries sharp and libvips for linux-arm64. */
  processesImages?: boolean;
  /**
   * Routes API Gateway sends to this function (each also gets `{proxy+}` below it, unless
   * `exactRoutes`); none for a function fed by the job queue, which API Gateway may not invoke.
   */
  routes: readonly string[];
  /**
   * The routes among `routes` served exactly: each path with its methods only, no `{proxy+}`, and
   * whether API Gateway requires an API key of the stage's usage plan (`x-api-key`) before the
   * Lambda runs. The root (`/`) must be one: a `{proxy+}` there would catch every path.
   */
  exactRoutes?: Readonly<Record<string, Readonly<Record<string, { apiKey: boolean }>>>>;
}

/** The keys of the public documents the content pipeline writes (dynamodb/keys.ts). */
export const PUBLIC_ITEMS = ['PUBLIC#*'] as const;

/**
 * The keys of draft preview links and of what they show (dynamodb-preview-store.ts,
 * dynamodb-preview-renders.ts): `PREVIEW#{hash}` and `PREVIEW#{reviewId}` / `RENDER`, two GetItems
 * per visit.
 */
export const PREVIEW_ITEMS = ['PREVIEW#*'] as const;

/** The site key's item in the counters table (dynamodb-counter-settings-store.ts). */
export const SITE_KEY_ITEM = 'SITE#counter-key';

/**
 * A counter's own items and its spill shards' (dynamodb-counter-store.ts: `COUNTER#{id}` and
 * `COUNTER#{id}#SHARD#{n}`, each with `TOTAL` and `DAY#…`); never a visitor marker (`VISITOR#`).
 */
export const COUNTER_ITEMS = ['COUNTER#*'] as const;

/** A public counter's marker (dynamodb-counter-settings-store.ts), its own partition. */
export const PUBLIC_COUNTER_ITEMS = ['PUBLIC-COUNTER#*'] as const;

/** What an SQS event source mapping receives with (the execution role's, not the mapping's). */
export const SQS_CONSUME = ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'] as const;

/**
 * The reader site's pages (api/src/http/routes/pages.ts), which the content function serves: each
 * path exactly, GET and HEAD only (CloudFront sends nothing else to them). The root is one of them.
 */
export const READER_PAGE_ROUTES = [
  '/',
  '/review/{slug}',
  '/compare',
  '/cameras',
  '/sitemap.xml',
  '/feed.xml',
  '/robots.txt',
  '/assets/{file}',
  // A draft preview link (routes/preview.ts): private, never cached.
  '/preview/{token}',
] as const;

/**
 * The admins' console's counter and job queue routes (routes/admin-counters.ts, jobs.ts), which
 * the accounts function serves exactly: no `{proxy+}` under `/counters` or `/jobs`.
 */
export const ADMIN_CONSOLE_ROUTES = [
  '/counters/{counterId}',
  '/counters/{counterId}/public',
  '/jobs',
  '/jobs/{id}/retry',
] as const;

const PAGE_METHODS = { GET: { apiKey: false }, HEAD: { apiKey: false } } as const;

const CRUD = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'] as const;

export const ACCESS_MATRIX = {
  // Counting and reading visits; checking the presented API key and marking it used; the public
  // badges and the embeddable script. A visit may carry its key in a text/plain body (the embed's
  // CORS simple request), which API Gateway cannot read: only reading a counter (the key in
  // `x-api-key`) is checked by API Gateway first; a visit's key is checked by the app.
  visits: {
    entry: 'visits',
    tables: {
      counters: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
      apiKeys: ['GetItem', 'UpdateItem'],
    },
    readsJwtSecret: false,
    // Unique visitors (a hash of address and agent) and per-address limits need the reader's.
    readsOriginSecret: true,
    verifiesTokens: false,
    hashesPasswords: false,
    routes: [
      '/visits/{counterId}',
      '/visits/{counterId}/badge.svg',
      '/visits/{counterId}/badge.json',
      '/counter.js',
    ],
    exactRoutes: {
      '/visits/{counterId}': { GET: { apiKey: true }, POST: { apiKey: false } },
      '/visits/{counterId}/badge.svg': { GET: { apiKey: false } },
      '/visits/{counterId}/badge.json': { GET: { apiKey: false } },
      '/counter.js': { GET: { apiKey: false } },
    },
  },
  // Login, refresh and logout, the signed-in user, and the admin routes for users and API keys.
  // The admins' console reads a counter (routes/admin-counters.ts): a consistent GetItem of its
  // `TOTAL` and Queries of its `DAY#…` items and of its spill shards' partitions, never a write
  // to a count; and reads, puts or deletes its `PUBLIC-COUNTER#{id}` marker (mark public or
  // private). Its job queue routes (routes/jobs.ts) answer 404: SQS is not readable by the app,
  // and its dead letters are redriven from the SQS console (docs/deploy.md), so no SQS grant.
  accounts: {
    entry: 'accounts',
    tables: { users: CRUD, sessions: CRUD, apiKeys: CRUD },
    items: {
      counters: [
        { leadingKeys: COUNTER_ITEMS, actions: ['GetItem', 'Query'] },
        { leadingKeys: PUBLIC_COUNTER_ITEMS, actions: ['GetItem', 'PutItem', 'DeleteItem'] },
      ],
    },
    readsJwtSecret: true,
    verifiesTokens: true,
    hashesPasswords: true,
    routes: ['/auth', '/me', '/users', '/api-keys', ...ADMIN_CONSOLE_ROUTES],
    exactRoutes: {
      '/counters/{counterId}': { GET: { apiKey: false } },
      '/counters/{counterId}/public': { PUT: { apiKey: false } },
      '/jobs': { GET: { apiKey: false } },
      '/jobs/{id}/retry': { POST: { apiKey: false } },
    },
  },
  // The editors' reviews; resolving a bearer token reads its user. A write that may change
  // published content queues its slugs for the worker. Photos: it presigns the S3 POST of an
  // original (the policy is signed with this role's rights: PutObject), checks the original
  // arrived (HeadObject: GetObject; ListBucket so a missing one is 404, not 403), and deletes
  // an image's original and variants with its record; image records are items of the reviews
  // table (`REVIEW#{id}` / `IMG#{imageId}`), covered by its grants.
  reviews: {
    entry: 'reviews',
    // Every review write is a conditional put or delete of a whole item: no UpdateItem.
    tables: { reviews: ['GetItem', 'PutItem', 'DeleteItem', 'Query'], users: ['GetItem', 'Query'] },
    contentBucket: {
      objects: {
        'uploads/': ['GetObject', 'PutObject', 'DeleteObject'],
        'images/': ['DeleteObject'],
      },
      list: true,
    },
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
  // list-cursor key (HKDF with its own label); it never sees or checks a token. The reader pages
  // it serves count themselves with the site key: one GetItem of that one item of the counters
  // table (never a count, never an API key). A draft preview link (`/preview/{token}`) is one
  // GetItem of its `PREVIEW#{hash}` item, then one of the render the worker stored for its review
  // (`PREVIEW#{reviewId}` / `RENDER`): this function reads no review, draft or photo record, and
  // never a slug claim or an idempotency record.
  content: {
    entry: 'content',
    tables: {},
    items: {
      reviews: [
        {
          leadingKeys: [...PUBLIC_ITEMS, ...PREVIEW_ITEMS],
          actions: ['GetItem'],
        },
      ],
      counters: [{ leadingKeys: [SITE_KEY_ITEM], actions: ['GetItem'] }],
    },
    contentBucket: { objects: { 'content/index/': ['GetObject'] }, list: true },
    readsJwtSecret: true,
    // A redirect's `Location` (an old slug) is the reader's path, without CloudFront's `/pro`.
    readsOriginSecret: true,
    verifiesTokens: false,
    hashesPasswords: false,
    routes: ['/content', ...READER_PAGE_ROUTES],
    exactRoutes: Object.fromEntries(READER_PAGE_ROUTES.map((path) => [path, PAGE_METHODS])),
  },
  // The content worker, fed by the stage's queue: reads reviews (by slug, and the published
  // list through the byPublished index; Scan only for the rare reconcile job), writes only the
  // public documents (conditional PutItem, DeleteItem), the index artifacts and their pointer,
  // queues its follow-up jobs and purges the CDN. It also publishes scheduled reviews when due
  // (services/scheduled-publishing.ts): a conditional put of the review item, and the claim of
  // its slug (a conditional put, deleted again if the review's put fails). And it processes
  // photos (image:process): reads the original, writes the variants, deletes superseded
  // variants and a refused original, and updates the image record (a conditional put of its
  // `REVIEW#` item); the index rebuild reads every image record (a Scan filtered to `IMG#`).
  // Summaries and details show the author's name: one GetItem of the user per author and run.
  // It renders what draft preview links show (content:preview): puts or deletes the review's
  // `PREVIEW#{reviewId}` / `RENDER` item, and revokes the links of a review deleted meanwhile.
  worker: {
    entry: 'worker',
    tables: { reviews: ['GetItem', 'Query', 'Scan'], users: ['GetItem'] },
    items: {
      reviews: [
        {
          leadingKeys: [...PUBLIC_ITEMS, ...PREVIEW_ITEMS, 'REVIEW#*', 'SLUG#*'],
          actions: ['PutItem', 'DeleteItem'],
        },
      ],
    },
    contentBucket: {
      objects: {
        'content/index/': ['GetObject', 'PutObject', 'DeleteObject'],
        'uploads/': ['GetObject', 'DeleteObject'],
        // Written and deleted, never read back: CloudFront serves them.
        'images/': ['PutObject', 'DeleteObject'],
      },
      list: true,
    },
    jobQueue: ['SendMessage', ...SQS_CONSUME],
    purgesCdn: true,
    readsJwtSecret: false,
    verifiesTokens: false,
    hashesPasswords: false,
    processesImages: true,
    routes: [],
  },
} as const satisfies Record<string, FunctionAccess>;

export type FunctionId = keyof typeof ACCESS_MATRIX;

export const FUNCTION_IDS = Object.keys(ACCESS_MATRIX) as FunctionId[];

/** The functions API Gateway invokes (the others are fed by a queue). */
export const API_FUNCTION_IDS = FUNCTION_IDS.filter((fn) => ACCESS_MATRIX[fn].routes.length > 0);

/** The deployed function name, e.g. `shutter-visits`; aliases make it `shutter-visits:pre`. */
export function functionName(fn: FunctionId): string {
  return `shutter-${fn}`;
}
