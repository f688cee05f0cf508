import { createS3UploadSigner } from '../adapters/s3/s3-upload-signer.js';
import type { Config } from '../config.js';
import type { UploadSigner } from '../ports/upload-signer.js';
import { requiredSetting } from './required-setting.js';

/**
 * Presigned S3 POSTs of photo originals into the content bucket (`uploads/…`): the client sends
 * the file to S3 itself, never through the Lambda. Signed with the function's own credentials
 * (from the environment), so its role needs `s3:PutObject` on `uploads/*`
 * (infra/lib/access-matrix.ts). Path-style on an emulator, as for the blob store.
 */
export function contentUploads(config: Config): UploadSigner {
  return createS3UploadSigner({
    bucket: requiredSetting(config.contentBucket, 'SHUTTER_CONTENT_BUCKET'),
  });
}
