import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      store: 'sqlite',
      stage: 'local',
      demo: true,
      corsOrigins: ['*'],
      consoleOrigins: [],
      logLevel: 'info',
      trustProxyHops: 0,
      bodyLimitBytes: 1_048_576,
      revisionsKept: 50,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads SHUTTER_REVISIONS_KEPT and refuses a count outside 1–1000', () => {
    expect(loadConfig({ SHUTTER_REVISIONS_KEPT: '7' }).revisionsKept).toBe(7);
    for (const bad of ['0', '1001', '2.5', 'many']) {
      expect(() => loadConfig({ SHUTTER_REVISIONS_KEPT: bad })).toThrow(/SHUTTER_REVISIONS_KEPT/);
    }
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      SHUTTER_DATA_DIR: '/var/lib/shutter',
      SHUTTER_STORE: 'dynamodb',
      SHUTTER_STAGE: 'pre',
      SHUTTER_DEMO: '0',
      SHUTTER_CORS_ORIGINS: 'https://a.example, https://b.example:8443',
      SHUTTER_CONSOLE_ORIGINS: 'https://console.example, http://localhost:5173',
      LOG_LEVEL: 'debug',
      SHUTTER_TRUST_PROXY: '2',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/shutter',
      store: 'dynamodb',
      stage: 'pre',
      demo: false,
      corsOrigins: ['https://a.example', 'https://b.example:8443'],
      consoleOrigins: ['https://console.example', 'http://localhost:5173'],
      logLevel: 'debug',
      trustProxyHops: 2,
    });
  });

  it.each([
    ['0', 0],
    ['false', 0],
    ['1', 1],
    ['true', 1],
    ['3', 3],
  ])('reads SHUTTER_TRUST_PROXY=%s as %i trusted proxies', (value, hops) => {
    expect(loadConfig({ SHUTTER_TRUST_PROXY: value }).trustProxyHops).toBe(hops);
  });

  it('reads SHUTTER_BASE_PATH as a path of whole segments, and refuses anything else', () => {
    expect(loadConfig({}).basePath).toBeUndefined();
    expect(loadConfig({ SHUTTER_BASE_PATH: '/api' }).basePath).toBe('/api');
    expect(loadConfig({ SHUTTER_BASE_PATH: '/shutter/v1' }).basePath).toBe('/shutter/v1');
    for (const bad of ['api', '/api/', '/', '/a b', '/a//b']) {
      expect(() => loadConfig({ SHUTTER_BASE_PATH: bad })).toThrow(/SHUTTER_BASE_PATH/);
    }
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', SHUTTER_STORE: '' })).toMatchObject({
      port: 3000,
      store: 'sqlite',
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: PORT must be a number/],
    [{ PORT: '70000' }, /PORT must be 0–65535/],
    [{ PORT: '80.5' }, /PORT must be a whole number/],
    [{ SHUTTER_STORE: 'postgres' }, /SHUTTER_STORE must be "sqlite" or "dynamodb"/],
    [{ SHUTTER_STAGE: 'prod' }, /SHUTTER_STAGE must be local, dev, pre or pro/],
    [{ SHUTTER_DEMO: 'yes' }, /SHUTTER_DEMO must be 0 or 1/],
    [
      { SHUTTER_CORS_ORIGINS: 'example.com' },
      /SHUTTER_CORS_ORIGINS must be "\*" or a comma-separated list/,
    ],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of/],
    [{ SHUTTER_CONSOLE_ORIGINS: '*' }, /SHUTTER_CONSOLE_ORIGINS must be a comma-separated list/],
    [
      { SHUTTER_CONSOLE_ORIGINS: 'https://ok.example, console.example' },
      /SHUTTER_CONSOLE_ORIGINS must be a comma-separated list/,
    ],
    [{ SHUTTER_TRUST_PROXY: 'yes' }, /SHUTTER_TRUST_PROXY must be 0 \(off\)/],
    [{ SHUTTER_TRUST_PROXY: '-1' }, /SHUTTER_TRUST_PROXY must be 0 \(off\)/],
    [{ SHUTTER_TRUST_PROXY: '0x1' }, /SHUTTER_TRUST_PROXY must be 0 \(off\)/],
  ])('fails fast on %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});

describe('the content pipeline settings', () => {
  it('name the stage’s bucket and queue through a {stage} placeholder', () => {
    const config = loadConfig({
      SHUTTER_STAGE: 'pre',
      SHUTTER_CONTENT_BUCKET: 'shutter-{stage}-content-123456789012',
      SHUTTER_JOB_QUEUE_URL:
        'https://sqs.eu-west-1.amazonaws.com/123456789012/shutter-{stage}-jobs',
      SHUTTER_CDN_DISTRIBUTION_ID: 'E2QWRUHEXAMPLE',
    });
    expect(config.contentBucket).toBe('shutter-pre-content-123456789012');
    expect(config.jobQueueUrl).toBe(
      'https://sqs.eu-west-1.amazonaws.com/123456789012/shutter-pre-jobs',
    );
    expect(config.cdnDistributionId).toBe('E2QWRUHEXAMPLE');
  });

  it('refuses a bucket name with characters S3 does not allow', () => {
    expect(() => loadConfig({ SHUTTER_CONTENT_BUCKET: 'Shutter_Content' })).toThrow(
      /SHUTTER_CONTENT_BUCKET/,
    );
  });
});

describe('the CDN stage', () => {
  it('is pro unless SHUTTER_CDN_STAGE names another', () => {
    expect(loadConfig({}).cdnStage).toBe('pro');
    expect(loadConfig({ SHUTTER_CDN_STAGE: 'pre' }).cdnStage).toBe('pre');
    expect(() => loadConfig({ SHUTTER_CDN_STAGE: 'qa' })).toThrow(/SHUTTER_CDN_STAGE/);
  });
});
