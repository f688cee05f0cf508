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

/**
 * The collection's variables. Where a real value cannot be known in advance, the default is a
 * valid one (a well-formed id that simply names nothing yet), so that a request sent before the
 * step that sets it gets a clear 404, never a 400 about the placeholder. The two secrets have no
 * possible default: the flow's first steps stop with a message saying where to get them.
 */
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
  ['reviewId', 'rev_3f9a1c0d5e7b2a64', 'Set by "Create a review"'],
  ['etag', '"v1"', 'Set by every review write: the If-Match of the next one (quoted)'],
  ['slug', 'sony-a7-iv-review', 'Set by "Create a review"; the default is a demo review'],
  ['userId', 'usr_5f0c2a9d41b7e3c8', 'Set by "Create a user"'],
  ['apiKeyId', 'key_3f9a1c0d2b4e6f78', 'Set by "Create an API key"'],
  [
    'newPassword',
    'Pick-your-own-2026-passphrase',
    'For "Change my password": 12+ characters, not a common one; change it before sending',
  ],
  ['visitCount', '0', 'Set by "Count a visit"'],
  ['contentTries', '0', 'Used by "Read it from /content": how often it has asked again'],
] as const;

/** Stops a request whose secret variable is still empty, saying where to get it. */
const requireVariable = (name: string, where: string) => ({
  listen: 'prerequest' as const,
  script: {
    type: 'text/javascript',
    exec: [
      `if (!pm.variables.get('${name}')) throw new Error('Set the collection variable ${name} first: ${where}');`,
    ],
  },
});

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
        event: [
          requireVariable('adminPassword', 'the password npm start printed on its first run'),
          ...script([
            "pm.test('logged in', () => pm.response.to.have.status(200));",
            'const pair = pm.response.json();',
            "pm.test('a bearer token pair', () => pm.expect(pair.tokenType).to.equal('Bearer'));",
            "pm.collectionVariables.set('accessToken', pair.accessToken);",
            "pm.collectionVariables.set('refreshToken', pair.refreshToken);",
          ]),
        ],
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
          // The worker publishes a moment after the write answers: a 404 this early is asked
          // again (up to 5 s) before it counts as a failure.
          "const tries = Number(pm.collectionVariables.get('contentTries') || '0');",
          'if (pm.response.code === 404 && tries < 20) {',
          "  pm.collectionVariables.set('contentTries', String(tries + 1));",
          '  postman.setNextRequest(pm.info.requestName);',
          '  setTimeout(() => {}, 250);',
          '} else {',
          "  pm.collectionVariables.set('contentTries', '0');",
          "  pm.test('public', () => pm.response.to.have.status(200));",
          '  const page = pm.response.json();',
          "  pm.test('the published review, rendered', () => {",
          "    pm.expect(page.slug).to.equal(pm.collectionVariables.get('slug'));",
          "    pm.expect(page.html).to.include('<h2>');",
          '  });',
          "  pm.test('cacheable', () => pm.expect(pm.response.headers.get('Cache-Control')).to.include('public'));",
          '}',
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
        event: [
          requireVariable(
            'apiKey',
            'the key npm start printed on its first run, or npm run --silent keys -- create --name postman --scope default',
          ),
          ...script([
            "pm.test('counted', () => pm.response.to.have.status(200));",
            'const visit = pm.response.json();',
            "pm.test('a total and today', () => {",
            "  pm.expect(visit.id).to.equal('default');",
            '  pm.expect(visit.count).to.be.at.least(1);',
            '  pm.expect(visit.today.count).to.be.at.least(1);',
            '});',
            "pm.collectionVariables.set('visitCount', String(visit.count));",
          ]),
        ],
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

/**
 * Bodies for operations whose document gives no example, where the generator would fill the
 * schema with `"string"` (too short, repeated pros, a refresh token that is none): valid ones,
 * drawing on the flow's variables where the value is the caller's.
 */
const BODIES: Record<string, unknown> = {
  'PUT /reviews/{id}': newReviewExample,
  'POST /auth/refresh': { refreshToken: '{{refreshToken}}' },
  'POST /auth/logout': { refreshToken: '{{refreshToken}}' },
  'PUT /me/password': { currentPassword: '{{adminPassword}}', newPassword: '{{newPassword}}' },
  'PATCH /users/{id}': { name: 'Ana Lima', role: 'editor' },
};

