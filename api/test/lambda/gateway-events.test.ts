import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import type { Review } from '../../src/domain/review.js';
import { contentFunction } from '../../src/lambda/content.js';
import { createLambdaHandler } from '../../src/lambda/create-lambda-handler.js';
import { reviewsFunction } from '../../src/lambda/reviews.js';
import { createInProcessContentWorker } from '../../src/services/content-pipeline/in-process-worker.js';
import { createServices, type Stores } from '../../src/services/create-services.js';
import {
  httpApiEvent,
  lambdaContext,
  restApiEvent,
  resultHeaders,
  type EventInput,
  type LambdaProxyResult,
} from '../support/api-gateway-events.js';
import {
  httpApiNoAuthorizerSampleEvent,
  httpApiSampleEvent,
  restSampleEvent,
  retargetHttpApi,
  retargetRest,
} from '../support/aws-sample-events.js';
import { createTestClock } from '../support/clock.js';
import { EDITOR_A, testUsers } from '../support/fixed-token-resolver.js';
import { reviewInput } from '../support/review-fixtures.js';
import { createCapturingLogger, type CapturingLogger } from '../support/silent-logger.js';

/**
 * Events in every shape API Gateway sends them, through the real handler: the samples AWS
 * publishes, bodies on GET and HEAD, base64 bodies, multi-value headers, cookies, stage and
 * base-path prefixes, and events the adapter cannot read at all.
 */

let stores: Stores;
let published: Review;
let logger: CapturingLogger;

beforeEach(async () => {
  stores = createMemoryStores();
  const clock = createTestClock();
  published = await createServices(stores, clock).reviews.create(
    EDITOR_A,
    reviewInput({ status: 'published' }),
  );
  await createInProcessContentWorker(stores, clock, createCapturingLogger(), undefined, {
    indexDelayMs: 0,
  }).drain();
  logger = createCapturingLogger();
});

const CONSOLE = 'https://console.example';

function handlerFor(fn: 'content' | 'reviews', env: Record<string, string> = {}) {
  const common = {
    openStores: async () => stores,
    env: { LOG_LEVEL: 'silent', SHUTTER_STAGE: 'pro', SHUTTER_CONSOLE_ORIGINS: CONSOLE, ...env },
    logger,
  };
  const handler =
    fn === 'content'
      ? createLambdaHandler(contentFunction, common)
      : createLambdaHandler(reviewsFunction, {
          ...common,
          services: (s) => ({ ...s, currentUser: testUsers }),
        });
  return async (event: unknown) =>
    (await handler(
      event as never,
      lambdaContext(`shutter-${fn}`, 'pro') as never,
    )) as unknown as LambdaProxyResult;
}

const headers = (res: LambdaProxyResult) => resultHeaders(res);
const listed = (res: LambdaProxyResult) =>
  (JSON.parse(res.body) as { items: Array<{ slug: string }> }).items.map((i) => i.slug);

describe('the samples AWS publishes', () => {
  it.each([
    ['apigw-v2-request.json', () => httpApiSampleEvent()],
    ['apigw-v2-request-jwt-authorizer.json', () => httpApiSampleEvent('jwt')],
    ['apigw-v2-request-iam.json', () => httpApiSampleEvent('iam')],
    ['apigw-v2-request-lambda-authorizer.json', () => httpApiSampleEvent('lambda')],
  ])('%s (a GET with a body, cookies) is served as if it had no body', async (_name, sample) => {
    const event = retargetHttpApi(sample(), { rawPath: '/content' });
    expect(event.body).toBeTruthy();
    const res = await handlerFor('content')(event);
    expect(res.statusCode, res.body).toBe(200);
    expect(listed(res)).toEqual([published.slug]);
  });

  it('apigw-v2-request-no-authorizer.json (content-length 0, no body) is served', async () => {
    const event = retargetHttpApi(httpApiNoAuthorizerSampleEvent(), { rawPath: '/content' });
    const res = await handlerFor('content')(event);
    expect(res.statusCode, res.body).toBe(200);
    expect(listed(res)).toEqual([published.slug]);
  });

  it('apigw-request.json through `/{proxy+}`, as a GET with its body and as the POST it is', async () => {
    const get = retargetRest(restSampleEvent(), {
      method: 'GET',
      path: '/content/cameras',
      route: '/{proxy+}',
      pathParameters: { proxy: 'content/cameras' },
    });
    expect(get.body).toBeTruthy();
    const res = await handlerFor('content')(get);
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ items: [{ brand: 'Fujifilm' }] });

    const post = retargetRest(restSampleEvent(), {
      path: '/content',
      route: '/{proxy+}',
      pathParameters: { proxy: 'content' },
    });
    const refused = await handlerFor('content')(post);
    expect(refused.statusCode).toBe(405);
    expect(headers(refused)['allow']).toMatch(/GET/);
  });
});

