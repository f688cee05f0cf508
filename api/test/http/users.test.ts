import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenPair } from '../../src/services/auth-service.js';
import {
  createAccountsHarness,
  type AccountsHarness,
  type TestAccount,
} from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let h: AccountsHarness;
let admin: TestAccount;
let adminToken: string;
let editor: TestAccount;
let editorToken: string;

beforeEach(async () => {
  t = await createTestApp();
  h = createAccountsHarness(t);
  admin = await h.createUser('admin');
  adminToken = (await h.login(admin.email, admin.password)).accessToken;
  editor = await h.createUser('editor');
  editorToken = (await h.login(editor.email, editor.password)).accessToken;
});
afterEach(async () => {
  await h.assertNoSecretsLeaked();
  await t.close();
});

const PROBLEM = 'https://shutter.dev/problems/';
async function expectProblem(res: Response, status: number, slug: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: PROBLEM + slug, status });
  return body;
}
const asAdmin = (method: string, path: string, body?: unknown) =>
  h.send(method, path, { token: adminToken, ...(body !== undefined ? { body } : {}) });

/** Every admin route, with a body that would be valid for an admin. */
const adminRoutes = (ids: { user: () => string; key: () => string }) =>
  [
    ['GET', '/users', undefined],
    ['POST', '/users', { email: 'new@example.com', name: 'New', role: 'editor' }],
    ['GET', `/users/${ids.user()}`, undefined],
    ['PATCH', `/users/${ids.user()}`, { name: 'Renamed' }],
    ['DELETE', `/users/${ids.user()}`, undefined],
    ['GET', '/api-keys', undefined],
    ['POST', '/api-keys', { name: 'k', scope: ['default'] }],
    ['DELETE', `/api-keys/${ids.key()}`, undefined],
  ] as const;

