import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsHarness, type AccountsHarness } from '../support/accounts.js';
import {
  exercisedResponses,
  loadOpenApiDocument,
  operationsOf,
  type OpenApiDocument,
} from '../support/openapi-contract.js';
import { reviewInput } from '../support/review-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every documented operation, called for its success and its main errors. Each response is
 * checked against the document by the test app itself (status, media type, body schema with
 * undocumented fields refused); this suite makes sure that every operation is reached.
 */

/**
 * Documented responses this suite does not produce, and why. Each one is documented because the
 * app-wide machinery can produce it; some are exercised by the suite named.
 */
const NOT_EXERCISED_BY_STATUS: Record<string, string> = {
  '500': 'only on a bug; problems.test.ts forces one on POST /visits/{counterId}',
  '503':
    'needs a failing store; dynamodb-unavailable.test.ts throttles DynamoDB for each controller',
  '415':
    'the same media-type gate on every body; exercised here on POST /reviews and POST /auth/login',
  '413': 'the same body limit before routing; exercised here on POST /reviews',
  '404': 'a path id that names nothing; exercised here on every controller that has path ids',
  '400': 'the same validators on every input; exercised here on every controller',
  '401': 'the same credential check per controller; exercised here on each of them',
  '403': 'the same role and scope checks; exercised here on /users, /api-keys and /visits',
  '409':
    'exercised here on POST /users, POST /reviews and PATCH /users/{id}; the others in users.test.ts and reviews.test.ts',
  '412': 'exercised here on PATCH /reviews/{id}; PUT and DELETE in reviews.test.ts',
  '428': 'exercised here on PUT /reviews/{id}; PATCH and DELETE in reviews.test.ts',
  '429': 'exercised here on POST /visits/{counterId}; login lockout in auth.test.ts',
  '304': 'exercised here on GET /content and GET /content/{slug}; the others in content.test.ts',
  '422':
    'exercised here on POST /reviews (a reused Idempotency-Key); the publish checklist on PUT, PATCH and restore in publish-checklist.test.ts',
};

/** Single responses this suite does not produce, and where they are. */
const NOT_EXERCISED_RESPONSES: Record<string, string> = {
  'POST /jobs/{id}/retry 204':
    'needs a dead-lettered job (five failed attempts with backoff); console-routes.test.ts retries one',
};

let t: TestApp;
let h: AccountsHarness;
let doc: OpenApiDocument;
let admin: string;
let editor: string;

const json = (res: Response) => res.json() as Promise<Record<string, unknown>>;

beforeAll(async () => {
  doc = await loadOpenApiDocument();
  t = await createTestApp();
  h = createAccountsHarness(t);
  const a = await h.createUser('admin');
  const e = await h.createUser('editor');
  admin = (await h.login(a.email, a.password)).accessToken;
  editor = (await h.login(e.email, e.password)).accessToken;
});
afterAll(() => t.close());

