import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import type { Review } from '../../src/domain/review.js';
import { createLambdaHandler } from '../../src/lambda/create-lambda-handler.js';
import { contentFunction } from '../../src/lambda/content.js';
import { reviewsFunction } from '../../src/lambda/reviews.js';
import {
  createInProcessContentWorker,
  type InProcessContentWorker,
} from '../../src/services/content-pipeline/in-process-worker.js';
import { createServices, type Stores } from '../../src/services/create-services.js';
import {
  httpApiEvent,
  lambdaContext,
  restApiEvent,
  resultHeaders,
  type EventInput,
  type LambdaProxyResult,
} from '../support/api-gateway-events.js';
import { createTestClock, type TestClock } from '../support/clock.js';
import { EDITOR_A, testUsers } from '../support/fixed-token-resolver.js';
import { reviewInput } from '../support/review-fixtures.js';
import { createCapturingLogger } from '../support/silent-logger.js';

const PUBLIC = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600';

const headerOf = (result: LambdaProxyResult, name: string) => resultHeaders(result)[name];

/** A path with its query string, as the event builders take it. */
const withQuery = (path: string, query: Record<string, string>) =>
  `${path}?${new URLSearchParams(query).toString()}`;

let stores: Stores;
let clock: TestClock;
let published: Review;
let worker: InProcessContentWorker;

function handlerFor(controller: 'content' | 'reviews') {
  const common = {
    openStores: async () => stores,
    env: { LOG_LEVEL: 'silent', SHUTTER_STAGE: 'pro' },
    clock,
    logger: createCapturingLogger(),
  };
  const handler =
    controller === 'content'
      ? createLambdaHandler(contentFunction, common)
      : createLambdaHandler(reviewsFunction, {
          ...common,
          services: (s) => ({ ...s, currentUser: testUsers }),
        });
  return async (event: unknown) =>
    (await handler(
      event as never,
      lambdaContext(`shutter-pro-${controller}`) as never,
    )) as unknown as LambdaProxyResult;
}

beforeEach(async () => {
  stores = createMemoryStores();
  clock = createTestClock();
  // Written by "another process" before the Lambda starts: its snapshot is built from the store.
  const seeding = createServices(stores, clock);
  published = await seeding.reviews.create(EDITOR_A, reviewInput({ status: 'published' }));
  await seeding.reviews.create(
    EDITOR_A,
    reviewInput({
      status: 'published',
      camera: { brand: 'Ricoh', model: 'GR IIIx' },
      title: 'Ricoh GR IIIx review',
    }),
  );
  await seeding.reviews.create(EDITOR_A, reviewInput({ title: 'A draft about a secret camera' }));
  // The worker function, in-process: it materialises what the writes queued.
  worker = createInProcessContentWorker(stores, clock, createCapturingLogger(), undefined, {
    indexDelayMs: 0,
  });
  await worker.drain();
});

const formats = [
  ['REST API (v1)', restApiEvent],
  ['HTTP API (v2)', httpApiEvent],
] as const;

