import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { createCloudFrontPurger } from '../adapters/cloudfront/cloudfront-purger.js';
import type { Config } from '../config.js';
import type { CdnPurger } from '../ports/cdn-purger.js';

/**
 * The CloudFront distribution a publish purges: the API's paths and the reader site's pages,
 * which the same distribution serves (infra/lib/web-stack.ts). A stage deployed without one (no
 * web stack yet), or another stage than the one the distribution serves, purges nothing: the
 * caller falls back to logging the tags.
 */
export function contentCdn(config: Config): CdnPurger | undefined {
  if (!config.cdnDistributionId || config.stage !== config.cdnStage) return undefined;
  return createCloudFrontPurger({
    client: new CloudFrontClient({}),
    distributionId: config.cdnDistributionId,
    readerPages: true,
  });
}
