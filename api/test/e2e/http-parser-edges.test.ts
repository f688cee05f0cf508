import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/local/server.js';
import { createServices } from '../../src/services/create-services.js';
import { createTestClock } from '../support/clock.js';
import { createCapturingLogger } from '../support/silent-logger.js';

/**
 * What reaches node's HTTP parser but never a handler (issue 11): oversized headers, broken
 * framing, bad chunk sizes, unknown methods, and a second Host. Raw sockets, since `fetch` would
 * refuse to send most of these.
 */
const logger = createCapturingLogger();
let server: RunningServer;
let port: number;

beforeAll(async () => {
  const stores = createMemoryStores();
  const services = createServices(stores, createTestClock());
  server = await startServer(
    loadConfig({ PORT: '0', SHUTTER_TRUST_PROXY: '1', SHUTTER_DEMO: '0' }),
    services,
    logger,
  );
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close());
beforeEach(() => {
  logger.lines.length = 0;
});

/** Sends raw bytes and resolves with everything the server wrote before closing (or 2 s). */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, 2000);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? resolve(received) : reject(error),
    );
    socket.write(bytes, 'latin1');
  });
}

interface Parsed {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parse(response: string): Parsed {
  const [head = '', ...rest] = response.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

async function expectParserProblem(bytes: string, status: number, slug: string) {
  const res = parse(await raw(bytes));
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('application/problem+json');
  expect(res.headers.connection).toBe('close');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(JSON.parse(res.body)).toMatchObject({
    type: `https://shutter.dev/problems/${slug}`,
    status,
  });
  return res;
}

/** The log lines about the parser, each checked to be one warn line with no stack. */
function parserLogLines() {
  const lines = logger.lines.filter((l) => l.msg === 'request refused by the HTTP parser');
  for (const line of lines) {
    expect(line.level).toBe('warn');
    expect(JSON.stringify(line)).not.toMatch(/stack|\n {4}at /);
  }
  return lines;
}

describe('requests node refuses before any handler', () => {
  it('answers oversized headers with a 431 problem', async () => {
    await expectParserProblem(
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'header-fields-too-large',
    );
    expect(parserLogLines()).toEqual([
      expect.objectContaining({ code: 'HPE_HEADER_OVERFLOW', status: 431 }),
    ]);
  });

  it('answers a bad method, a broken request line and bad framing with a 400 problem', async () => {
    for (const bytes of [
      'FOO BAR /health HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /health HTTP/9.9\r\nHost: x\r\n\r\n',
      'GET /health HTTP/1.1\r\nHost x\r\n\r\n',
      'POST /visits/default HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
      'POST /visits/default HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ]) {
      await expectParserProblem(bytes, 400, 'bad-request');
    }
    const lines = parserLogLines();
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatchObject({ code: expect.stringMatching(/^HPE_/) });
  });

  it('answers a bad chunk size with a 400 problem and logs no error', async () => {
    await expectParserProblem(
      'POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      400,
      'bad-request',
    );
    // The request may have reached the app before the bad chunk did; it must not log an error.
    await new Promise((done) => setTimeout(done, 100));
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(parserLogLines()).toEqual([
      expect.objectContaining({ code: 'HPE_INVALID_CHUNK_SIZE', status: 400 }),
    ]);
  });

  it('refuses a request with two Host headers', async () => {
    const res = await expectParserProblem(
      'GET /health HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nConnection: close\r\n\r\n',
      400,
      'bad-request',
    );
    expect(JSON.parse(res.body)).toMatchObject({
      detail: 'The request has more than one Host header; send exactly one',
      requestId: expect.any(String),
    });
    const one = parse(
      await raw('GET /health HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n'),
    );
    expect(one.status).toBe(200);
  });
});

describe('behind a trusted proxy', () => {
  it('adds HSTS when the proxy says the request came over TLS, and only then', async () => {
    const tls = parse(
      await raw(
        'GET /health HTTP/1.1\r\nHost: x\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n',
      ),
    );
    expect(tls.status).toBe(200);
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000');
    const plain = parse(
      await raw(
        'GET /health HTTP/1.1\r\nHost: x\r\nX-Forwarded-Proto: http\r\nConnection: close\r\n\r\n',
      ),
    );
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});
