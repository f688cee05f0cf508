import type { Clock } from '../ports/clock.js';
import { createContentService } from './content-service.js';
import { createSecretCursorCodec } from './cursor.js';
import { createPreviewReader } from './preview-reader.js';
import type { ContentServices, Stores } from './service-types.js';

/**
 * The public read model of published reviews. Its list cursors are sealed with a key derived
 * from the deployment's JWT secret, loaded before each list (the provider caches it).
 */
/** The stores the public content API uses. */
export type ContentStores = Pick<Stores, 'publicContent' | 'previews' | 'blobs' | 'secrets'>;

export function createContentServices(stores: ContentStores, clock: Clock): ContentServices {
  const cursors = createSecretCursorCodec(stores.secrets);
  const content = createContentService({
    publicContent: stores.publicContent,
    blobs: stores.blobs,
    clock,
    cursors,
  });
  return {
    previews: createPreviewReader({ ...stores, clock }),
    content: {
      ...content,
      async list(query) {
        await cursors.ready();
        return content.list(query);
      },
      // Pages through the index with cursors, which need the key too.
      async catalogue() {
        await cursors.ready();
        return content.catalogue();
      },
    },
  };
}
