import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createSsmSecretProvider, jwtSecretParameterName } from './ssm-secret-provider.js';

const ssm = mockClient(SSMClient);
afterEach(() => ssm.reset());

const SECRET = 'x'.repeat(20) + 'a-secret-from-parameter-store';

describe('SSM secret provider', () => {
  it('names the parameter after the stage', () => {
    expect(jwtSecretParameterName('pro')).toBe('/shutter/pro/jwt-secret');
  });

  it('reads the SecureString with decryption and caches it', async () => {
    ssm
      .on(GetParameterCommand, { Name: '/shutter/dev/jwt-secret', WithDecryption: true })
      .resolves({
        Parameter: { Name: '/shutter/dev/jwt-secret', Type: 'SecureString', Value: SECRET },
      });
    const provider = createSsmSecretProvider({
      parameterName: '/shutter/dev/jwt-secret',
      client: new SSMClient({ region: 'us-east-1' }),
    });
    const first = await provider.getJwtSecret();
    const second = await provider.getJwtSecret();
    expect(new TextDecoder().decode(first)).toBe(SECRET);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const calls = ssm.commandCalls(GetParameterCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      Name: '/shutter/dev/jwt-secret',
      WithDecryption: true,
    });
  });

  it('asks again once the cache has expired', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: SECRET } });
    const provider = createSsmSecretProvider({
      parameterName: '/shutter/pre/jwt-secret',
      maxAgeSeconds: 0,
      client: new SSMClient({ region: 'us-east-1' }),
    });
    await provider.getJwtSecret();
    await provider.getJwtSecret();
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  it('refuses a parameter that is too short to sign with', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'too-short' } });
    const provider = createSsmSecretProvider({
      parameterName: '/shutter/pro/jwt-secret',
      client: new SSMClient({ region: 'us-east-1' }),
    });
    await expect(provider.getJwtSecret()).rejects.toThrow(/shorter than 32/);
  });

  it('passes on a failure of SSM itself', async () => {
    ssm.on(GetParameterCommand).rejects(new Error('ParameterNotFound'));
    const provider = createSsmSecretProvider({
      parameterName: '/shutter/pro/jwt-secret',
      client: new SSMClient({ region: 'us-east-1' }),
    });
    await expect(provider.getJwtSecret()).rejects.toThrow();
  });
});