describe('the role matrix', () => {
  it('refuses an editor on every admin route with 403 and changes nothing', async () => {
    const key = await t.services.apiKeys.create({ name: 'k', scope: 'default' });
    const before = await t.services.users.list({ limit: 100 });
    for (const [method, path, body] of adminRoutes({ user: () => admin.id, key: () => key.id })) {
      const res = await h.send(method, path, { token: editorToken, ...(body ? { body } : {}) });
      const problem = await expectProblem(res, 403, 'forbidden');
      expect(problem.detail, `${method} ${path}`).toBe('This needs the admin role');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    }
    expect(await t.services.users.list({ limit: 100 })).toEqual(before);
    expect((await t.services.apiKeys.list()).map((k) => k.revokedAt)).toEqual([null]);
  });

  it('refuses every admin route without a token with 401', async () => {
    for (const [method, path, body] of adminRoutes({ user: () => admin.id, key: () => 'key_x' })) {
      const res = await h.send(method, path, body ? { body } : {});
      await expectProblem(res, 401, 'unauthenticated');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('gives an editor no way to raise their own role', async () => {
    const res = await h.send('PATCH', `/users/${editor.id}`, {
      token: editorToken,
      body: { role: 'admin' },
    });
    await expectProblem(res, 403, 'forbidden');
    expect((await t.services.users.get(editor.id)).role).toBe('editor');
    // /me has no write route for the role either.
    expect(
      (await h.send('PATCH', '/me', { token: editorToken, body: { role: 'admin' } })).status,
    ).toBe(405);
  });

  it('lets an admin through every admin route', async () => {
    const key = await t.services.apiKeys.create({ name: 'k', scope: 'default' });
    const target = await h.createUser('editor');
    for (const [method, path, body] of adminRoutes({ user: () => target.id, key: () => key.id })) {
      const res = await asAdmin(method, path, body);
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
    }
  });
});

describe('/users', () => {
  it('creates an editor with a one-time password shown once, who can then log in', async () => {
    const res = await asAdmin('POST', '/users', {
      email: 'Bea@Example.com',
      name: '  Bea Souza ',
      role: 'editor',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const created = (await res.json()) as Record<string, string>;
    expect(res.headers.get('location')).toBe(`/users/${created.id}`);
    expect(created).toMatchObject({
      email: 'Bea@Example.com',
      name: 'Bea Souza',
      role: 'editor',
      status: 'active',
      lastLoginAt: null,
    });
    expect(created.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(Object.keys(created).sort()).toEqual(
      [
        'createdAt',
        'email',
        'id',
        'lastLoginAt',
        'name',
        'password',
        'role',
        'status',
        'updatedAt',
      ].sort(),
    );
    const fetched = await asAdmin('GET', `/users/${created.id}`);
    expect(await fetched.json()).not.toHaveProperty('password');
    await h.login('bea@example.com', created.password!);

    const again = await asAdmin('POST', '/users', {
      email: 'BEA@example.com',
      name: 'B',
      role: 'admin',
    });
    await expectProblem(again, 409, 'conflict');
  });

  it.each([
    ['passwordHash', { passwordHash: '$argon2id$v=19$m=1,t=1,p=1$x$y' }],
    ['tokenVersion', { tokenVersion: 0 }],
    ['id', { id: 'usr_chosen' }],
    ['status', { status: 'disabled' }],
    ['createdAt', { createdAt: '2020-01-01T00:00:00.000Z' }],
  ])('refuses a create that names %s (mass assignment) with 400', async (field, extra) => {
    const res = await asAdmin('POST', '/users', {
      email: 'mass@example.com',
      name: 'Mass',
      role: 'editor',
      ...extra,
    });
    const body = await expectProblem(res, 400, 'validation');
    expect(JSON.stringify(body.errors)).toContain(field);
    expect(await t.stores.users.findByEmail('mass@example.com')).toBeUndefined();
  });

  it.each([
    ['passwordHash', { passwordHash: 'x' }],
    ['tokenVersion', { tokenVersion: 99 }],
    ['id', { id: 'usr_other' }],
    ['email', { email: 'other@example.com' }],
    ['lastLoginAt', { lastLoginAt: null }],
  ])('refuses a patch that names %s with 400 and changes nothing', async (field, extra) => {
    const before = await t.stores.users.get(editor.id);
    const res = await asAdmin('PATCH', `/users/${editor.id}`, { name: 'Changed', ...extra });
    const body = await expectProblem(res, 400, 'validation');
    expect(JSON.stringify(body.errors)).toContain(field);
    expect(await t.stores.users.get(editor.id)).toEqual(before);
  });

  it('refuses control characters and bidi overrides in a name, and stores names as NFC', async () => {
    const unsafe = { message: 'must not contain control characters or bidirectional overrides' };
    for (const name of ['Ana \u202Eadmin', 'Ana\u0000', 'Ana\nLima', 'Ana \u2066x\u2069']) {
      const res = await asAdmin('POST', '/users', { email: 'u@example.com', name, role: 'editor' });
      expect((await expectProblem(res, 400, 'validation')).errors).toEqual([
        { field: 'name', ...unsafe },
      ]);
      const patch = await asAdmin('PATCH', `/users/${editor.id}`, { name });
      expect((await expectProblem(patch, 400, 'validation')).errors).toEqual([
        { field: 'name', ...unsafe },
      ]);
    }
    expect(await t.stores.users.findByEmail('u@example.com')).toBeUndefined();
    const renamed = await asAdmin('PATCH', `/users/${editor.id}`, { name: 'Jose\u0301 Lima' });
    expect(((await renamed.json()) as { name: string }).name).toBe('José Lima');
    expect((await t.stores.users.get(editor.id))?.name).toBe('José Lima');
  });

  it('refuses bad values with a field for each', async () => {
    const res = await asAdmin('POST', '/users', { email: 'not-an-email', name: '', role: 'root' });
    const body = await expectProblem(res, 400, 'validation');
    expect((body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'email',
      'name',
      'role',
    ]);
    await expectProblem(await asAdmin('PATCH', `/users/${editor.id}`, {}), 400, 'validation');
    await expectProblem(
      await asAdmin('PATCH', `/users/${editor.id}`, { resetPassword: false }),
      400,
      'validation',
    );
  });

  it('lists users by email, page by page', async () => {
    for (const name of ['carla', 'bruno', 'dario'])
      await h.createUser('editor', `${name}@example.com`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await asAdmin('GET', `/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const page = (await res.json()) as {
        items: Array<{ email: string }>;
        nextCursor: string | null;
      };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toHaveLength(5);
    await expectProblem(await asAdmin('GET', '/users?cursor=%%%'), 400, 'validation');
    await expectProblem(await asAdmin('GET', '/users?limit=0'), 400, 'validation');
  });

  it('answers 404 for an unknown user', async () => {
    await expectProblem(await asAdmin('GET', '/users/usr_nobody'), 404, 'not-found');
    await expectProblem(
      await asAdmin('PATCH', '/users/usr_nobody', { name: 'x' }),
      404,
      'not-found',
    );
    await expectProblem(await asAdmin('DELETE', '/users/usr_nobody'), 404, 'not-found');
  });

  it('renames and promotes; the new role applies on the next request', async () => {
    const res = await asAdmin('PATCH', `/users/${editor.id}`, { name: 'Chief', role: 'admin' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: editor.id, name: 'Chief', role: 'admin' });
    expect((await h.send('GET', '/users', { token: editorToken })).status).toBe(200);
  });

  it('disables a user: their tokens stop at once, and DELETE does the same, idempotently', async () => {
    const pair: TokenPair = await h.login(editor.email, editor.password);
    const res = await asAdmin('PATCH', `/users/${editor.id}`, { status: 'disabled' });
    expect(await res.json()).toMatchObject({ status: 'disabled' });
    await expectProblem(await h.send('GET', '/me', { token: editorToken }), 401, 'unauthenticated');
    await expectProblem(
      await h.send('POST', '/auth/refresh', { body: { refreshToken: pair.refreshToken } }),
      401,
      'unauthenticated',
    );
    await asAdmin('PATCH', `/users/${editor.id}`, { status: 'active' });
    const other = await h.createUser();
    const otherToken = (await h.login(other.email, other.password)).accessToken;
    expect((await asAdmin('DELETE', `/users/${other.id}`)).status).toBe(204);
    expect((await asAdmin('DELETE', `/users/${other.id}`)).status).toBe(204);
    expect(await (await asAdmin('GET', `/users/${other.id}`)).json()).toMatchObject({
      status: 'disabled',
    });
    await expectProblem(await h.send('GET', '/me', { token: otherToken }), 401, 'unauthenticated');
  });

  it('resets a password: a new one-time password, old sessions end, the login lock lifts', async () => {
    for (let i = 0; i < 5; i++) {
      await h.send('POST', '/auth/login', {
        body: { email: editor.email, password: `wrong ${i}` },
      });
    }
    const res = await asAdmin('PATCH', `/users/${editor.id}`, { resetPassword: true });
    expect(res.status).toBe(200);
    const { password } = (await res.json()) as { password: string };
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    await expectProblem(await h.send('GET', '/me', { token: editorToken }), 401, 'unauthenticated');
    const old = await h.send('POST', '/auth/login', {
      body: { email: editor.email, password: editor.password },
    });
    expect(old.status).toBe(401);
    await h.login(editor.email, password);
  });

  it('never lets the last active admin be demoted, disabled or deleted (409)', async () => {
    for (const [method, body] of [
      ['PATCH', { role: 'editor' }],
      ['PATCH', { status: 'disabled' }],
      ['DELETE', undefined],
    ] as const) {
      await expectProblem(await asAdmin(method, `/users/${admin.id}`, body), 409, 'conflict');
    }
    expect(await t.services.users.get(admin.id)).toMatchObject({ role: 'admin', status: 'active' });
    // A disabled admin does not count: promote the editor, then the first admin may step down.
    await asAdmin('PATCH', `/users/${editor.id}`, { role: 'admin' });
    const res = await asAdmin('PATCH', `/users/${admin.id}`, { role: 'editor' });
    expect(res.status).toBe(200);
    await expectProblem(
      await h.send('DELETE', `/users/${editor.id}`, { token: editorToken }),
      409,
      'conflict',
    );
  });

  it('keeps one admin when two admins demote each other at once', async () => {
    // Straight to the service: both requests are past their role check when they race.
    const second = await h.createUser('admin');
    const results = await Promise.allSettled([
      t.services.users.update(second.id, { role: 'editor' }),
      t.services.users.update(admin.id, { role: 'editor' }),
    ]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused)
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/last active admin/);
    expect(await t.stores.users.countActiveAdmins()).toBeGreaterThanOrEqual(1);
  });
});

describe('/api-keys', () => {
  it('creates a key shown once, lists it without secrets, and revokes it', async () => {
    const res = await asAdmin('POST', '/api-keys', {
      name: 'portfolio',
      scope: ['default', 'review-*'],
      rateLimit: { perSecond: 5 },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const created = (await res.json()) as { id: string; key: string; scope: string[] };
    expect(created).toMatchObject({
      name: 'portfolio',
      scope: ['default', 'review-*'],
      rateLimit: { perSecond: 5, burst: 60 },
      revokedAt: null,
    });
    expect(created.key).toMatch(/^shk_/);
    expect(
      (await h.send('POST', '/visits/default', { headers: { 'x-api-key': created.key } })).status,
    ).toBe(200);

    const listed = await asAdmin('GET', '/api-keys');
    const text = await listed.text();
    expect(text).not.toContain(created.key);
    expect(text).not.toContain((await t.stores.apiKeys.get(created.id))!.hash);
    expect(JSON.parse(text)).toMatchObject({
      items: [{ id: created.id, prefix: created.key.slice(0, 10) }],
    });

    expect((await asAdmin('DELETE', `/api-keys/${created.id}`)).status).toBe(204);
    expect((await asAdmin('DELETE', `/api-keys/${created.id}`)).status).toBe(204);
    await expectProblem(
      await h.send('POST', '/visits/default', { headers: { 'x-api-key': created.key } }),
      401,
      'unauthenticated',
    );
    await expectProblem(await asAdmin('DELETE', '/api-keys/key_missing'), 404, 'not-found');
  });

  it('refuses control characters and bidi overrides in a key name, and stores names as NFC', async () => {
    const unsafe = { message: 'must not contain control characters or bidirectional overrides' };
    for (const name of ['portf\u0007olio', 'site\u0000', 'a\nb', 'x \u202Eadmin', 'half \uD800']) {
      const res = await asAdmin('POST', '/api-keys', { name, scope: ['default'] });
      expect((await expectProblem(res, 400, 'validation')).errors).toEqual([
        { field: 'name', ...unsafe },
      ]);
    }
    expect(await t.stores.apiKeys.list()).toEqual([]);
    const res = await asAdmin('POST', '/api-keys', { name: 'Jose\u0301 site', scope: 'default' });
    const created = (await res.json()) as { id: string; name: string };
    expect(created.name).toBe('José site');
    expect((await t.stores.apiKeys.get(created.id))?.name).toBe('José site');
  });

  it('accepts a comma-separated scope and refuses bad ones and server-owned fields', async () => {
    const ok = await asAdmin('POST', '/api-keys', { name: 'csv', scope: 'default, page-*' });
    expect(await ok.json()).toMatchObject({ scope: ['default', 'page-*'] });
    await expectProblem(
      await asAdmin('POST', '/api-keys', { name: 'bad', scope: ['a*b'] }),
      400,
      'validation',
    );
    for (const extra of [{ hash: 'x' }, { id: 'key_mine' }, { revokedAt: null }]) {
      await expectProblem(
        await asAdmin('POST', '/api-keys', { name: 'x', scope: 'default', ...extra }),
        400,
        'validation',
      );
    }
  });
});

describe('the OpenAPI document', () => {
  it('documents the account routes with the bearer scheme and their problem responses', async () => {
    const doc = (await (await h.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { security?: unknown; responses: Record<string, unknown> }>
      >;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const [path, method] of [
      ['/users', 'get'],
      ['/users', 'post'],
      ['/users/{id}', 'patch'],
      ['/users/{id}', 'delete'],
      ['/api-keys', 'post'],
      ['/api-keys/{id}', 'delete'],
      ['/me', 'get'],
      ['/me/password', 'put'],
    ] as const) {
      const operation = doc.paths[path]?.[method];
      expect(operation?.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(operation!.responses)).toContain('401');
    }
    expect(Object.keys(doc.paths['/auth/login']!.post!.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '413',
      '415',
      '429',
      '500',
      '503',
    ]);
  });
});
