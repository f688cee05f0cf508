import { getRequestListener } from '@hono/node-server';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accessLineWriterOf } from '../../src/http/middleware/request-context.js';
import { createEdgeCache, type EdgeCache } from '../../src/local/edge-cache.js';
import { testUsers } from '../support/fixed-token-resolver.js';
import { reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The local server's edge cache (local/edge-cache.ts) in front of the real app on node's server:
 * what it answers must be what the app answers, and it must let go of an answer as soon as the
 * content changes in this process.
 */
let t: TestApp;
let server: Server;
let base: string;
let edge: EdgeCache;
let appCalls: string[];
let clock: number;
let slug: string;
let reviewId: string;

const READER = 'https://reader.example';

beforeAll(async () => {
  t = await createTestApp({
    corsOrigins: [READER],
    services: (s) => ({ ...s, currentUser: testUsers }),
  });
  const published = await reviewRequests(t).publish('editorA');
  slug = published.slug;
  reviewId = published.id;
  clock = 0;
  edge = createEdgeCache({
    ttlMs: 1_000,
    generation: t.services.content.generation,
    accessLine: accessLineWriterOf(t.logger),
    maxEntries: 3,
    now: () => clock,
  });
  const app = getRequestListener(t.app.fetch);
  server = createServer(
    edge.wrap((req, res) => {
      appCalls.push(`${req.method} ${req.url}`);
      void app(req, res);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});
beforeEach(() => {
  appCalls = [];
  // Past every answer kept by an earlier test.
  clock += 10_000;
});

/** Status, headers (without the date) and body of an answer over node. */
async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers });
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'date') out[name] = value;
  });
  return { status: res.status, headers: out, body: await res.text() };
}

const accessLines = () => t.logger.lines.filter((line) => line.msg === 'request');

