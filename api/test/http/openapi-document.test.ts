import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { standardProblemStatuses } from '../../src/http/openapi/standard-problems.js';
import {
  closeObjectSchemas,
  createResponseValidator,
  loadOpenApiDocument,
  operationsOf,
  UNDOCUMENTED_ROUTES,
  type OpenApiDocument,
} from '../support/openapi-contract.js';
import { createTestApp } from '../support/test-app.js';

/** The tag of the reader pages (routes/pages.ts), whose not-found answer is an HTML page. */
const READER_TAG = 'Reader site';

let doc: OpenApiDocument;
beforeAll(async () => {
  doc = await loadOpenApiDocument();
});

describe('the OpenAPI document', () => {
  it('is served at /openapi.json and is valid OpenAPI 3.1', async () => {
    const t = await createTestApp();
    const res = await t.app.request('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const served = (await res.json()) as OpenApiDocument;
    expect(served).toEqual(doc);
    await t.close();

    const validator = new Validator();
    const result = await validator.validate(
      structuredClone(doc) as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.openapi).toBe('3.1.0');
  });

  it('has a bearer scheme and an x-api-key scheme, and every protected operation names the right one', () => {
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }),
    });
    const expected = (path: string): string | undefined => {
      if (path.startsWith('/visits/') && !path.includes('/badge.')) return 'apiKey';
      if (/^\/(reviews|me|users|api-keys|counters|jobs)(\/|$)/.test(path)) return 'bearerAuth';
      return undefined; // /content, /auth, /health, /openapi.json, /docs: public
    };
    for (const [method, path, op] of operationsOf(doc)) {
      const scheme = expected(path);
      expect(op.security, `${method} ${path}`).toEqual(scheme ? [{ [scheme]: [] }] : undefined);
    }
  });

  it('documents the problem responses every operation can give', () => {
    const throttled = ['POST /visits/{counterId}', 'GET /visits/{counterId}', 'POST /auth/login'];
    const adminOnly = /^\/(users|api-keys|counters|jobs)(\/|$)/;
    for (const [method, path, op] of operationsOf(doc)) {
      const name = `${method} ${path}`;
      const statuses = Object.keys(op.responses).map(Number);
      const required = standardProblemStatuses(method, path, op);
      if (throttled.includes(name)) required.push(429);
      const keyed = path.startsWith('/visits/') && !path.includes('/badge.');
      if (adminOnly.test(path) || keyed) required.push(403);
      // Review writes need If-Match; a review's photos and preview links are records of their
      // own, and rendering a preview of unsaved Markdown writes nothing: none carries one.
      if (
        method !== 'GET' &&
        path.startsWith('/reviews/') &&
        !path.includes('/images') &&
        !path.endsWith('/preview') &&
        !path.endsWith('/render')
      )
        required.push(412, 428);
      expect(statuses, name).toEqual(expect.arrayContaining(required));
      expect(
        statuses.some((s) => s >= 200 && s < 300),
        `${name} has a success`,
      ).toBe(true);
      for (const status of statuses.filter((s) => s >= 400)) {
        // A reader page that does not exist is a page too: its 404 is HTML for the reader.
        // (The sitemap, feed and assets are files, whose 404 stays a problem.)
        const content = op.responses[status]!.content ?? {};
        if (status === 404 && op.tags?.includes(READER_TAG) && 'text/html' in content) {
          expect(Object.keys(content), `${name} 404`).toEqual(['text/html']);
          continue;
        }
        expect(op.responses[status]!.content, `${name} ${status}`).toEqual({
          'application/problem+json': expect.objectContaining({
            schema: { $ref: '#/components/schemas/Problem' },
          }),
        });
      }
    }
    // The rule by its parts, on operations picked for each.
    expect(doc.paths['/content/cameras']!.get!.responses).not.toHaveProperty('400');
    expect(doc.paths['/openapi.json']!.get!.responses).not.toHaveProperty('503');
    // Health reaches no store through a route, but says when the stores are gone.
    expect(doc.paths['/health']!.get!.responses).toHaveProperty('503');
    expect(doc.paths['/reviews']!.post!.responses).toHaveProperty('415');
    expect(doc.paths['/reviews/{id}']!.delete!.responses).toHaveProperty('413');
    expect(doc.paths['/reviews/{id}']!.delete!.responses).not.toHaveProperty('415');
  });

  it('has request and response examples for the main operations, each valid for its schema', () => {
    const closed = closeObjectSchemas(doc);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(closed, 'openapi.json');
    const examples: Array<[name: string, pointer: string, example: unknown]> = [];
    const pointer = (...parts: string[]) =>
      parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
    for (const [method, path, op] of operationsOf(closed)) {
      const m = method.toLowerCase();
      const media = [
        ...Object.entries(op.requestBody?.content ?? {}).map(
          ([type, value]) =>
            [
              `request ${type}`,
              pointer('paths', path, m, 'requestBody', 'content', type),
              value,
            ] as const,
        ),
        ...Object.entries(op.responses).flatMap(([status, r]) =>
          Object.entries(r.content ?? {}).map(
            ([type, value]) =>
              [
                `${status} ${type}`,
                pointer('paths', path, m, 'responses', status, 'content', type),
                value,
              ] as const,
          ),
        ),
      ];
      for (const [where, at, value] of media) {
        if (value.example !== undefined) {
          examples.push([`${method} ${path} ${where}`, at, value.example]);
        }
        for (const [name, e] of Object.entries(value.examples ?? {})) {
          examples.push([`${method} ${path} ${where} (${name})`, at, e.value]);
        }
      }
    }
    const names = examples.map(([name]) => name);
    for (const main of [
      'POST /auth/login request application/json',
      'POST /auth/login 200 application/json',
      'POST /reviews request application/json',
      'POST /reviews 201 application/json',
      'PATCH /reviews/{id} request application/merge-patch+json (publish)',
      'GET /content 200 application/json',
      'GET /content/{slug} 200 application/json',
      'POST /visits/{counterId} 200 application/json',
      'POST /api-keys request application/json',
      'POST /users 201 application/json',
      'GET /content/{slug} 404 application/problem+json',
    ]) {
      expect(names).toContain(main);
    }
    for (const [name, at, example] of examples) {
      const validate = ajv.compile({ $ref: `openapi.json#/${at}/schema` });
      expect(validate(example), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });
});

