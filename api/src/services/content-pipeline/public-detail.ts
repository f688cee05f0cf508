import { createHash } from 'node:crypto';
import type { Review } from '../../domain/review.js';
import type { PublicDocument } from '../../ports/public-content-store.js';
import type { ContentSummary } from '../content-index/content-types.js';
import { indexEntryOf } from '../content-index/index-entry.js';
import { renderMarkdown } from '../render-markdown.js';
import { representation } from '../representation.js';

/** A published review in full, as `GET /content/{slug}` sends it: its Markdown and safe HTML. */
export interface ContentDetail extends ContentSummary {
  pros: string[];
  cons: string[];
  body: string;
  html: string;
}

/** How many rendered bodies the renderer remembers (by the body's hash). */
const RENDER_CACHE_SIZE = 256;

/**
 * Renders Markdown to sanitised HTML, remembering recent results by the body's SHA-256: a
 * reconcile or a bulk import that meets the same body again (an edit that changed only the
 * rating, a generated catalogue) renders it once. Rendering is a pure function of the body.
 */
export function createBodyRenderer(render: (markdown: string) => string = renderMarkdown) {
  const cache = new Map<string, string>();
  return (body: string): string => {
    const key = createHash('sha256').update(body).digest('base64url');
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const html = render(body);
    cache.set(key, html);
    if (cache.size > RENDER_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return html;
  };
}

/**
 * The public document of a published review: its detail serialised once, with its ETag, ready
 * for a read to send as it is.
 * @throws Error for a draft.
 */
export function publicDocumentOf(
  review: Review,
  renderBody: (body: string) => string,
): PublicDocument {
  // The index entry is the summary with pros, cons and body; the detail adds the rendered body.
  // It also refuses a draft: drafts never reach the public store.
  const detail: ContentDetail = { ...indexEntryOf(review), html: renderBody(review.body) };
  const { json, etag } = representation(detail);
  return { slug: review.slug, reviewId: review.id, version: review.version, json, etag };
}
