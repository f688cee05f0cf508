import { existsSync } from 'node:fs';
import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CachedMethods,
  CachePolicy,
  CacheHeaderBehavior,
  CacheQueryStringBehavior,
  CacheCookieBehavior,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  S3OriginAccessControl,
  Signing,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { contentBucketName } from './content-resources.js';
import { REPO_ROOT } from './lambda-bundling.js';
import { CDN_DISTRIBUTION_PARAMETER, type Stage } from './stages.js';

export interface WebStackProps extends StackProps {
  api: RestApi;
  /** The API stage readers are served from; its content bucket serves the photos. */
  contentStage: Stage;
  corsOrigins: readonly string[];
  /** The built portal; deployed only if it exists (`npm run build -w web`). */
  webDist?: string;
}

/** The longest the edge may keep a content response: at least the API's `s-maxage` (300 s). */
export const CONTENT_MAX_TTL = Duration.hours(1);

/**
 * What the visitor counter reads from a request besides its path and body: the key of a read
 * (`x-api-key`), the body's type (a visit's key may come as `text/plain`), and what decides
 * whether a visit counts (Global Privacy Control, Do Not Track, a page's `Origin` and the agent
 * `isbot` checks; api/src/http/visit-consent.ts). Never `Host`, which API Gateway would refuse.
 */
export const COUNTER_FORWARDED_HEADERS = [
  'x-api-key',
  'Content-Type',
  'User-Agent',
  'Sec-GPC',
  'DNT',
  'Origin',
] as const;

/**
 * The portal on a private bucket behind CloudFront (origin access control), and the public
 * content API behind the same distribution, so readers anywhere are answered from the nearest
 * edge for as long as the API's own `Cache-Control` allows. Photos' variants come straight from
 * the content stage's bucket (`images/*`, immutable), and the counter's script, badges and
 * visits from the API.
 */
export class WebStack extends Stack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly contentCachePolicy: CachePolicy;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    });

    // The content routes answer `public, max-age=60, s-maxage=300, …`: with min and default TTL
    // at 0 the edge caches exactly what the origin says, up to the max TTL.
    this.contentCachePolicy = new CachePolicy(this, 'ContentCache', {
      cachePolicyName: 'shutter-content',
      comment: "Honours the content API's Cache-Control",
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: CONTENT_MAX_TTL,
      // Filters, sort, limit and cursor all change the answer.
      queryStringBehavior: CacheQueryStringBehavior.all(),
      // The API varies on Accept-Encoding only (normalised by the two flags below), and on Origin
      // when CORS names origins, since the allowed origin is then echoed per request.
      headerBehavior: props.corsOrigins.includes('*')
        ? CacheHeaderBehavior.none()
        : CacheHeaderBehavior.allowList('Origin'),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Everything in the cache key reaches the origin; never the viewer's Host, which API Gateway
    // would refuse.
    const contentOriginRequest = new OriginRequestPolicy(this, 'ContentOriginRequest', {
      originRequestPolicyName: 'shutter-content',
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      headerBehavior: OriginRequestHeaderBehavior.none(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });

    // The counter: every request reaches the API with what the counter reads (a POST is never
    // cached; badges and the script are, as long as their Cache-Control says).
    const counterOriginRequest = new OriginRequestPolicy(this, 'CounterOriginRequest', {
      originRequestPolicyName: 'shutter-counter',
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      headerBehavior: OriginRequestHeaderBehavior.allowList(...COUNTER_FORWARDED_HEADERS),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });

    const apiDomain = `${props.api.restApiId}.execute-api.${Stack.of(props.api).region}.${Aws.URL_SUFFIX}`;
    const apiOrigin = new HttpOrigin(apiDomain, {
      originPath: `/${props.contentStage}`,
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    // One origin access control signs for both buckets.
    const originAccess = new S3OriginAccessControl(this, 'OriginAccess', {
      signing: Signing.SIGV4_ALWAYS,
    });
    // The content stage's bucket, by name like everything of a data stack (no export). Its
    // policy is the data stack's: it lets CloudFront read `images/*` and nothing else
    // (data-stack.ts), so the uploaded originals, which may carry GPS data, stay private.
    const contentBucket = Bucket.fromBucketAttributes(this, 'ContentBucket', {
      bucketName: contentBucketName(props.contentStage),
      region: this.region,
    });
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Shutter: portal and public content',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessControl: originAccess,
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      additionalBehaviors: {
        '/content*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachedMethods: CachedMethods.CACHE_GET_HEAD_OPTIONS,
          cachePolicy: this.contentCachePolicy,
          originRequestPolicy: contentOriginRequest,
          compress: true,
        },
        // Variants are named by the hash of their bytes and served `immutable` (a year): cached
        // as long as the edge will keep them. Already compressed formats: no edge compression.
        '/images/*': {
          origin: S3BucketOrigin.withOriginAccessControl(contentBucket, {
            originAccessControl: originAccess,
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: false,
        },
        // The embed's script (`max-age=300`, an ETag) and the counter's routes: public badges
        // (`max-age=60`), visits (POST, never cached) and keyed reads (`no-store`). The script
        // posts to `visits/…` next to where it was loaded from, so both come through here.
        '/counter.js': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachedMethods: CachedMethods.CACHE_GET_HEAD_OPTIONS,
          cachePolicy: this.contentCachePolicy,
          originRequestPolicy: contentOriginRequest,
          compress: true,
        },
        '/visits/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachedMethods: CachedMethods.CACHE_GET_HEAD_OPTIONS,
          cachePolicy: this.contentCachePolicy,
          originRequestPolicy: counterOriginRequest,
          compress: true,
        },
      },
    });

    new CfnOutput(this, 'Url', { value: `https://${this.distribution.distributionDomainName}` });
    // Not a secret: where `npm run deploy` finds the distribution the worker purges.
    new StringParameter(this, 'DistributionIdParameter', {
      parameterName: CDN_DISTRIBUTION_PARAMETER,
      stringValue: this.distribution.distributionId,
      description: 'Shutter: the CloudFront distribution the content worker purges',
    });

    const webDist = props.webDist ?? `${REPO_ROOT}web/dist`;
    if (existsSync(webDist)) {
      new BucketDeployment(this, 'Portal', {
        sources: [Source.asset(webDist)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
      });
    }
  }
}
