import { ListObjectsV2Command, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../domain/errors.js';
import { createS3BlobLister } from './s3-blob-lister.js';

// What the contract run on s3rver cannot show (paging, S3's order) and S3's failure answers.
const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const list = createS3BlobLister({ client: new S3Client({ region: 'eu-west-1' }), bucket: 'blobs' });

async function collect(iterable: AsyncIterable<{ key: string; size: number }>) {
  const out: string[] = [];
  for await (const entry of iterable) out.push(entry.key);
  return out;
}

describe('S3 blob lister (the worker’s)', () => {
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
    expect(await collect(list('index/'))).toEqual(['index/a', 'index/b', 'index/c']);
    const calls = s3.commandCalls(ListObjectsV2Command);
    // The SDK's paginator reuses one input object, so only the last request's token is visible.
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.ContinuationToken).toBe('page-2');
  });

  it.each([
    ['SlowDown', 503],
    ['InternalError', 500],
  ])('turns %s (%i) into UnavailableError', async (name, status) => {
    s3.onAnyCommand().rejects(
      new S3ServiceException({ name, $fault: 'server', $metadata: { httpStatusCode: status } }),
    );
    await expect(collect(list(''))).rejects.toBeInstanceOf(UnavailableError);
  });
});
