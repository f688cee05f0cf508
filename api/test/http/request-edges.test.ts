import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Review } from '../../src/domain/review.js';
import { MAX_JSON_DEPTH } from '../../src/http/json-depth.js';
import { DOCS_CONTENT_SECURITY_POLICY } from '../../src/http/routes/docs.js';
import { as, testUsers } from '../support/fixed-token-resolver.js';
import { expectProblem, ifMatch, reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The HTTP edge of the hardening work (issue 11): what the app answers to requests that are
 * malformed, lenient or from elsewhere, before any service runs.
 */
let t: TestApp;
let r: ReturnType<typeof reviewRequests>;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  r = reviewRequests(t);
});
afterEach(() => t.close());

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('deeply nested JSON bodies', () => {
  it('refuses a merge patch 5,000 levels deep with 400, and changes nothing', async () => {
    const review = await r.create('editorA');
    const res = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
      body: `{"title":${nested(5000)}}`,
      contentType: 'application/merge-patch+json',
      headers: ifMatch(review),
    });
    const problem = await expectProblem(res, 400, 'bad-request');
    expect(problem.detail).toBe(
      `The JSON body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep`,
    );
    expect(await (await r.send('GET', `/reviews/${review.id}`, 'editorA')).json()).toEqual(review);
  });

  it('refuses one level past the limit on any JSON body route, and lets the limit through', async () => {
    for (const [path, who] of [
      ['/reviews', 'editorA'],
      ['/users', 'admin'],
      ['/auth/login', 'anonymous'],
    ] as const) {
      const over = await r.send('POST', path, who, { body: nested(MAX_JSON_DEPTH + 1) });
      await expectProblem(over, 400, 'bad-request');
      // At the limit the body reaches the validators, which refuse it for what it says.
      const at = await r.send('POST', path, who, { body: nested(MAX_JSON_DEPTH) });
      await expectProblem(at, 400, 'validation');
    }
  });
});

describe('media types', () => {
  it('415 names the accepted type for text/plain and for other +json types', async () => {
    for (const type of ['text/plain', 'application/vnd.shutter+json', 'application/jsonx']) {
      const res = await r.send('POST', '/reviews', 'editorA', { body: '{}', contentType: type });
      const problem = await expectProblem(res, 415, 'unsupported-media-type');
      expect(problem.detail).toBe(`Send the body as application/json, not ${type}`);
    }
  });

  it('415 on PATCH names both patch types and answers Accept-Patch', async () => {
    const review = await r.create('editorA');
    const res = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
      body: '{"title":"x"}',
      contentType: 'text/plain',
      headers: ifMatch(review),
    });
    const problem = await expectProblem(res, 415, 'unsupported-media-type');
    expect(problem.detail).toBe(
      'Send the body as application/merge-patch+json or application/json, not text/plain',
    );
    expect(res.headers.get('accept-patch')).toBe('application/merge-patch+json, application/json');
  });

  it('415 for a body without Content-Type, saying so', async () => {
    const res = await t.app.request('/auth/login', {
      method: 'POST',
      body: new TextEncoder().encode('{"email":"a@b.example","password":"x"}'),
    });
    const problem = await expectProblem(res, 415, 'unsupported-media-type');
    expect(problem.detail).toBe('Send the body as application/json (Content-Type is missing)');
  });

  it('still takes application/json with parameters, and merge patches on PATCH only', async () => {
    const created = await r.send('POST', '/reviews', 'editorA', {
      body: (await import('../support/review-fixtures.js')).reviewInput(),
      contentType: 'application/json; charset=utf-8',
    });
    expect(created.status).toBe(201);
    const review = (await created.json()) as Review;
    await expectProblem(
      await r.send('PUT', `/reviews/${review.id}`, 'editorA', {
        body: {},
        contentType: 'application/merge-patch+json',
        headers: ifMatch(review),
      }),
      415,
      'unsupported-media-type',
    );
  });
});