describe('route coverage', () => {
  it('describes every route the app serves, and serves every route it describes', async () => {
    const t = await createTestApp();
    const served = new Set(
      t.app.routes
        .filter((r) => r.method !== 'ALL') // middleware
        .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, '{$1}')}`),
    );
    await t.close();
    const documented = new Set(operationsOf(doc).map(([method, path]) => `${method} ${path}`));
    const undocumented = [...served].filter(
      (route) => !documented.has(route) && !(route in UNDOCUMENTED_ROUTES),
    );
    const unserved = [...documented].filter((route) => !served.has(route));
    expect(undocumented, 'routes missing from the document').toEqual([]);
    expect(unserved, 'documented operations no route serves').toEqual([]);
    // The allow-list holds only routes that exist.
    for (const route of Object.keys(UNDOCUMENTED_ROUTES)) expect(served).toContain(route);
    expect(served.size).toBe(documented.size + Object.keys(UNDOCUMENTED_ROUTES).length);
  });
});

describe('the response check the HTTP suites run', () => {
  const record = (
    overrides: Partial<Parameters<ReturnType<typeof createResponseValidator>['check']>[0]>,
  ) => ({
    method: 'POST',
    path: '/visits/default',
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({
      id: 'default',
      count: 3,
      today: { date: '2026-11-21', count: 1, uniqueVisitors: 1 },
      counted: true,
    }),
    ...overrides,
  });

  it('accepts a conforming response and names the operation', () => {
    const check = createResponseValidator(doc).check(record({}));
    expect(check).toEqual({
      operation: { method: 'POST', path: '/visits/{counterId}' },
      problems: [],
    });
  });

  it('refuses a wrong type, a missing field and an undocumented field', () => {
    const { check } = createResponseValidator(doc);
    const body = (value: object) => record({ body: JSON.stringify(value) });
    const today = { date: '2026-11-21', count: 1, uniqueVisitors: 1 };
    expect(check(body({ id: 'default', count: '3', today, counted: true })).problems).toHaveLength(
      1,
    );
    expect(check(body({ id: 'default', today, counted: true })).problems).toHaveLength(1);
    expect(
      check(body({ id: 'default', count: 3, today, counted: true, ip: '203.0.113.9' })).problems[0],
    ).toMatch(/unevaluated/);
    // Closed through allOf too (zod's .extend()): Counter is CounterTotals plus daily.
    const counter = { id: 'default', count: 3, today, daily: [] };
    expect(check(record({ method: 'GET', body: JSON.stringify(counter) })).problems).toEqual([]);
    expect(
      check(record({ method: 'GET', body: JSON.stringify({ ...counter, secret: 'x' }) })).problems,
    ).toHaveLength(1);
  });

  it('refuses an undocumented status, media type or route', () => {
    const { check } = createResponseValidator(doc);
    expect(check(record({ status: 418 })).problems[0]).toMatch(/status not documented/);
    expect(check(record({ contentType: 'text/plain' })).problems[0]).toMatch(/media type/);
    expect(check(record({ path: '/nowhere', status: 200 })).problems[0]).toMatch(
      /no documented operation/,
    );
    const problem = JSON.stringify({ type: 'x', title: 'Not found', status: 404, detail: 'd' });
    expect(
      check(
        record({
          path: '/nowhere',
          status: 404,
          contentType: 'application/problem+json',
          body: problem,
        }),
      ).problems,
    ).toEqual([]);
  });
});