describe.each([
  ['REST API (v1)', restApiEvent],
  ['HTTP API (v2)', httpApiEvent],
] as const)('%s events', (_name, event) => {
  it('answers a HEAD with a body like a HEAD without one', async () => {
    const invoke = handlerFor('content');
    const plain = await invoke(event({ method: 'HEAD', path: '/content' }));
    const withBody = await invoke(
      event({ method: 'HEAD', path: '/content', body: { ignored: true } }),
    );
    expect(withBody.statusCode).toBe(200);
    expect(withBody.body).toBe('');
    expect(headers(withBody)['etag']).toBe(headers(plain)['etag']);
  });

  it('reads a base64-encoded body', async () => {
    const res = await handlerFor('reviews')(
      event({
        method: 'POST',
        path: '/reviews',
        headers: { authorization: 'Bearer token-editor-a' },
        body: reviewInput({ title: 'Sent as binary' }),
        base64: true,
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ title: 'Sent as binary' });
  });

  it('answers an event the adapter cannot read with problem+json, CORS, request id and a log line', async () => {
    const res = await handlerFor('reviews')(
      event({
        method: 'GET',
        path: '/reviews',
        headers: {
          Origin: CONSOLE,
          'x-request-id': 'req-unreadable-1',
          // A value a fetch Request refuses (RFC 9110 §5.5: no CR or LF in a field value).
          'x-broken': 'one\r\ntwo',
        },
      }),
    );
    expect(res.statusCode).toBe(400);
    const h = headers(res);
    expect(h['content-type']).toBe('application/problem+json');
    expect(h['access-control-allow-origin']).toBe(CONSOLE);
    expect(h['x-request-id']).toBe('req-unreadable-1');
    expect(JSON.parse(res.body)).toMatchObject({
      type: 'https://shutter.dev/problems/bad-request',
      status: 400,
      instance: '/reviews',
      requestId: 'req-unreadable-1',
    });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', dropped: ['header x-broken'] }),
    );
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ msg: 'request', status: 400, requestId: 'req-unreadable-1' }),
    );
  });
});

describe('REST API paths', () => {
  const get = (input: Omit<EventInput, 'method'>) => restApiEvent({ method: 'GET', ...input });

  it('routes a path that holds the custom domain base path, from the resource', async () => {
    const invoke = handlerFor('content');
    // A custom domain mapping base path `pro` to the stage: `path` keeps it, `resource` not.
    const stageMapped = await invoke(
      get({ path: '/pro/content', resource: '/content', sentPath: '/pro/content', stage: 'pro' }),
    );
    expect(stageMapped.statusCode, stageMapped.body).toBe(200);
    const detail = await invoke(
      get({
        path: `/api/content/${published.slug}`,
        resource: '/content/{slug}',
        pathParameters: { slug: published.slug },
        sentPath: `/api/content/${published.slug}`,
      }),
    );
    expect(detail.statusCode, detail.body).toBe(200);
    const greedy = await invoke(
      get({
        path: '/api/content/cameras',
        resource: '/content/{proxy+}',
        pathParameters: { proxy: 'cameras' },
        sentPath: '/api/content/cameras',
      }),
    );
    expect(greedy.statusCode, greedy.body).toBe(200);
  });

  it.each([
    ['an execute-api URL of stage pro', { stage: 'pro' }, '/pro'],
    ['a custom domain at the root', { sentPath: '/reviews' }, ''],
    [
      'a custom domain at base path api',
      { path: '/api/reviews', sentPath: '/api/reviews' },
      '/api',
    ],
  ] as const)(
    'puts what the client sent before /reviews in Location, through %s',
    async (_n, via, prefix) => {
      const res = await handlerFor('reviews')(
        restApiEvent({
          method: 'POST',
          path: '/reviews',
          resource: '/reviews',
          headers: { authorization: 'Bearer token-editor-a' },
          body: reviewInput({ title: 'Located' }),
          ...via,
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const { id } = JSON.parse(res.body) as Review;
      expect(headers(res)['location']).toBe(`${prefix}/reviews/${id}`);
    },
  );

  it('reads every value of a header API Gateway sends in multiValueHeaders', async () => {
    const invoke = handlerFor('content');
    const first = await invoke(get({ path: '/content' }));
    const etag = headers(first)['etag']!;
    const event = get({ path: '/content' });
    event.multiValueHeaders['If-None-Match'] = ['"someone-else"', etag];
    event.headers['If-None-Match'] = etag; // API Gateway's `headers` keeps the last value
    expect((await invoke(event)).statusCode).toBe(304);
  });
});

describe('HTTP API paths', () => {
  it('routes a named stage in rawPath and puts it in Location', async () => {
    expect(
      (
        await handlerFor('content')(
          httpApiEvent({ method: 'GET', path: '/pro/content', stage: 'pro' }),
        )
      ).statusCode,
    ).toBe(200);
    const res = await handlerFor('reviews')(
      httpApiEvent({
        method: 'POST',
        path: '/pro/reviews',
        stage: 'pro',
        headers: { authorization: 'Bearer token-editor-a' },
        body: reviewInput({ title: 'Staged' }),
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { id } = JSON.parse(res.body) as Review;
    expect(headers(res)['location']).toBe(`/pro/reviews/${id}`);
  });

  it('leaves the stage out of Location behind a custom domain, whose mapping chose it', async () => {
    const res = await handlerFor('reviews', { SHUTTER_BASE_PATH: '/api' })(
      httpApiEvent({
        method: 'POST',
        path: '/pro/reviews',
        stage: 'pro',
        domainName: 'api.example.com',
        headers: { authorization: 'Bearer token-editor-a' },
        body: reviewInput({ title: 'Mapped' }),
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(headers(res)['location']).toMatch(/^\/reviews\//);
  });

  it('routes a custom domain base path behind a $default route only when SHUTTER_BASE_PATH names it', async () => {
    const event = () => httpApiEvent({ method: 'GET', path: '/api/content', resource: '$default' });
    const unknown = await handlerFor('content')({ ...event(), routeKey: '$default' });
    expect(unknown.statusCode).toBe(404);
    const configured = await handlerFor('content', { SHUTTER_BASE_PATH: '/api' })({
      ...event(),
      routeKey: '$default',
    });
    expect(configured.statusCode, configured.body).toBe(200);
  });
});