describe('security headers', () => {
  const apiHeaders = (res: Response) => ({
    nosniff: res.headers.get('x-content-type-options'),
    referrer: res.headers.get('referrer-policy'),
    frame: res.headers.get('x-frame-options'),
    hsts: res.headers.get('strict-transport-security'),
  });
  const expected = { nosniff: 'nosniff', referrer: 'no-referrer', frame: 'DENY', hsts: null };

  it('are on answers, problems and preflights alike', async () => {
    for (const res of [
      await t.app.request('/content'),
      await t.app.request('/health'),
      await t.app.request('/no/such/route'),
      await r.send('GET', '/reviews', 'anonymous'),
      await t.app.request('/content', {
        method: 'OPTIONS',
        headers: { Origin: 'https://a.example', 'Access-Control-Request-Method': 'GET' },
      }),
    ]) {
      expect(apiHeaders(res)).toEqual(expected);
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
  });

  it('leave /docs its own policy, which also refuses framing', async () => {
    const res = await t.app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(DOCS_CONTENT_SECURITY_POLICY);
    expect(apiHeaders(res)).toEqual(expected);
  });

  it('add HSTS when the request came over TLS, as it always does on API Gateway', async () => {
    const res = await t.app.request('https://api.example/content');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const problem = await t.app.request('https://api.example/nothing');
    expect(problem.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});

describe('CORS by route group', () => {
  const from = (origin: string, extra: Record<string, string> = {}) => ({
    headers: { Origin: origin, ...extra },
  });

  it('stays open on the public routes', async () => {
    for (const path of ['/content', '/health', '/openapi.json', '/docs']) {
      const res = await t.app.request(path, from('https://anyone.example'));
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
    }
  });

  it('is same-origin only on the console routes unless origins are configured', async () => {
    for (const path of ['/auth/login', '/me', '/reviews', '/users', '/api-keys']) {
      const res = await t.app.request(path, from('https://anyone.example'));
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
      const preflight = await t.app.request(path, {
        method: 'OPTIONS',
        ...from('https://anyone.example', { 'Access-Control-Request-Method': 'POST' }),
      });
      expect(preflight.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });

  it('allows exactly the configured console origins there, varying on Origin', async () => {
    const console = await createTestApp({ consoleOrigins: ['https://console.example'] });
    try {
      const ok = await console.app.request('/auth/login', {
        method: 'OPTIONS',
        ...from('https://console.example', {
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        }),
      });
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://console.example');
      expect(ok.headers.get('vary')).toContain('Origin');
      const me = await console.app.request('/me', from('https://console.example'));
      expect(me.headers.get('access-control-allow-origin')).toBe('https://console.example');
      const other = await console.app.request('/me', from('https://evil.example'));
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      // The public routes keep their own, open policy.
      const content = await console.app.request('/content', from('https://evil.example'));
      expect(content.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await console.close();
    }
  });

  it('does not mistake a public path that starts like a console one', async () => {
    // `/reviewsx` and `/media` are not console routes: they are 404s under the public policy.
    for (const path of ['/reviewsx', '/media']) {
      const res = await t.app.request(path, from('https://anyone.example'));
      expect(res.status).toBe(404);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});

describe('trailing slashes', () => {
  it('are 404, not a 405 whose Allow lists the method asked for', async () => {
    for (const [method, path] of [
      ['GET', '/users/'],
      ['POST', '/users/'],
      ['GET', '/content/'],
      ['GET', '/health/'],
      ['POST', '/visits/default/'],
    ] as const) {
      const res = await r.send(method, path, 'admin');
      await expectProblem(res, 404, 'not-found');
      expect(res.headers.get('allow')).toBeNull();
    }
  });

  it('leave 405 to a method the exact path does not serve', async () => {
    const res = await r.send('DELETE', '/users', 'admin');
    await expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
  });
});

describe('numbers in query strings', () => {
  it.each(['0x10', '1e1', ' 5', '5 ', '+5', '05', '5.0', '', '1_0'])(
    'refuses limit=%j on every list',
    async (raw) => {
      const limit = encodeURIComponent(raw);
      for (const [path, who] of [
        [`/content?limit=${limit}`, 'anonymous'],
        [`/reviews?limit=${limit}`, 'editorA'],
        [`/users?limit=${limit}`, 'admin'],
      ] as const) {
        const problem = await expectProblem(await r.send('GET', path, who), 400, 'validation');
        expect(problem.errors).toEqual([
          { field: 'limit', message: 'a whole number from 1 to 100, written as plain digits' },
        ]);
      }
    },
  );

  it('takes plain digits', async () => {
    expect((await t.app.request('/content?limit=5')).status).toBe(200);
    expect((await r.send('GET', '/reviews?limit=100', 'editorA')).status).toBe(200);
    expect((await r.send('GET', '/users?limit=1', 'admin')).status).toBe(200);
  });

  it('reads minRating as a plain decimal', async () => {
    expect((await t.app.request('/content?minRating=7.5')).status).toBe(200);
    expect((await t.app.request('/content?minRating=10')).status).toBe(200);
    for (const raw of ['1e0', '0x8', '.5', '8.', 'NaN', 'Infinity', '%208']) {
      const res = await t.app.request(`/content?minRating=${raw}`);
      const problem = await expectProblem(res, 400, 'validation');
      expect(problem.errors?.[0]?.field).toBe('minRating');
    }
  });
});

describe('If-Match without quotes', () => {
  it.each(['PUT', 'PATCH', 'DELETE'] as const)(
    '%s with If-Match: v1 is a 400 that shows the quoted form, and changes nothing',
    async (method) => {
      const review = await r.create('editorA');
      const res = await r.send(method, `/reviews/${review.id}`, 'editorA', {
        ...(method === 'DELETE'
          ? {}
          : { body: method === 'PATCH' ? { title: 'Changed title' } : review }),
        headers: { 'If-Match': 'v1' },
      });
      const problem = await expectProblem(res, 400, 'validation');
      expect(problem.detail).toBe('If-Match must be an entity-tag like "v3" (with the quotes)');
      expect(problem.errors?.[0]?.field).toBe('if-match');
      expect(await (await r.send('GET', `/reviews/${review.id}`, 'editorA')).json()).toEqual(
        review,
      );
    },
  );

  it('still answers 401 first to a caller without credentials', async () => {
    const res = await t.app.request('/reviews/rev_x', {
      method: 'DELETE',
      headers: { ...as.anonymous, 'If-Match': 'v1' },
    });
    await expectProblem(res, 401, 'unauthenticated');
  });
});
