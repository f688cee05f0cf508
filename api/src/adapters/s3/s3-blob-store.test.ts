import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../domain/errors.js';
import {
  fakeAwsServer,
  signedFor,
  testAwsCredentials,
  TEST_AWS_ENV,
  type FakeAwsAnswer,
} from '../../../test/support/fake-aws-server.js';
import { createS3BlobStore } from './s3-blob-store.js';

// The light store's requests and its reading of S3's answers, against a fake S3 on loopback; the
// contract suite (api/test/contract/blob-store.contract.test.ts) runs it on s3rver.
async function store() {
  const s3 = await fakeAwsServer();
  s3.answer(() => ({ status: 200 }));
  const blobs = createS3BlobStore({
    bucket: 'blobs',
    endpoint: s3.endpoint,
    region: TEST_AWS_ENV.AWS_REGION,
    credentials: testAwsCredentials,
  });
  return { s3, blobs };
}

/** An S3 error document, as S3 answers (a HEAD answer has the status only). */
const s3Error = (code: string, status: number): FakeAwsAnswer => ({
  status,
  headers: { 'content-type': 'application/xml' },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${code} message</Message><RequestId>R</RequestId></Error>`,
});

async function collect(iterable: AsyncIterable<{ key: string; size: number }>) {
  const out: string[] = [];
  for await (const entry of iterable) out.push(entry.key);
  return out;
}

describe('S3 blob store (aws4fetch)', () => {
  it('puts path-style with the content type, cache control and metadata, signed', async () => {
    const { s3, blobs } = await store();
    s3.answer(() => ({ headers: { etag: '"abc"' } }));
    const bytes = new TextEncoder().encode('{"a":1}');
    expect(
      await blobs.put('index/a b(1).json', bytes, {
        contentType: 'application/json',
        cacheControl: 'max-age=60',
        metadata: { version: '2' },
      }),
    ).toEqual({ etag: '"abc"' });
    const [request] = s3.requests;
    expect(request!.method).toBe('PUT');
    expect(request!.url).toBe('/blobs/index/a%20b%281%29.json');
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'cache-control': 'max-age=60',
      'x-amz-meta-version': '2',
      'content-length': String(bytes.byteLength),
    });
    expect(signedFor(request!, 's3')).toBe(true);
    expect(request!.body.toString()).toBe('{"a":1}');
  });

  it('reads an object’s bytes and its head from the headers', async () => {
    const { s3, blobs } = await store();
    const lastModified = 'Wed, 21 Oct 2026 07:28:00 GMT';
    s3.answer(() => ({
      headers: {
        'content-type': 'application/json',
        'cache-control': 'public, max-age=31536000, immutable',
        etag: '"e1"',
        'last-modified': lastModified,
        'x-amz-meta-version': '3',
      },
      body: '{"b":2}',
    }));
    const got = await blobs.get('a.json');
    expect(got).toMatchObject({
      key: 'a.json',
      size: 7,
      contentType: 'application/json',
      cacheControl: 'public, max-age=31536000, immutable',
      etag: '"e1"',
      metadata: { version: '3' },
      lastModified: new Date(lastModified),
    });
    expect(new TextDecoder().decode(got!.bytes)).toBe('{"b":2}');
    const head = await blobs.head('a.json');
    expect(head).toMatchObject({ etag: '"e1"', metadata: { version: '3' } });
    expect(s3.requests.map((r) => r.method)).toEqual(['GET', 'HEAD']);
  });

  it('reads NoSuchKey and a bodiless 404 as missing; deletes a missing key without error', async () => {
    const { s3, blobs } = await store();
    s3.answer((request) =>
      request.method === 'HEAD' ? { status: 404 } : s3Error('NoSuchKey', 404),
    );
    expect(await blobs.get('x')).toBeUndefined();
    expect(await blobs.head('x')).toBeUndefined();
    await expect(blobs.delete('x')).resolves.toBeUndefined();
    expect(s3.requests.map((r) => r.method)).toEqual(['GET', 'HEAD', 'DELETE']);
  });

  it('does not take a missing bucket for a missing object', async () => {
    const { s3, blobs } = await store();
    s3.answer(() => s3Error('NoSuchBucket', 404));
    await expect(blobs.get('x')).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it.each([
    ['SlowDown', 503],
    ['ServiceUnavailable', 503],
    ['InternalError', 500],
    ['SomethingNew', 502],
  ])('turns %s (%i) into UnavailableError on every operation', async (name, status) => {
    const { s3, blobs } = await store();
    s3.answer(() => s3Error(name, status));
    await expect(
      blobs.put('k', new Uint8Array(), { contentType: 'text/plain' }),
    ).rejects.toBeInstanceOf(UnavailableError);
    await expect(blobs.get('k')).rejects.toBeInstanceOf(UnavailableError);
    await expect(blobs.head('k')).rejects.toBeInstanceOf(UnavailableError);
    await expect(blobs.delete('k')).rejects.toBeInstanceOf(UnavailableError);
  });

  it('lets a configuration error such as AccessDenied through, for a 500 and a log', async () => {
    const { s3, blobs } = await store();
    s3.answer(() => s3Error('AccessDenied', 403));
    await expect(blobs.get('k')).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'AccessDenied message',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses to list without the worker’s lister', async () => {
    const { blobs } = await store();
    await expect(collect(blobs.list('index/'))).rejects.toThrow(/only the worker/);
  });
});
