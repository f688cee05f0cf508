import { S3Client } from '@aws-sdk/client-s3';
import { createS3BlobLister } from '../adapters/s3/s3-blob-lister.js';
import { createS3BlobStore } from '../adapters/s3/s3-blob-store.js';
import type { Config } from '../config.js';
import type { BlobStore } from '../ports/blob-store.js';
import { requiredSetting } from './required-setting.js';

/**
 * The content bucket as the worker uses it: the controllers' light store plus listing (the index
 * clean-up), which reads S3's XML through the AWS SDK. Only the worker imports this module, so
 * only its bundle carries the SDK's S3 client (the worker has no size budget).
 */
export function workerContentBucket(config: Config): BlobStore {
  const bucket = requiredSetting(config.contentBucket, 'SHUTTER_CONTENT_BUCKET');
  return createS3BlobStore({
    bucket,
    list: createS3BlobLister({
      // An emulator on loopback has no bucket subdomains (see content-bucket.ts).
      client: new S3Client(process.env.AWS_ENDPOINT_URL_S3 ? { forcePathStyle: true } : {}),
      bucket,
    }),
  });
}
