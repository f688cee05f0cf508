import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import type { UploadSigner } from '../../ports/upload-signer.js';
import {
  environmentCredentials,
  environmentEndpoint,
  environmentRegion,
  type AwsCredentialsProvider,
} from '../aws/aws-credentials.js';
import { translateS3Error } from './translate-s3-error.js';

export interface S3UploadSignerOptions {
  bucket: string;
  region?: string;
  credentials?: AwsCredentialsProvider;
  /** An emulator's endpoint, path-style; `AWS_ENDPOINT_URL_S3` by default (see the blob store). */
  endpoint?: string;
  /** The signing time; the system clock by default. */
  now?: () => Date;
}

/**
 * SHA-256 and HMAC-SHA256 from node:crypto in the shape the SDK's signer takes (the SDK's own
 * `@smithy/hash-node` is this, one more package).
 */
class NodeSha256 implements Checksum {
  private hash;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }
  private create() {
    return this.secret === undefined
      ? createHash('sha256')
      : createHmac('sha256', toBytes(this.secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.create();
  }
}

function toBytes(data: SourceData): Uint8Array | string {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** ISO 8601 in whole seconds, as SigV4 and POST policies write it. */
const iso8601 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * S3 presigned POSTs, built as the SDK's `createPresignedPost` builds them (same fields, same
 * policy conditions, mirrored from @aws-sdk/s3-presigned-post 3.1164) and signed by the SDK's own
 * SigV4 signer (`@smithy/signature-v4`, `sign(policy)`), never by hand; without the SDK's S3
 * client, whose weight (about 250 KB) was all this needed it for. The policy fixes the key and the
 * `Content-Type` and bounds the size with `content-length-range`, so S3 itself refuses anything
 * else; it expires after `expiresInSeconds`. The signer's role needs `s3:PutObject` on the key.
 */
export function createS3UploadSigner(options: S3UploadSignerOptions): UploadSigner {
  const { bucket, now = () => new Date() } = options;
  return {
    async presign({ key, contentType, maxBytes, expiresInSeconds }) {
      try {
        const region = options.region ?? environmentRegion();
        const credentials = await (options.credentials ?? environmentCredentials())();
        const endpoint = options.endpoint?.replace(/\/+$/, '') ?? environmentEndpoint('s3');
        const signingDate = now();
        const amzDate = iso8601(signingDate).replace(/[-:]/g, '');
        const fields: Record<string, string> = {
          'Content-Type': contentType,
          bucket,
          'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
          'X-Amz-Credential': `${credentials.accessKeyId}/${amzDate.slice(0, 8)}/${region}/s3/aws4_request`,
          'X-Amz-Date': amzDate,
          ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
        };
        // The conditions in the SDK's order: the caller's, one per field, then the key.
        const conditions = [
          ['content-length-range', 1, maxBytes],
          ['eq', '$Content-Type', contentType],
          ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
          { key },
        ];
        const policy = Buffer.from(
          JSON.stringify({
            expiration: iso8601(new Date(signingDate.getTime() + expiresInSeconds * 1000)),
            conditions,
          }),
        ).toString('base64');
        const signer = new SignatureV4({ credentials, region, service: 's3', sha256: NodeSha256 });
        const signature = await signer.sign(policy, { signingDate, signingService: 's3' });
        return {
          url: endpoint ? `${endpoint}/${bucket}` : `https://${bucket}.s3.${region}.amazonaws.com/`,
          fields: { ...fields, key, Policy: policy, 'X-Amz-Signature': signature },
        };
      } catch (error) {
        throw translateS3Error(error);
      }
    },
  };
}
