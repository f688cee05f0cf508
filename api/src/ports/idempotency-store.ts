/** The answer a request got, kept to be given again to a retry of the same request. */
export interface StoredResponse {
  status: number;
  /** The headers worth repeating (`Location`, `ETag`), by name. */
  headers: Record<string, string>;
  /** The body exactly as sent. */
  body: string;
}

/** One idempotency key as the store keeps it. */
export interface IdempotencyRecord {
  /** The key's id: a hash of the user and the client's `Idempotency-Key`, safe in any store key. */
  key: string;
  /** SHA-256 of the request it was first used with, to tell a retry from another request. */
  requestHash: string;
  /** When the record stops counting (a short lease while pending, 24 h once completed). */
  expiresAt: string;
  /** The answer, once the first request completed; absent while it is still running. */
  response?: StoredResponse;
}

/**
 * Persistence for idempotency keys. A key is first claimed (a conditional put, so that of two
 * concurrent requests with one key exactly one runs), then completed with the answer, or released
 * when the request failed so that a retry runs again. Expired records count as absent, whether or
 * not the store has deleted them yet (DynamoDB's TTL deletes within days, not at once).
 */
export interface IdempotencyStore {
  /**
   * Claims `record.key` for a request, unless a live record holds it.
   * @returns `undefined` when this call claimed the key; otherwise the live record (pending or
   *   completed), unchanged.
   */
  claim(record: IdempotencyRecord, now: Date): Promise<IdempotencyRecord | undefined>;

  /**
   * Stores the answer of a key this process claimed, with its new expiry (24 h on): the whole
   * record is written again, for a store whose writer may only put and delete.
   */
  complete(record: IdempotencyRecord & { response: StoredResponse }): Promise<void>;

  /** Forgets a key whose request failed, if it is still pending (a completed one stays). */
  release(key: string): Promise<void>;
}
