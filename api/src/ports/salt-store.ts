/**
 * Daily secret salts for hashing visitors. One random salt per UTC day, shared by every process
 * (so Lambda instances agree on who is unique) and forgotten once its day is over, so yesterday's
 * visitor hashes can no longer be linked to an IP address.
 */
export interface SaltStore {
  /**
   * Returns the salt for `day`, creating it if no process has yet. Concurrent callers for the same
   * day must all get the same salt (create-if-absent, then read).
   * @param candidate a fresh random salt to store if none exists yet
   * @param expiresAt when the salt may be deleted
   */
  getOrCreateSalt(day: string, candidate: string, expiresAt: Date): Promise<string>;
}
