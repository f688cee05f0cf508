import { S3Client } from '@aws-sdk/client-s3';
import { createS3UploadSigner } from '../adapters/s3/s3-upload-signer.js';
import type { Config } from '../config.js';
import type { UploadSigner } from '../ports/upload-signer.js';
import { requiredSetting } from './required-setting.js';

/**
 * Presigned S3 POSTs of photo originals into the content bucket (`uploads/…`): the client sends
 * the file to S3 itself, never through the Lambda. Signed with the function's own credentials,
 * so its role needs `s3:PutObject` on `uploads/*` (infra/lib/access-matrix.ts).
 */
export function contentUploads(config: Config): UploadSigner {
  return createS3UploadSigner(
    // Path-style on an emulator, as for the blob store (content-bucket.ts).
    new S3Client(process.env.AWS_ENDPOINT_URL_S3 ? { forcePathStyle: true } : {}),
    requiredSetting(config.contentBucket, 'SHUTTER_CONTENT_BUCKET'),
  );
}
