import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { UploadSigner } from '../../ports/upload-signer.js';
import { translateS3Error } from './translate-s3-error.js';

/**
 * S3 presigned POSTs (SigV4 by the AWS SDK, never by hand): the policy fixes the key and the
 * `Content-Type` and bounds the size with `content-length-range`, so S3 itself refuses anything
 * else; it expires after `expiresInSeconds`. The signer's role needs `s3:PutObject` on the key.
 */
export function createS3UploadSigner(client: S3Client, bucket: string): UploadSigner {
  return {
    async presign({ key, contentType, maxBytes, expiresInSeconds }) {
      try {
        const { url, fields } = await createPresignedPost(client, {
          Bucket: bucket,
          Key: key,
          Conditions: [
            ['content-length-range', 1, maxBytes],
            ['eq', '$Content-Type', contentType],
          ],
          Fields: { 'Content-Type': contentType },
          Expires: expiresInSeconds,
        });
        return { url, fields };
      } catch (error) {
        throw translateS3Error(error);
      }
    },
  };
}
