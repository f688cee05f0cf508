import {
  assertBlobKey,
  assertBlobMetadata,
  assertBlobPrefix,
  compareBlobKeys,
} from '../../domain/blob-key.js';
import type { Clock } from '../../ports/clock.js';
import { systemClock } from '../../ports/clock.js';
import type { BlobHead, BlobStore, StoredBlob } from '../../ports/blob-store.js';
import { blobEtag } from '../blob-etag.js';

/** The blob store in process memory, for tests. Objects are copied in and out, as bytes on a wire. */
export function createMemoryBlobStore(clock: Clock = systemClock): BlobStore {
  const objects = new Map<string, StoredBlob>();

  const headOf = ({ bytes: _bytes, ...head }: StoredBlob): BlobHead => ({
    ...head,
    metadata: { ...head.metadata },
    lastModified: new Date(head.lastModified),
  });

  return {
    async put(key, bytes, options) {
      assertBlobKey(key);
      assertBlobMetadata(options.metadata ?? {});
      const etag = blobEtag(bytes);
      // Replacing the map entry in one step is what makes the put atomic here.
      objects.set(key, {
        key,
        bytes: new Uint8Array(bytes),
        size: bytes.byteLength,
        contentType: options.contentType,
        cacheControl: options.cacheControl,
        etag,
        metadata: { ...options.metadata },
        lastModified: clock.now(),
      });
      return { etag };
    },

    async get(key) {
      assertBlobKey(key);
      const object = objects.get(key);
      return object && { ...headOf(object), bytes: new Uint8Array(object.bytes) };
    },

    async head(key) {
      assertBlobKey(key);
      const object = objects.get(key);
      return object && headOf(object);
    },

    async delete(key) {
      assertBlobKey(key);
      objects.delete(key);
    },

    async *list(prefix) {
      assertBlobPrefix(prefix);
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort(compareBlobKeys);
      for (const key of keys) {
        const object = objects.get(key);
        if (object) yield { key, size: object.size };
      }
    },
  };
}
