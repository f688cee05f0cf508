import { S3Client } from '@aws-sdk/client-s3';
import { rmSync } from 'node:fs';
import S3rver from 's3rver';
import { tempDataDir } from './server-process.js';

export interface RunningS3rver {
  /** An SDK client for setting up (buckets); the code under test brings its own. */
  client: S3Client;
  /** `http://127.0.0.1:{port}`, path-style. */
  endpoint: string;
  /** Stops the emulator and removes its objects. */
  close(): Promise<void>;
}

/**
 * s3rver (an S3 emulator) on a random loopback port, keeping its objects in a temporary
 * directory, with a client signed by the key it checks signatures against. The S3 adapter's
 * tests, `npm run bench:scale` and `npm run bench:bundles` all start it this way.
 */
export async function startS3rver(): Promise<RunningS3rver> {
  const directory = tempDataDir('shutter-s3rver-');
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'eu-west-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return {
    client,
    endpoint,
    async close() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
