import { createHash } from 'node:crypto';
import {
  heroOf,
  imageRefsIn,
  publicImageOf,
  type ImageRecord,
  type PublicImage,
} from '../../domain/image.js';
import type { Review } from '../../domain/review.js';
import type { PublicDocument } from '../../ports/public-content-store.js';
import type { ContentAuthor, ContentSummary } from '../content-index/content-types.js';
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

/** The ready images a body may show, by id. */
export type BodyImages = ReadonlyMap<string, PublicImage>;

/**
 * Renders Markdown to sanitised HTML, remembering recent results by the SHA-256 of the body and
 * of the images it references: a reconcile or a bulk import that meets the same body again (an
 * edit that changed only the rating, a generated catalogue) renders it once. Rendering is a pure
 * function of the body and those images.
 */
export function createBodyRenderer(
  render: (markdown: string, images?: BodyImages) => string = renderMarkdown,
) {
  const cache = new Map<string, string>();
  return (body: string, images: BodyImages = new Map()): string => {
    const hash = createHash('sha256').update(body);
    for (const id of imageRefsIn(body))
      hash.update(`\0${id}\0${JSON.stringify(images.get(id) ?? null)}`);
    const key = hash.digest('base64url');
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const html = render(body, images);
    cache.set(key, html);
    if (cache.size > RENDER_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return html;
  };
}

/**
 * The public document of a published review: its detail serialised once, with its ETag, ready
 * for a read to send as it is.
 * @param author the author's public name, when the account still exists
 * @throws Error for a draft.
 */
export function publicDocumentOf(
  review: Review,
  renderBody: (body: string, images?: BodyImages) => string,
  images: readonly ImageRecord[] = [],
  author?: ContentAuthor,
): PublicDocument {
  const ready = new Map<string, PublicImage>();
  for (const image of images) {
    const view = publicImageOf(image);
    if (view) ready.set(image.id, view);
  }
  // The index entry is the summary with pros, cons and body; the detail adds the rendered body.
  // It also refuses a draft: drafts never reach the public store.
  const detail: ContentDetail = {
    ...indexEntryOf(review, heroOf(images), author),
    html: renderBody(review.body, ready),
  };
  const { json, etag } = representation(detail);
  return { slug: review.slug, reviewId: review.id, version: review.version, json, etag };
}

/**
 * The public document of `slug`, an old slug of `review` (its slug history): a redirect to the
 * slug the review is served under now. It belongs to the review and carries its version, so the
 * store orders it with the review's other documents; its body is only the target.
 */
export function redirectDocumentOf(slug: string, review: Review): PublicDocument {
  const { json, etag } = representation({ redirectTo: review.slug });
  return {
    slug,
    reviewId: review.id,
    version: review.version,
    json,
    etag,
    redirectTo: review.slug,
  };
}
