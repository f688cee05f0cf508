import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLambdaSecretProvider } from '../../src/lambda/lambda-secrets.js';
import { openLambdaStores } from '../../src/lambda/open-lambda-stores.js';
import { dynaliteServer } from '../support/dynalite-server.js';

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

  it('is what the Lambda stores sign with: Stores.secrets reads SSM, not a local secret', async () => {
    const secret = 'another-32-character-secret-for-the-dev-stage';
    ssm
      .on(GetParameterCommand, { Name: '/shutter/dev/jwt-secret', WithDecryption: true })
      .resolves({ Parameter: { Value: secret } });
    const { endpoint } = await dynaliteServer();
    const stores = await openLambdaStores(
      loadConfig({ SHUTTER_STAGE: 'dev', AWS_ENDPOINT_URL_DYNAMODB: endpoint }),
    );
    try {
      expect(new TextDecoder().decode(await stores.secrets.getJwtSecret())).toBe(secret);
    } finally {
      await stores.close();
    }
  });
});
