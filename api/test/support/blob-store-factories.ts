import { createFsBlobStore } from '../../src/adapters/file/fs-blob-store.js';
import { createMemoryBlobStore } from '../../src/adapters/memory/memory-blob-store.js';
import type { BlobStore } from '../../src/ports/blob-store.js';
import { s3rverServer } from './s3rver-server.js';
import { tempDataDir } from './server-process.js';

export interface BlobStoreFactory {
  name: string;
  /** A new, empty store. */
  create(options?: { pageSize?: number }): Promise<BlobStore>;
  /**
   * Behaviours of the port this run cannot show, each with the reason; the contract skips them
   * here and names where they are proven instead.
   */
  cannotShow?: Partial<Record<'byteOrder' | 'paging' | 'concurrentReplace', string>>;
}

/** Every blob store adapter, for the contract suite (kysely-style: one suite, each adapter). */
export const blobStoreFactories: BlobStoreFactory[] = [
  { name: 'memory', create: async () => createMemoryBlobStore() },
  {
    name: 'filesystem',
    create: async () => createFsBlobStore(tempDataDir('shutter-blobs-')),
  },
  {
    name: 's3 (s3rver)',
    create: async (options = {}) => {
      const { client, endpoint, createBucket } = await s3rverServer();
      // Loaded here so that the other runs never load the AWS SDK.
      const { createS3BlobStore } = await import('../../src/adapters/s3/s3-blob-store.js');
      const { createS3BlobLister } = await import('../../src/adapters/s3/s3-blob-lister.js');
      const bucket = await createBucket();
      // The light store (aws4fetch) as the functions use it, with the SDK's lister as the worker
      // has it; s3rver checks the signatures with its S3RVER key.
      return createS3BlobStore({
        bucket,
        endpoint,
        region: 'us-east-1',
        credentials: () => Promise.resolve({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }),
        list: createS3BlobLister({ client, bucket, ...options }),
      });
    },
    // Where s3rver 3.7 falls short of S3; api/src/adapters/s3/s3-blob-lister.test.ts covers the
    // lister's side of each against aws-sdk-client-mock.
    cannotShow: {
      byteOrder: 's3rver lists in folder-walk order (a/… before a-b), S3 in UTF-8 byte order',
      paging: "s3rver's continuation tokens use DES, which Node's OpenSSL 3 refuses (500)",
      concurrentReplace: 's3rver rewrites objects in place; S3 replaces them atomically',
    },
  },
];
