import { createHash } from 'node:crypto';

/**
 * A response body serialised once, with the strong `ETag` of its bytes: what the public read
 * path sends, so that a read is a lookup rather than a serialisation.
 */
export interface Representation {
  json: string;
  etag: string;
}

/** The strong ETag of some bytes: 27 characters of their SHA-256, quoted. */
export function etagOf(json: string): string {
  return `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
}

/** Serialises `value` once and tags it with its ETag. */
export function representation(value: unknown): Representation {
  const json = JSON.stringify(value);
  return { json, etag: etagOf(json) };
}
