import type { ApiKeyStore } from '../ports/api-key-store.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { CdnPurger } from '../ports/cdn-purger.js';
import type { ImageStore } from '../ports/image-store.js';
import type { JobConsumer, JobProducer } from '../ports/job-queue.js';
import type { CounterStore } from '../ports/counter-store.js';
import type { CounterSettingsStore } from '../ports/counter-settings-store.js';
import type { CurrentUserResolver } from '../ports/current-user.js';
import type { PublicContentStore } from '../ports/public-content-store.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { ReviewStore } from '../ports/review-store.js';
import type { RevisionStore } from '../ports/revision-store.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import type { PreviewStore } from '../ports/preview-store.js';
import type { SaltStore } from '../ports/salt-store.js';
import type { RefreshTokenStore } from '../ports/refresh-token-store.js';
import type { SecretProvider } from '../ports/secret-provider.js';
import type { UploadSigner } from '../ports/upload-signer.js';
import type { UserStore } from '../ports/user-store.js';
import type { ApiKeyService } from './api-key-service.js';
import type { AuthService } from './auth-service.js';
import type { ContentService } from './content-service.js';
import type { ImagesService } from './images/images-service.js';
import type { CounterService } from './counter-service.js';
import type { PublicCounterService, SiteCounterService } from './counter-settings-service.js';
import type { ReviewService } from './review-service.js';
import type { RevisionService } from './revision-service.js';
import type { IdempotencyService } from './idempotency-service.js';
import type { PreviewLinkService } from './preview-links.js';
import type { PreviewReader } from './preview-reader.js';
import type { UserService } from './user-service.js';

/** One adapter per port: what an entry point chooses (memory, SQLite or DynamoDB). */
export interface Stores {
  counters: CounterStore;
  salts: SaltStore;
  /** Which counters are public (badges), and the key the server's own pages count with. */
  counterSettings: CounterSettingsStore;
  apiKeys: ApiKeyStore;
  limiter: RateLimiter;
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  /** Where the JWT signing secret comes from (data directory locally, SSM on AWS). */
  secrets: SecretProvider;
  reviews: ReviewStore;
  /** The kept revisions of every review, beside the reviews. */
  revisions: RevisionStore;
  /** The `Idempotency-Key`s of `POST /reviews`, kept 24 h. */
  idempotency: IdempotencyStore;
  /** Draft preview links, by the hash of their token. */
  previews: PreviewStore;
  /** The records of reviews' photos (their bytes are in `blobs`). */
  images: ImageStore;
  /**
   * Presigns direct uploads to the content bucket (S3 POST policies, on AWS). Absent locally,
   * where uploads go to Shutter's own upload route.
   */
  uploadSigner?: UploadSigner;
  /** The materialised public documents of published reviews, one lookup per detail read. */
  publicContent: PublicContentStore;
  /** Where writes leave work for the worker: a durable queue locally (SQLite), SQS on AWS. */
  jobs: JobProducer;
  /** The consumer side of `jobs` when this process drains it (memory, SQLite); none on Lambda. */
  jobConsumer?: JobConsumer;
  /** Index artifacts and their pointer: the data directory locally, S3 on AWS. */
  blobs: BlobStore;
  /** Purges cached public responses: logged locally (no CDN), CloudFront on AWS. */
  cdn: CdnPurger;
  /** Releases connections and file handles; safe to call once at shutdown. */
  close(): Promise<void>;
  /**
   * Resolves while the stores can serve; throws `UnavailableError` when they cannot (the SQLite
   * file was deleted under the process). Stores with nothing to watch leave it out.
   */
  checkHealth?(): Promise<void>;
}

export interface Services {
  counters: CounterService;
  /** Public counters and their badges. */
  publicCounters: PublicCounterService;
  /** The key the server's own reader pages count themselves with. */
  siteCounter: SiteCounterService;
  apiKeys: ApiKeyService;
  /** Resolves bearer tokens for the editor and admin routes. */
  currentUser: CurrentUserResolver;
  auth: AuthService;
  users: UserService;
  /** The editors' reviews. */
  reviews: ReviewService;
  /** The public read model of published reviews. */
  content: ContentService;
  /** The kept revisions of the editors' reviews: list, read, compare, restore. */
  revisions: RevisionService;
  /** Replays the answer of a retried `POST /reviews` that carries an `Idempotency-Key`. */
  idempotency: IdempotencyService;
  /** Draft preview links: made and revoked by a review's author or an admin. */
  previewLinks: PreviewLinkService;
  /** What a draft preview link shows. */
  previews: PreviewReader;
  /** Reviews' photos: uploads, processing state, alt text. */
  images: ImagesService;
}

/** Settings services need beyond their stores. */
export interface ServiceOptions {
  /** The deployment stage; access tokens are issued for this stage's audience only. */
  stage?: string;
  /**
   * Called after a review write has queued its content jobs: the local server wakes its
   * in-process worker here, and tests drain the queue so a write is visible when it returns.
   * Absent on Lambda, where SQS feeds the worker function.
   */
  afterContentQueued?: () => Promise<void> | void;
  /** How many revisions of each review to keep (`SHUTTER_REVISIONS_KEPT`); 50 by default. */
  revisionsKept?: number;
}

/** The counter's controller: counting visits, checking the presented API key. */
export type VisitServices = Pick<Services, 'counters' | 'apiKeys' | 'publicCounters'>;
/** Login, the signed-in user, and the admin routes for users and API keys. */
export type AccountServices = Pick<Services, 'auth' | 'users' | 'apiKeys' | 'currentUser'>;
/** The editors' reviews, behind bearer tokens. */
export type ReviewServices = Pick<
  Services,
  'reviews' | 'currentUser' | 'images' | 'revisions' | 'idempotency' | 'previewLinks'
>;
/** The public read model. */
export type ContentServices = Pick<Services, 'content' | 'previews'>;
