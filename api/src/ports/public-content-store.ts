/**
 * One published review's public detail representation, rendered once by the materialisation
 * worker and served as is: `json` is the exact response body, `etag` its entity tag.
 */
export interface PublicDocument {
  /** The slug the document is served under (`/content/{slug}`); the store's key. */
  slug: string;
  /** The review it was rendered from. */
  reviewId: string;
  /** The review's version it was rendered from; orders the renderings of one review. */
  version: number;
  /** The response body, byte for byte. */
  json: string;
  /** The quoted entity tag of `json`, e.g. `"3f9a…"`. */
  etag: string;
  /**
   * Set when `slug` is one the review had before (its slug history): the slug it is served under
   * now. Reads answer `301` to it; `json` and `etag` then describe only the redirect.
   */
  redirectTo?: string;
}

/** What a listing gives for each stored document: enough to check it without reading its body. */
export interface PublicContentEntry {
  slug: string;
  reviewId: string;
  version: number;
  /** As {@link PublicDocument.redirectTo}. */
  redirectTo?: string;
}

/**
 * The materialised public documents of published reviews, keyed by slug, so that a detail read
 * is one lookup. Only the materialisation worker writes here; `/content/{slug}` reads.
 *
 * **Ordering.** Workers can run late and twice (a queue delivers at least once), so a put never
 * replaces a newer rendering: for one review, the higher `version` wins and an equal version
 * replaces (a re-render of the same version, e.g. after a renderer fix).
 *
 * **A slug passing from one review to another.** Versions of different reviews cannot be
 * compared, so the store never lets one review's put replace another review's document: the
 * slug is handed over only through an empty slot. The protocol, for the worker:
 * 1. When a review stops being published under a slug (unpublished, deleted, or its slug
 *    released), its job calls `delete(slug, thatReviewId)`.
 * 2. A put refused (`false`) while `get(slug)` shows another review's document means that
 *    review's document outlived its claim (its delete has not run yet, or a late worker of the
 *    old holder put after it). The review store's slug claim is the truth: when it says the slug
 *    is now this review's, the worker calls `delete(slug, otherReviewId)` and puts again.
 * 3. After a put, a worker that finds its review no longer published under that slug calls
 *    `delete(slug, itsReviewId)`, undoing a put that raced with the unpublish.
 * So a stale worker of the old holder can at worst leave the slug empty for a moment (a miss,
 * which the reader path answers from the review store or with 404), never serve the old
 * review's text under the new review's slug.
 *
 * **Old slugs.** A published review whose slug an admin changed keeps its old slugs claimed;
 * each is stored as a redirect document of the same review (`redirectTo`), under the same
 * ordering rules as any other document of that review.
 *
 * Every method throws `UnavailableError` when storage cannot serve now; a missing document is
 * never an error.
 */
export interface PublicContentStore {
  /**
   * Stores `doc` under `doc.slug` in one conditional single-item write, only if the slot is
   * empty, or holds a document of the same review with a version no higher than `doc.version`.
   * @returns whether it wrote: `false` for a stale version or a slot held by another review.
   */
  put(doc: PublicDocument): Promise<boolean>;

  /** The document served under `slug` (one lookup), or `undefined`. */
  get(slug: string): Promise<PublicDocument | undefined>;

  /**
   * Removes the document under `slug`; with `reviewId`, only if that review's document is the
   * one there (so a late delete never removes a new holder's document). Removing a missing
   * document succeeds and changes nothing.
   */
  delete(slug: string, reviewId?: string): Promise<void>;

  /**
   * Every stored document's slug, review and version, lazily paged, in no particular order; for
   * the reconciliation job that removes documents of reviews no longer published. Documents put
   * or deleted during the iteration may or may not appear. On DynamoDB this reads the whole
   * reviews table (a Scan): run it rarely, never on a request.
   */
  listSlugs(): AsyncIterable<PublicContentEntry>;
}
