import { convert } from 'openapi-to-postmanv2';
import { newReviewExample } from '../../src/http/schemas/examples.js';

/** A Postman collection (format v2.1), as much of it as this generator touches. */
export interface PostmanCollection {
  info: { name: string; description?: unknown; schema: string; [key: string]: unknown };
  item: PostmanItem[];
  variable?: Array<{ key: string; value: string; type?: string; description?: string }>;
  [key: string]: unknown;
}
export interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: PostmanRequest;
  event?: Array<{ listen: 'test' | 'prerequest'; script: { type: string; exec: string[] } }>;
  [key: string]: unknown;
}
interface PostmanRequest {
  method: string;
  url: {
    raw?: string;
    host?: string[];
    path?: string[];
    variable?: Array<{ key: string; value: string }>;
  } & Record<string, unknown>;
  header?: Array<{ key: string; value: string; disabled?: boolean }>;
  body?: { mode: 'raw'; raw: string; options?: unknown };
  auth?: { type: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface OpenApiLike {
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: {
          content: Record<
            string,
            { example?: unknown; examples?: Record<string, { value: unknown }> }
          >;
        };
      }
    >
  >;
}

/** The name of the folder that walks the main flow, with its tests; newman runs it in CI. */
export const FLOW_FOLDER = 'Flow: publish a review, read it, count a visit';

const VARIABLES = [
  ['baseUrl', 'http://localhost:3000', 'The server; on AWS the stage URL, e.g. https://…/pro'],
  ['adminEmail', 'admin@shutter.local', 'An editor or admin account'],
  ['adminPassword', '', 'Its password (printed once on the first npm start)'],
  [
    'apiKey',
    '',
    'A visitor-counter key: npm run --silent keys -- create --name postman --scope default',
  ],
  ['accessToken', '', 'Set by "Log in"'],
  ['refreshToken', '', 'Set by "Log in"'],
  ['reviewId', '', 'Set by "Create a review"'],
  ['etag', '', 'Set by every review write: the If-Match of the next one'],
  ['slug', '', 'Set by "Create a review"'],
  ['visitCount', '', 'Set by "Count a visit"'],
] as const;

function promisedConvert(document: unknown): Promise<PostmanCollection> {
  return new Promise((resolve, reject) => {
    convert(
      { type: 'json', data: document as never },
      {
        folderStrategy: 'Tags',
        requestParametersResolution: 'Example',
        exampleParametersResolution: 'Example',
        includeAuthInfoInExample: false,
      },
      (error, result) => {
        if (error) return reject(error);
        const data = result?.result ? result.output?.[0]?.data : undefined;
        if (!data) return reject(new Error(`conversion failed: ${result?.reason}`));
        resolve(data as unknown as PostmanCollection);
      },
    );
  });
}

const script = (lines: string[]) => [
  { listen: 'test' as const, script: { type: 'text/javascript', exec: lines } },
];
const bearer = {
  type: 'bearer',
  bearer: [{ key: 'token', value: '{{accessToken}}', type: 'string' }],
};
const noAuth = { type: 'noauth' };
const jsonHeader = (type = 'application/json') => [{ key: 'Content-Type', value: type }];

function url(path: string) {
  return {
    raw: `{{baseUrl}}${path}`,
    host: ['{{baseUrl}}'],
    path: path.split('/').filter(Boolean),
  };
}

/** The main flow as Postman and Insomnia users meet it: each step keeps what the next needs. */
function flowFolder(): PostmanItem {
  return {
    name: FLOW_FOLDER,
    description:
      'Run this folder in order (Collection Runner, or `newman run … --folder`). Set adminPassword and apiKey first; the steps set accessToken, reviewId, etag and slug.',
    item: [
      {
        name: 'Log in',
        request: {
          method: 'POST',
          url: url('/auth/login'),
          header: jsonHeader(),
          auth: noAuth,
          body: {
            mode: 'raw',
            raw: JSON.stringify(
              { email: '{{adminEmail}}', password: '{{adminPassword}}' },
              null,
              2,
            ),
          },
        },
        event: script([
          "pm.test('logged in', () => pm.response.to.have.status(200));",
          'const pair = pm.response.json();',
          "pm.test('a bearer token pair', () => pm.expect(pair.tokenType).to.equal('Bearer'));",
          "pm.collectionVariables.set('accessToken', pair.accessToken);",
          "pm.collectionVariables.set('refreshToken', pair.refreshToken);",
        ]),
      },
      {
        name: 'Create a review (draft)',
        request: {
          method: 'POST',
          url: url('/reviews'),
          header: jsonHeader(),
          auth: bearer,
          body: { mode: 'raw', raw: JSON.stringify(newReviewExample, null, 2) },
        },
        event: script([
          "pm.test('created', () => pm.response.to.have.status(201));",
          'const review = pm.response.json();',
          "pm.test('a draft at Location', () => {",
          "  pm.expect(review.status).to.equal('draft');",
          "  pm.expect(pm.response.headers.get('Location')).to.equal('/reviews/' + review.id);",
          '});',
          "pm.collectionVariables.set('reviewId', review.id);",
          "pm.collectionVariables.set('slug', review.slug);",
          "pm.collectionVariables.set('etag', pm.response.headers.get('ETag'));",
        ]),
      },
      {
        name: 'Publish it (If-Match)',
        request: {
          method: 'PATCH',
          url: url('/reviews/{{reviewId}}'),
          header: [
            ...jsonHeader('application/merge-patch+json'),
            { key: 'If-Match', value: '{{etag}}' },
          ],
          auth: bearer,
          body: { mode: 'raw', raw: JSON.stringify({ status: 'published' }, null, 2) },
        },
        event: script([
          "pm.test('published', () => {",
          '  pm.response.to.have.status(200);',
          "  pm.expect(pm.response.json().status).to.equal('published');",
          '});',
          "pm.test('a new version', () => pm.expect(pm.response.headers.get('ETag')).to.not.equal(pm.collectionVariables.get('etag')));",
          "pm.collectionVariables.set('etag', pm.response.headers.get('ETag'));",
        ]),
      },
      {
        name: 'Read it from /content (public)',
        request: { method: 'GET', url: url('/content/{{slug}}'), auth: noAuth },
        event: script([
          "pm.test('public', () => pm.response.to.have.status(200));",
          'const page = pm.response.json();',
          "pm.test('the published review, rendered', () => {",
          "  pm.expect(page.slug).to.equal(pm.collectionVariables.get('slug'));",
          "  pm.expect(page.html).to.include('<h2>');",
          '});',
          "pm.test('cacheable', () => pm.expect(pm.response.headers.get('Cache-Control')).to.include('public'));",
        ]),
      },
      {
        name: 'Count a visit',
        request: {
          method: 'POST',
          url: url('/visits/default'),
          header: [{ key: 'x-api-key', value: '{{apiKey}}' }],
          auth: noAuth,
        },
        event: script([
          "pm.test('counted', () => pm.response.to.have.status(200));",
          'const visit = pm.response.json();',
          "pm.test('a total and today', () => {",
          "  pm.expect(visit.id).to.equal('default');",
          '  pm.expect(visit.count).to.be.at.least(1);',
          '  pm.expect(visit.today.count).to.be.at.least(1);',
          '});',
          "pm.collectionVariables.set('visitCount', String(visit.count));",
        ]),
      },
      {
        name: 'Read the counter without counting',
        request: {
          method: 'GET',
          url: url('/visits/default'),
          header: [{ key: 'x-api-key', value: '{{apiKey}}' }],
          auth: noAuth,
        },
        event: script([
          "pm.test('read', () => pm.response.to.have.status(200));",
          "pm.test('not counted again', () => pm.expect(String(pm.response.json().count)).to.equal(pm.collectionVariables.get('visitCount')));",
        ]),
      },
    ],
  };
}

/** `['reviews', ':id']` → `/reviews/{id}`. */
const templateOf = (path: string[] = []) =>
  '/' + path.map((p) => (p.startsWith(':') ? `{${p.slice(1)}}` : p)).join('/');

/** The generated requests, made usable: the document's examples and the flow's variables. */
function polish(items: PostmanItem[], document: OpenApiLike): void {
  for (const item of items) {
    if (item.item) polish(item.item, document);
    const request = item.request;
    if (!request) continue;
    const operation = document.paths[templateOf(request.url.path)]?.[request.method.toLowerCase()];
    const content = operation?.requestBody?.content ?? {};
    const media = content['application/json'] ?? Object.values(content)[0];
    const example =
      media?.example ?? (media?.examples ? Object.values(media.examples)[0]?.value : undefined);
    if (example !== undefined && request.body) {
      request.body.raw = JSON.stringify(
        request.url.path?.[0] === 'auth' && request.url.path[1] === 'login'
          ? { email: '{{adminEmail}}', password: '{{adminPassword}}' }
          : example,
        null,
        2,
      );
    }
    if (request.auth?.type === 'bearer') request.auth = bearer;
    if (request.auth?.type === 'apikey') {
      request.auth = {
        type: 'apikey',
        apikey: [
          { key: 'key', value: 'x-api-key', type: 'string' },
          { key: 'value', value: '{{apiKey}}', type: 'string' },
          { key: 'in', value: 'header', type: 'string' },
        ],
      };
    }
    for (const variable of request.url.variable ?? []) {
      if (variable.key === 'slug') variable.value = '{{slug}}';
      if (variable.key === 'counterId') variable.value = 'default';
      if (variable.key === 'id' && request.url.path?.[0] === 'reviews')
        variable.value = '{{reviewId}}';
    }
    for (const header of request.header ?? []) {
      if (header.key.toLowerCase() === 'if-match') header.value = '{{etag}}';
    }
  }
}

/**
 * The Postman collection of the API: one folder per tag, generated from the OpenAPI document by
 * openapi-to-postmanv2 with the document's examples as bodies, plus a first folder that walks
 * the main flow with tests and chains what each step returns into collection variables.
 */
export async function buildPostmanCollection(document: OpenApiLike): Promise<PostmanCollection> {
  const collection = await promisedConvert(document);
  polish(collection.item, document);
  collection.info.name = `${document.info.title} ${document.info.version}`;
  collection.item.unshift(flowFolder());
  collection.variable = VARIABLES.map(([key, value, description]) => ({
    key,
    value,
    type: 'string',
    description,
  }));
  return collection;
}
