import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../domain/errors.js';
import {
  fakeAwsServer,
  testAwsCredentials,
  TEST_AWS_ENV,
} from '../../../test/support/fake-aws-server.js';
import { createSsmGetParameter } from './ssm-get-parameter.js';
import { createSsmSecretProvider, jwtSecretParameterName } from './ssm-secret-provider.js';

const SECRET = 'x'.repeat(20) + 'a-secret-from-parameter-store';

async function provider(options: { maxAgeSeconds?: number; now?: () => number } = {}) {
  const ssm = await fakeAwsServer();
  const getParameter = createSsmGetParameter({
    endpoint: ssm.endpoint,
    region: TEST_AWS_ENV.AWS_REGION,
    credentials: testAwsCredentials,
  });
  return {
    ssm,
    secrets: createSsmSecretProvider({
      parameterName: '/shutter/dev/jwt-secret',
      getParameter,
      ...options,
    }),
  };
}

const sent = (body: Buffer) => JSON.parse(body.toString()) as unknown;

describe('SSM secret provider', () => {
  it('names the parameter after the stage', () => {
    expect(jwtSecretParameterName('pro')).toBe('/shutter/pro/jwt-secret');
  });

  it('reads the SecureString with decryption and caches it', async () => {
    const { ssm, secrets } = await provider();
    ssm.answer(() => ({ json: { Parameter: { Type: 'SecureString', Value: SECRET } } }));
    const [first, concurrent] = await Promise.all([secrets.getJwtSecret(), secrets.getJwtSecret()]);
    const later = await secrets.getJwtSecret();
    expect(new TextDecoder().decode(first)).toBe(SECRET);
    expect(Buffer.from(concurrent!).equals(Buffer.from(first!))).toBe(true);
    expect(Buffer.from(later).equals(Buffer.from(first!))).toBe(true);
    expect(ssm.requests).toHaveLength(1);
    expect(sent(ssm.requests[0]!.body)).toEqual({
      Name: '/shutter/dev/jwt-secret',
      WithDecryption: true,
    });
  });

  it('asks again once the cache has expired (five minutes by default)', async () => {
    let now = 0;
    const { ssm, secrets } = await provider({ now: () => now });
    ssm.answer(() => ({ json: { Parameter: { Value: SECRET } } }));
    await secrets.getJwtSecret();
    now = 299_999;
    await secrets.getJwtSecret();
    expect(ssm.requests).toHaveLength(1);
    ssm.answer(() => ({ json: { Parameter: { Value: `${SECRET}-rotated` } } }));
    now = 300_000;
    expect(new TextDecoder().decode(await secrets.getJwtSecret())).toBe(`${SECRET}-rotated`);
    expect(ssm.requests).toHaveLength(1);
  });

  it('refuses a parameter that is too short to sign with', async () => {
    const { ssm, secrets } = await provider();
    ssm.answer(() => ({ json: { Parameter: { Value: 'too-short' } } }));
    await expect(secrets.getJwtSecret()).rejects.toThrow(/shorter than 32/);
  });

  it('turns throttling into UnavailableError and does not cache the failure', async () => {
    const { ssm, secrets } = await provider();
    ssm.answer(() => ({ status: 400, json: { __type: 'ThrottlingException', message: 'Rate' } }));
    await expect(secrets.getJwtSecret()).rejects.toBeInstanceOf(UnavailableError);
    ssm.answer(() => ({ json: { Parameter: { Value: SECRET } } }));
    expect(new TextDecoder().decode(await secrets.getJwtSecret())).toBe(SECRET);
  });

  it('passes on a missing parameter, a configuration mistake', async () => {
    const { ssm, secrets } = await provider();
    ssm.answer(() => ({ status: 400, json: { __type: 'ParameterNotFound' } }));
    await expect(secrets.getJwtSecret()).rejects.toMatchObject({ name: 'ParameterNotFound' });
  });
});
