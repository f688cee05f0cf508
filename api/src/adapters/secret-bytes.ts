/** HS256 wants a key at least as long as its output: 32 bytes. */
export const JWT_SECRET_MIN_LENGTH = 32;

/**
 * The key bytes of a secret kept as text (a file or an SSM parameter). Too short a secret is a
 * configuration mistake worth failing on, not something to sign tokens with.
 */
export function jwtSecretBytes(text: string, source: string): Uint8Array {
  const secret = text.trim();
  if (secret.length < JWT_SECRET_MIN_LENGTH) {
    throw new Error(
      `The JWT secret in ${source} is shorter than ${JWT_SECRET_MIN_LENGTH} characters`,
    );
  }
  return new TextEncoder().encode(secret);
}
