import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * The header CloudFront adds to every request it sends the API (an origin custom header), whose
 * value only the distribution and the functions that trust it know: a request that carries it
 * came through the distribution, not straight to the API's own URL.
 */
export const ORIGIN_SECRET_HEADER = 'x-shutter-origin-secret';

/**
 * Where the secret is kept (a `String`, not a `SecureString`: CloudFormation must resolve it into
 * the distribution's origin header, which CloudFront keeps in the clear anyway). Made out of band,
 * like the JWT secrets (docs/deploy.md).
 */
export const ORIGIN_SECRET_PARAMETER = '/shutter/web/origin-secret';

/** CloudFront's header with the viewer's address and source port (`198.51.100.10:46532`). */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

/** The shortest secret trusted: a shorter one is a mistake, not a secret. */
const MIN_SECRET_LENGTH = 32;

/** What a request's trust in CloudFront gives the app (undefined: not through CloudFront). */
export interface CdnRequest {
  /** The viewer's address, if CloudFront sent one that parses. */
  viewerAddress: string | undefined;
}

/**
 * The address in a `CloudFront-Viewer-Address` value: everything before the last colon (the
 * source port); IPv6 comes unbracketed (`2001:db8::1:46532`). Undefined unless it is an address.
 */
export function viewerAddressOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const colon = value.lastIndexOf(':');
  if (colon <= 0 || !/^\d{1,5}$/.test(value.slice(colon + 1))) return undefined;
  const address = value.slice(0, colon);
  return isIP(address) === 0 ? undefined : address;
}

/** Compares digests, so the time taken says nothing of where the values differ. */
function sameSecret(presented: string, secret: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(secret));
}

/**
 * Whether a request came through the distribution: its origin header matches the secret. Only
 * then is `CloudFront-Viewer-Address` the viewer's (anyone may send that header to the API's own
 * URL). Without a secret (none configured, or too short) nothing is trusted.
 * @param header a request header's value by lower-case name.
 */
export function cdnRequestOf(
  header: (name: string) => string | undefined,
  secret: string | undefined,
): CdnRequest | undefined {
  const presented = header(ORIGIN_SECRET_HEADER);
  if (!secret || secret.length < MIN_SECRET_LENGTH || !presented) return undefined;
  if (!sameSecret(presented, secret)) return undefined;
  return { viewerAddress: viewerAddressOf(header(VIEWER_ADDRESS_HEADER)) };
}
