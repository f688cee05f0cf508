import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLIC_CACHE_CONTROL } from '../../api/src/http/routes/content.js';
import {
  ComparePageQuerySchema,
  HomeQuerySchema,
  SitemapQuerySchema,
} from '../../api/src/http/schemas/page-schemas.js';
import { READER_PAGE_ROUTES } from '../lib/access-matrix.js';
import {
  CONSOLE_API_PATTERNS,
  CONSOLE_ASSETS_CACHE_CONTROL,
  CONSOLE_PAGE_PATTERNS,
  CONSOLE_REWRITE_CODE,
  PORTAL_PATTERN,
  READER_PAGE_QUERIES,
  WebStack,
} from '../lib/web-stack.js';
import { render } from './support/template-values.js';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The web stack against a stand-in API (the real one needs the Lambda bundles). */
function synthWeb(options: { webDist?: string; corsOrigins?: string[] } = {}) {
  const app = new App();
  const apiStack = new Stack(app, 'Api');
  const api = new RestApi(apiStack, 'Api', { deployOptions: { stageName: 'pro' } });
  api.root.addResource('content').addMethod('GET', new MockIntegration());
  const web = new WebStack(app, 'Web', {
    api,
    contentStage: 'pro',
    corsOrigins: options.corsOrigins ?? ['*'],
    webDist: options.webDist ?? join(tmpdir(), 'shutter-no-such-web-dist'),
  });
  return { template: Template.fromStack(web), apiStack, api };
}

const { template, apiStack, api } = synthWeb();
const json = template.toJSON() as {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};
/** The cache policy of this name. */
const cachePolicy = (name: string) =>
  Object.entries(json.Resources).find(
    ([, r]) =>
      r.Type === 'AWS::CloudFront::CachePolicy' &&
      (r.Properties.CachePolicyConfig as { Name: string }).Name === name,
  )!;
