import {
  CloudFrontClient,
  CloudFrontServiceException,
  CreateInvalidationCommand,
  NoSuchDistribution,
  TooManyInvalidationsInProgress,
} from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { reviewChangeTags } from '../../domain/cache-tags.js';
import { UnavailableError } from '../../domain/errors.js';
import { createCloudFrontPurger } from './cloudfront-purger.js';
import { MAX_REVIEW_PATHS, invalidationPaths } from './invalidation-paths.js';

const cloudfront = mockClient(CloudFrontClient);
afterEach(() => cloudfront.reset());

const AT = new Date('2026-11-21T10:00:00.000Z');

function purger(options: { readerPages?: boolean } = {}) {
  return createCloudFrontPurger({
    client: new CloudFrontClient({ region: 'us-east-1' }),
    distributionId: 'E2EXAMPLE',
    now: () => AT,
    ...options,
  });
}

const metadata = { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 };

describe('invalidationPaths', () => {
  it('maps each tag to the paths of the responses carrying it', () => {
    expect(invalidationPaths(['review:x100vi'])).toEqual(['/content/x100vi']);
    expect(invalidationPaths(['list'])).toEqual(['/content', '/content?*']);
    expect(invalidationPaths(['cameras'])).toEqual(['/content/cameras']);
    expect(invalidationPaths(['compare'])).toEqual(['/content/compare*']);
    expect(invalidationPaths(['camera:fujifilm-x100vi'])).toEqual([]);
    expect(invalidationPaths([])).toEqual([]);
  });

  it('adds the readers’ pages only when asked', () => {
    expect(invalidationPaths(['review:x100vi', 'list'], { readerPages: true })).toEqual([
      '/',
      '/?*',
      '/content',
      '/content/x100vi',
      '/content?*',
      '/feed.xml',
      '/review/x100vi',
      '/sitemap.xml',
    ]);
  });

  it('gives a publish five paths: its detail, the lists (two), the camera table, comparisons', () => {
    const paths = invalidationPaths(
      reviewChangeTags({ slug: 'sony-a7-iv', camera: { brand: 'Sony', model: 'α7 IV' } }),
    );
    expect(paths).toEqual([
      '/content',
      '/content/cameras',
      '/content/compare*',
      '/content/sony-a7-iv',
      '/content?*',
    ]);
  });

  it('keeps every path within CloudFront’s rules: leading slash, `*` only last', () => {
    const tags = [
      ...reviewChangeTags({ slug: 'a', camera: { brand: 'B', model: 'C' } }),
      'review:b-2',
    ];
    for (const readerPages of [false, true]) {
      for (const path of invalidationPaths(tags, { readerPages })) {
        expect(path.startsWith('/')).toBe(true);
        expect(path.slice(0, -1)).not.toContain('*');
      }
    }
  });

  it('dedupes and sorts, so equal tag sets give equal batches', () => {
    expect(invalidationPaths(['list', 'review:b', 'review:a', 'list', 'review:b'])).toEqual(
      invalidationPaths(['review:a', 'review:b', 'list']),
    );
    expect(invalidationPaths(['list', 'list', 'review:a', 'review:a'])).toEqual([
      '/content',
      '/content/a',
      '/content?*',
    ]);
  });

  it(`collapses more than ${MAX_REVIEW_PATHS} details into one wildcard`, () => {
    const many = Array.from({ length: MAX_REVIEW_PATHS + 1 }, (_, i) => `review:r-${i}`);
    expect(invalidationPaths(many)).toEqual(['/content/*']);
    expect(invalidationPaths(many, { readerPages: true })).toEqual(['/content/*', '/review/*']);
    expect(invalidationPaths(many.slice(1))).toHaveLength(MAX_REVIEW_PATHS);
  });

  it('purges everything with one wildcard in wide mode, and still nothing for no URL', () => {
    const tags = reviewChangeTags({ slug: 'x100vi', camera: { brand: 'Fujifilm', model: 'X' } });
    expect(invalidationPaths(tags, { wide: true })).toEqual(['/content*']);
    expect(invalidationPaths(['review:a'], { wide: true, readerPages: true })).toEqual(['/*']);
    expect(invalidationPaths(['camera:fujifilm-x'], { wide: true })).toEqual([]);
    expect(() => invalidationPaths(['nope'], { wide: true })).toThrow(/Not a cache tag/);
  });

  it('refuses a value that is not a cache tag', () => {
    expect(() => invalidationPaths(['list', '/content*'])).toThrow(/Not a cache tag/);
    expect(() => invalidationPaths(['review:../x'])).toThrow(/Not a cache tag/);
  });
});

