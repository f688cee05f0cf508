import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createRoute, Router, type ValidationFailure } from './router.js';

class Refused extends Error {
  constructor(readonly failure: ValidationFailure) {
    super('refused');
  }
}

/** A router whose failures come back as a 400 naming the target and the first issue's path. */
function testRouter(): Router {
  const router = new Router((failure) => {
    throw new Refused(failure);
  });
  router.onError((error, c) =>
    error instanceof Refused
      ? c.json({ target: error.failure.target, path: error.failure.error.issues[0]!.path }, 400)
      : c.text('boom', 500),
  );
  return router;
}

const item = createRoute({
  method: 'put',
  path: '/items/{id}',
  request: {
    params: z.object({ id: z.string().regex(/^\d+$/) }),
    query: z.object({ dry: z.enum(['yes', 'no']).optional() }),
    headers: z.object({ 'If-Match': z.string() }),
    body: {
      required: true,
      content: { 'application/json': { schema: z.strictObject({ name: z.string() }) } },
    },
  },
  responses: { 200: { description: 'ok' } },
});

const note = createRoute({
  method: 'post',
  path: '/notes',
  request: {
    body: {
      required: false,
      content: { 'application/json': { schema: z.object({ text: z.string() }) } },
    },
  },
  responses: { 200: { description: 'ok' } },
});

function itemsRouter(): Router {
  const router = testRouter();
  router.openapi(item, (c) =>
    c.json(
      {
        id: c.req.valid('param').id,
        dry: c.req.valid('query').dry ?? null,
        ifMatch: c.req.valid('header')['If-Match'],
        name: c.req.valid('json').name,
      },
      200,
    ),
  );
  router.openapi(note, (c) => c.json({ body: c.req.valid('json') }, 200));
  return router;
}

const put = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  itemsRouter().request(path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'if-match': '"v1"', ...headers },
    body: JSON.stringify(body),
  });

describe('Router', () => {
  it('hands the handler every validated part, header names matched whatever their case', async () => {
    const res = await put('/items/42?dry=yes', { name: 'X-T5' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: '42', dry: 'yes', ifMatch: '"v1"', name: 'X-T5' });
  });

  it.each([
    ['/items/abc', { name: 'a' }, {}, 'param', ['id']],
    ['/items/1?dry=maybe', { name: 'a' }, {}, 'query', ['dry']],
    ['/items/1', { name: 'a', extra: 1 }, {}, 'json', []],
    ['/items/1', { name: 3 }, {}, 'json', ['name']],
  ] as const)(
    'refuses %s %j through the failure hook (%s)',
    async (path, body, headers, target, at) => {
      const res = await put(path, body, headers);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ target, path: at });
    },
  );

  it('refuses a request without a required header', async () => {
    const res = await itemsRouter().request('/items/1', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"a"}',
    });
    expect(await res.json()).toEqual({ target: 'header', path: ['If-Match'] });
  });

  it('validates an optional body when it is sent, and passes {} when it is not', async () => {
    const none = await itemsRouter().request('/notes', { method: 'POST' });
    expect(await none.json()).toEqual({ body: {} });
    const sent = await itemsRouter().request('/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":1}',
    });
    expect(await sent.json()).toEqual({ target: 'json', path: ['text'] });
  });

  it('records its routes, and a parent takes them under the mount path', () => {
    const parent = testRouter();
    const child = itemsRouter();
    child.registerComponent('securitySchemes', 'apiKey', {
      type: 'apiKey',
      in: 'header',
      name: 'k',
    });
    child.openapi({ ...note, path: '/hidden', hide: true }, (c) => c.json({}, 200));
    parent.route('/v1', child);
    expect(
      parent.records.map((r) =>
        r.type === 'route' ? `${r.route.method} ${r.route.path}` : r.name,
      ),
    ).toEqual(['put /v1/items/{id}', 'post /v1/notes', 'apiKey']);
  });
});
