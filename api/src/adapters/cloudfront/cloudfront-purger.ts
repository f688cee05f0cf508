import { createHash } from 'node:crypto';
import { CreateInvalidationCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { UnavailableError } from '../../domain/errors.js';
import type { CdnPurger } from '../../ports/cdn-purger.js';
import { invalidationPaths, type InvalidationPathOptions } from './invalidation-paths.js';

export interface CloudFrontPurgerOptions extends InvalidationPathOptions {
  client: CloudFrontClient;
  /** The distribution in front of `/content` (the web stack's `Cdn`). */
  distributionId: string;
  /** The clock for `CallerReference`; tests pass a fixed one. */
  now?: () => Date;
}

/**
 * Names of CloudFront's "not now" answers, with the wait to suggest. Too many invalidations in
 * progress clears as earlier ones finish (typically within a few minutes); throttling and
 * server errors clear sooner. Everything else (no such distribution, access denied, a bad
 * path) is a fault a retry cannot fix, and is rethrown as is.
 */
const RETRY_LATER = new Map<string, number>([
  ['TooManyInvalidationsInProgress', 60],
  ['Throttling', 5],
  ['ThrottlingException', 5],
  ['TooManyRequestsException', 5],
  ['ServiceUnavailable', 5],
  ['InternalError', 5],
  ['InternalFailure', 5],
]);

function translateCloudFrontError(error: unknown): unknown {
  const { name, $metadata } = (error ?? {}) as {
    name?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  const status = $metadata?.httpStatusCode ?? 0;
  const wait =
    (typeof name === 'string' ? RETRY_LATER.get(name) : undefined) ??
    (status === 429 || status >= 500 ? 5 : undefined);
  if (wait === undefined) return error;
  return new UnavailableError(`The CDN refused the purge for now (${String(name)}); retry`, wait, {
    cause: error,
  });
}

/**
 * Purges by tag on CloudFront: the tags become invalidation paths (see `invalidationPaths`),
 * sent as ONE invalidation per purge. `CallerReference` is a digest of the paths plus the time,
 * so a retried purge is a new invalidation (CloudFront refuses a reused reference with another
 * batch, and returns the old one, already finished, for the same batch).
 */
export function createCloudFrontPurger({
  client,
  distributionId,
  now = () => new Date(),
  ...pathOptions
}: CloudFrontPurgerOptions): CdnPurger {
  return {
    async purge(tags) {
      const paths = invalidationPaths(tags, pathOptions);
      if (paths.length === 0) return;
      const digest = createHash('sha256').update(paths.join('\n')).digest('hex').slice(0, 16);
      try {
        await client.send(
          new CreateInvalidationCommand({
            DistributionId: distributionId,
            InvalidationBatch: {
              Paths: { Quantity: paths.length, Items: paths },
              CallerReference: `shutter-${digest}-${now().getTime()}`,
            },
          }),
        );
      } catch (error) {
        throw translateCloudFrontError(error);
      }
    },
  };
}
