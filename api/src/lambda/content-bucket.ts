import { S3Client } from '@aws-sdk/client-s3';
import { createS3BlobStore } from '../adapters/s3/s3-blob-store.js';
import type { Config } from '../config.js';
import type { BlobStore } from '../ports/blob-store.js';
import { requiredSetting } from './required-setting.js';

/** The content bucket on S3 (index artifacts and their pointer), for the functions that use it. */
export function contentBucket(config: Config): BlobStore {
  return createS3BlobStore({
    // An endpoint set in the environment (AWS_ENDPOINT_URL_S3, read by the SDK itself) is an
    // emulator on loopback, which has no bucket subdomains: address buckets by path there.
    client: new S3Client(process.env.AWS_ENDPOINT_URL_S3 ? { forcePathStyle: true } : {}),
    bucket: requiredSetting(config.contentBucket, 'SHUTTER_CONTENT_BUCKET'),
  });
}
