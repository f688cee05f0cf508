import { describe, expect, it } from 'vitest';
import { createSsmGetParameter } from '../../src/adapters/ssm/ssm-get-parameter.js';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { locationOf } from '../../src/http/location.js';
import { createRouter } from '../../src/http/validation.js';
import {
  ORIGIN_SECRET_HEADER,
  ORIGIN_SECRET_PARAMETER,
  viewerAddressOf,
} from '../../src/lambda/cdn-origin.js';
import {
  createLambdaHandler,
  type LambdaFunction,
} from '../../src/lambda/create-lambda-handler.js';
import { createOriginSecretReader } from '../../src/lambda/origin-secret.js';
import {
  httpApiEvent,
  lambdaContext,
  restApiEvent,
  type EventInput,
  type LambdaProxyResult,
} from '../support/api-gateway-events.js';
import { fakeAwsServer, testAwsCredentials, TEST_AWS_ENV } from '../support/fake-aws-server.js';
import { createCapturingLogger } from '../support/silent-logger.js';

const SECRET = 'k3Jx9vQ2mW7pL4tR8sY1uZ6aB0cD5eF3gH2iJ7kL';
const CONNECTION = '130.176.88.12'; // a CloudFront edge, as API Gateway sees it

/** Answers what the app sees: the client address, a Location, and whether the secret reached it. */
const echo: LambdaFunction<undefined> = {
  controllers: [
    (_services, options) => {
      const router = createRouter();
      router.get('/whoami', (c) =>
        c.json({
          ip: options.clientIp?.(c) ?? null,
          location: locationOf(c, '/review/new'),
          secretSeen: c.req.header(ORIGIN_SECRET_HEADER) !== undefined,
        }),
      );
      return router;
    },
  ],
  services: () => undefined,
};

function handlerWith(originSecret?: () => Promise<string | undefined>) {
  return createLambdaHandler(echo, {
    openStores: () => Promise.resolve(createMemoryStores()),
    env: { LOG_LEVEL: 'silent', SHUTTER_STAGE: 'pro' },
    logger: createCapturingLogger(),
    ...(originSecret ? { originSecret } : {}),
  });
}

const shapes = [
  ['REST API (v1)', restApiEvent, '/pro'],
  // The builder's named stage is not in rawPath: a direct call's paths have no prefix.
  ['HTTP API (v2)', httpApiEvent, ''],
] as const;

describe.each(shapes)('the client address behind CloudFront, %s events', (_name, build, base) => {
  async function whoami(
    headers: Record<string, string>,
    // null: the function trusts no CloudFront secret at all (no originSecret option).
    originSecret: (() => Promise<string | undefined>) | null = () => Promise.resolve(SECRET),
  ) {
    const input: EventInput = {
      method: 'GET',
      path: '/whoami',
      resource: '/whoami',
      stage: 'pro',
      sourceIp: CONNECTION,
      headers,
    };
    const result = (await handlerWith(originSecret ?? undefined)(
      build(input) as never,
      lambdaContext('shutter-visits', 'pro'),
    )) as LambdaProxyResult;
    expect(result.statusCode).toBe(200);
    return JSON.parse(result.body) as { ip: string; location: string; secretSeen: boolean };
  }

  it('is the viewer’s, port stripped, when the origin secret vouches for the request', async () => {
    const seen = await whoami({
      [ORIGIN_SECRET_HEADER]: SECRET,
      'CloudFront-Viewer-Address': '203.0.113.7:46532',
    });
    expect(seen.ip).toBe('203.0.113.7');
    // CloudFront calls /pro/whoami for the viewer's /whoami: Locations are the viewer's.
    expect(seen.location).toBe('/review/new');
    // The app never sees the secret, so nothing can echo or log it.
    expect(seen.secretSeen).toBe(false);
    const v6 = await whoami({
      [ORIGIN_SECRET_HEADER]: SECRET,
      'cloudfront-viewer-address': '2001:db8:85a3::8a2e:370:7334:443',
    });
    expect(v6.ip).toBe('2001:db8:85a3::8a2e:370:7334');
  });

  it('is the connection’s when the secret is wrong or missing: the header is anyone’s to send', async () => {
    const forged = { 'CloudFront-Viewer-Address': '203.0.113.7:46532' };
    for (const headers of [forged, { ...forged, [ORIGIN_SECRET_HEADER]: `${SECRET}x` }]) {
      const seen = await whoami(headers);
      expect(seen.ip).toBe(CONNECTION);
      // A direct call through the execute-api URL keeps its stage in Locations.
      expect(seen.location).toBe(`${base}/review/new`);
    }
  });

  it('is the connection’s when no secret is configured, or the function trusts none', async () => {
    const headers = {
      [ORIGIN_SECRET_HEADER]: SECRET,
      'CloudFront-Viewer-Address': '203.0.113.7:46532',
    };
    expect((await whoami(headers, () => Promise.resolve(undefined))).ip).toBe(CONNECTION);
    // A secret too short to be one is never trusted.
    const short = { ...headers, [ORIGIN_SECRET_HEADER]: 'short' };
    expect((await whoami(short, () => Promise.resolve('short'))).ip).toBe(CONNECTION);
    expect((await whoami(headers, null)).ip).toBe(CONNECTION);
  });

  it('is the connection’s through CloudFront when the viewer address does not parse', async () => {
    const seen = await whoami({
      [ORIGIN_SECRET_HEADER]: SECRET,
      'CloudFront-Viewer-Address': 'not-an-address:80',
    });
    expect(seen.ip).toBe(CONNECTION);
    expect(seen.location).toBe('/review/new');
  });
});