/** What a generated request keeps from its answer, for the requests after it. */
const CAPTURES: Record<string, string[]> = {
  'POST /reviews': [
    'const review = pm.response.json();',
    "pm.collectionVariables.set('reviewId', review.id);",
    "if (review.slug) pm.collectionVariables.set('slug', review.slug);",
    "pm.collectionVariables.set('etag', pm.response.headers.get('ETag'));",
  ],
  'PUT /reviews/{id}': ["pm.collectionVariables.set('etag', pm.response.headers.get('ETag'));"],
  'PATCH /reviews/{id}': ["pm.collectionVariables.set('etag', pm.response.headers.get('ETag'));"],
  'POST /users': ["pm.collectionVariables.set('userId', pm.response.json().id);"],
  'POST /api-keys': ["pm.collectionVariables.set('apiKeyId', pm.response.json().id);"],
  'POST /auth/login': [
    'const pair = pm.response.json();',
    "pm.collectionVariables.set('accessToken', pair.accessToken);",
    "pm.collectionVariables.set('refreshToken', pair.refreshToken);",
  ],
  'POST /auth/refresh': [
    'const pair = pm.response.json();',
    "pm.collectionVariables.set('accessToken', pair.accessToken);",
    "pm.collectionVariables.set('refreshToken', pair.refreshToken);",
  ],
};

/** Path variables by `path segment:name`: the flow's variables, or a valid constant. */
const PATH_VARIABLES: Record<string, string> = {
  'content:slug': '{{slug}}',
  'visits:counterId': 'default',
  'reviews:id': '{{reviewId}}',
  'users:id': '{{userId}}',
  'api-keys:id': '{{apiKeyId}}',
};

/**
 * Operations left out of the collection: the local photo upload is an S3-shaped POST target whose
 * URL and one-time fields come from `POST /reviews/{id}/images`; a request made up in advance could
 * never be valid.
 */
const LEFT_OUT = new Set(['POST /uploads/{reviewId}/{imageId}']);

/** Query values the converter fills with schema filler, by name: valid ones. */
const QUERY_VALUES: Record<string, string> = {
  slugs: 'sony-a7-iv-review,nikon-z6-iii-review',
};

/** The generated requests, made usable: the document's examples and the flow's variables. */
function polish(items: PostmanItem[], document: OpenApiLike): void {
  for (let i = items.length - 1; i >= 0; i--) {
    const request = items[i]!.request;
    if (request && LEFT_OUT.has(`${request.method.toUpperCase()} ${templateOf(request.url.path)}`))
      items.splice(i, 1);
  }
  for (const item of items) {
    if (item.item) polish(item.item, document);
    const request = item.request;
    if (!request) continue;
    const template = templateOf(request.url.path);
    const operationKey = `${request.method.toUpperCase()} ${template}`;
    const operation = document.paths[template]?.[request.method.toLowerCase()];
    const content = operation?.requestBody?.content ?? {};
    const media = content['application/json'] ?? Object.values(content)[0];
    const example =
      media?.example ?? (media?.examples ? Object.values(media.examples)[0]?.value : undefined);
    const body =
      operationKey === 'POST /auth/login'
        ? { email: '{{adminEmail}}', password: '{{adminPassword}}' }
        : (BODIES[operationKey] ?? example);
    if (body !== undefined && request.body) request.body.raw = JSON.stringify(body, null, 2);
    const capture = CAPTURES[operationKey];
    if (capture)
      item.event = [
        ...(item.event ?? []),
        ...script(['if (pm.response.code < 300) {', ...capture.map((line) => `  ${line}`), '}']),
      ];
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
      const value = PATH_VARIABLES[`${request.url.path?.[0]}:${variable.key}`];
      if (value !== undefined) variable.value = value;
    }
    for (const header of request.header ?? []) {
      const name = header.key.toLowerCase();
      if (name === 'if-match') header.value = '{{etag}}';
      if (name === 'x-api-key') header.value = '{{apiKey}}';
    }
    // A cursor comes from the previous page's nextCursor; no made-up one is valid.
    for (const param of (request.url.query ?? []) as Array<{
      key: string;
      value: string;
      disabled?: boolean;
    }>) {
      if (param.key === 'cursor') Object.assign(param, { value: '', disabled: true });
      else if (param.key in QUERY_VALUES) param.value = QUERY_VALUES[param.key]!;
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