const only = (type: string) => {
  const found = Object.entries(json.Resources).filter(([, r]) => r.Type === type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

describe('the portal bucket', () => {
  it('is private, encrypted and refuses plain HTTP', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('is read by this distribution only, through origin access control (not an OAI)', () => {
    const [oacId, oac] = only('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const [distributionId, distribution] = only('AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig as {
      Origins: { Id: string; OriginAccessControlId?: unknown; S3OriginConfig?: unknown }[];
      CacheBehaviors: { PathPattern: string; TargetOriginId: string }[];
    };
    const portal = config.CacheBehaviors.find((b) => b.PathPattern === PORTAL_PATTERN)!;
    const s3Origin = config.Origins.find((o) => o.Id === portal.TargetOriginId)!;
    expect(s3Origin.S3OriginConfig).toBeDefined();
    expect(render(s3Origin.OriginAccessControlId)).toBe(`{${oacId}.Id}`);

    const [, policy] = only('AWS::S3::BucketPolicy');
    const statements = (
      policy.Properties.PolicyDocument as {
        Statement: {
          Effect: string;
          Principal: unknown;
          Action: unknown;
          Condition?: { StringEquals?: Record<string, unknown> };
        }[];
      }
    ).Statement;
    const read = statements.find((s) => s.Effect === 'Allow')!;
    expect(read.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(read.Action).toBe('s3:GetObject');
    expect(render(read.Condition?.StringEquals?.['AWS:SourceArn'])).toBe(
      `arn:aws:cloudfront::123456789012:distribution/{Ref:${distributionId}}`,
    );
  });

  it('deploys nothing while web/dist does not exist', () => {
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });

  it('deploys web/dist and invalidates the distribution once it exists', () => {
    const dist = mkdtempSync(join(tmpdir(), 'shutter-web-dist-'));
    tempDirs.push(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Shutter</title>');
    const withPortal = synthWeb({ webDist: dist }).template;
    withPortal.resourceCountIs('Custom::CDKBucketDeployment', 1);
    withPortal.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionPaths: ['/*'],
    });
  });
});

describe('the distribution', () => {
  const [, distribution] = only('AWS::CloudFront::Distribution');
  const config = distribution.Properties.DistributionConfig as {
    DefaultRootObject?: string;
    DefaultCacheBehavior: {
      ViewerProtocolPolicy: string;
      Compress: boolean;
      CachePolicyId: unknown;
      OriginRequestPolicyId?: unknown;
    };
    CacheBehaviors: {
      PathPattern: string;
      TargetOriginId: string;
      CachePolicyId: unknown;
      OriginRequestPolicyId: unknown;
      ViewerProtocolPolicy: string;
      Compress: boolean;
      AllowedMethods: string[];
      FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
      ResponseHeadersPolicyId?: unknown;
    }[];
    Origins: {
      Id: string;
      DomainName: unknown;
      OriginPath?: string;
      CustomOriginConfig?: { OriginProtocolPolicy: string };
    }[];
  };

  const behavior = (path: string) => config.CacheBehaviors.find((b) => b.PathPattern === path)!;
  const apiOriginId = () => behavior('/content*').TargetOriginId;

  it('routes /content*, photos, the counter, the reader pages, the consoles and the portal, nothing else', () => {
    expect(config.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual(
      [
        '/content*',
        '/images/*',
        '/counter.js',
        '/visits/*',
        '/review/*',
        '/compare',
        '/cameras',
        '/sitemap.xml',
        '/feed.xml',
        '/robots.txt',
        '/assets/*',
        '/preview/*',
        '/editor*',
        '/admin*',
        '/console-assets/*',
        '/auth*',
        '/me*',
        '/reviews*',
        '/users*',
        '/api-keys*',
        '/counters*',
        '/jobs*',
        PORTAL_PATTERN,
      ].sort(),
    );
  });

  it('serves the reader site’s home at / from the default behaviour: no pattern is exactly /', () => {
    // The default behaviour (`*`) is the only one that can take `/`; no default root object, which
    // would ask the API for `/index.html` instead.
    expect(config.DefaultRootObject).toBeUndefined();
    expect(config.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: apiOriginId(),
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
      AllowedMethods: ['GET', 'HEAD'],
    });
    expect(config.DefaultCacheBehavior.OriginRequestPolicyId).toBeUndefined();
  });

  it('gives the portal every other path, matched last (`/?*` is every path but `/`)', () => {
    const last = config.CacheBehaviors.at(-1)!;
    expect(last.PathPattern).toBe(PORTAL_PATTERN);
    const origin = config.Origins.find((o) => o.Id === last.TargetOriginId) as {
      S3OriginConfig?: unknown;
    };
    expect(origin.S3OriginConfig).toBeDefined();
    // CloudFront's `?` is exactly one character and `*` any number (case-sensitive, no regex).
    const matches = (pattern: string, path: string) =>
      new RegExp(
        `^${pattern
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      ).test(path);
    const served = (path: string) =>
      config.CacheBehaviors.find((b) => matches(b.PathPattern, path))?.PathPattern ?? '*';
    expect(served('/')).toBe('*');
    expect(served('/review/x100vi')).toBe('/review/*');
    expect(served('/compare')).toBe('/compare');
    expect(served('/sitemap.xml')).toBe('/sitemap.xml');
    expect(served('/assets/site.0123abcd.css')).toBe('/assets/*');
    expect(served('/content/x100vi')).toBe('/content*');
    expect(served('/editor/reviews/r1')).toBe('/editor*');
    expect(served('/admin')).toBe('/admin*');
    expect(served('/console-assets/console-0123abcd.js')).toBe('/console-assets/*');
    expect(served('/auth/refresh')).toBe('/auth*');
    expect(served('/reviews/r1/images')).toBe('/reviews*');
    expect(served('/counter.js')).toBe('/counter.js');
    expect(served('/counters/default')).toBe('/counters*');
    expect(served('/jobs/index:rebuild/retry')).toBe('/jobs*');
    expect(served('/favicon.ico')).toBe(PORTAL_PATTERN);
  });

  it('answers every path under /editor and /admin with console.html from the portal bucket', () => {
    const portalOrigin = config.CacheBehaviors.at(-1)!.TargetOriginId;
    const [functionId, fn] = only('AWS::CloudFront::Function');
    expect(fn.Properties).toMatchObject({
      FunctionCode: CONSOLE_REWRITE_CODE,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
    });
    for (const pattern of CONSOLE_PAGE_PATTERNS) {
      expect(behavior(pattern), pattern).toMatchObject({
        TargetOriginId: portalOrigin,
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        // AWS's managed CachingOptimized: one cached page (the rewritten URI), purged on deploy.
        CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
        FunctionAssociations: [
          {
            EventType: 'viewer-request',
            FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] },
          },
        ],
      });
    }
    // The function itself: whatever the path, the page.
    const handler = new Function(`${CONSOLE_REWRITE_CODE}; return handler;`)() as (event: {
      request: { uri: string };
    }) => { uri: string };
    expect(handler({ request: { uri: '/editor/reviews/r1' } }).uri).toBe('/console.html');
  });

  it("serves the consoles' hashed assets from the portal bucket, immutable", () => {
    const [policyId, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
    expect(behavior('/console-assets/*')).toMatchObject({
      TargetOriginId: config.CacheBehaviors.at(-1)!.TargetOriginId,
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
      ResponseHeadersPolicyId: { Ref: policyId },
      Compress: true,
    });
    expect(policy.Properties.ResponseHeadersPolicyConfig).toMatchObject({
      CustomHeadersConfig: {
        Items: [{ Header: 'Cache-Control', Value: CONSOLE_ASSETS_CACHE_CONTROL, Override: true }],
      },
    });
  });

  it("sends the consoles' API calls to the pro stage, never cached, with all the viewer sent but Host", () => {
    for (const pattern of CONSOLE_API_PATTERNS) {
      expect(behavior(pattern), pattern).toMatchObject({
        TargetOriginId: apiOriginId(),
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        // AWS's managed CachingDisabled and AllViewerExceptHostHeader (headers, cookies, query).
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      });
    }
    // Before the portal's catch-all, which would otherwise take them.
    const patterns = config.CacheBehaviors.map((b) => b.PathPattern);
    for (const pattern of [
      ...CONSOLE_API_PATTERNS,
      ...CONSOLE_PAGE_PATTERNS,
      '/console-assets/*',
    ]) {
      expect(patterns.indexOf(pattern), pattern).toBeLessThan(patterns.indexOf(PORTAL_PATTERN));
    }
  });

  it('sends every reader page route the content function serves through CloudFront', () => {
    const patterns = ['*', ...config.CacheBehaviors.map((b) => b.PathPattern)];
    for (const route of READER_PAGE_ROUTES) {
      const expected = route === '/' ? '*' : route.replace(/\{[^}]+\}$/, '*');
      expect(patterns, route).toContain(expected);
      if (!['*', '/assets/*', '/preview/*'].includes(expected)) {
        expect(READER_PAGE_QUERIES[expected], route).toBeDefined();
      }
    }
  });

  it('caches each reader page as its Cache-Control says, keyed on its own query strings only', () => {
    const policyOf = (pattern: string) => {
      const id = render(
        pattern === '*'
          ? config.DefaultCacheBehavior.CachePolicyId
          : behavior(pattern).CachePolicyId,
      );
      const [, policy] = Object.entries(json.Resources).find(
        ([logicalId]) => id === `{Ref:${logicalId}}`,
      )!;
      return policy.Properties.CachePolicyConfig as {
        MinTTL: number;
        DefaultTTL: number;
        MaxTTL: number;
        ParametersInCacheKeyAndForwardedToOrigin: {
          QueryStringsConfig: { QueryStringBehavior: string; QueryStrings?: string[] };
          HeadersConfig: { HeaderBehavior: string };
          CookiesConfig: { CookieBehavior: string };
          EnableAcceptEncodingGzip: boolean;
          EnableAcceptEncodingBrotli: boolean;
        };
      };
    };
    const queries: Record<string, string[]> = {
      '*': Object.keys(HomeQuerySchema.shape),
      '/review/*': [],
      '/compare': ['slugs'],
      '/cameras': [],
      '/sitemap.xml': ['part'],
      '/feed.xml': [],
      '/robots.txt': [],
    };
    expect(Object.keys(ComparePageQuerySchema.shape)).toEqual(['slugs']);
    expect(Object.keys(SitemapQuerySchema.shape)).toEqual(['part']);
    const sMaxAge = Number(/s-maxage=(\d+)/.exec(PUBLIC_CACHE_CONTROL)![1]);
    for (const [pattern, strings] of Object.entries(queries)) {
      const c = policyOf(pattern);
      expect(c.MinTTL, pattern).toBe(0);
      expect(c.DefaultTTL, pattern).toBe(0);
      expect(c.MaxTTL, pattern).toBeGreaterThanOrEqual(sMaxAge);
      const key = c.ParametersInCacheKeyAndForwardedToOrigin;
      expect(key.HeadersConfig, pattern).toEqual({ HeaderBehavior: 'none' });
      expect(key.CookiesConfig, pattern).toEqual({ CookieBehavior: 'none' });
      expect(key.EnableAcceptEncodingGzip && key.EnableAcceptEncodingBrotli, pattern).toBe(true);
      expect(key.QueryStringsConfig, pattern).toEqual(
        strings.length === 0
          ? { QueryStringBehavior: 'none' }
          : { QueryStringBehavior: 'whitelist', QueryStrings: strings },
      );
      if (pattern !== '*') {
        // No origin request policy: only what is in the key reaches the API, never `Host`.
        expect(behavior(pattern), pattern).toMatchObject({
          TargetOriginId: apiOriginId(),
          AllowedMethods: ['GET', 'HEAD'],
          ViewerProtocolPolicy: 'redirect-to-https',
          Compress: true,
        });
        expect(behavior(pattern).OriginRequestPolicyId, pattern).toBeUndefined();
      }
    }
  });

  it('never caches a draft’s preview link', () => {
    expect(behavior('/preview/*')).toMatchObject({
      TargetOriginId: apiOriginId(),
      AllowedMethods: ['GET', 'HEAD'],
      // AWS's managed CachingDisabled.
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    });
    expect(behavior('/preview/*').OriginRequestPolicyId).toBeUndefined();
  });

  it('serves the reader site’s hashed assets from the API, cached as immutable', () => {
    expect(behavior('/assets/*')).toMatchObject({
      TargetOriginId: apiOriginId(),
      AllowedMethods: ['GET', 'HEAD'],
      // AWS's managed CachingOptimized: honours the assets' max-age=31536000, immutable.
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
      Compress: true,
    });
  });

  it('routes /content* to the pro stage of the API', () => {
    const behavior = config.CacheBehaviors.find((b) => b.PathPattern === '/content*');
    expect(behavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
    });
    const origin = config.Origins.find((o) => o.Id === behavior!.TargetOriginId)!;
    expect(origin.OriginPath).toBe('/pro');
    expect(origin.CustomOriginConfig?.OriginProtocolPolicy).toBe('https-only');
    const apiRef = apiStack.getLogicalId(api.node.defaultChild as never);
    expect(render(origin.DomainName)).toMatch(
      new RegExp(`^\\{Import:.*${apiRef}.*\\}\\.execute-api\\.eu-west-1\\.amazonaws\\.com$`),
    );
  });

  it("caches content exactly as long as the API's Cache-Control says", () => {
    const [policyId, policy] = cachePolicy('shutter-content');
    expect(render(behavior('/content*').CachePolicyId)).toBe(`{Ref:${policyId}}`);
    const c = policy.Properties.CachePolicyConfig as {
      MinTTL: number;
      DefaultTTL: number;
      MaxTTL: number;
      ParametersInCacheKeyAndForwardedToOrigin: {
        QueryStringsConfig: { QueryStringBehavior: string };
        HeadersConfig: { HeaderBehavior: string };
        CookiesConfig: { CookieBehavior: string };
        EnableAcceptEncodingGzip: boolean;
        EnableAcceptEncodingBrotli: boolean;
      };
    };
    const sMaxAge = Number(/s-maxage=(\d+)/.exec(PUBLIC_CACHE_CONTROL)![1]);
    expect(c.MinTTL).toBe(0);
    expect(c.DefaultTTL).toBeLessThanOrEqual(60);
    expect(c.MaxTTL).toBeGreaterThanOrEqual(sMaxAge);
    expect(c.ParametersInCacheKeyAndForwardedToOrigin).toEqual({
      QueryStringsConfig: { QueryStringBehavior: 'all' },
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
    });
  });

  const originRequestPolicy = (name: string) =>
    Object.entries(json.Resources).find(
      ([, r]) =>
        r.Type === 'AWS::CloudFront::OriginRequestPolicy' &&
        (r.Properties.OriginRequestPolicyConfig as { Name: string }).Name === name,
    )!;

  it('never forwards the viewer Host header to API Gateway', () => {
    template.resourceCountIs('AWS::CloudFront::OriginRequestPolicy', 2);
    const [, policy] = originRequestPolicy('shutter-content');
    expect(policy.Properties.OriginRequestPolicyConfig).toMatchObject({
      QueryStringsConfig: { QueryStringBehavior: 'all' },
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
    });
    const [, counter] = originRequestPolicy('shutter-counter');
    const headers = (
      counter.Properties.OriginRequestPolicyConfig as {
        HeadersConfig: { HeaderBehavior: string; Headers: string[] };
      }
    ).HeadersConfig;
    expect(headers.HeaderBehavior).toBe('whitelist');
    expect(headers.Headers.map((h) => h.toLowerCase())).not.toContain('host');
  });

  it('serves photo variants from the pro content bucket, immutable, through origin access control', () => {
    const images = behavior('/images/*');
    expect(images).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      // AWS's managed CachingOptimized: honours the variants' max-age=31536000, immutable.
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    });
    const origins = config.Origins as {
      Id: string;
      DomainName: unknown;
      OriginAccessControlId?: unknown;
      S3OriginConfig?: unknown;
    }[];
    const origin = origins.find((o) => o.Id === images.TargetOriginId)!;
    expect(render(origin.DomainName)).toBe(
      'shutter-pro-content-123456789012-eu-west-1.s3.eu-west-1.amazonaws.com',
    );
    const [oacId] = only('AWS::CloudFront::OriginAccessControl');
    expect(render(origin.OriginAccessControlId)).toBe(`{${oacId}.Id}`);
    // Its bucket policy is the pro data stack's (images/* only; data-stack.test.ts): this stack
    // writes none for it.
    template.resourceCountIs('AWS::S3::BucketPolicy', 1);
  });

  it('sends the counter script and the counter to the API, cached as the API says', () => {
    const [contentPolicyId] = cachePolicy('shutter-content');
    const script = behavior('/counter.js');
    expect(script).toMatchObject({ AllowedMethods: ['GET', 'HEAD', 'OPTIONS'] });
    expect(script.TargetOriginId).toBe(apiOriginId());
    expect(render(script.CachePolicyId)).toBe(`{Ref:${contentPolicyId}}`);
    const visits = behavior('/visits/*');
    expect(visits.TargetOriginId).toBe(apiOriginId());
    // Visits are POSTs (never cached); badges (max-age=60) and the script (max-age=300) are
    // cached for as long as their Cache-Control says: the policy's min and default TTL are 0.
    expect([...visits.AllowedMethods].sort()).toEqual(
      ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'].sort(),
    );
    expect(render(visits.CachePolicyId)).toBe(`{Ref:${contentPolicyId}}`);
    const [counterPolicyId, counterPolicy] = originRequestPolicy('shutter-counter');
    expect(render(visits.OriginRequestPolicyId)).toBe(`{Ref:${counterPolicyId}}`);
    // What the counter reads: the key of a read, the body type of a visit, and whether to count.
    expect(
      (
        counterPolicy.Properties.OriginRequestPolicyConfig as {
          HeadersConfig: { Headers: string[] };
        }
      ).HeadersConfig.Headers.map((h) => h.toLowerCase()).sort(),
    ).toEqual(
      [
        'cloudfront-viewer-address',
        'content-type',
        'dnt',
        'origin',
        'sec-gpc',
        'user-agent',
        'x-api-key',
      ].sort(),
    );
  });

  it('tells the API a request came through it: a secret origin header, only its value’s name in the template', () => {
    const origins = config.Origins as {
      Id: string;
      S3OriginConfig?: unknown;
      OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
    }[];
    const api = origins.find((o) => o.Id === apiOriginId())!;
    expect(api.OriginCustomHeaders).toEqual([
      {
        HeaderName: 'x-shutter-origin-secret',
        // Resolved by CloudFormation at deploy from the parameter made out of band.
        HeaderValue: '{{resolve:ssm:/shutter/web/origin-secret}}',
      },
    ]);
    // The buckets never get it.
    for (const o of origins.filter((o) => o.S3OriginConfig)) {
      expect(o.OriginCustomHeaders ?? [], o.Id).toEqual([]);
    }
    // Every API behaviour uses that one origin.
    const apiBehaviours = config.CacheBehaviors.filter((b) => b.TargetOriginId === api.Id);
    expect(apiBehaviours.length).toBeGreaterThanOrEqual(10);
  });

  it('leaves its id in SSM for `npm run deploy` to give the worker (no export to the API stack)', () => {
    const [distributionId] = only('AWS::CloudFront::Distribution');
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/shutter/web/cdn-distribution-id',
      Type: 'String',
      Value: { Ref: distributionId },
    });
    const outputs = Object.keys((template.toJSON() as { Outputs?: object }).Outputs ?? {});
    expect(outputs.filter((name) => name.startsWith('ExportsOutput'))).toEqual([]);
  });

  it('keys the cache on Origin when CORS names origins, since the answer then varies on it', () => {
    const named = synthWeb({ corsOrigins: ['https://randomcamerareviews.example'] }).template;
    named.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: {
        ParametersInCacheKeyAndForwardedToOrigin: {
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Origin'] },
        },
      },
    });
  });
});
