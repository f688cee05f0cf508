import { existsSync } from 'node:fs';
import {
  Aws,
  CfnDynamicReference,
  CfnDynamicReferenceService,
  CfnOutput,
  Duration,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CachedMethods,
  CachePolicy,
  CacheHeaderBehavior,
  CacheQueryStringBehavior,
  CacheCookieBehavior,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  Signing,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER, ORIGIN_SECRET_PARAMETER } from '../../api/src/lambda/cdn-origin.js';
import {
  ComparePageQuerySchema,
  HomeQuerySchema,
  SitemapQuerySchema,
} from '../../api/src/http/schemas/page-schemas.js';
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
  // The reader's address (and port), which the visits function trusts only from CloudFront
  // (the origin secret): unique visitors and per-address limits are per reader, not per edge.
  'CloudFront-Viewer-Address',
] as const;

/**
 * The reader site's pages (api/src/http/routes/pages.ts, served by the content function) by
 * CloudFront path pattern, each with the query parameters it reads (its query schema's): only
 * those are in its cache key and reach the API, so `?utm_source=…` on a shared link is served the
 * same cached page. `/` itself is the default behaviour's: CloudFront has no pattern for exactly
 * `/` (the default `*` is the only one that can take it), see {@link PORTAL_PATTERN}.
 */
export const READER_PAGE_QUERIES: Readonly<Record<string, readonly string[]>> = {
  '/': Object.keys(HomeQuerySchema.shape),
  '/review/*': [],
  '/compare': Object.keys(ComparePageQuerySchema.shape),
  '/cameras': [],
  '/sitemap.xml': Object.keys(SitemapQuerySchema.shape),
  '/feed.xml': [],
  '/robots.txt': [],
};

/** Query strings a cache policy may list (CloudFront's default quota). */
const MAX_QUERY_STRINGS_PER_POLICY = 10;

/**
 * The portal's behaviour: every path with at least one character after the slash (`?` is exactly
 * one character, `*` any number), i.e. every path but `/`. Listed after every other behaviour,
 * it takes what none of them matched; `/` alone falls through to the default behaviour, which
 * serves the reader site's home page.
 */
export const PORTAL_PATTERN = '/?*';

/**
 * The consoles' pages (web/, a single-page app): every path under them is answered with the one
 * `console.html` of the portal bucket, which routes in the browser.
 */
export const CONSOLE_PAGE_PATTERNS = ['/editor*', '/admin*'] as const;

/**
 * The editor API the consoles call on their own origin (the refresh token is a `SameSite=Strict`
 * cookie on `/auth`): never cached, and everything the viewer sent but `Host` reaches the API.
 */
export const CONSOLE_API_PATTERNS = [
  '/auth*',
  '/me*',
  '/reviews*',
  '/users*',
  '/api-keys*',
  '/counters*',
  // On AWS its 404 says the queue is SQS, with its dead letters in the DLQ (routes/jobs.ts).
  '/jobs*',
] as const;

