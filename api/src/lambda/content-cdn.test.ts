import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { contentCdn } from './content-cdn.js';

const cloudfront = mockClient(CloudFrontClient);
afterEach(() => cloudfront.reset());

describe('the worker’s CDN', () => {
  const env = { SHUTTER_CDN_DISTRIBUTION_ID: 'E2QWRUHEXAMPLE' };

  it('purges only for the stage the distribution serves', () => {
    expect(contentCdn(loadConfig({ ...env, SHUTTER_STAGE: 'pro' }))).toBeDefined();
    // dev and pre run the same function with the same setting: they must not purge pro's cache.
    expect(contentCdn(loadConfig({ ...env, SHUTTER_STAGE: 'dev' }))).toBeUndefined();
    expect(contentCdn(loadConfig({ ...env, SHUTTER_STAGE: 'pre' }))).toBeUndefined();
  });

  it('is absent without a distribution', () => {
    expect(contentCdn(loadConfig({ SHUTTER_STAGE: 'pro' }))).toBeUndefined();
  });

  it('purges the reader pages with the API paths: the distribution serves both', async () => {
    cloudfront.on(CreateInvalidationCommand).resolves({});
    await contentCdn(loadConfig({ ...env, SHUTTER_STAGE: 'pro' }))!.purge([
      'review:x100vi',
      'list',
    ]);
    const [call] = cloudfront.commandCalls(CreateInvalidationCommand);
    expect(call!.args[0].input.DistributionId).toBe('E2QWRUHEXAMPLE');
    expect(call!.args[0].input.InvalidationBatch?.Paths?.Items).toEqual(
      expect.arrayContaining(['/content/x100vi', '/review/x100vi', '/', '/?*']),
    );
  });
});
