import type { BlobStore } from '../../ports/blob-store.js';

/** Where the index artifacts live in the blob store, and the pointer to the current one. */
export const INDEX_PREFIX = 'content/index/';
export const INDEX_POINTER_KEY = `${INDEX_PREFIX}current.json`;

/** The small object that names the current index artifact; moved after each rebuild. */
export interface IndexPointer {
  /** The artifact's SHA-256 (hex): its content address. */
  hash: string;
  /** Its key in the blob store. */
  key: string;
  /** How many published reviews it holds. */
  reviews: number;
  builtAt: string;
}

/** The immutable key of an artifact: its content address. */
export function artifactKey(hash: string): string {
  return `${INDEX_PREFIX}${hash}.idx`;
}

/** The current pointer, or `undefined` before the first index was built. */
export async function readIndexPointer(blobs: BlobStore): Promise<IndexPointer | undefined> {
  const blob = await blobs.get(INDEX_POINTER_KEY);
  if (!blob) return undefined;
  return JSON.parse(Buffer.from(blob.bytes).toString('utf8')) as IndexPointer;
}

/** Moves the pointer (one atomic put of a small object). */
export async function writeIndexPointer(blobs: BlobStore, pointer: IndexPointer): Promise<void> {
  await blobs.put(INDEX_POINTER_KEY, Buffer.from(JSON.stringify(pointer)), {
    contentType: 'application/json',
    // Readers poll it: never cache it anywhere.
    cacheControl: 'no-cache',
  });
}
