import { describe, expect, it } from 'vitest';
import { localDynamoDbClientConfig } from './dynamodb-client-config.js';

describe('localDynamoDbClientConfig', () => {
  it('invents nothing when talking to AWS itself', () => {
    expect(localDynamoDbClientConfig(undefined, {})).toEqual({});
  });

  it('fills in a placeholder region and credentials for an emulator when none are set', () => {
    expect(localDynamoDbClientConfig('http://127.0.0.1:8000', {})).toEqual({
      endpoint: 'http://127.0.0.1:8000',
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  it('keeps the region and credentials the environment gives', () => {
    expect(
      localDynamoDbClientConfig('http://127.0.0.1:8000', {
        AWS_REGION: 'sa-east-1',
        AWS_ACCESS_KEY_ID: 'id',
        AWS_SECRET_ACCESS_KEY: 'secret',
      }),
    ).toEqual({ endpoint: 'http://127.0.0.1:8000' });
    expect(localDynamoDbClientConfig('http://localhost:8000', { AWS_PROFILE: 'dev' })).toEqual({
      endpoint: 'http://localhost:8000',
      region: 'local',
    });
  });
});
