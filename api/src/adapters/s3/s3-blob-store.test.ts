import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../domain/errors.js';
import { createS3BlobStore } from './s3-blob-store.js';

// What the contract run on s3rver cannot show (paging, S3's order) and S3's failure answers.
const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const store = () =>
  createS3BlobStore({ client: new S3Client({ region: 'eu-west-1' }), bucket: 'blobs' });

const s3Error = (name: string, status: number) =>
  new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

async function collect(iterable: AsyncIterable<{ key: string; size: number }>) {
  const out: string[] = [];
  for await (const entry of iterable) out.push(entry.key);
  return out;
}

describe('S3 blob store', () => {
  it('follows continuation tokens and keeps S3 order', async () => {
    s3.on(ListObjectsV2Command, { Bucket: 'blobs', Prefix: 'index/' })
      .resolvesOnce({
        Contents: [
          { Key: 'index/a', Size: 1 },
          { Key: 'index/b', Size: 2 },
        ],
        IsTruncated: true,
        NextContinuationToken: 'page-2',
      })
      .resolvesOnce({ Contents: [{ Key: 'index/c', Size: 3 }], IsTruncated: false });
    expect(await collect(store().list('index/'))).toEqual(['index/a', 'index/b', 'index/c']);
    const calls = s3.commandCalls(ListObjectsV2Command);
    // The SDK's paginator reuses one input object, so only the last request's token is visible.
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.ContinuationToken).toBe('page-2');
  });

  it('sends the content type, cache control and metadata with the put', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"abc"' });
    const bytes = new TextEncoder().encode('{}');
    expect(
      await store().put('a.json', bytes, {
        contentType: 'application/json',
        cacheControl: 'max-age=60',
        metadata: { version: '2' },
      }),
    ).toEqual({ etag: '"abc"' });
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({
      Bucket: 'blobs',
      Key: 'a.json',
      Body: bytes,
      ContentType: 'application/json',
      CacheControl: 'max-age=60',
      Metadata: { version: '2' },
    });
  });

  it('reads NoSuchKey and NotFound as missing', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 404));
    s3.on(HeadObjectCommand).rejects(s3Error('NotFound', 404));
    s3.on(DeleteObjectCommand).rejects(s3Error('NoSuchKey', 404));
    expect(await store().get('x')).toBeUndefined();
    expect(await store().head('x')).toBeUndefined();
    await expect(store().delete('x')).resolves.toBeUndefined();
  });

  it.each([
    ['SlowDown', 503],
    ['ServiceUnavailable', 503],
    ['InternalError', 500],
    ['SomethingNew', 502],
  ])('turns %s (%i) into UnavailableError on every operation', async (name, status) => {
    s3.onAnyCommand().rejects(s3Error(name, status));
    const blobs = store();
    await expect(
      blobs.put('k', new Uint8Array(), { contentType: 'text/plain' }),
    ).rejects.toBeInstanceOf(UnavailableError);
    await expect(blobs.get('k')).rejects.toBeInstanceOf(UnavailableError);
    await expect(blobs.head('k')).rejects.toBeInstanceOf(UnavailableError);
    await expect(blobs.delete('k')).rejects.toBeInstanceOf(UnavailableError);
    await expect(collect(blobs.list(''))).rejects.toBeInstanceOf(UnavailableError);
  });

  it('lets a configuration error such as AccessDenied through, for a 500 and a log', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('AccessDenied', 403));
    await expect(store().get('k')).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