/** What the local server says of the consoles' assets too (api/src/local/console-files.ts). */
export const CONSOLE_ASSETS_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** The function that hands every consoles' path the one page: the browser routes from there. */
export const CONSOLE_REWRITE_CODE = `function handler(event) {
  event.request.uri = '/console.html';
  return event.request;
}`;

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
  /** The reader pages' cache policies, by the query strings in their key (`''` for none). */
  readonly pageCachePolicies = new Map<string, CachePolicy>();

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
      // Says a request came through this distribution, so the API may trust what CloudFront
      // adds (the viewer's address). A dynamic reference, resolved by CloudFormation at deploy:
      // the template holds the parameter's name, never its value (made out of band, deploy.md).
      customHeaders: {
        [ORIGIN_SECRET_HEADER]: new CfnDynamicReference(
          CfnDynamicReferenceService.SSM,
          ORIGIN_SECRET_PARAMETER,
        ).toString(),
      },
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
    // The reader pages: cached exactly as long as their Cache-Control says (`s-maxage`; a 404
    // page says `no-cache`), keyed on their own query strings only; no cookie, no header. Without
    // an origin request policy, what is in the key is all that reaches the API (never `Host`).
    const page = (pattern: string) => ({
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy: this.pageCachePolicy(READER_PAGE_QUERIES[pattern] ?? []),
      compress: true,
    });
    // The consoles: their page from the portal bucket whatever the path under /editor or /admin,
    // their hashed assets immutable, their API calls to the API uncached with all the viewer sent.
    const portalOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessControl: originAccess,
    });
    const consoleRewrite = new CloudFrontFunction(this, 'ConsolePage', {
      comment: 'Shutter: every consoles path is console.html (the browser routes)',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(CONSOLE_REWRITE_CODE),
    });
    const consolePages = Object.fromEntries(
      CONSOLE_PAGE_PATTERNS.map((pattern) => [
        pattern,
        {
          origin: portalOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          // Keyed on the rewritten URI: one cached page, invalidated by each deployment.
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: true,
          functionAssociations: [
            { function: consoleRewrite, eventType: FunctionEventType.VIEWER_REQUEST },
          ],
        },
      ]),
    );
    // S3 has no Cache-Control on them: the viewer is told what their hashed names promise.
    const immutableAssets = new ResponseHeadersPolicy(this, 'ConsoleAssetsHeaders', {
      responseHeadersPolicyName: 'shutter-console-assets',
      comment: "The consoles' hashed assets: immutable",
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Cache-Control',
            value: CONSOLE_ASSETS_CACHE_CONTROL,
            override: true,
          },
        ],
      },
    });
    const consoleApi = Object.fromEntries(
      CONSOLE_API_PATTERNS.map((pattern) => [
        pattern,
        {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Authorization, If-Match, the refresh cookie and every query string; never Host.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          compress: true,
        },
      ]),
    );
    const readerPages = Object.fromEntries(
      Object.keys(READER_PAGE_QUERIES)
        .filter((pattern) => pattern !== '/')
        .map((pattern) => [pattern, page(pattern)]),
    );
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Shutter: reader site, public content, counter and portal',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      // Only `/` reaches it (PORTAL_PATTERN takes every other path): the reader site's home.
      // No default root object, which would ask the API for `/index.html` instead.
      defaultBehavior: page('/'),
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
        ...readerPages,
        // The reader site's stylesheet and script, named by the hash of their content and served
        // `immutable` (a year): AWS's managed CachingOptimized keeps them as long as they say.
        '/assets/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: true,
        },
        // A draft's preview link (`private, no-store`, `noindex`): never cached, whatever it says.
        '/preview/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          compress: true,
        },
        ...consolePages,
        // The consoles' scripts and styles, named by the hash of their content.
        '/console-assets/*': {
          origin: portalOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: true,
          responseHeadersPolicy: immutableAssets,
        },
        ...consoleApi,
        // Last: behaviours are matched in order, and this one matches every path but `/`.
        [PORTAL_PATTERN]: {
          origin: portalOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
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

  /** The reader pages' cache policy keyed on these query strings, one per distinct set. */
  private pageCachePolicy(queryStrings: readonly string[]): CachePolicy {
    const key = [...queryStrings].sort().join(',');
    let policy = this.pageCachePolicies.get(key);
    if (policy) return policy;
    if (queryStrings.length > MAX_QUERY_STRINGS_PER_POLICY) {
      throw new Error(`A cache policy lists at most 10 query strings: ${key}`);
    }
    const id = `PageCache${this.pageCachePolicies.size}`;
    policy = new CachePolicy(this, id, {
      cachePolicyName: `shutter-pages-${this.pageCachePolicies.size}`,
      comment: `Reader pages: the API's Cache-Control; query strings: ${key || 'none'}`,
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: CONTENT_MAX_TTL,
      queryStringBehavior:
        queryStrings.length > 0
          ? CacheQueryStringBehavior.allowList(...queryStrings)
          : CacheQueryStringBehavior.none(),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.pageCachePolicies.set(key, policy);
    return policy;
  }
}