describe('every documented operation, through the real app', () => {
  it('operations: health, the document, the reference page and its assets', async () => {
    expect((await t.app.request('/health')).status).toBe(200);
    expect((await t.app.request('/openapi.json')).status).toBe(200);
    const page = await t.app.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(docs\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(4);
    for (const asset of assets) expect((await t.app.request(`/${asset}`)).status).toBe(200);
    expect((await t.app.request('/docs/assets/swagger-ui.css')).status).toBe(404);
  });

  it('accounts: log in, refresh, log out, me, change password', async () => {
    const u = await h.createUser('editor');
    expect((await h.send('POST', '/auth/login', { body: { email: u.email } })).status).toBe(400);
    expect(
      (await h.send('POST', '/auth/login', { body: { email: u.email, password: 'wrong' } })).status,
    ).toBe(401);
    const unsupported = await t.app.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(unsupported.status).toBe(415);
    const pair = await h.login(u.email, u.password);
    const refreshed = await h.send('POST', '/auth/refresh', {
      body: { refreshToken: pair.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    const { refreshToken, accessToken } = (await refreshed.json()) as Record<string, string>;
    expect((await h.send('POST', '/auth/refresh', { body: {} })).status).toBe(400);
    expect(
      (await h.send('POST', '/auth/refresh', { body: { refreshToken: 'shr_nope' } })).status,
    ).toBe(401);
    expect((await h.send('GET', '/me', { token: accessToken! })).status).toBe(200);
    expect((await h.send('GET', '/me')).status).toBe(401);
    const changed = await h.send('PUT', '/me/password', {
      token: accessToken!,
      body: { currentPassword: u.password, newPassword: 'a much longer passphrase' },
    });
    expect(changed.status).toBe(200);
    const next = (await changed.json()) as Record<string, string>;
    expect(
      (await h.send('PUT', '/me/password', { token: next.accessToken!, body: {} })).status,
    ).toBe(400);
    expect((await h.send('PUT', '/me/password', { body: {} })).status).toBe(401);
    expect(
      (await h.send('POST', '/auth/logout', { body: { refreshToken: next.refreshToken } })).status,
    ).toBe(204);
    expect((await h.send('POST', '/auth/logout', { body: { refreshToken: '' } })).status).toBe(400);
    expect(refreshToken).toBeDefined();
  });

  it('users: list, create, read, change, disable', async () => {
    expect((await h.send('GET', '/users', { token: admin })).status).toBe(200);
    expect((await h.send('GET', '/users?limit=0', { token: admin })).status).toBe(400);
    expect((await h.send('GET', '/users', { token: editor })).status).toBe(403);
    expect((await h.send('GET', '/users')).status).toBe(401);
    const body = { email: 'new.editor@example.com', name: 'New Editor', role: 'editor' };
    const created = await h.send('POST', '/users', { token: admin, body });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    expect((await h.send('POST', '/users', { token: admin, body })).status).toBe(409);
    expect(
      (await h.send('POST', '/users', { token: admin, body: { ...body, email: 'x' } })).status,
    ).toBe(400);
    expect((await h.send('GET', `/users/${id}`, { token: admin })).status).toBe(200);
    expect((await h.send('GET', '/users/usr_missing', { token: admin })).status).toBe(404);
    const reset = await h.send('PATCH', `/users/${id}`, {
      token: admin,
      body: { resetPassword: true },
    });
    expect(reset.status).toBe(200);
    expect(await json(reset)).toHaveProperty('password');
    expect((await h.send('PATCH', `/users/${id}`, { token: admin, body: {} })).status).toBe(400);
    const me = (await json(await h.send('GET', '/me', { token: admin }))) as { id: string };
    const demote = await h.send('PATCH', `/users/${me.id}`, {
      token: admin,
      body: { role: 'editor' },
    });
    expect(demote.status).toBe(409);
    expect((await h.send('DELETE', `/users/${id}`, { token: admin })).status).toBe(204);
    expect((await h.send('DELETE', '/users/usr_missing', { token: admin })).status).toBe(404);
  });

  it('API keys and the visitor counter', async () => {
    const created = await h.send('POST', '/api-keys', {
      token: admin,
      body: { name: 'site', scope: ['default', 'page-*'], rateLimit: { perSecond: 1, burst: 6 } },
    });
    expect(created.status).toBe(201);
    const { id, key } = (await json(created)) as { id: string; key: string };
    expect((await h.send('POST', '/api-keys', { token: admin, body: {} })).status).toBe(400);
    expect((await h.send('GET', '/api-keys', { token: admin })).status).toBe(200);
    expect((await h.send('GET', '/api-keys', { token: editor })).status).toBe(403);

    const visit = (path: string, method = 'POST', apiKey: string | null = key) =>
      t.app.request(path, { method, headers: apiKey ? { 'x-api-key': apiKey } : {} });
    expect((await visit('/visits/default')).status).toBe(200);
    expect((await visit('/visits/default', 'GET')).status).toBe(200);
    expect((await visit('/visits/page-never-visited', 'GET')).status).toBe(404);
    expect((await visit('/visits/default', 'POST', null)).status).toBe(401);
    expect((await visit('/visits/other')).status).toBe(403);
    expect((await visit('/visits/Not%20Valid')).status).toBe(400);
    const statuses = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await visit('/visits/default')).status);
    expect(statuses).toContain(429);

    // The embed: the script, the key in a text/plain body, and a public counter's badges.
    expect((await t.app.request('/counter.js')).status).toBe(200);
    const embedded = await t.app.request('/visits/default', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ key }),
    });
    expect([200, 429]).toContain(embedded.status);
    await t.services.publicCounters.setPublic('default', true);
    for (const badge of ['/visits/default/badge.svg', '/visits/default/badge.json']) {
      expect((await t.app.request(badge)).status).toBe(200);
      expect((await t.app.request(badge.replace('default', 'private'))).status).toBe(404);
    }

    expect((await h.send('DELETE', `/api-keys/${id}`, { token: admin })).status).toBe(204);
    expect((await h.send('DELETE', '/api-keys/key_missing', { token: admin })).status).toBe(404);
  });

  it('reviews and the public content they become', async () => {
    const auth = { token: editor };
    const first = await h.send('POST', '/reviews', { ...auth, body: reviewInput() });
    expect(first.status).toBe(201);
    const review = (await json(first)) as { id: string; slug: string };
    const second = await h.send('POST', '/reviews', {
      ...auth,
      body: reviewInput({
        slug: 'sony-a7-iv-review',
        camera: { brand: 'Sony', model: 'A7 IV', type: 'mirrorless', sensor: 'full-frame' },
        title: 'Sony A7 IV review',
        status: 'published',
      }),
    });
    expect(second.status).toBe(201);
    const dup = await h.send('POST', '/reviews', {
      ...auth,
      body: reviewInput({ slug: 'sony-a7-iv-review' }),
    });
    expect(dup.status).toBe(409);
    expect((await h.send('POST', '/reviews', { ...auth, body: { title: 'x' } })).status).toBe(400);
    const keyed = (title: string) =>
      h.send('POST', '/reviews', {
        ...auth,
        headers: { 'idempotency-key': 'openapi-suite' },
        body: reviewInput({ title }),
      });
    expect((await keyed('Keyed review')).status).toBe(201);
    expect((await keyed('Another keyed review')).status).toBe(422);
    expect((await h.send('POST', '/reviews', { body: reviewInput() })).status).toBe(401);
    const huge = await h.send('POST', '/reviews', {
      ...auth,
      body: reviewInput({ body: 'x'.repeat(1_100_000) }),
    });
    expect(huge.status).toBe(413);
    const text = await h.send('POST', '/reviews', {
      ...auth,
      headers: { 'content-type': 'text/plain' },
      body: 'a review',
    });
    expect(text.status).toBe(415);

    expect((await h.send('GET', '/reviews', auth)).status).toBe(200);
    expect((await h.send('GET', '/reviews?limit=0', auth)).status).toBe(400);
    expect((await h.send('GET', `/reviews/${review.id}`, auth)).status).toBe(200);
    expect((await h.send('GET', '/reviews/rev_missing', auth)).status).toBe(404);

    const put = await h.send('PUT', `/reviews/${review.id}`, {
      ...auth,
      headers: { 'if-match': '"v1"' },
      body: reviewInput({ rating: 8 }),
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"v2"');
    expect(
      (await h.send('PUT', `/reviews/${review.id}`, { ...auth, body: reviewInput() })).status,
    ).toBe(428);
    const patch = (ifMatch: string, body: unknown) =>
      t.app.request(`/reviews/${review.id}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${editor}`,
          'content-type': 'application/merge-patch+json',
          'if-match': ifMatch,
        },
        body: JSON.stringify(body),
      });
    expect((await patch('"v1"', { status: 'published' })).status).toBe(412);
    expect((await patch('"v2"', { rating: 11 })).status).toBe(400);
    expect((await patch('"v2"', { status: 'published' })).status).toBe(200);

    const revisions = `/reviews/${review.id}/revisions`;
    expect((await h.send('GET', revisions, auth)).status).toBe(200);
    expect((await h.send('GET', `${revisions}/1`, auth)).status).toBe(200);
    expect((await h.send('GET', `${revisions}/0`, auth)).status).toBe(400);
    expect((await h.send('GET', `/reviews/${review.id}/diff?from=1&to=3`, auth)).status).toBe(200);
    expect((await h.send('GET', `/reviews/${review.id}/diff?from=1`, auth)).status).toBe(400);
    const restore = await h.send('POST', `${revisions}/1/restore`, {
      ...auth,
      headers: { 'if-match': '"v3"' },
    });
    expect(restore.status).toBe(200);
    expect(restore.headers.get('etag')).toBe('"v4"');

    const preview = `/reviews/${review.id}/preview`;
    const made = await h.send('POST', preview, { ...auth, body: { ttlHours: 2 } });
    expect(made.status).toBe(201);
    const previewPath = new URL(((await json(made)) as { url: string }).url).pathname;
    expect((await h.send('POST', preview, { ...auth, body: { ttlHours: 0 } })).status).toBe(400);
    expect((await t.app.request(previewPath)).status).toBe(200);
    expect((await h.send('DELETE', preview, auth)).status).toBe(204);
    expect(
      (await t.app.request(previewPath, { headers: { accept: 'application/json' } })).status,
    ).toBe(404);
    expect((await t.app.request('/preview/not%20a%20token')).status).toBe(404);

    const list = await t.app.request('/content');
    expect(list.status).toBe(200);
    const etag = list.headers.get('etag')!;
    expect((await t.app.request('/content', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    expect((await t.app.request('/content?minRating=11')).status).toBe(400);
    const detail = await t.app.request(`/content/${review.slug}`);
    expect(detail.status).toBe(200);
    expect(
      (
        await t.app.request(`/content/${review.slug}`, {
          headers: { 'if-none-match': detail.headers.get('etag')! },
        })
      ).status,
    ).toBe(304);
    expect((await t.app.request('/content/no-such-review')).status).toBe(404);
    expect((await t.app.request('/content/Not_A_Slug')).status).toBe(400);
    expect(
      (await t.app.request(`/content/compare?slugs=${review.slug},sony-a7-iv-review`)).status,
    ).toBe(200);
    expect((await t.app.request('/content/compare?slugs=one')).status).toBe(400);
    expect((await t.app.request(`/content/compare?slugs=${review.slug},nope-nope`)).status).toBe(
      404,
    );
    expect((await t.app.request('/content/cameras')).status).toBe(200);

    // An admin moves the published slug: the old one redirects, on the API and the reader page.
    const moved = await h.send('PATCH', `/reviews/${review.id}`, {
      token: admin,
      headers: { 'if-match': '"v4"', 'content-type': 'application/merge-patch+json' },
      body: { slug: `${review.slug}-moved` },
    });
    expect(moved.status).toBe(200);
    expect((await t.app.request(`/content/${review.slug}`)).status).toBe(301);
    expect((await t.app.request(`/review/${review.slug}`)).status).toBe(301);

    expect(
      (
        await h.send('DELETE', `/reviews/${review.id}`, {
          ...auth,
          headers: { 'if-match': '"v5"' },
        })
      ).status,
    ).toBe(204);
  });

  it('photos: declare, upload, complete, read, list, change, serve, delete', async () => {
    const auth = { token: editor };
    const created = await h.send('POST', '/reviews', {
      ...auth,
      body: reviewInput({ slug: 'photo-review' }),
    });
    const reviewId = ((await json(created)) as { id: string }).id;
    const images = `/reviews/${reviewId}/images`;
    const bytes = await sharp({
      create: { width: 16, height: 12, channels: 3, background: '#000' },
    })
      .jpeg()
      .toBuffer();
    const declare = (body: unknown) => h.send('POST', images, { ...auth, body });
    const declared = { filename: 'a.jpg', contentType: 'image/jpeg', size: bytes.length, alt: 'A' };
    expect((await declare({ ...declared, size: 0 })).status).toBe(400);
    expect(
      (await h.send('POST', '/reviews/rev_missing/images', { ...auth, body: declared })).status,
    ).toBe(404);
    const pending = await declare(declared);
    expect(pending.status).toBe(201);
    const image = (await json(pending)) as {
      id: string;
      upload: { url: string; fields: Record<string, string> };
    };
    const one = `${images}/${image.id}`;
    expect((await h.send('POST', `${one}/complete`, auth)).status).toBe(409);
    const post = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([bytes]), 'a.jpg');
      return t.app.request(image.upload.url, { method: 'POST', body: form });
    };
    expect((await post({ ...image.upload.fields, token: 'nope' })).status).toBe(403);
    expect((await post(image.upload.fields)).status).toBe(204);
    expect((await h.send('POST', `${one}/complete`, auth)).status).toBe(202);
    expect((await h.send('GET', images, auth)).status).toBe(200);
    const ready = await h.send('GET', one, auth);
    expect(ready.status).toBe(200);
    const { variants } = (await json(ready)) as { variants: Array<{ url: string }> };
    expect((await t.app.request(variants[0]!.url)).status).toBe(200);
    expect((await t.app.request('/images/nothing.png')).status).toBe(404);
    expect((await h.send('GET', `${images}/not-an-id`, auth)).status).toBe(400);
    expect((await h.send('PATCH', one, { ...auth, body: { alt: 'B' } })).status).toBe(200);
    expect((await h.send('PATCH', one, { ...auth, body: { alt: '' } })).status).toBe(400);
    expect((await h.send('DELETE', one, auth)).status).toBe(204);
    expect((await h.send('DELETE', one, auth)).status).toBe(404);
  });

  it('consoles: render a preview of a body, read a counter and publish it, the job queue', async () => {
    const auth = { token: editor };
    const created = await h.send('POST', '/reviews', { ...auth, body: reviewInput() });
    const { id } = (await json(created)) as { id: string };
    const render = await h.send('POST', `/reviews/${id}/render`, {
      ...auth,
      body: { body: '**Sharp** and quiet.' },
    });
    expect(render.status).toBe(200);
    expect((await json(render)).html).toContain('<strong>Sharp</strong>');
    expect((await h.send('POST', `/reviews/${id}/render`, { ...auth, body: {} })).status).toBe(400);
    expect(
      (
        await h.send('POST', '/reviews/rev_0000000000000000/render', {
          ...auth,
          body: { body: 'x' },
        })
      ).status,
    ).toBe(404);

    const key = await t.createKey('default');
    await t.app.request('/visits/default', { method: 'POST', headers: { 'x-api-key': key } });
    const asAdmin = { token: admin };
    expect((await h.send('GET', '/counters/default', asAdmin)).status).toBe(200);
    expect((await h.send('GET', '/counters/default', { token: editor })).status).toBe(403);
    expect((await h.send('GET', '/counters/Not%20Valid', asAdmin)).status).toBe(400);
    expect(
      (await h.send('PUT', '/counters/default/public', { ...asAdmin, body: { public: true } }))
        .status,
    ).toBe(200);
    expect(
      (await h.send('PUT', '/counters/default/public', { ...asAdmin, body: { public: 'yes' } }))
        .status,
    ).toBe(400);

    expect((await h.send('GET', '/jobs', asAdmin)).status).toBe(200);
    expect((await h.send('GET', '/jobs', { token: editor })).status).toBe(403);
    expect((await h.send('POST', '/jobs/no-such-job/retry', asAdmin)).status).toBe(404);
  });

  it('reader pages: home, compare, cameras, sitemap, feed, robots', async () => {
    for (const path of ['/', '/compare', '/cameras', '/sitemap.xml', '/feed.xml', '/robots.txt']) {
      expect((await t.app.request(path)).status, path).toBe(200);
    }
    expect((await t.app.request('/?minRating=eleven')).status).toBe(400);
    const published = await h.send('POST', '/reviews', {
      token: editor,
      body: reviewInput({ status: 'published', title: 'A page of its own' }),
    });
    const { slug } = (await json(published)) as { slug: string };
    expect((await t.app.request(`/review/${slug}`)).status).toBe(200);
  });

  it('answers 404 and 405 problems for requests no operation serves', async () => {
    expect((await t.app.request('/nowhere')).status).toBe(404);
    expect((await t.app.request('/content', { method: 'DELETE' })).status).toBe(405);
  });

  it('reached every operation, and every documented response is reached or accounted for', () => {
    const operations = operationsOf(doc).map(([method, path]) => `${method} ${path}`);
    const reached = new Set([...exercisedResponses].map((r) => r.split(' ').slice(0, 2).join(' ')));
    expect(operations.filter((op) => !reached.has(op))).toEqual([]);
    // Each operation's success responses, all of them.
    const documented = operationsOf(doc).flatMap(([method, path, op]) =>
      Object.keys(op.responses).map((status) => `${method} ${path} ${status}`),
    );
    const missing = documented.filter((r) => !exercisedResponses.has(r));
    const unexplained = missing.filter(
      (r) => !(r.split(' ')[2]! in NOT_EXERCISED_BY_STATUS) && !(r in NOT_EXERCISED_RESPONSES),
    );
    expect(unexplained, 'documented responses neither exercised nor explained').toEqual([]);
    // Every error status the document uses is seen at least once here, except the two that need
    // a broken store or a bug.
    const seenStatuses = new Set([...exercisedResponses].map((r) => r.split(' ')[2]));
    for (const status of Object.keys(NOT_EXERCISED_BY_STATUS).filter(
      (s) => !['500', '503'].includes(s),
    )) {
      expect(seenStatuses, status).toContain(status);
    }
  });
});
