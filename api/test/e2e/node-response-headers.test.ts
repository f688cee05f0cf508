import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUsers } from '../support/fixed-token-resolver.js';
import { reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * On node's server the app-wide headers (request id, security, CORS, `Vary`, the public cache
 * headers) go on node's response rather than through Hono (http/middleware/node-message.ts).
 * Whatever the path, a client must see what `app.request()` answers: the same status, body and
 * headers, `Vary` tokens in the same order, and a handler's own header winning over an app-wide
 * one of the same name (/docs' Content-Security-Policy).
 */
let t: TestApp;
let server: ServerType;
let base: string;
let slug: string;

const READER = 'https://reader.example';
const CONSOLE = 'https://console.example';

beforeAll(async () => {
  t = await createTestApp({
    corsOrigins: [READER],
    consoleOrigins: [CONSOLE],
    services: (s) => ({ ...s, currentUser: testUsers }),
  });
  slug = (await reviewRequests(t).publish('editorA')).slug;
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** The headers that differ by transport alone (framing, connection, date). */
const TRANSPORT = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!TRANSPORT.has(name)) out[name] = value;
  });
  return out;
}

async function both(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const headers = { 'x-request-id': 'parity-1', ...init.headers };
  const inProcess = await t.app.request(path, { ...init, headers });
  const overNode = await fetch(base + path, { ...init, headers });
  const nodeHeaders = headersOf(overNode);
  // @hono/node-server gives a response without a Content-Type its own default (a 204, a 304):
  // the adapter's doing, before and after the app-wide headers moved to node's response.
  if (!inProcess.headers.has('content-type')) {
    expect(nodeHeaders['content-type']).toBe('text/plain; charset=UTF-8');
    delete nodeHeaders['content-type'];
  }
  return {
    inProcess: {
      status: inProcess.status,
      headers: headersOf(inProcess),
      body: await inProcess.text(),
    },
    overNode: { status: overNode.status, headers: nodeHeaders, body: await overNode.text() },
  };
}

describe('node server and app.request() answer alike', () => {
  it('a public detail, with CORS for an allowed origin', async () => {
    const { inProcess, overNode } = await both(`/content/${slug}`, {
      headers: { origin: READER },
    });
    expect(overNode).toEqual(inProcess);
    expect(overNode.status).toBe(200);
    expect(overNode.headers).toMatchObject({
      'access-control-allow-origin': READER,
      vary: 'Origin, Accept-Encoding',
      'x-content-type-options': 'nosniff',
      'x-request-id': 'parity-1',
      'content-type': 'application/json',
    });
    expect(overNode.headers.etag).toBeDefined();
    expect(overNode.headers['cache-tag']).toBe(`review:${slug}`);
  });

  it('its 304 revalidation, and a list page', async () => {
    const etag = (await t.app.request(`/content/${slug}`)).headers.get('etag')!;
    const revalidated = await both(`/content/${slug}`, { headers: { 'if-none-match': etag } });
    expect(revalidated.overNode).toEqual(revalidated.inProcess);
    expect(revalidated.overNode.status).toBe(304);
    const list = await both('/content?limit=5');
    expect(list.overNode).toEqual(list.inProcess);
  });

  it('problems: an unknown route, a bad query, a route that needs a user', async () => {
    for (const path of ['/nowhere', '/content?limit=0x10', '/me']) {
      const { inProcess, overNode } = await both(path, { headers: { origin: CONSOLE } });
      expect(overNode, path).toEqual(inProcess);
      expect(overNode.status, path).toBeGreaterThanOrEqual(400);
    }
  });

  it('a preflight, and /docs with its own Content-Security-Policy', async () => {
    const preflight = await both('/content', {
      method: 'OPTIONS',
      headers: { origin: READER, 'access-control-request-method': 'GET' },
    });
    expect(preflight.overNode).toEqual(preflight.inProcess);
    expect(preflight.overNode.headers.vary).toBe('Origin, Access-Control-Request-Headers');
    const docs = await both('/docs');
    expect(docs.overNode).toEqual(docs.inProcess);
    expect(docs.overNode.headers['content-security-policy']).toContain("script-src 'self'");
  });
});
