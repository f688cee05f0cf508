import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLambdaSecretProvider } from '../../src/lambda/lambda-secrets.js';

const ssm = mockClient(SSMClient);
afterEach(() => ssm.reset());

describe('the Lambda JWT secret', () => {
  it('comes from the stage’s SecureString in SSM, decrypted', async () => {
    const secret = 'a-32-character-or-longer-secret-for-pre';
    ssm
      .on(GetParameterCommand, { Name: '/shutter/pre/jwt-secret', WithDecryption: true })
      .resolves({ Parameter: { Value: secret } });
    const provider = createLambdaSecretProvider(loadConfig({ SHUTTER_STAGE: 'pre' }));
    expect(new TextDecoder().decode(await provider.getJwtSecret())).toBe(secret);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
  });
});
