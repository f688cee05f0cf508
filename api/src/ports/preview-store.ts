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
 * Draft preview links (`POST /reviews/{id}/preview`). A link is looked up by the hash of its
 * token, so a copy of the store gives no working link; revoking removes every link of a review.
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
   * Removes every link of the review, so none of them works again.
   * @returns how many it removed.
   */
  revokeAll(reviewId: string): Promise<number>;
}
