import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { contentUploads } from './content-uploads.js';

describe('photo uploads on Lambda', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('presigns a POST into the stage’s content bucket whose policy fixes key, type and size', async () => {
    // Signing is local (SigV4 by the SDK): any credentials do, no network.
    Object.assign(process.env, {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    delete process.env.AWS_ENDPOINT_URL_S3;
    const signer = contentUploads(
      loadConfig({
        SHUTTER_STAGE: 'pre',
        SHUTTER_CONTENT_BUCKET: 'shutter-{stage}-content-123456789012-eu-west-1',
      }),
    );
    const { url, fields } = await signer.presign({
      key: 'uploads/rev_1/img_0123456789abcdef',
      contentType: 'image/jpeg',
      maxBytes: 1234,
      expiresInSeconds: 900,
    });
    expect(url).toBe(
      'https://shutter-pre-content-123456789012-eu-west-1.s3.eu-west-1.amazonaws.com/',
    );
    expect(fields).toMatchObject({
      key: 'uploads/rev_1/img_0123456789abcdef',
      'Content-Type': 'image/jpeg',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    });
    const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: 'shutter-pre-content-123456789012-eu-west-1' },
        { key: 'uploads/rev_1/img_0123456789abcdef' },
        ['content-length-range', 1, 1234],
        ['eq', '$Content-Type', 'image/jpeg'],
      ]),
    );
  });

  it('fails loudly, naming the variable, when the stack did not set the bucket', () => {
    expect(() => contentUploads(loadConfig({ SHUTTER_STAGE: 'dev' }))).toThrow(ConfigError);
    expect(() => contentUploads(loadConfig({ SHUTTER_STAGE: 'dev' }))).toThrow(
      /SHUTTER_CONTENT_BUCKET/,
    );
  });
});
