import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** What the embed script sends: the key in a text/plain body, from a page on another origin. */
const beacon = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  t.app.request(`/visits/${id}`, {
    method: 'POST',
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      origin: 'https://reader.example',
      'user-agent': CHROME_UA,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function storedCount(id: string): Promise<number> {
  const key = await t.createKey('*');
  const res = await t.app.request(`/visits/${id}`, { headers: { 'x-api-key': key } });
  if (res.status === 404) return 0;
  return ((await res.json()) as { count: number }).count;
}

describe('POST /visits/{counterId} with the key in a text/plain body', () => {
  it('counts, as a CORS simple request the page can read', async () => {
    const key = await t.createKey('default');
    const res = await beacon('default', { key });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toMatchObject({ id: 'default', count: 1, counted: true });
    expect(((await (await beacon('default', { key })).json()) as { count: number }).count).toBe(2);
  });

  it('also takes the body as application/json, and the header still works', async () => {
    const key = await t.createKey('default');
    const json = await t.app.request('/visits/default', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    });
    expect(json.status).toBe(200);
    const header = await t.app.request('/visits/default', {
      method: 'POST',
      headers: { 'x-api-key': key },
    });
    expect(await header.json()).toMatchObject({ count: 2, counted: true });
  });

  it('checks the body key like the header: 401 unknown, 403 out of scope, nothing counted', async () => {
    const blog = await t.createKey('blog');
    expect((await beacon('default', { key: 'shk_nope' })).status).toBe(401);
    expect((await beacon('default', { key: blog })).status).toBe(403);
    expect(await storedCount('default')).toBe(0);
  });

  it.each([
    ['not JSON', 'key=shk_x', '(root)'],
    ['an unknown field', { nokey: true }, 'nokey'],
    ['a number for a key', { key: 42 }, 'key'],
  ])('refuses a body with %s: 400 naming the field', async (_label, body, field) => {
    const res = await beacon('default', body);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field)).toContain(field);
  });

  it('refuses to count for a page outside SHUTTER_CORS_ORIGINS, since no preflight stops it', async () => {
    const strict = await createTestApp({ corsOrigins: ['https://reader.example'] });
    const key = await strict.createKey('default');
    const send = (origin: string) =>
      strict.app.request('/visits/default', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin, 'user-agent': CHROME_UA },
        body: JSON.stringify({ key }),
      });
    expect((await send('https://evil.example')).status).toBe(403);
    expect(await (await send('https://reader.example')).json()).toMatchObject({ count: 1 });
    await strict.close();
  });

  it('takes text/plain on this route only: other routes still answer 415', async () => {
    const res = await t.app.request('/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });
});

describe('privacy by default: answered, not counted', () => {
  it.each([
    ['Sec-GPC: 1', { 'sec-gpc': '1' }, {}],
    ['DNT: 1', { dnt: '1' }, {}],
    ['optOut from the page script', {}, { optOut: true }],
    ['a bot calling from a page', { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)' }, {}],
    [
      'a headless browser calling from a page',
      { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.0.0 Safari/537.36' },
      {},
    ],
  ])('%s', async (_label, headers: Record<string, string>, extra) => {
    const key = await t.createKey('default');
    await beacon('default', { key });
    const res = await beacon('default', { key, ...extra }, headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: 'default',
      count: 1,
      today: { count: 1, uniqueVisitors: 1 },
      counted: false,
    });
    expect(await storedCount('default')).toBe(1);
  });

  it('answers zero for a counter never counted, and does not create it', async () => {
    const key = await t.createKey('fresh');
    const res = await beacon('fresh', { key }, { 'sec-gpc': '1' });
    expect(await res.json()).toMatchObject({ count: 0, counted: false });
    expect(await storedCount('fresh')).toBe(0);
  });

  it('counts GPC 0, DNT 0, and a direct API call from curl (no Origin) as usual', async () => {
    const key = await t.createKey('default');
    await beacon('default', { key }, { 'sec-gpc': '0', dnt: '0' });
    const curl = await t.app.request('/visits/default', {
      method: 'POST',
      headers: { 'x-api-key': key, 'user-agent': 'curl/8.5.0' },
    });
    expect(await curl.json()).toMatchObject({ count: 2, counted: true });
  });
});

describe('GET /visits/{counterId}/badge.svg and badge.json', () => {
  async function visit(id: string, times: number) {
    const key = await t.createKey(id, { perSecond: 100_000, burst: 100_000 });
    for (let i = 0; i < times; i++) await beacon(id, { key });
  }

  it('answer 404 without revealing whether a private counter exists', async () => {
    await visit('private', 3);
    for (const id of ['private', 'never']) {
      for (const kind of ['svg', 'json']) {
        const res = await t.app.request(`/visits/${id}/badge.${kind}`);
        expect(res.status).toBe(404);
        expect(((await res.json()) as { detail: string }).detail).toBe(`No public counter "${id}"`);
      }
    }
  });

  it('answer without a key for a public counter, cacheable for a minute, with 304', async () => {
    await visit('blog', 1234);
    await t.services.publicCounters.setPublic('blog', true);

    const json = await t.app.request('/visits/blog/badge.json');
    expect(json.status).toBe(200);
    expect(json.headers.get('cache-control')).toBe('public, max-age=60');
    expect(await json.json()).toEqual({
      schemaVersion: 1,
      label: 'visits',
      message: '1,234',
      color: 'blue',
    });

    const svg = await t.app.request('/visits/blog/badge.svg');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(svg.headers.get('cache-control')).toBe('public, max-age=60');
    const text = await svg.text();
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('aria-label="visits: 1,234"');

    const etag = svg.headers.get('etag')!;
    const again = await t.app.request('/visits/blog/badge.svg', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    await visit('blog', 1);
    const changed = await t.app.request('/visits/blog/badge.svg', {
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('1,235');

    await t.services.publicCounters.setPublic('blog', false);
    expect((await t.app.request('/visits/blog/badge.json')).status).toBe(404);
  });

  it('reads zero for a public counter never visited', async () => {
    await t.services.publicCounters.setPublic('new', true);
    const res = await t.app.request('/visits/new/badge.json');
    expect(((await res.json()) as { message: string }).message).toBe('0');
  });
});

describe('GET /counter.js', () => {
  it('serves the script with a short public cache, an ETag and 304', async () => {
    const res = await t.app.request('/counter.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const body = await res.text();
    expect(body).toContain('shutter-counter');
    expect(body).toContain('sendBeacon');
    const again = await t.app.request('/counter.js', {
      headers: { 'if-none-match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });
});
