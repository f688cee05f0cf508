import { describe, expect, it } from 'vitest';
import { fakeAwsServer, signedFor, TEST_AWS_ENV } from '../../../test/support/fake-aws-server.js';
import { AwsServiceError } from '../aws/aws-request.js';
import { createSsmGetParameter } from './ssm-get-parameter.js';

const credentials = () =>
  Promise.resolve({
    accessKeyId: TEST_AWS_ENV.AWS_ACCESS_KEY_ID,
    secretAccessKey: TEST_AWS_ENV.AWS_SECRET_ACCESS_KEY,
    sessionToken: 'session-token',
  });

async function reader() {
  const ssm = await fakeAwsServer();
  const getParameter = createSsmGetParameter({
    endpoint: ssm.endpoint,
    region: TEST_AWS_ENV.AWS_REGION,
    credentials,
  });
  return { ssm, getParameter };
}

describe('SSM GetParameter over the JSON protocol', () => {
  it('posts a signed AmazonSSM.GetParameter with the name and decryption, and reads the value', async () => {
    const { ssm, getParameter } = await reader();
    ssm.answer(() => ({ json: { Parameter: { Name: '/a', Type: 'SecureString', Value: 'v' } } }));
    expect(await getParameter('/shutter/dev/jwt-secret', { decrypt: true })).toBe('v');
    const [request] = ssm.requests;
    expect(request!.method).toBe('POST');
    expect(request!.headers['x-amz-target']).toBe('AmazonSSM.GetParameter');
    expect(request!.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(request!.body.toString())).toEqual({
      Name: '/shutter/dev/jwt-secret',
      WithDecryption: true,
    });
    expect(signedFor(request!, 'ssm')).toBe(true);
    expect(request!.headers['x-amz-security-token']).toBe('session-token');
  });

  it('is undefined for a parameter without a value, and asks without decryption by default', async () => {
    const { ssm, getParameter } = await reader();
    ssm.answer(() => ({ json: { Parameter: { Name: '/a' } } }));
    expect(await getParameter('/a')).toBeUndefined();
    expect(JSON.parse(ssm.requests[0]!.body.toString())).toEqual({
      Name: '/a',
      WithDecryption: false,
    });
  });

  it('names an error answer as SSM does, with its status', async () => {
    const { ssm, getParameter } = await reader();
    ssm.answer(() => ({
      status: 400,
      json: { __type: 'ParameterNotFound', message: 'no such parameter' },
    }));
    const error = await getParameter('/missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({
      name: 'ParameterNotFound',
      message: 'no such parameter',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('reads a namespaced error type as its last part', async () => {
    const { ssm, getParameter } = await reader();
    ssm.answer(() => ({
      status: 400,
      json: { __type: 'com.amazonaws.ssm#ThrottlingException', message: 'Rate exceeded' },
    }));
    await expect(getParameter('/a')).rejects.toMatchObject({ name: 'ThrottlingException' });
  });

  it('gives up after its deadline with RequestTimeout', async () => {
    const ssm = await fakeAwsServer();
    ssm.answer(() => new Promise((resolve) => setTimeout(() => resolve({ json: {} }), 500)));
    const getParameter = createSsmGetParameter({
      endpoint: ssm.endpoint,
      region: TEST_AWS_ENV.AWS_REGION,
      credentials,
      timeoutMs: 50,
    });
    await expect(getParameter('/slow')).rejects.toMatchObject({ name: 'RequestTimeout' });
  });

  it('takes region, credentials and endpoint from the environment when not given', async () => {
    const ssm = await fakeAwsServer();
    ssm.answer(() => ({ json: { Parameter: { Value: 'from-env' } } }));
    const saved = { ...process.env };
    Object.assign(process.env, TEST_AWS_ENV, { AWS_ENDPOINT_URL_SSM: `${ssm.endpoint}/` });
    delete process.env.AWS_SESSION_TOKEN;
    try {
      expect(await createSsmGetParameter()('/a')).toBe('from-env');
      expect(signedFor(ssm.requests[0]!, 'ssm')).toBe(true);
    } finally {
      process.env = saved;
    }
  });
});
