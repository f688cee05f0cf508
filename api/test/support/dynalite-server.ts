import dynalite from 'dynalite';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import {
  createDynamoDbHttpClient,
  type DynamoDbHttpClient,
} from '../../src/adapters/dynamodb/dynamodb-http-client.js';

export interface DynaliteServer {
  endpoint: string;
  /** One client for every store set of this test file: creating clients per test is slow. */
  client: DynamoDbHttpClient;
}

let running: Promise<{ server: Server; shared: DynaliteServer }> | undefined;

/**
 * dynalite in this process on a random loopback port, started on first use and shared by the
 * whole test file. Tables are created at once (no CREATING delay), so each test can have its own.
 */
export function dynaliteServer(): Promise<DynaliteServer> {
  running ??= (async () => {
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const endpoint = `http://127.0.0.1:${port}`;
    const client = createDynamoDbHttpClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      // Tests fire thousands of requests at once at one dynalite on a shared machine: a request
      // may wait in line for seconds, which here is load, not a hung endpoint.
      timeoutMs: 120_000,
    });
    return { server, shared: { endpoint, client } };
  })();
  return running.then((r) => r.shared);
}

// Runs once the importing test file is done; nothing to do when it never used dynalite.
afterAll(async () => {
  if (!running) return;
  const { server, shared } = await running;
  running = undefined;
  shared.client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
