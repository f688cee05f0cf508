import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { assertBlobKey, assertBlobMetadata, assertBlobPrefix } from '../../domain/blob-key.js';
import type { BlobHead, BlobStore } from '../../ports/blob-store.js';
import { isS3NotFound, translateS3Error } from './translate-s3-error.js';

export interface S3BlobStoreOptions {
  client: S3Client;
  bucket: string;
  /** Listed keys per request; S3's maximum, 1,000, by default (smaller in tests of paging). */
  pageSize?: number;
}

interface S3Head {
  ContentLength?: number;
  ContentType?: string;
  CacheControl?: string;
  ETag?: string;
  Metadata?: Record<string, string>;
  LastModified?: Date;
}

/**
 * The blob store on AWS: one S3 object per blob. A PutObject is atomic and strongly consistent
 * on S3, which is all the port asks. Throttling and server errors become `UnavailableError`;
 * a missing key is `undefined`.
 */
export function createS3BlobStore({
  client,
  bucket,
  pageSize = 1000,
}: S3BlobStoreOptions): BlobStore {
  const headOf = (key: string, output: S3Head): BlobHead => ({
    key,
    size: output.ContentLength ?? 0,
    contentType: output.ContentType ?? 'application/octet-stream',
    cacheControl: output.CacheControl,
    etag: output.ETag ?? '',
    metadata: { ...output.Metadata },
    lastModified: output.LastModified ?? new Date(0),
  });

  return {
    async put(key, bytes, options) {
      assertBlobKey(key);
      assertBlobMetadata(options.metadata ?? {});
      try {
        const output = await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: bytes,
            ContentLength: bytes.byteLength,
            ContentType: options.contentType,
            CacheControl: options.cacheControl,
            Metadata: options.metadata ? { ...options.metadata } : undefined,
          }),
        );
        return { etag: output.ETag ?? '' };
      } catch (error) {
        throw translateS3Error(error);
      }
    },

    async get(key) {
      assertBlobKey(key);
      try {
        const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const bytes = output.Body ? await output.Body.transformToByteArray() : new Uint8Array();
        return { ...headOf(key, output), size: bytes.byteLength, bytes };
      } catch (error) {
        if (isS3NotFound(error)) return undefined;
        throw translateS3Error(error);
      }
    },

    async head(key) {
      assertBlobKey(key);
      try {
        return headOf(key, await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })));
      } catch (error) {
        if (isS3NotFound(error)) return undefined;
        throw translateS3Error(error);
      }
    },

    async delete(key) {
      assertBlobKey(key);
      try {
        // S3 answers 204 for a missing key too.
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (error) {
        if (!isS3NotFound(error)) throw translateS3Error(error);
      }
    },

    async *list(prefix) {
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
    },
  };
}
