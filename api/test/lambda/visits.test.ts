import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { createLambdaHandler } from '../../src/lambda/create-lambda-handler.js';
import { visitsFunction } from '../../src/lambda/visits.js';
import { createServices } from '../../src/services/create-services.js';
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

interface LambdaResult extends LambdaProxyResult {
  headers: Record<string, string>;
}

async function setup() {
  const stores = createMemoryStores();
  const clock = createTestClock();
  const { apiKeys } = createServices(stores, clock);
  const { key } = await apiKeys.create({
    name: 'site',
    scope: ['default'],
    rateLimit: { perSecond: 100, burst: 100 },
  });
  const logger = createCapturingLogger();
  const handler = createLambdaHandler(visitsFunction, {
    openStores: async () => stores,
    env: { LOG_LEVEL: 'silent', SHUTTER_STAGE: 'dev' },
    clock,
    logger,
  });
  const invoke = async (event: unknown): Promise<LambdaResult> => {
    const result = (await handler(event as never, lambdaContext())) as LambdaProxyResult;
    expect(result.isBase64Encoded).toBe(false);
    return { ...result, headers: resultHeaders(result) };
  };
  return { key, invoke, logger };
}

const shapes = [
  ['REST API (v1)', restApiEvent],
  ['HTTP API (v2)', httpApiEvent],
] as const;

describe.each(shapes)('visits Lambda with %s events', (_name, build) => {
  const event = (input: EventInput) => build({ resource: '/visits/{counterId}', ...input });

  it('counts a visit and reads it back', async () => {
    const { key, invoke } = await setup();
    const posted = await invoke(
      event({
        method: 'POST',
        path: '/visits/default',
        pathParameters: { counterId: 'default' },
        headers: { 'x-api-key': key },
      }),
    );
    expect(posted.statusCode).toBe(200);
    expect(posted.headers['content-type']).toMatch(/^application\/json/);
    expect(posted.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(posted.body)).toEqual({
      id: 'default',
      count: 1,
      counted: true,
      today: { date: '2026-11-21', count: 1, uniqueVisitors: 1 },
    });

    const read = await invoke(
      event({
        method: 'GET',
        path: '/visits/default',
        pathParameters: { counterId: 'default' },
        headers: { 'x-api-key': key },
      }),
    );
    expect(read.statusCode).toBe(200);
    const body = JSON.parse(read.body) as { count: number; daily: unknown[] };
    expect(body.count).toBe(1);
    expect(body.daily).toHaveLength(30);
  });

  it('tells visitors apart by the source address API Gateway reports', async () => {
    const { key, invoke } = await setup();
    const from = (sourceIp: string) =>
      invoke(
        event({ method: 'POST', path: '/visits/default', sourceIp, headers: { 'x-api-key': key } }),
      );
    await from('198.51.100.1');
    await from('198.51.100.1');
    const third = JSON.parse((await from('198.51.100.2')).body) as {
      today: { uniqueVisitors: number };
    };
    expect(third.today.uniqueVisitors).toBe(2);
  });

  it('answers problem+json for a missing key, with the request id of API Gateway', async () => {
    const { invoke } = await setup();
    const e = event({ method: 'POST', path: '/visits/default' });
    const res = await invoke(e);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['www-authenticate']).toContain('x-api-key');
    const problem = JSON.parse(res.body) as { status: number; requestId: string };
    expect(problem.status).toBe(401);
    expect(problem.requestId).toBe(e.requestContext.requestId);
    expect(res.headers['x-request-id']).toBe(e.requestContext.requestId);
  });

  it('answers 400 for an invalid counter id and 404 for a route of another controller', async () => {
    const { key, invoke } = await setup();
    const bad = await invoke(
      event({ method: 'POST', path: '/visits/NOPE', headers: { 'x-api-key': key } }),
    );
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ errors: [{ field: 'counterId' }] });
    const other = await invoke(event({ method: 'GET', path: '/content' }));
    expect(other.statusCode).toBe(404);
  });

  it('answers a CORS preflight', async () => {
    const { invoke } = await setup();
    const res = await invoke(
      event({
        method: 'OPTIONS',
        path: '/visits/default',
        headers: { Origin: 'https://me.example', 'Access-Control-Request-Method': 'POST' },
      }),
    );
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('logs one line per request with method, path, status and latency', async () => {
    const { key, invoke, logger } = await setup();
    await invoke(event({ method: 'POST', path: '/visits/default', headers: { 'x-api-key': key } }));
    const access = logger.lines.filter((l) => l.msg === 'request');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      method: 'POST',
      path: '/visits/default',
      status: 200,
      requestId: expect.any(String),
    });
    expect(typeof access[0]!.latencyMs).toBe('number');
  });
});

describe('visits Lambda cold start', () => {
  it('fails the invocation with the reason when the configuration is bad, and retries next time', async () => {
    let opened = 0;
    const env: Record<string, string> = { SHUTTER_STAGE: 'staging', LOG_LEVEL: 'silent' };
    const handler = createLambdaHandler(visitsFunction, {
      openStores: async () => {
        opened += 1;
        return createMemoryStores();
      },
      env,
      logger: createCapturingLogger(),
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      await expect(
        handler(restApiEvent({ method: 'GET', path: '/visits/default' }) as never, lambdaContext()),
      ).rejects.toThrow(/SHUTTER_STAGE/);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toMatch(/SHUTTER_STAGE/);
    expect(opened).toBe(0);
    env.SHUTTER_STAGE = 'dev';
    const res = (await handler(
      restApiEvent({ method: 'GET', path: '/visits/default' }) as never,
      lambdaContext(),
    )) as LambdaResult;
    expect(res.statusCode).toBe(401);
    expect(opened).toBe(1);
  });
});
