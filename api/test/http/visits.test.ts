import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const post = (path: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { method: 'POST', headers });
const get = (path: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { headers });

async function expectProblem(res: Response, status: number, slug: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: `https://shutter.dev/problems/${slug}`, status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

describe('POST /visits/{counterId}', () => {
  it('creates the counter on first visit and increments it', async () => {
    const key = await t.createKey('default');
    const first = await post('/visits/default', { 'x-api-key': key });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toEqual({
      id: 'default',
      count: 1,
      today: { date: '2026-11-21', count: 1, uniqueVisitors: 1 },
      counted: true,
    });
    const second = await post('/visits/default', { 'x-api-key': key });
    expect(((await second.json()) as { count: number }).count).toBe(2);
  });

  it('counts a visitor once a day as unique, by address and user agent', async () => {
    const key = await t.createKey('*');
    const as = (ip: string, ua: string) =>
      post('/visits/page', { 'x-api-key': key, 'x-test-client-ip': ip, 'user-agent': ua });
    await as('198.51.100.1', 'Firefox');
    await as('198.51.100.1', 'Firefox');
    await as('198.51.100.2', 'Firefox');
    const last = (await (await as('198.51.100.1', 'Safari')).json()) as {
      today: { count: number; uniqueVisitors: number };
    };
    expect(last.today).toEqual({ date: '2026-11-21', count: 4, uniqueVisitors: 3 });

    t.clock.advance(24 * 3_600_000);
    const nextDay = (await (await as('198.51.100.1', 'Firefox')).json()) as {
      count: number;
      today: unknown;
    };
    expect(nextDay).toMatchObject({
      count: 5,
      today: { date: '2026-11-22', count: 1, uniqueVisitors: 1 },
    });
  });

  it('does not keep client addresses anywhere it stores', async () => {
    const key = await t.createKey('default');
    await post('/visits/default', {
      'x-api-key': key,
      'x-test-client-ip': '192.0.2.77',
      'user-agent': 'UA-marker',
    });
    const view = JSON.stringify(await (await get('/visits/default', { 'x-api-key': key })).json());
    expect(view).not.toContain('192.0.2.77');
    expect(JSON.stringify(t.logger.lines)).not.toContain('192.0.2.77');
  });

  it.each([
    ['missing', undefined, 401],
    ['malformed', 'not-a-key', 401],
    ['unknown', 'shk_0000000000000000000000000000000000000000000', 401],
  ])('rejects a %s key with 401 and a challenge', async (_label, key, status) => {
    const res = await post('/visits/default', key ? { 'x-api-key': key } : {});
    await expectProblem(res, status, 'unauthenticated');
    expect(res.headers.get('www-authenticate')).toContain('x-api-key');
  });

  it('rejects a revoked key with 401, from the moment it is revoked', async () => {
    const key = await t.createKey('default');
    expect((await post('/visits/default', { 'x-api-key': key })).status).toBe(200);
    const [summary] = await t.services.apiKeys.list();
    await t.services.apiKeys.revoke(summary!.id);
    const body = await expectProblem(
      await post('/visits/default', { 'x-api-key': key }),
      401,
      'unauthenticated',
    );
    expect(body.detail).toMatch(/revoked/);
  });

  it('rejects a key outside its scope with 403 and counts nothing', async () => {
    const key = await t.createKey(['default', 'review-*']);
    expect((await post('/visits/review-x100v', { 'x-api-key': key })).status).toBe(200);
    await expectProblem(await post('/visits/blog', { 'x-api-key': key }), 403, 'forbidden');
    await expectProblem(await post('/visits/reviewx', { 'x-api-key': key }), 403, 'forbidden');
    const all = await t.createKey('*');
    await expectProblem(await get('/visits/blog', { 'x-api-key': all }), 404, 'not-found');
  });

  it.each(['Default', '-leading-dash', 'a'.repeat(65), 'has space', 'ünïcode', 'semi;colon'])(
    'rejects the counter id %j with 400 naming the field',
    async (id) => {
      const key = await t.createKey('*');
      const body = await expectProblem(
        await post(`/visits/${encodeURIComponent(id)}`, { 'x-api-key': key }),
        400,
        'validation',
      );
      expect(body.errors).toEqual([{ field: 'counterId', message: expect.any(String) }]);
    },
  );

  it('accepts ids at the edges of the rule', async () => {
    const key = await t.createKey('*');
    for (const id of ['a', '0', 'a'.repeat(64), 'a.b_c-d']) {
      expect((await post(`/visits/${id}`, { 'x-api-key': key })).status).toBe(200);
    }
  });

  it('throttles per key with 429 and Retry-After, and the key recovers', async () => {
    const slow = await t.createKey('default', { perSecond: 1, burst: 3 });
    const other = await t.createKey('default', { perSecond: 1, burst: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await post('/visits/default', { 'x-api-key': slow })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const throttled = await post('/visits/default', { 'x-api-key': slow });
    await expectProblem(throttled, 429, 'throttled');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another key has its own bucket.
    expect((await post('/visits/default', { 'x-api-key': other })).status).toBe(200);
    t.clock.advance(2_000);
    expect((await post('/visits/default', { 'x-api-key': slow })).status).toBe(200);
  });
});

describe('GET /visits/{counterId}', () => {
  it('reads without counting, with 30 days of daily counts for a chart', async () => {
    const key = await t.createKey('default');
    await post('/visits/default', { 'x-api-key': key });
    t.clock.advance(24 * 3_600_000);
    await post('/visits/default', { 'x-api-key': key });
    await post('/visits/default', { 'x-api-key': key, 'x-test-client-ip': '198.51.100.9' });
    const res = await get('/visits/default', { 'x-api-key': key });
    expect(res.status).toBe(200);
    const view = (await res.json()) as {
      count: number;
      today: unknown;
      daily: Array<{ date: string; count: number }>;
    };
    expect(view.count).toBe(3);
    expect(view.today).toEqual({ date: '2026-11-22', count: 2, uniqueVisitors: 2 });
    expect(view.daily).toHaveLength(30);
    expect(view.daily[0]!.date).toBe('2026-10-24');
    expect(view.daily.slice(-2)).toEqual([
      { date: '2026-11-21', count: 1, uniqueVisitors: 1 },
      { date: '2026-11-22', count: 2, uniqueVisitors: 2 },
    ]);
    const again = (await (await get('/visits/default', { 'x-api-key': key })).json()) as {
      count: number;
    };
    expect(again.count).toBe(3);
  });

  it('answers 404 for a counter never visited', async () => {
    const key = await t.createKey('*');
    await expectProblem(await get('/visits/never', { 'x-api-key': key }), 404, 'not-found');
  });

  it('needs a key like POST does', async () => {
    await expectProblem(await get('/visits/default'), 401, 'unauthenticated');
  });
});

describe('CORS', () => {
  it('lets a page on another origin call the counter', async () => {
    const key = await t.createKey('default');
    const preflight = await t.app.request('/visits/default', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://me.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-api-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'x-api-key',
    );
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const res = await post('/visits/default', { 'x-api-key': key, Origin: 'https://me.example' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('puts the CORS and request-id headers on problem responses too, so a page can read them', async () => {
    const res = await post('/visits/default', {
      'x-api-key': 'shk_unknown',
      Origin: 'https://me.example',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(res.headers.get('x-request-id')).toBe(
      ((await res.json()) as { requestId: string }).requestId,
    );
  });

  it('answers a preflight from a refused origin without allowing it', async () => {
    const strict = await createTestApp({ corsOrigins: ['https://ok.example'] });
    const res = await strict.app.request('/visits/default', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
    await strict.close();
  });

  it('allows only the configured origins when a list is set', async () => {
    const strict = await createTestApp({ corsOrigins: ['https://ok.example'] });
    const ok = await strict.app.request('/health', { headers: { Origin: 'https://ok.example' } });
    const other = await strict.app.request('/health', {
      headers: { Origin: 'https://evil.example' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://ok.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await strict.close();
  });
});
