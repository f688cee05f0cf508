import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../src/services/create-services.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ bodyLimitBytes: 2048 });
});
afterEach(() => t.close());

describe('errors are problem+json everywhere', () => {
  it('404 for an unknown route', async () => {
    const res = await t.app.request('/no/such/route');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      type: 'https://shutter.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'No route for GET /no/such/route',
      instance: '/no/such/route',
      requestId: expect.any(String),
    });
  });

  it('405 with Allow for a known path and a wrong method', async () => {
    const res = await t.app.request('/visits/default', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(await res.json()).toMatchObject({
      type: 'https://shutter.dev/problems/method-not-allowed',
      status: 405,
    });
    const health = await t.app.request('/health', { method: 'PUT' });
    expect(health.status).toBe(405);
    expect(health.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('413 for a body over the limit, before any handler runs', async () => {
    const key = await t.createKey('default');
    const res = await t.app.request('/visits/default', {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(4096) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      type: 'https://shutter.dev/problems/payload-too-large',
      status: 413,
    });
    expect(await t.services.counters.getCounter('default').catch((e: Error) => e.name)).toBe(
      'NotFoundError',
    );
  });

  it('500 without internals, with the details in the log under the same request id', async () => {
    const failing = await createTestApp({
      services: (s: Services) => ({
        ...s,
        counters: {
          ...s.counters,
          recordVisit: async () => {
            throw new Error(
              'SQLITE_CORRUPT: database disk image is malformed at /secret/path/shutter.db',
            );
          },
        },
      }),
    });
    const key = await failing.createKey('default');
    const res = await failing.app.request('/visits/default', {
      method: 'POST',
      headers: { 'x-api-key': key },
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/SQLITE|secret|malformed|at .*\.ts/);
    const body = JSON.parse(text) as { requestId: string; type: string; detail: string };
    expect(body.type).toBe('https://shutter.dev/problems/internal');
    const logged = failing.logger.lines.find((l) => l.msg === 'unhandled error');
    expect(logged).toMatchObject({ requestId: body.requestId, level: 'error' });
    expect(JSON.stringify(logged)).toContain('SQLITE_CORRUPT');
    await failing.close();
  });

  it('echoes a sane caller request id and replaces an unsafe one', async () => {
    const echoed = await t.app.request('/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await t.app.request('/health', {
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('access log', () => {
  it('writes one structured line per request with id, method, path, status and latency', async () => {
    await t.app.request('/health', { headers: { 'x-request-id': 'trace-me' } });
    await t.app.request('/nowhere');
    const lines = t.logger.lines.filter((l) => l.msg === 'request');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'info',
      requestId: 'trace-me',
      method: 'GET',
      path: '/health',
      status: 200,
    });
    expect(lines[1]).toMatchObject({ method: 'GET', path: '/nowhere', status: 404 });
    expect(typeof lines[0]!.latencyMs).toBe('number');
  });
});

describe('operations', () => {
  it('GET /health answers ok, uncached', async () => {
    const res = await t.app.request('/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({
      status: 'ok',
      version: expect.any(String),
      uptimeSeconds: expect.any(Number),
    });
  });

  it('HEAD is answered like GET, without a body', async () => {
    const res = await t.app.request('/health', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('GET /openapi.json describes the counter with its key scheme and problem responses', async () => {
    const res = await t.app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { security?: unknown; responses: Record<string, { content?: Record<string, unknown> }> }
        >
      >;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.apiKey).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }),
    );
    const post = doc.paths['/visits/{counterId}']!.post!;
    expect(post.security).toEqual([{ apiKey: [] }]);
    expect(Object.keys(post.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '413',
      '415', // it takes a body now: the key, as text/plain or JSON
      '429',
      '500',
      '503',
    ]);
    expect(post.responses['400']!.content).toHaveProperty('application/problem+json');
    expect(doc.paths['/health']).toBeDefined();
  });
});
