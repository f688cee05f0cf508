import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { contentCdn } from './content-cdn.js';

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
});
