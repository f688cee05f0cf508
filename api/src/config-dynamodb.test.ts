import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig: DynamoDB settings', () => {
  it('derives the table prefix from the stage', () => {
    expect(loadConfig({}).tablePrefix).toBe('shutter-local-');
    expect(loadConfig({ SHUTTER_STAGE: 'pro' }).tablePrefix).toBe('shutter-pro-');
    expect(loadConfig({}).dynamoDbEndpoint).toBeUndefined();
  });

  it('takes an explicit prefix and endpoint', () => {
    const config = loadConfig({
      SHUTTER_STORE: 'dynamodb',
      SHUTTER_TABLE_PREFIX: 'mine-',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
    });
    expect(config).toMatchObject({
      store: 'dynamodb',
      tablePrefix: 'mine-',
      dynamoDbEndpoint: 'http://127.0.0.1:8000',
    });
  });

  it('names a bad prefix or endpoint', () => {
    expect(() =>
      loadConfig({ SHUTTER_TABLE_PREFIX: 'no spaces', AWS_ENDPOINT_URL_DYNAMODB: 'nope' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ SHUTTER_TABLE_PREFIX: 'no spaces', AWS_ENDPOINT_URL_DYNAMODB: 'nope' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^SHUTTER_TABLE_PREFIX: /),
        expect.stringMatching(/^AWS_ENDPOINT_URL_DYNAMODB: /),
      ]);
    }
  });
});
