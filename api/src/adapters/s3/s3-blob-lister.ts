import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { assertBlobPrefix } from '../../domain/blob-key.js';
import type { BlobListEntry } from '../../ports/blob-store.js';
import { translateS3Error } from './translate-s3-error.js';

export interface S3BlobListerOptions {
  client: S3Client;
  bucket: string;
  /** Listed keys per request; S3's maximum, 1,000, by default (smaller in tests of paging). */
  pageSize?: number;
}

/**
 * The blob store's `list` on S3, by the AWS SDK (ListObjectsV2 answers XML, which its paginator
 * reads). Only the worker function lists the content bucket (the index clean-up), so only it
 * imports this module and the SDK; the controller functions' light store has no `list`.
 */
export function createS3BlobLister({
  client,
  bucket,
  pageSize = 1000,
}: S3BlobListerOptions): (prefix: string) => AsyncIterable<BlobListEntry> {
  return async function* list(prefix) {
    assertBlobPrefix(prefix);
    const pages = paginateListObjectsV2(
      { client, pageSize },
      { Bucket: bucket, ...(prefix ? { Prefix: prefix } : {}) },
    );
    try {
      for await (const page of pages) {
        for (const object of page.Contents ?? []) {
          if (object.Key !== undefined) yield { key: object.Key, size: object.Size ?? 0 };
        }
      }
    } catch (error) {
      throw translateS3Error(error);
    }
  };
}
