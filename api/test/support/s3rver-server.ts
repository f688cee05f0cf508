import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll } from 'vitest';

export interface S3rverServer {
  client: S3Client;
  /** `http://127.0.0.1:{port}`, for the light S3 client (path-style). */
  endpoint: string;
  /** A new, empty bucket, so tests never see each other's objects. */
  createBucket(): Promise<string>;
}

let running: Promise<{ server: S3rver; directory: string; shared: S3rverServer }> | undefined;
let buckets = 0;

/**
 * s3rver (an S3 emulator) in this process on a random loopback port, keeping objects in a temp
 * directory; started on first use and shared by the whole test file. It speaks enough of S3 for
 * the blob store (Put/Get/Head/Delete, ListObjectsV2 with continuation tokens, user metadata) with
 * the current AWS SDK, so the S3 adapter is tested over HTTP rather than against a mock.
 */
export function s3rverServer(): Promise<S3rverServer> {
  running ??= (async () => {
    const directory = mkdtempSync(join(tmpdir(), 'shutter-s3rver-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    const client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const shared: S3rverServer = {
      client,
      endpoint,
      async createBucket() {
        const bucket = `test-${process.pid}-${++buckets}`;
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
        return bucket;
      },
    };
    return { server, directory, shared };
  })();
  return running.then((r) => r.shared);
}

afterAll(async () => {
  if (!running) return;
  const { server, directory, shared } = await running;
  running = undefined;
  shared.client.destroy();
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});