describe('viewerAddressOf', () => {
  it('takes the address before the port, IPv4 or IPv6, and nothing else', () => {
    expect(viewerAddressOf('198.51.100.10:46532')).toBe('198.51.100.10');
    expect(viewerAddressOf('2001:db8::1:443')).toBe('2001:db8::1');
    expect(viewerAddressOf('198.51.100.10')).toBeUndefined();
    expect(viewerAddressOf('example.com:80')).toBeUndefined();
    expect(viewerAddressOf(':80')).toBeUndefined();
    expect(viewerAddressOf(undefined)).toBeUndefined();
  });
});

describe('the origin secret from SSM', () => {
  /** SSM's GetParameter against a fake SSM on loopback, and the requests it received. */
  async function ssm() {
    const server = await fakeAwsServer();
    server.answer(() => ({ json: { Parameter: { Value: SECRET } } }));
    const getParameter = createSsmGetParameter({
      endpoint: server.endpoint,
      region: TEST_AWS_ENV.AWS_REGION,
      credentials: testAwsCredentials,
    });
    return { server, getParameter };
  }

  it('reads its one parameter once, then again only after maxAge', async () => {
    const { server, getParameter } = await ssm();
    let now = 0;
    const read = createOriginSecretReader({ getParameter, maxAgeMs: 1000, now: () => now });
    expect(await Promise.all([read(), read()])).toEqual([SECRET, SECRET]);
    now = 999;
    expect(await read()).toBe(SECRET);
    expect(server.requests).toHaveLength(1);
    expect(JSON.parse(server.requests[0]!.body.toString())).toEqual({
      Name: ORIGIN_SECRET_PARAMETER,
      WithDecryption: false,
    });
    now = 1000;
    server.answer(() => ({ json: { Parameter: { Value: `${SECRET}2` } } }));
    expect(await read()).toBe(`${SECRET}2`);
    expect(server.requests).toHaveLength(1);
  });

  it('is undefined while the parameter does not exist, asked again only after maxAge', async () => {
    const { server, getParameter } = await ssm();
    server.answer(() => ({ status: 400, json: { __type: 'ParameterNotFound', message: 'nf' } }));
    let now = 0;
    const errors: unknown[] = [];
    const read = createOriginSecretReader({
      getParameter,
      maxAgeMs: 1000,
      now: () => now,
      onError: (e) => errors.push(e),
    });
    expect(await read()).toBeUndefined();
    now = 500;
    expect(await read()).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('keeps the last value through a failed read, says why, and retries soon, not per request', async () => {
    const { server, getParameter } = await ssm();
    let now = 0;
    const errors: unknown[] = [];
    const read = createOriginSecretReader({
      getParameter,
      maxAgeMs: 1000,
      retryAfterMs: 100,
      now: () => now,
      onError: (e) => errors.push(e),
    });
    expect(await read()).toBe(SECRET);
    now = 1000;
    server.answer(() => ({ status: 400, json: { __type: 'AccessDeniedException' } }));
    expect(await read()).toBe(SECRET);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'AccessDeniedException' });
    now = 1050;
    expect(await read()).toBe(SECRET);
    expect(server.requests).toHaveLength(1);
    now = 1100;
    await read();
    expect(server.requests).toHaveLength(2);
  });
});
