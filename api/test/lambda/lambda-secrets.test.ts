import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLambdaSecretProvider } from '../../src/lambda/lambda-secrets.js';
import { handler as accountsHandler } from '../../src/lambda/accounts.js';
import { openLambdaStores } from '../../src/lambda/open-lambda-stores.js';
import { handler as reviewsHandler } from '../../src/lambda/reviews.js';
import { dynaliteServer } from '../support/dynalite-server.js';
import { fakeAwsServer, TEST_AWS_ENV, type FakeAwsServer } from '../support/fake-aws-server.js';
import {
  lambdaContext,
  restApiEvent,
  type LambdaProxyResult,
} from '../support/api-gateway-events.js';

// SSM is a fake on loopback (AWS_ENDPOINT_URL_SSM), as the light client reads it from the
// environment on Lambda.
let ssm: FakeAwsServer;
const saved = { ...process.env };
beforeEach(async () => {
  ssm = await fakeAwsServer();
  Object.assign(process.env, TEST_AWS_ENV, { AWS_ENDPOINT_URL_SSM: ssm.endpoint });
});
afterEach(() => {
  process.env = { ...saved };
});

/** Answers GetParameter for `name` (decrypted) with `value`, and ParameterNotFound otherwise. */
function parameter(name: string, value: string) {
  ssm.answer((request) => {
    const input = JSON.parse(request.body.toString()) as { Name: string; WithDecryption: boolean };
    return input.Name === name && input.WithDecryption
      ? { json: { Parameter: { Name: name, Type: 'SecureString', Value: value } } }
      : { status: 400, json: { __type: 'ParameterNotFound' } };
  });
}

describe('the Lambda JWT secret', () => {
  it('comes from the stage’s SecureString in SSM, decrypted', async () => {
    const secret = 'a-32-character-or-longer-secret-for-pre';
    parameter('/shutter/pre/jwt-secret', secret);
    const provider = createLambdaSecretProvider(loadConfig({ SHUTTER_STAGE: 'pre' }));
    expect(new TextDecoder().decode(await provider.getJwtSecret())).toBe(secret);
    expect(ssm.requests).toHaveLength(1);
  });

  it('is what the Lambda stores sign with when the entry asks for it, and refused otherwise', async () => {
    const secret = 'another-32-character-secret-for-the-dev-stage';
    parameter('/shutter/dev/jwt-secret', secret);
    const { endpoint } = await dynaliteServer();
    const config = loadConfig({ SHUTTER_STAGE: 'dev', AWS_ENDPOINT_URL_DYNAMODB: endpoint });
    const withSecret = await openLambdaStores(config, {}, createLambdaSecretProvider);
    const without = await openLambdaStores(config, {});
    try {
      expect(new TextDecoder().decode(await withSecret.secrets.getJwtSecret())).toBe(secret);
      await expect(without.secrets.getJwtSecret()).rejects.toThrow(/does not read the JWT secret/);
      expect(ssm.requests).toHaveLength(1);
    } finally {
      await withSecret.close();
      await without.close();
    }
  });
});

/** The deployed entries, as built at import; each reads process.env on its first invocation. */
const HANDLERS = { reviews: reviewsHandler, accounts: accountsHandler } as unknown as Record<
  string,
  (event: unknown, context: unknown) => Promise<LambdaProxyResult>
>;

describe('the Lambda entry points', () => {
  /** A token of the right shape with a signature no secret made: verifying it needs the secret. */
  const forged = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"usr_x"}').toString('base64url')}.c2lnbmF0dXJl`;

  it.each([
    ['reviews', '/reviews'],
    ['accounts', '/me'],
  ] as const)('%s reads the secret from SSM to check a token', async (entry, path) => {
    parameter('/shutter/dev/jwt-secret', 'x'.repeat(40));
    const { endpoint } = await dynaliteServer();
    Object.assign(process.env, {
      SHUTTER_STAGE: 'dev',
      LOG_LEVEL: 'silent',
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      // What the stack sets: the reviews function queues content jobs there, and keeps photo
      // uploads in the content bucket.
      SHUTTER_JOB_QUEUE_URL:
        'https://sqs.eu-west-1.amazonaws.com/123456789012/shutter-{stage}-content-jobs',
      SHUTTER_CONTENT_BUCKET: 'shutter-{stage}-content-123456789012-eu-west-1',
    });
    const handler = HANDLERS[entry]!;
    const result = await handler(
      restApiEvent({ method: 'GET', path, headers: { Authorization: `Bearer ${forged}` } }),
      lambdaContext(`shutter-${entry}`, 'dev'),
    );
    expect(result.statusCode).toBe(401);
    expect(ssm.requests).toHaveLength(1);
    expect(ssm.requests[0]!.headers['x-amz-target']).toBe('AmazonSSM.GetParameter');
  });

  it('reviews fails its cold start naming SHUTTER_JOB_QUEUE_URL when the stack did not set it', async () => {
    const { endpoint } = await dynaliteServer();
    Object.assign(process.env, {
      SHUTTER_STAGE: 'pre',
      LOG_LEVEL: 'silent',
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    delete process.env.SHUTTER_JOB_QUEUE_URL;
    await expect(
      HANDLERS.reviews!(
        restApiEvent({ method: 'GET', path: '/reviews' }),
        lambdaContext('shutter-reviews', 'pre'),
      ),
    ).rejects.toThrow(/SHUTTER_JOB_QUEUE_URL is not set/);
  });
});
