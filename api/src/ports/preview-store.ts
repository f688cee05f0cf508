/** One draft preview link, as the store keeps it: never the token itself, only its hash. */
export interface PreviewLink {
  /** SHA-256 of the link's token, base64url: the key a visit looks the link up by. */
  tokenHash: string;
  /** The review whose current draft the link shows. */
  reviewId: string;
  /** ISO 8601: when the link was made. */
  createdAt: string;
  /** ISO 8601: when it stops working. The store may keep it longer (DynamoDB's TTL is late). */
  expiresAt: string;
}

/**
 * What every preview link of a review shows: its draft rendered by the content worker as the
 * public detail readers would get (the `GET /content/{slug}` JSON), one per review however many
 * links it has. A visit sends it as it is; the content function never renders Markdown.
 */
export interface PreviewRender {
  reviewId: string;
  /** The review version rendered: a render never replaces one of a newer version. */
  version: number;
  /** The detail JSON, as `GET /content/{slug}` would send it. */
  json: string;
  etag: string;
  /** ISO 8601: when the worker rendered it. */
  renderedAt: string;
  /**
   * ISO 8601: the latest expiry of the review's links when it was rendered. The store may drop
   * the render after it (DynamoDB's TTL); a link made later renders it again with its own.
   */
  keepUntil: string;
}

/**
 * Draft preview links (`POST /reviews/{id}/preview`) and the render they show. A link is looked
 * up by the hash of its token, so a copy of the store gives no working link; revoking removes
 * every link of a review and its render.
 * Expiry is the caller's to check: a store may still hold an expired link for a while.
 *
 * Every method throws `UnavailableError` when storage cannot serve now.
 */
export interface PreviewStore {
  /** Stores a new link (a fresh random token: a hash never repeats). */
  create(link: PreviewLink): Promise<void>;

  /** The link with this token hash, expired or not, or `undefined` (also after a revoke). */
  get(tokenHash: string): Promise<PreviewLink | undefined>;

  /**
   * Removes every link of the review, so none of them works again, and its render.
   * @returns how many links it removed.
   */
  revokeAll(reviewId: string): Promise<number>;

  /**
   * The latest `expiresAt` of the review's links, expired or not, or `undefined` when it has
   * none: whether a change of the review needs a new render (the caller compares with now).
   */
  latestExpiry(reviewId: string): Promise<string | undefined>;

  /**
   * Stores the review's render, replacing one of the same or an older version.
   * @returns false when a render of a newer version is stored (it stays).
   */
  putRender(render: PreviewRender): Promise<boolean>;

  /** The review's render, or `undefined` (not rendered yet, revoked, or dropped after expiry). */
  getRender(reviewId: string): Promise<PreviewRender | undefined>;

  /** Removes the review's render, if any (its links stay). */
  deleteRender(reviewId: string): Promise<void>;
}
