import { decodeJwt } from 'jose';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { createLambdaHandler } from '../../src/lambda/create-lambda-handler.js';
import { accountsFunction } from '../../src/lambda/accounts.js';
import { createServices, type Stores } from '../../src/services/create-services.js';
import {
  httpApiEvent,
  lambdaContext,
  restApiEvent,
  resultHeaders,
  type EventInput,
  type LambdaProxyResult,
} from '../support/api-gateway-events.js';
import { createTestClock } from '../support/clock.js';
import { createCapturingLogger } from '../support/silent-logger.js';

// What the client's URL holds before the app's paths: the builders send what an execute-api URL
// gives, so REST shows its stage (`dev`); the HTTP API builder uses `$default`, served at the root.
const formats = [
  { name: 'REST API (v1)', event: restApiEvent, stagePrefix: '/dev' },
  { name: 'HTTP API (v2)', event: httpApiEvent, stagePrefix: '' },
] as const;

describe.each(formats)('accounts Lambda, $name events', ({ event, stagePrefix }) => {
  let stores: Stores;
  let invoke: (
    request: EventInput,
  ) => Promise<LambdaProxyResult & { json: <T = Record<string, unknown>>() => T }>;
  let admin: { email: string; password: string };
  let editor: { email: string; password: string };
  const bodies: string[] = [];

  beforeEach(async () => {
    stores = createMemoryStores();
    const clock = createTestClock();
    const users = createServices(stores, clock).users;
    admin = await users
      .create({ email: 'admin@example.com', name: 'Admin', role: 'admin' })
      .then(({ user, password }) => ({ email: user.email, password }));
    editor = await users
      .create({ email: 'ed@example.com', name: 'Ed', role: 'editor' })
      .then(({ user, password }) => ({ email: user.email, password }));
    const handler = createLambdaHandler(accountsFunction, {
      openStores: async () => stores,
      env: { SHUTTER_STAGE: 'dev', LOG_LEVEL: 'silent' },
      clock,
      logger: createCapturingLogger(),
    });
    invoke = async (request) => {
      const result = (await handler(
        event(request) as never,
        lambdaContext() as never,
      )) as LambdaProxyResult;
      bodies.push(result.body);
      return { ...result, json: <T>() => JSON.parse(result.body) as T };
    };
  });

  // No response, in any test, may carry a password hash or the hash of a refresh token.
  afterEach(async () => {
    const secrets = ['$argon2'];
    for (const email of [admin.email, editor.email]) {
      secrets.push((await stores.users.findByEmail(email))!.passwordHash);
    }
    for (const body of bodies) {
      for (const token of body.match(/shr_[A-Za-z0-9_-]+/g) ?? []) {
        secrets.push(createHash('sha256').update(token).digest('hex'));
      }
    }
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) for (const secret of secrets) expect(body).not.toContain(secret);
    bodies.length = 0;
  });

  const login = async (who: { email: string; password: string }, sourceIp = '203.0.113.7') => {
    const res = await invoke({ method: 'POST', path: '/auth/login', body: who, sourceIp });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ accessToken: string; refreshToken: string }>();
  };

  it('logs in and serves /me with the stage in the token audience', async () => {
    const res = await invoke({ method: 'POST', path: '/auth/login', body: admin });
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(false);
    expect(resultHeaders(res)['content-type']).toBe('application/json');
    expect(resultHeaders(res)['cache-control']).toBe('no-store');
    const pair = res.json<{ accessToken: string }>();
    expect(decodeJwt(pair.accessToken)).toMatchObject({ iss: 'shutter', aud: 'shutter-api:dev' });

    const me = await invoke({
      method: 'GET',
      path: '/me',
      headers: { authorization: `Bearer ${pair.accessToken}` },
    });
    expect(me.statusCode).toBe(200);
    expect(resultHeaders(me)['cache-control']).toBe('private, no-store');
    expect(me.json()).toMatchObject({ email: 'admin@example.com', role: 'admin' });
    expect(resultHeaders(me)['x-request-id']).toMatch(/^(c6af9ac6-|JKJaXmPLvHcESHA=)/);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrong = await invoke({
      method: 'POST',
      path: '/auth/login',
      body: { email: editor.email, password: 'wrong password' },
      headers: { 'x-request-id': 'fixed' },
    });
    const unknown = await invoke({
      method: 'POST',
      path: '/auth/login',
      body: { email: 'nobody@example.com', password: 'wrong password' },
      headers: { 'x-request-id': 'fixed' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(resultHeaders(wrong)['content-type']).toBe('application/problem+json');
    expect(resultHeaders(wrong)['www-authenticate']).toMatch(/^Bearer/);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
  });

  it('limits logins per source address taken from the request context', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await invoke({
        method: 'POST',
        path: '/auth/login',
        body: { email: `x${i}@example.com`, password: 'wrong password' },
        sourceIp: '198.51.100.50',
      });
      expect(res.statusCode).toBe(401);
    }
    const limited = await invoke({
      method: 'POST',
      path: '/auth/login',
      body: { email: 'y@example.com', password: 'wrong password' },
      sourceIp: '198.51.100.50',
    });
    expect(limited.statusCode).toBe(429);
    expect(Number(resultHeaders(limited)['retry-after'])).toBeGreaterThanOrEqual(1);
    await login(editor, '198.51.100.51');
  });

  it('rotates refresh tokens and detects reuse', async () => {
    const first = await login(editor);
    const rotated = await invoke({
      method: 'POST',
      path: '/auth/refresh',
      body: { refreshToken: first.refreshToken },
    });
    expect(rotated.statusCode).toBe(200);
    const second = rotated.json<{ refreshToken: string }>();
    const reuse = await invoke({
      method: 'POST',
      path: '/auth/refresh',
      body: { refreshToken: first.refreshToken },
    });
    expect(reuse.statusCode).toBe(401);
    const newest = await invoke({
      method: 'POST',
      path: '/auth/refresh',
      body: { refreshToken: second.refreshToken },
    });
    expect(newest.statusCode).toBe(401);
  });

  it('serves the admin routes to admins only', async () => {
    const adminToken = (await login(admin)).accessToken;
    const editorToken = (await login(editor)).accessToken;

    const list = await invoke({
      method: 'GET',
      path: '/users',
      query: { limit: '1' },
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);
    expect(list.json().nextCursor).toEqual(expect.any(String));

    const created = await invoke({
      method: 'POST',
      path: '/users',
      body: { email: 'new@example.com', name: 'New', role: 'editor' },
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(created.statusCode).toBe(201);
    const newUser = created.json<{ id: string; password: string }>();
    expect(resultHeaders(created)['location']).toBe(`${stagePrefix}/users/${newUser.id}`);
    expect(newUser.password).toEqual(expect.any(String));

    const patched = await invoke({
      method: 'PATCH',
      path: `/users/${newUser.id}`,
      resource: '/users/{id}',
      pathParameters: { id: newUser.id },
      body: { role: 'admin' },
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().role).toBe('admin');

    const key = await invoke({
      method: 'POST',
      path: '/api-keys',
      body: { name: 'site', scope: 'default' },
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(key.statusCode).toBe(201);
    expect(key.json<{ key: string }>().key).toMatch(/^shk_/);

    const forbidden = await invoke({
      method: 'GET',
      path: '/api-keys',
      headers: { authorization: `Bearer ${editorToken}` },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(resultHeaders(forbidden)['cache-control']).toBe('private, no-store');

    const anonymous = await invoke({
      method: 'DELETE',
      path: '/users/usr_x',
      resource: '/users/{id}',
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it("serves the admin console's counter routes, and /jobs as the 404 that names the DLQ", async () => {
    const adminToken = (await login(admin)).accessToken;
    const editorToken = (await login(editor)).accessToken;
    const auth = { authorization: `Bearer ${adminToken}` };
    await createServices(stores, createTestClock()).counters.recordVisit('default', {
      ip: '203.0.113.9',
      userAgent: 'test',
    });

    const read = await invoke({ method: 'GET', path: '/counters/default', headers: auth });
    expect(read.statusCode, read.body).toBe(200);
    expect(resultHeaders(read)['cache-control']).toBe('private, no-store');
    expect(read.json()).toMatchObject({ id: 'default', count: 1, public: false });
    expect(read.json<{ daily: unknown[] }>().daily.length).toBeGreaterThan(0);

    const put = await invoke({
      method: 'PUT',
      path: '/counters/default/public',
      body: { public: true },
      headers: auth,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ id: 'default', public: true });
    expect(await stores.counterSettings.isPublic('default')).toBe(true);

    const forbidden = await invoke({
      method: 'PUT',
      path: '/counters/default/public',
      body: { public: false },
      headers: { authorization: `Bearer ${editorToken}` },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(await stores.counterSettings.isPublic('default')).toBe(true);

    // The queue is SQS on AWS: the app cannot read it, and says where its dead letters are.
    for (const [method, path] of [
      ['GET', '/jobs'],
      ['POST', '/jobs/index:rebuild/retry'],
    ] as const) {
      const jobs = await invoke({ method, path, headers: auth });
      expect(jobs.statusCode, path).toBe(404);
      expect(resultHeaders(jobs)['content-type']).toBe('application/problem+json');
      expect(jobs.json<{ detail: string }>().detail).toMatch(/dead-letter queue/);
    }
    const anonymous = await invoke({ method: 'GET', path: '/jobs' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('serves only its own controllers', async () => {
    const res = await invoke({ method: 'POST', path: '/visits/default' });
    expect(res.statusCode).toBe(404);
    expect(resultHeaders(res)['content-type']).toBe('application/problem+json');
  });
});
