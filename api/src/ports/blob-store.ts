/**
 * Named byte objects with HTTP metadata: the materialised read model (a review's public detail
 * JSON, the content index artifacts and the pointer to the current one). S3 on AWS, a directory
 * locally, memory in tests.
 *
 * Keys are `/`-separated paths checked by `assertBlobKey` (domain/blob-key.ts) in every adapter:
 * no leading `/`, no empty, `.` or `..` segment, no control character, at most 1,024 UTF-8 bytes.
 * Every method throws `ValidationError` for a bad key and `UnavailableError` when storage cannot
 * serve now (throttling, a full disk, a server error); a missing object is never an error.
 */

export interface BlobPutOptions {
  /** `Content-Type` to serve the bytes with, e.g. `application/json`. */
  contentType: string;
  /** `Cache-Control` to serve them with, e.g. `public, max-age=31536000, immutable`. */
  cacheControl?: string;
  /**
   * Small user metadata (S3's `x-amz-meta-*`): lower-case names of letters, digits and `-`,
   * printable ASCII values (see `assertBlobMetadata`).
   */
  metadata?: Readonly<Record<string, string>>;
}

/** What is known about an object without its bytes. */
export interface BlobHead {
  /** The key it was read under. */
  key: string;
  /** Bytes. */
  size: number;
  contentType: string;
  /** `undefined` when put without one. */
  cacheControl: string | undefined;
  /**
   * An opaque, quoted entity tag that changes when the bytes change (S3's ETag: the quoted MD5 of
   * a single-part upload; the other adapters compute the same). Do not rely on it being an MD5.
   */
  etag: string;
  /** The metadata given at put; `{}` when none. */
  metadata: Record<string, string>;
  /** When the object was last put; whole seconds on S3. */
  lastModified: Date;
}

export interface StoredBlob extends BlobHead {
  /** The whole object. */
  bytes: Uint8Array;
}

/** One entry of a listing. */
export interface BlobListEntry {
  key: string;
  /** Bytes. */
  size: number;
}

/** The blob store. */
export interface BlobStore {
  /**
   * Stores `bytes` under `key`, replacing any object there. Atomic: a concurrent reader gets the
   * old object or the new one, whole, never a mixture or a partial write; once `put` resolves, a
   * read returns the new object (S3 has strong read-after-write consistency).
   * @returns the new object's ETag.
   */
  put(key: string, bytes: Uint8Array, options: BlobPutOptions): Promise<{ etag: string }>;

  /** The object with its bytes, or `undefined` when there is none. */
  get(key: string): Promise<StoredBlob | undefined>;

  /** The object without its bytes (one cheap request on S3), or `undefined` when there is none. */
  head(key: string): Promise<BlobHead | undefined>;

  /** Removes the object; removing a missing one succeeds and changes nothing. */
  delete(key: string): Promise<void>;

  /**
   * Every key that starts with `prefix` (`''` for all), with its size, in S3's order: by the keys'
   * UTF-8 bytes. Lazily paged, so a large store is never held in memory at once; objects put or
   * deleted during the iteration may or may not appear.
   */
  list(prefix: string): AsyncIterable<BlobListEntry>;
}