describe('CloudFront purger', () => {
  it('sends one invalidation with the deduplicated paths and a reference from paths and time', async () => {
    cloudfront.on(CreateInvalidationCommand).resolves({});
    await purger().purge(['review:x100vi', 'list', 'review:x100vi', 'camera:fujifilm-x100vi']);
    const calls = cloudfront.commandCalls(CreateInvalidationCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input.DistributionId).toBe('E2EXAMPLE');
    expect(input.InvalidationBatch!.Paths).toEqual({
      Quantity: 3,
      Items: ['/content', '/content/x100vi', '/content?*'],
    });
    expect(input.InvalidationBatch!.CallerReference).toMatch(
      new RegExp(`^shutter-[0-9a-f]{16}-${AT.getTime()}$`),
    );
  });

  it('gives different tag sets, or the same set later, different references', async () => {
    cloudfront.on(CreateInvalidationCommand).resolves({});
    let at = AT.getTime();
    const p = createCloudFrontPurger({
      client: new CloudFrontClient({ region: 'us-east-1' }),
      distributionId: 'E2EXAMPLE',
      now: () => new Date(at),
    });
    await p.purge(['list']);
    await p.purge(['cameras']);
    at += 1;
    await p.purge(['list']);
    const refs = cloudfront
      .commandCalls(CreateInvalidationCommand)
      .map((c) => c.args[0].input.InvalidationBatch!.CallerReference);
    expect(new Set(refs).size).toBe(3);
    // Same paths: same digest, only the time differs.
    expect(refs[0]!.split('-')[1]).toBe(refs[2]!.split('-')[1]);
  });

  it('sends nothing when no tag names a URL', async () => {
    cloudfront.on(CreateInvalidationCommand).resolves({});
    await purger().purge([]);
    await purger().purge(['camera:sony-a7-iv']);
    expect(cloudfront.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });

  it('turns "too many invalidations in progress" into UnavailableError, for the job to retry', async () => {
    cloudfront
      .on(CreateInvalidationCommand)
      .rejects(new TooManyInvalidationsInProgress({ message: 'wait', $metadata: metadata }));
    const error = await purger()
      .purge(['list'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).retryAfterSeconds).toBe(60);
    expect((error as Error).cause).toBeInstanceOf(TooManyInvalidationsInProgress);
  });

  it('turns throttling and server errors into UnavailableError', async () => {
    const throttled = new CloudFrontServiceException({
      name: 'Throttling',
      $fault: 'client',
      message: 'Rate exceeded',
      $metadata: metadata,
    });
    const serverError = new CloudFrontServiceException({
      name: 'Unknown',
      $fault: 'server',
      message: 'oops',
      $metadata: { ...metadata, httpStatusCode: 503 },
    });
    for (const failure of [throttled, serverError]) {
      cloudfront.reset();
      cloudfront.on(CreateInvalidationCommand).rejects(failure);
      const error = await purger()
        .purge(['list'])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnavailableError);
      expect((error as UnavailableError).retryAfterSeconds).toBe(5);
    }
  });

  it('rethrows faults a retry cannot fix as they are', async () => {
    const missing = new NoSuchDistribution({ message: 'no such', $metadata: metadata });
    cloudfront.on(CreateInvalidationCommand).rejects(missing);
    await expect(purger().purge(['list'])).rejects.toBe(missing);
  });

  it('refuses a value that is not a cache tag before calling CloudFront', async () => {
    cloudfront.on(CreateInvalidationCommand).resolves({});
    await expect(purger().purge(['/*'])).rejects.toThrow(/Not a cache tag/);
    expect(cloudfront.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });
});
