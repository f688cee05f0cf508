import type { ApiKey } from '../domain/api-key.js';

/** Persistence for API keys. Keys are stored and looked up by hash only. */
export interface ApiKeyStore {
  /** Stores a new key. @throws ConflictError when the id or hash already exists. */
  create(key: ApiKey): Promise<void>;

  /** Finds a key (revoked or not) by the SHA-256 hex of its secret. */
  findByHash(hash: string): Promise<ApiKey | undefined>;

  /** Finds a key by id. */
  get(id: string): Promise<ApiKey | undefined>;

  /** Every key, newest first, revoked ones included. */
  list(): Promise<ApiKey[]>;

  /**
   * Marks a key revoked at `at`; revoking an already revoked key keeps the first time.
   * @throws NotFoundError when no key has this id.
   */
  revoke(id: string, at: string): Promise<ApiKey>;

  /** Records that a key was used. Best effort: callers throttle how often they call it. */
  touch(id: string, at: string): Promise<void>;
}
