import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpAnswer, HttpTransportError, sendHttp } from './http-transport.js';

// The transport against real servers on loopback: what goes out on the wire, what comes back.

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** The server-side socket: the same one for requests on one kept-alive connection. */
  socket: Socket;
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as AddressInfo).port;
}

/** An HTTP server that records each request and answers it with `answer`. */
async function server(answer: (request: Received, res: ServerResponse) => void) {
  const received: Received[] = [];
  const port = await listen(
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = {
          method: req.method!,
          url: req.url!,
          headers: req.headers,
          body: Buffer.concat(chunks),
          socket: req.socket,
        };
        received.push(request);
        answer(request, res);
      });
    }),
  );
  return { received, url: `http://127.0.0.1:${port}` };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected the request to fail'),
    (error: unknown) => error as HttpTransportError,
  );

/** Every byte value, so that no text decoding on either side could pass unnoticed. */
const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('http transport', () => {
  it('sends the method, path, headers and body bytes, with their length', async () => {
    const { received, url } = await server((_, res) => res.end());
    await sendHttp({
      method: 'PUT',
      url: `${url}/bucket/a%20b.bin?x=1`,
      headers: new Headers({ 'Content-Type': 'application/octet-stream', 'X-Amz-Date': 'd' }),
      body: allBytes,
    });
    const [request] = received;
    expect(request!.method).toBe('PUT');
    expect(request!.url).toBe('/bucket/a%20b.bin?x=1');
    expect(request!.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'x-amz-date': 'd',
      'content-length': '256',
      host: url.slice('http://'.length),
    });
    expect(request!.headers['transfer-encoding']).toBeUndefined();
    expect(new Uint8Array(request!.body)).toEqual(allBytes);
  });

  it('sends a string body as UTF-8, and declares no length for a GET without one', async () => {
    const { received, url } = await server((_, res) => res.end());
    await sendHttp({ method: 'POST', url, headers: {}, body: '{"é":1}' });
    await sendHttp({ method: 'GET', url, headers: {} });
    expect(received[0]!.body.toString('utf8')).toBe('{"é":1}');
    expect(received[0]!.headers['content-length']).toBe('8');
    expect(received[1]!.headers['content-length']).toBeUndefined();
    expect(received[1]!.headers['transfer-encoding']).toBeUndefined();
  });

  it('answers the status, the headers and the body bytes, whatever the status', async () => {
    const { url } = await server((_, res) => {
      res.writeHead(503, { 'x-amz-meta-a': '1', ETag: '"e"' }).end(Buffer.from(allBytes));
    });
    const answer = await sendHttp({ method: 'GET', url, headers: {} });
    expect(answer).toBeInstanceOf(HttpAnswer);
    expect([answer.status, answer.ok]).toEqual([503, false]);
    expect(answer.headers.get('etag')).toBe('"e"');
    expect(answer.headers.get('x-amz-meta-a')).toBe('1');
    expect(answer.body).toEqual(allBytes);
    // Its own memory, not a view into Node's shared pool of small buffers.
    expect(answer.body.buffer.byteLength).toBe(256);
  });

  it('reads a body that arrives in pieces, and a HEAD answer that declares a length it omits', async () => {
    const { url } = await server((request, res) => {
      res.writeHead(200, { 'content-length': '6' });
      if (request.method === 'HEAD') return res.end();
      res.write('abc');
      setTimeout(() => res.end('def'), 20);
    });
    const got = await sendHttp({ method: 'GET', url, headers: {} });
    expect([got.ok, got.text()]).toEqual([true, 'abcdef']);
    const head = await sendHttp({ method: 'HEAD', url, headers: {} });
    expect([head.status, head.headers.get('content-length'), head.body.byteLength]).toEqual([
      200,
      '6',
      0,
    ]);
  });

  it('reuses one kept-alive connection for consecutive requests', async () => {
    const { received, url } = await server((_, res) => res.end('ok'));
    for (let i = 0; i < 3; i++) await sendHttp({ method: 'POST', url, headers: {}, body: 'x' });
    expect(received).toHaveLength(3);
    expect(received[0]!.headers.connection).toBe('keep-alive');
    expect(new Set(received.map((r) => r.socket)).size).toBe(1);
  });

  it('fails with TimeoutError when the signal aborts before an answer, or mid-answer', async () => {
    const { url } = await server((request, res) => {
      if (request.url === '/partial') res.writeHead(200, { 'content-length': '10' }).write('abc');
      // Otherwise no answer at all.
    });
    for (const path of ['/hang', '/partial']) {
      const error = await failure(
        sendHttp({ method: 'GET', url: url + path, headers: {}, signal: AbortSignal.timeout(50) }),
      );
      expect(error).toBeInstanceOf(HttpTransportError);
      expect([error.name, error.timedOut]).toEqual(['TimeoutError', true]);
    }
  });

  it('fails at once, sending nothing, with a signal already aborted', async () => {
    const { received, url } = await server((_, res) => res.end());
    const controller = new AbortController();
    controller.abort();
    const error = await failure(
      sendHttp({ method: 'POST', url, headers: {}, body: 'x', signal: controller.signal }),
    );
    expect(error.name).toBe('TimeoutError');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toHaveLength(0);
  });

  it('fails with NetworkingError for a refused connection', async () => {
    // A port that was just free: listen, note it, close.
    const probe = createTcpServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const error = await failure(
      sendHttp({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} }),
    );
    expect(error).toBeInstanceOf(HttpTransportError);
    expect([error.name, error.timedOut]).toEqual(['NetworkingError', false]);
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('fails with NetworkingError when the connection drops mid-answer', async () => {
    const { url } = await server((_, res) => {
      res.writeHead(200, { 'content-length': '10' }).write('abc', () => res.socket?.destroy());
    });
    const error = await failure(sendHttp({ method: 'GET', url, headers: {} }));
    expect([error.name, error.timedOut]).toEqual(['NetworkingError', false]);
  });

  it('speaks TLS to an https URL and plain HTTP to an http one', async () => {
    // A bare TCP server shows the first bytes each sends: a TLS handshake record (0x16) for
    // https, a request line for http. The handshake then fails: no certificate here.
    const firstBytes: Buffer[] = [];
    const tcp = createTcpServer((socket) =>
      socket.once('data', (chunk: Buffer) => {
        firstBytes.push(chunk);
        socket.destroy();
      }),
    );
    const port = await listen(tcp);
    const https = await failure(
      sendHttp({ method: 'GET', url: `https://127.0.0.1:${port}/`, headers: {} }),
    );
    const http = await failure(
      sendHttp({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} }),
    );
    expect([https.name, http.name]).toEqual(['NetworkingError', 'NetworkingError']);
    expect(firstBytes[0]![0]).toBe(0x16);
    expect(firstBytes[1]!.toString('latin1')).toMatch(/^GET \/ HTTP\/1\.1\r\n/);
  });

  it('refuses a URL that is not http or https', async () => {
    await expect(
      sendHttp({ method: 'GET', url: 'ftp://example.com/', headers: {} }),
    ).rejects.toThrow(TypeError);
  });
});