describe('the edge cache', () => {
  it('answers a repeated read itself, as the app did, with its own request id and access line', async () => {
    const first = await get(`/content/${slug}`, { 'x-request-id': 'edge-1' });
    const linesBefore = accessLines().length;
    const second = await get(`/content/${slug}`, { 'x-request-id': 'edge-1' });
    expect(appCalls).toEqual([`GET /content/${slug}`]);
    expect(second).toEqual(first);
    expect(second.status).toBe(200);
    expect(accessLines().slice(linesBefore)).toEqual([
      expect.objectContaining({
        requestId: 'edge-1',
        method: 'GET',
        path: `/content/${slug}`,
        status: 200,
      }),
    ]);
    const third = await get(`/content/${slug}`);
    expect(third.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(third.body).toBe(first.body);
  });

  it('answers If-None-Match with the 304 the app gives, kept from a 200 or from a 304', async () => {
    const fresh = await get(`/content/${slug}`, { 'x-request-id': 'edge-2' });
    const etag = fresh.headers.etag!;
    const fromApp = await t.app.request(`/content/${slug}`, {
      headers: { 'if-none-match': etag, 'x-request-id': 'edge-2' },
    });
    const fromEdge = await get(`/content/${slug}`, {
      'if-none-match': `W/${etag}, "other"`,
      'x-request-id': 'edge-2',
    });
    expect(appCalls).toHaveLength(1);
    expect(fromEdge.status).toBe(304);
    expect(fromEdge.body).toBe('');
    const appHeaders = Object.fromEntries(fromApp.headers);
    // @hono/node-server's own default on a 304 (see node-response-headers.test.ts).
    expect(fromEdge.headers).toEqual({
      ...appHeaders,
      'content-type': 'text/plain; charset=UTF-8',
      connection: 'keep-alive',
      'keep-alive': 'timeout=5',
    });

    // A first request that is already conditional keeps the answer too.
    clock += 10_000;
    appCalls = [];
    await get(`/content/${slug}`, { 'if-none-match': etag });
    const full = await get(`/content/${slug}`);
    expect(appCalls).toHaveLength(1);
    expect(full.status).toBe(200);
    expect(full.body).toBe(fresh.body);
  });

  it('keeps one answer per Origin, as the CORS headers differ', async () => {
    const id = { 'x-request-id': 'edge-3' };
    const elsewhere = 'https://elsewhere.example';
    const reader = await get('/content?limit=2', { ...id, origin: READER });
    const other = await get('/content?limit=2', { ...id, origin: elsewhere });
    const readerAgain = await get('/content?limit=2', { ...id, origin: READER });
    const otherAgain = await get('/content?limit=2', { ...id, origin: elsewhere });
    expect(appCalls).toHaveLength(2);
    expect(reader.headers['access-control-allow-origin']).toBe(READER);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(readerAgain.headers).toEqual(reader.headers);
    expect(otherAgain.headers).toEqual(other.headers);
  });

  it('asks the app again once the answer is older than its time to live', async () => {
    await get('/content/cameras');
    clock += 999;
    await get('/content/cameras');
    expect(appCalls).toHaveLength(1);
    clock += 1;
    await get('/content/cameras');
    expect(appCalls).toHaveLength(2);
  });

  it('lets go of every answer the moment this process changes the content', async () => {
    const before = await get(`/content/${slug}`);
    const list = await get('/content');
    const r = reviewRequests(t);
    const res = await r.send('PATCH', `/reviews/${reviewId}`, 'editorA', {
      body: { summary: 'Changed by the edge cache test.' },
      headers: { 'If-Match': '"v1"' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    appCalls = [];
    const after = await get(`/content/${slug}`);
    expect(appCalls).toEqual([`GET /content/${slug}`]);
    expect(after.body).toContain('Changed by the edge cache test.');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    await get('/content');
    expect(appCalls).toHaveLength(2);
    expect(list.status).toBe(200);
  });

  it('passes on what it must not answer: other methods, a body, two Hosts, encoded paths', async () => {
    await get(`/content/${slug}`);
    appCalls = [];
    await fetch(`${base}/content/${slug}`, { method: 'HEAD' });
    await fetch(`${base}/content/${slug}`, { method: 'OPTIONS', headers: { origin: READER } });
    const withBody = await rawGet(
      `/content/${slug}`,
      ['Host', '127.0.0.1', 'Content-Length', '2'],
      '{}',
    );
    const twoHosts = await rawGet(`/content/${slug}`, ['Host', 'a.example', 'Host', 'b.example']);
    await get(`/content/${slug.replace('-', '%2D')}`);
    await get(`/content/${slug.replace('-', '%2D')}`);
    expect(appCalls).toEqual([
      `HEAD /content/${slug}`,
      `OPTIONS /content/${slug}`,
      `GET /content/${slug}`,
      `GET /content/${slug}`,
      `GET /content/${slug.replace('-', '%2D')}`,
      `GET /content/${slug.replace('-', '%2D')}`,
    ]);
    expect(withBody).toBe(200);
    expect(twoHosts).toBe(400);
  });

  it('keeps a reader page once it is rendered, and drops it with the content', async () => {
    const id = { 'x-request-id': 'edge-4' };
    const page = await get(`/review/${slug}`, id);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(await get(`/review/${slug}`, id)).toEqual(page);
    expect(appCalls).toHaveLength(1);
    // A 304 does not render the page, so it offers nothing to keep.
    clock += 10_000;
    await get(`/review/${slug}`, { 'if-none-match': page.headers.etag! });
    await get(`/review/${slug}`, { 'if-none-match': page.headers.etag! });
    expect(appCalls).toHaveLength(3);

    await get(`/review/${slug}`);
    t.services.content.documentChanged(slug);
    await get(`/review/${slug}`);
    expect(appCalls).toHaveLength(5);
  });

  it('keeps no problem, no private answer, and at most maxEntries answers', async () => {
    const key = await t.createKey('*');
    await fetch(`${base}/visits/default`, { method: 'POST', headers: { 'x-api-key': key } });
    for (let i = 0; i < 2; i++) {
      await get('/content?limit=0x10');
      await get('/visits/default', { 'x-api-key': key });
      await get('/no-such-page');
    }
    expect(appCalls.filter((call) => call.startsWith('GET'))).toHaveLength(6);
    // They pass straight to the app for a while (no watch on their answer), then are watched
    // again: a counter read stays the app's.
    expect(edge.passing).toBe(3);
    clock += 1_000;
    await get('/visits/default', { 'x-api-key': key });
    expect(appCalls.at(-1)).toBe('GET /visits/default');
    expect(edge.size).toBeLessThanOrEqual(3);

    for (const limit of [1, 2, 3, 4]) await get(`/content?limit=${limit}`);
    expect(edge.size).toBe(3);
    appCalls = [];
    await get('/content?limit=4');
    await get('/content?limit=1');
    expect(appCalls).toEqual(['GET /content?limit=1']);
  });
});

describe('the edge cache’s memory', () => {
  it('keeps the bodies under maxTotalBytes, the oldest going first', async () => {
    const detail = Buffer.byteLength((await get(`/content/${slug}`)).body);
    const small = createEdgeCache({
      ttlMs: 60_000,
      generation: t.services.content.generation,
      accessLine: () => undefined,
      maxTotalBytes: detail + 10,
    });
    const app = getRequestListener(t.app.fetch);
    const other = createServer(small.wrap((req, res) => void app(req, res)));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      await fetch(`${at}/content/${slug}`).then((res) => res.text());
      expect(small.bytes).toBe(detail);
      // A second answer does not fit beside the first: the first goes.
      const cameras = await fetch(`${at}/content/cameras`).then((res) => res.text());
      expect(small.size).toBe(1);
      expect(small.bytes).toBe(Buffer.byteLength(cameras));
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});

/** A GET with raw header lines, `Host` included (fetch would refuse them); resolves to the status. */
function rawGet(path: string, rawHeaders: string[], body?: string): Promise<number> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const headers: string[][] = [];
    for (let i = 0; i < rawHeaders.length; i += 2)
      headers.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'GET',
        agent: false,
        setHost: false,
        headers: headers.flat() as unknown as Record<string, string>,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
