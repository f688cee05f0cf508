/**
 * Where signing secrets come from: a file in the data directory locally, SSM Parameter Store on
 * AWS. The secret never lives in the repository or in an environment variable.
 */
export interface SecretProvider {
  /**
   * The HS256 key for access tokens (at least 32 bytes). Implementations cache it; callers may
   * ask on every request.
   */
  getJwtSecret(): Promise<Uint8Array>;
}
