import { createHash } from 'node:crypto';

/**
 * The ETag S3 gives a single-part upload, `"<md5 hex>"`, so the memory and filesystem stores
 * answer like S3. MD5 is used as a checksum here, not for security.
 */
export function blobEtag(bytes: Uint8Array): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}
