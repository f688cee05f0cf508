import type { Context } from 'hono';
import { cacheTagsHeader } from '../domain/cache-tags.js';
import { ifNoneMatchMatches } from '../domain/etag.js';
import type { AppEnv } from './app-env.js';
import { locationOf } from './location.js';
import {
  appendVary,
  offerShareableAnswer,
  requestHeader,
  setResponseHeader,
} from './middleware/node-message.js';

/**
 * Browsers keep a page a minute, shared caches (CloudFront) five, and either may serve a stale
 * copy for ten more minutes while it revalidates in the background.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600';

/**
 * `Cache-Tag` values by tags array. An answer's tags are fixed when it is made and the read model
 * keeps the answer (documents, list pages), so the header is built and checked once per answer,
 * not once per request.
 */
const tagHeaders = new WeakMap<readonly string[], string>();

function cacheTagHeaderOf(tags: readonly string[]): string {
  let header = tagHeaders.get(tags);
  if (header === undefined) {
    header = cacheTagsHeader(tags);
    tagHeaders.set(tags, header);
  }
  return header;
}

/** What a public answer is known by before its body exists: its ETag and its cache tags. */
export interface PublicAnswer {
  etag: string;
  tags: readonly string[];
}

/**
 * Sends a public, cacheable answer (the `/content` API and the reader pages alike): its ETag,
 * the public cache headers, the cache tags a publish purges it by, and 304 without a body when
 * `If-None-Match` names it (weak comparison, lists and `*` included). The body is a function so
 * that a page is rendered only when it is sent, never for a 304.
 */
export function sendPublic(
  c: Context<AppEnv>,
  answer: PublicAnswer,
  contentType: string,
  body: string | (() => string),
): Response {
  // On node these go on node's response, and the body below carries one header: Hono then hands
  // the adapter a plain object rather than a web `Headers` to copy (see node-message.ts).
  setResponseHeader(c, 'etag', answer.etag);
  setResponseHeader(c, 'cache-control', PUBLIC_CACHE_CONTROL);
  if (answer.tags.length > 0) setResponseHeader(c, 'cache-tag', cacheTagHeaderOf(answer.tags));
  appendVary(c, 'Accept-Encoding');
  // A shared cache in front (on node, the local server's edge cache) may keep the answer: a ready
  // body at once, a page once it is rendered (never rendered for a 304).
  if (typeof body === 'string') {
    offerShareableAnswer(c, answer.etag, contentType, () => bytesOf(answer, body));
  }
  if (ifNoneMatchMatches(requestHeader(c, 'if-none-match'), answer.etag)) {
    return c.body(null, 304);
  }
  const bytes = bytesOf(answer, typeof body === 'string' ? body : body());
  if (typeof body !== 'string') offerShareableAnswer(c, answer.etag, contentType, () => bytes);
  return c.body(bytes, 200, { 'Content-Type': contentType });
}

/**
 * A ready body's UTF-8 bytes, kept with its answer (the read model keeps answers, so a detail or
 * a list page is sent many times): sent as a string, node encoded it and the adapter measured
 * its length on every request, which for a 10 KB list page cost more than all the routing.
 */
const encoded = new WeakMap<PublicAnswer, { text: string; bytes: Uint8Array<ArrayBuffer> }>();

function bytesOf(answer: PublicAnswer, text: string): Uint8Array<ArrayBuffer> {
  const kept = encoded.get(answer);
  if (kept !== undefined && kept.text === text) return kept.bytes;
  const bytes = new TextEncoder().encode(text);
  encoded.set(answer, { text, bytes });
  return bytes;
}

/**
 * Sends a permanent redirect from an old slug to `path` (an app path such as `/content/x`),
 * cacheable like the public answers and tagged like the old slug's page, so that the purge of
 * that slug reaches it if the slug ever serves something else.
 */
export function sendPublicRedirect(
  c: Context<AppEnv>,
  path: string,
  tags: readonly string[],
): Response {
  setResponseHeader(c, 'cache-control', PUBLIC_CACHE_CONTROL);
  if (tags.length > 0) setResponseHeader(c, 'cache-tag', cacheTagHeaderOf(tags));
  c.header('Location', locationOf(c, path));
  return c.body(null, 301);
}
