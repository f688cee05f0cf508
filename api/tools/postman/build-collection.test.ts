import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccountsHarness,
  type AccountsHarness,
  type TestAccount,
} from '../../test/support/accounts.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import {
  buildPostmanCollection,
  FLOW_FOLDER,
  type OpenApiLike,
  type PostmanCollection,
  type PostmanItem,
} from './build-collection.js';

let t: TestApp;
let h: AccountsHarness;
let admin: TestAccount;
let collection: PostmanCollection;

beforeAll(async () => {
  t = await createTestApp();
  h = createAccountsHarness(t);
  admin = await h.createUser('admin');
  const document = (await (await t.app.request('/openapi.json')).json()) as OpenApiLike;
  collection = await buildPostmanCollection(document);
});
afterAll(async () => {
  await t.close();
});

interface Param {
  key: string;
  value: string;
  disabled?: boolean;
}

function requests(items: PostmanItem[]): PostmanItem[] {
  return items.flatMap((item) => [...(item.request ? [item] : []), ...requests(item.item ?? [])]);
}

/** The generated folders (the flow has its own newman test in api/test/e2e/postman.test.ts). */
const generated = () => requests(collection.item.filter((folder) => folder.name !== FLOW_FOLDER));

/** Every value a user would send as it stands: enabled query, header and path values, bodies. */
function sentValues(item: PostmanItem): string[] {
  const request = item.request!;
  const enabled = (params: unknown) =>
    ((params ?? []) as Param[]).filter((p) => !p.disabled).map((p) => p.value);
  const leaves = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(leaves)
        : [];
  return [
    ...enabled(request.url.query),
    ...enabled(request.url.variable),
    ...enabled(request.header),
    ...(request.body?.raw ? leaves(JSON.parse(request.body.raw)) : []),
  ];
}

describe('the Postman collection', () => {
  it('defines every variable it uses', () => {
    const defined = new Set(collection.variable!.map((v) => v.key));
    const used = new Set(
      [...JSON.stringify(collection.item).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!),
    );
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
  });

  it('sends no schema filler: no "string", no "<…>" placeholder', () => {
    const filler = generated().flatMap((item) =>
      sentValues(item)
        .filter((value) => /^(string)+$|^<.*>$/.test(value))
        .map((value) => `${item.name}: ${value}`),
    );
    expect(filler).toEqual([]);
  });

  it('has a valid value in every placeholder: each generated request passes validation as it stands', async () => {
    // Only the secrets nobody can know in advance are filled in; every other variable keeps its
    // default, so unknown ids may be 404 or a stale ETag 412, but nothing may be refused as
    // malformed (400), of the wrong media type (415), or break the server.
    const login = await h.login(admin.email, admin.password);
    const key = await t.services.apiKeys.create({ name: 'postman', scope: ['default'] });
    const values = new Map(collection.variable!.map((v) => [v.key, v.value]));
    values.set('baseUrl', '');
    values.set('adminEmail', admin.email);
    values.set('adminPassword', admin.password);
    values.set('accessToken', login.accessToken);
    values.set('refreshToken', login.refreshToken);
    values.set('apiKey', key.key);
    const fill = (text: string) =>
      text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values.get(name) ?? `{{${name}}}`);

    // Changing the password and logging out end the session: they go last.
    const last = ['Change my password', 'Log out'];
    const items = [...generated()].sort(
      (a, b) => Number(last.includes(a.name)) - Number(last.includes(b.name)),
    );
    const refused: string[] = [];
    for (const item of items) {
      const request = item.request!;
      const vars = new Map(
        ((request.url.variable ?? []) as Param[]).map((v) => [v.key, fill(v.value)]),
      );
      const path = (request.url.path ?? [])
        .map((segment) => (segment.startsWith(':') ? vars.get(segment.slice(1))! : segment))
        .join('/');
      const query = new URLSearchParams(
        ((request.url.query ?? []) as Param[])
          .filter((p) => !p.disabled)
          .map((p): [string, string] => [p.key, fill(p.value)]),
      );
      const headers: Record<string, string> = {};
      for (const header of (request.header ?? []).filter((x) => !x.disabled))
        headers[header.key] = fill(header.value);
      if (request.auth?.type === 'bearer') headers.authorization = `Bearer ${login.accessToken}`;
      if (request.auth?.type === 'apikey') headers['x-api-key'] = key.key;
      const target = `/${path}${query.size > 0 ? `?${query}` : ''}`;
      const res = await h.request(target, {
        method: request.method,
        headers,
        ...(request.body?.raw ? { body: fill(request.body.raw) } : {}),
      });
      if ([400, 415, 422].includes(res.status) || res.status >= 500)
        refused.push(
          `${item.name} (${request.method} ${target}): ${res.status} ${await res.text()}`,
        );
    }
    expect(refused).toEqual([]);
    expect(items.length).toBeGreaterThan(20);
  });
});
