import type { ImageRecord } from '../domain/image.js';

/**
 * The records of reviews' photos (the bytes live in the blob store). Memory in tests, a table in
 * SQLite, items beside their review in DynamoDB (`REVIEW#{reviewId}` / `IMG#{imageId}`, outside
 * every index).
 *
 * Writes are optimistic: each record carries a `version`, and `put` replaces a record only at
 * the version before it, so the processing job and an editor changing the alt text at the same
 * moment cannot undo each other (the loser reads again and retries).
 * Every method throws `UnavailableError` when storage cannot serve now.
 */
export interface ImageStore {
  /**
   * Stores a record: a new one at `version` 1, or a replacement at `version` one above the
   * stored record's.
   * @returns false, changing nothing, when the version does not follow the stored one (another
   *   write came first) or a version-1 record already exists.
   */
  put(record: ImageRecord): Promise<boolean>;

  /** One image of one review, or `undefined`. Read after write: a `put` is seen at once. */
  get(reviewId: string, imageId: string): Promise<ImageRecord | undefined>;

  /** Every image of a review, oldest first (by `createdAt`, then id). */
  listByReview(reviewId: string): Promise<ImageRecord[]>;

  /**
   * Every image of every review, in no particular order, paged lazily: for the index rebuild (a
   * review's hero) and the regenerate command. On DynamoDB a Scan of the reviews table.
   */
  listAll(): AsyncIterable<ImageRecord>;

  /** Removes a record; removing a missing one succeeds. */
  delete(reviewId: string, imageId: string): Promise<void>;
}
