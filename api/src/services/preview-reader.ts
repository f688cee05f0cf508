import { NotFoundError, UnavailableError } from '../domain/errors.js';
import type { Clock } from '../ports/clock.js';
import type { PreviewStore } from '../ports/preview-store.js';
import { tokenHashOf } from './preview-links.js';

/** A draft as a preview link shows it: the public detail readers would get once it is published. */
export interface PreviewDocument {
  /** The detail JSON, as `GET /content/{slug}` would send it. */
  json: string;
  etag: string;
}

/**
 * A working link whose first render the worker has not stored yet (a link opened the moment it
 * was made): the route answers 503 with `Retry-After`, never a 404 that would say it is dead.
 */
export class PreviewNotReadyError extends UnavailableError {}

/**
 * The readers' side: what a link shows, as the content worker rendered it when the link was
 * made and at each change of its review since. Reading renders nothing: the content function
 * carries no Markdown renderer and reads no review.
 */
export interface PreviewReader {
  /**
   * @throws NotFoundError for an unknown, expired or revoked token, or a deleted review.
   * @throws PreviewNotReadyError for a working link whose review is not rendered yet.
   */
  open(token: string): Promise<PreviewDocument>;
}

export interface PreviewReaderDeps {
  previews: Pick<PreviewStore, 'get' | 'getRender'>;
  clock: Clock;
}

export function createPreviewReader(deps: PreviewReaderDeps): PreviewReader {
  const gone = () =>
    new NotFoundError('This preview link does not exist, has expired or was revoked');
  return {
    async open(token) {
      const link = await deps.previews.get(tokenHashOf(token));
      // The link first: a render still stored for a revoked or expired link shows nothing.
      if (!link || Date.parse(link.expiresAt) <= deps.clock.now().getTime()) throw gone();
      const render = await deps.previews.getRender(link.reviewId);
      if (!render) {
        throw new PreviewNotReadyError('This preview is being prepared; it shows in a moment');
      }
      return { json: render.json, etag: render.etag };
    },
  };
}
