import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll } from 'vitest';
import { startS3rver, type RunningS3rver } from './start-s3rver.js';

export interface S3rverServer {
  client: S3Client;
  /** `http://127.0.0.1:{port}`, for the light S3 client (path-style). */
  endpoint: string;
  /** A new, empty bucket, so tests never see each other's objects. */
  createBucket(): Promise<string>;
}

let running: Promise<{ s3: RunningS3rver; shared: S3rverServer }> | undefined;
let buckets = 0;

/**
 * s3rver (an S3 emulator) in this process on a random loopback port, keeping objects in a temp
 * directory; started on first use and shared by the whole test file. It speaks enough of S3 for
 * the blob store (Put/Get/Head/Delete, ListObjectsV2 with continuation tokens, user metadata) with
 * the current AWS SDK, so the S3 adapter is tested over HTTP rather than against a mock.
 */
export function s3rverServer(): Promise<S3rverServer> {
  running ??= (async () => {
    const s3 = await startS3rver();
    const shared: S3rverServer = {
      client: s3.client,
      endpoint: s3.endpoint,
      async createBucket() {
        const bucket = `test-${process.pid}-${++buckets}`;
        await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
        return bucket;
      },
    };
    return { s3, shared };
  })();
  return running.then((r) => r.shared);
}

afterAll(async () => {
  if (!running) return;
  const { s3 } = await running;
  running = undefined;
  await s3.close();
});
