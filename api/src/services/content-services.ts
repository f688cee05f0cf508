import type { Clock } from '../ports/clock.js';
import { createContentService } from './content-service.js';
import { createCursorCodec, LIST_CURSOR_KEY } from './cursor.js';
import type { ContentServices, Stores } from './service-types.js';

/** The public read model of published reviews. */
export function createContentServices(stores: Stores, clock: Clock): ContentServices {
  return {
    content: createContentService({
      reviews: stores.reviews,
      clock,
      cursors: createCursorCodec(LIST_CURSOR_KEY),
    }),
  };
}
