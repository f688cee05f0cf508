import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

/** One request the fake received. */
export interface FakeAwsRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** Lower-case names. */
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What the fake answers; a JSON-able `json` is sent with `application/x-amz-json-1.1`. */
export interface FakeAwsAnswer {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
}

export interface FakeAwsServer {
  /** `http://127.0.0.1:{port}`, for `AWS_ENDPOINT_URL_*` or an adapter's `endpoint`. */
  endpoint: string;
  requests: FakeAwsRequest[];
  /** Sets how the next requests are answered (by default, `200 {}`); clears `requests`. */
  answer(with_: (request: FakeAwsRequest) => FakeAwsAnswer | Promise<FakeAwsAnswer>): void;
}

/**
 * A node:http server on loopback standing in for an AWS service (SSM, SQS, S3), so that the light
 * clients are tested over HTTP: what they sent (target, body, signature headers) and how they read
 * answers, including error answers. Started on first use, shared by the test file, closed after.
 */
export async function fakeAwsServer(): Promise<FakeAwsServer> {
  shared ??= startFakeAwsServer();
  return shared;
}

/** A fake of its own (not the file's shared one), closed after the test file. */
export async function startFakeAwsServer(): Promise<FakeAwsServer> {
  const started = start();
  running.push(started);
  return (await started).fake;
}

let shared: Promise<FakeAwsServer> | undefined;
const running: Array<Promise<{ server: Server; fake: FakeAwsServer }>> = [];

async function start(): Promise<{ server: Server; fake: FakeAwsServer }> {
  let respond: (request: FakeAwsRequest) => FakeAwsAnswer | Promise<FakeAwsAnswer> = () => ({
    json: {},
  });
  const fake: FakeAwsServer = {
    endpoint: '',
    requests: [],
    answer(with_) {
      respond = with_;
      fake.requests.length = 0;
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: FakeAwsRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      fake.requests.push(request);
      void (async () => {
        const answer = await respond(request);
        const body = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.body ?? '');
        res.writeHead(answer.status ?? 200, {
          ...(answer.json !== undefined ? { 'content-type': 'application/x-amz-json-1.1' } : {}),
          ...answer.headers,
        });
        res.end(request.method === 'HEAD' ? undefined : body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, fake };
}

afterAll(async () => {
  shared = undefined;
  for (const started of running.splice(0)) {
    const { server } = await started;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** The environment a light AWS client signs with in tests: any credentials do. */
export const TEST_AWS_ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
} as const;

/** Whether a request carries a SigV4 signature by the test credentials, for the given service. */
export function signedFor(request: FakeAwsRequest, service: string): boolean {
  const auth = request.headers.authorization ?? '';
  return (
    auth.startsWith(`AWS4-HMAC-SHA256 Credential=${TEST_AWS_ENV.AWS_ACCESS_KEY_ID}/`) &&
    auth.includes(`/${TEST_AWS_ENV.AWS_REGION}/${service}/aws4_request`) &&
    /Signature=[0-9a-f]{64}$/.test(auth) &&
    typeof request.headers['x-amz-date'] === 'string'
  );
}

/** The test credentials as a light client's provider. */
export const testAwsCredentials = () =>
  Promise.resolve({
    accessKeyId: TEST_AWS_ENV.AWS_ACCESS_KEY_ID,
    secretAccessKey: TEST_AWS_ENV.AWS_SECRET_ACCESS_KEY,
  });