describe.each(formats)('content Lambda through %s events', (_name, event) => {
  const get = (request: Omit<EventInput, 'method'>) => event({ method: 'GET', ...request });

  it('lists published content with cache headers, and answers 304 to its ETag', async () => {
    const invoke = handlerFor('content');
    const res = await invoke(get({ path: withQuery('/content', { sort: 'rating', limit: '10' }) }));
    expect(res.statusCode).toBe(200);
    expect(headerOf(res, 'content-type')).toBe('application/json');
    expect(headerOf(res, 'cache-control')).toBe(PUBLIC);
    expect(headerOf(res, 'vary')).toBe('Accept-Encoding');
    const body = JSON.parse(res.body) as { items: Array<{ slug: string }>; total: number };
    expect(body.total).toBe(2);
    expect(body.items.map((i) => i.slug)).toContain(published.slug);
    expect(res.body).not.toContain('secret camera');

    const etag = headerOf(res, 'etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await invoke(
      get({
        path: withQuery('/content', { sort: 'rating', limit: '10' }),
        headers: { 'if-none-match': `W/${etag}` },
      }),
    );
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(headerOf(again, 'etag')).toBe(etag);
    expect(headerOf(again, 'cache-control')).toBe(PUBLIC);
  });

  it('serves one review by slug with rendered HTML, and 304', async () => {
    const invoke = handlerFor('content');
    const res = await invoke(
      get({
        path: `/content/${published.slug}`,
        resource: '/content/{slug}',
        pathParameters: { slug: published.slug },
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      slug: published.slug,
      html: expect.stringContaining('<h2>Handling</h2>'),
    });
    const notModified = await invoke(
      get({
        path: `/content/${published.slug}`,
        resource: '/content/{slug}',
        pathParameters: { slug: published.slug },
        headers: { 'If-None-Match': headerOf(res, 'etag')! },
      }),
    );
    expect(notModified.statusCode).toBe(304);
  });

  it('compares, lists cameras, and maps bad input to problem+json', async () => {
    const invoke = handlerFor('content');
    const compare = await invoke(
      get({
        path: withQuery('/content/compare', { slugs: `${published.slug},ricoh-gr-iiix-review` }),
      }),
    );
    expect(compare.statusCode).toBe(200);
    expect((JSON.parse(compare.body) as { reviews: unknown[] }).reviews).toHaveLength(2);

    const cameras = await invoke(get({ path: '/content/cameras' }));
    expect(cameras.statusCode).toBe(200);
    expect(JSON.parse(cameras.body)).toMatchObject({
      items: [{ brand: 'Fujifilm' }, { brand: 'Ricoh' }],
    });

    for (const [query, status] of [
      [{ slugs: published.slug }, 400],
      [{ slugs: `${published.slug},${published.slug}` }, 400],
      [{ slugs: `${published.slug},unknown-review` }, 404],
    ] as const) {
      const res = await invoke(get({ path: withQuery('/content/compare', query) }));
      expect(res.statusCode).toBe(status);
      expect(headerOf(res, 'content-type')).toBe('application/problem+json');
    }
    const badLimit = await invoke(get({ path: withQuery('/content', { limit: '1000' }) }));
    expect(badLimit.statusCode).toBe(400);
  });

  it('serves only its own controller', async () => {
    const invoke = handlerFor('content');
    const res = await invoke(
      get({ path: '/reviews', headers: { authorization: 'Bearer token-editor-a' } }),
    );
    expect(res.statusCode).toBe(404);
  });
});

describe.each(formats)('reviews Lambda through %s events', (name, event) => {
  // The builders send what an execute-api URL gives: REST's stage shows, `$default` does not.
  const stagePrefix = name.startsWith('REST') ? '/dev' : '';
  it('creates, reads with ETag, patches with If-Match and deletes', async () => {
    const invoke = handlerFor('reviews');
    const auth = { authorization: 'Bearer token-editor-a' };
    const created = await invoke(
      event({
        method: 'POST',
        path: '/reviews',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(reviewInput({ title: 'Through API Gateway' })),
      }),
    );
    expect(created.statusCode).toBe(201);
    const review = JSON.parse(created.body) as Review;
    expect(headerOf(created, 'location')).toBe(`${stagePrefix}/reviews/${review.id}`);
    expect(headerOf(created, 'cache-control')).toBe('private, no-store');

    const path = `/reviews/${review.id}`;
    const params = { resource: '/reviews/{id}', pathParameters: { id: review.id } };
    const read = await invoke(event({ method: 'GET', path, ...params, headers: auth }));
    expect(read.statusCode).toBe(200);
    expect(headerOf(read, 'etag')).toBe('"v1"');

    const patch = (headers: Record<string, string>) =>
      invoke(
        event({
          method: 'PATCH',
          path,
          ...params,
          headers: { ...auth, 'content-type': 'application/merge-patch+json', ...headers },
          body: JSON.stringify({ rating: 9 }),
        }),
      );
    expect((await patch({})).statusCode).toBe(428);
    const patched = await patch({ 'if-match': '"v1"' });
    expect(patched.statusCode).toBe(200);
    expect(headerOf(patched, 'etag')).toBe('"v2"');
    expect((await patch({ 'if-match': '"v1"' })).statusCode).toBe(412);

    const deleted = await invoke(
      event({ method: 'DELETE', path, ...params, headers: { ...auth, 'if-match': '"v2"' } }),
    );
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
  });

  it('refuses anonymous and other editors', async () => {
    const invoke = handlerFor('reviews');
    const anonymous = await invoke(event({ method: 'GET', path: '/reviews' }));
    expect(anonymous.statusCode).toBe(401);
    expect(headerOf(anonymous, 'www-authenticate')).toMatch(/^Bearer/);
    const other = await invoke(
      event({
        method: 'GET',
        path: `/reviews/${published.id}`,
        resource: '/reviews/{id}',
        pathParameters: { id: published.id },
        headers: { authorization: 'Bearer token-editor-b' },
      }),
    );
    expect(other.statusCode).toBe(404);
  });
});

it('a write through the reviews Lambda reaches the content Lambda within the staleness bound', async () => {
  const content = handlerFor('content');
  const reviews = handlerFor('reviews');
  const before = await content(httpApiEvent({ method: 'GET', path: '/content' }));
  expect(JSON.parse(before.body)).toMatchObject({ total: 2 });
  clock.advance(1_000);

  const created = await reviews(
    restApiEvent({
      method: 'POST',
      path: '/reviews',
      headers: { authorization: 'Bearer token-editor-a', 'content-type': 'application/json' },
      body: JSON.stringify(reviewInput({ status: 'published', title: 'Fresh from the field' })),
    }),
  );
  expect(created.statusCode).toBe(201);
  // The reviews function queued the job; the worker function runs it.
  await worker.drain();

  clock.advance(5_000);
  const read = () =>
    content(
      httpApiEvent({
        method: 'GET',
        path: '/content',
        headers: { 'if-none-match': headerOf(before, 'etag')! },
      }),
    );
  // Past the bound, the content function reads the pointer and moves to the new index.
  await read();
  await vi.waitFor(async () => expect((await read()).statusCode).toBe(200));
  const after = await read();
  const page = JSON.parse(after.body) as { total: number; items: Array<{ title: string }> };
  expect(page.total).toBe(3);
  expect(page.items[0]!.title).toBe('Fresh from the field');
});
