import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createS3UploadSigner } from './s3-upload-signer.js';

const AT = new Date('2026-12-01T10:20:30.456Z');
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN',
};
const request = {
  key: 'uploads/rev_1/img_0123456789abcdef',
  contentType: 'image/jpeg',
  maxBytes: 20_000_000,
  expiresInSeconds: 900,
};

/** What the SDK's createPresignedPost makes for the same inputs, at the same instant. */
async function sdkPresignedPost(bucket: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(AT);
  try {
    return await createPresignedPost(new S3Client({ region: 'eu-west-1', credentials }), {
      Bucket: bucket,
      Key: request.key,
      Conditions: [
        ['content-length-range', 1, request.maxBytes],
        ['eq', '$Content-Type', request.contentType],
      ],
      Fields: { 'Content-Type': request.contentType },
      Expires: request.expiresInSeconds,
    });
  } finally {
    vi.useRealTimers();
  }
}

describe('S3 presigned POST (the SDK’s signer, without its S3 client)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('makes the same URL, fields, policy and signature as createPresignedPost', async () => {
    delete process.env.AWS_ENDPOINT_URL_S3;
    delete process.env.AWS_ENDPOINT_URL;
    const bucket = 'shutter-pre-content-123456789012-eu-west-1';
    const ours = await createS3UploadSigner({
      bucket,
      region: 'eu-west-1',
      credentials: () => Promise.resolve(credentials),
      now: () => AT,
    }).presign(request);
    const sdk = await sdkPresignedPost(bucket);
    expect(ours.url).toBe(sdk.url);
    expect(ours.fields).toEqual(sdk.fields);
    expect(ours.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    const policy = JSON.parse(Buffer.from(ours.fields.Policy!, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.expiration).toBe('2026-12-01T10:35:30Z');
  });

  it('signs differently for another secret (the signature covers the policy and the key)', async () => {
    const sign = (secretAccessKey: string) =>
      createS3UploadSigner({
        bucket: 'b',
        region: 'eu-west-1',
        credentials: () => Promise.resolve({ ...credentials, secretAccessKey }),
        now: () => AT,
      }).presign(request);
    const [a, b] = await Promise.all([sign('one'), sign('two')]);
    expect(a.fields.Policy).toBe(b.fields.Policy);
    expect(a.fields['X-Amz-Signature']).not.toBe(b.fields['X-Amz-Signature']);
  });

  it('addresses an emulator path-style, and takes credentials and region from the environment', async () => {
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569/',
    });
    delete process.env.AWS_SESSION_TOKEN;
    const { url, fields } = await createS3UploadSigner({ bucket: 'local' }).presign(request);
    expect(url).toBe('http://127.0.0.1:4569/local');
    expect(fields['X-Amz-Credential']).toMatch(/^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(fields).not.toHaveProperty('X-Amz-Security-Token');
  });
});
