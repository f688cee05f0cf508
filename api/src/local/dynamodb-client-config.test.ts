import { describe, expect, it } from 'vitest';
import type { CredentialsProvider } from '../adapters/dynamodb/dynamodb-http-client.js';
import { localDynamoDbClientConfig } from './dynamodb-client-config.js';

// Stands for the SDK's default chain: which settings use it is what these tests check.
const chainProvider: CredentialsProvider = async () => ({ accessKeyId: 'a', secretAccessKey: 'b' });
const chain = () => chainProvider;

describe('localDynamoDbClientConfig', () => {
  it('invents nothing when talking to AWS itself: the environment’s region, the SDK’s chain', () => {
    expect(localDynamoDbClientConfig(undefined, { AWS_REGION: 'eu-west-1' }, chain)).toEqual({
      region: 'eu-west-1',
      credentials: chainProvider,
    });
    expect(
      localDynamoDbClientConfig(undefined, { AWS_DEFAULT_REGION: 'us-east-2' }, chain).region,
    ).toBe('us-east-2');
    // No region: each call fails saying so, rather than guessing one.
    expect(localDynamoDbClientConfig(undefined, {}, chain).region).toBeUndefined();
  });

  it('fills in a placeholder region and credentials for an emulator when none are set', () => {
    expect(localDynamoDbClientConfig('http://127.0.0.1:8000', {}, chain)).toEqual({
      endpoint: 'http://127.0.0.1:8000',
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  it('keeps the region and credentials the environment gives', () => {
    expect(
      localDynamoDbClientConfig(
        'http://127.0.0.1:8000',
        { AWS_REGION: 'sa-east-1', AWS_ACCESS_KEY_ID: 'id', AWS_SECRET_ACCESS_KEY: 'secret' },
        chain,
      ),
    ).toEqual({
      endpoint: 'http://127.0.0.1:8000',
      region: 'sa-east-1',
      credentials: chainProvider,
    });
    expect(
      localDynamoDbClientConfig('http://localhost:8000', { AWS_PROFILE: 'dev' }, chain),
    ).toEqual({ endpoint: 'http://localhost:8000', region: 'local', credentials: chainProvider });
  });
});
