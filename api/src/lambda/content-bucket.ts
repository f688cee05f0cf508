import { createS3BlobStore } from '../adapters/s3/s3-blob-store.js';
import type { Config } from '../config.js';
import type { BlobStore } from '../ports/blob-store.js';
import { requiredSetting } from './required-setting.js';

/**
 * The content bucket on S3 (index artifacts and their pointer, photos), for the controller
 * functions: the light store (aws4fetch), with the function's region and credentials from the
 * environment. An endpoint set there (`AWS_ENDPOINT_URL_S3`) is an emulator on loopback, which has
 * no bucket subdomains: the store addresses buckets by path there. It cannot list; the worker's
 * store can (`worker-content-bucket.ts`).
 */
export function contentBucket(config: Config): BlobStore {
  return createS3BlobStore({
    bucket: requiredSetting(config.contentBucket, 'SHUTTER_CONTENT_BUCKET'),
  });
}
