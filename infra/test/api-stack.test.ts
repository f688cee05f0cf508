import { existsSync, readFileSync } from 'node:fs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  TABLES,
  defaultTablePrefix,
  tableName,
  type TableId,
} from '../../api/src/adapters/dynamodb/table-definitions.js';
import {
  ACCESS_MATRIX,
  API_FUNCTION_IDS,
  FUNCTION_IDS,
  READER_PAGE_ROUTES,
  ADMIN_CONSOLE_ROUTES,
  functionName,
  type FunctionAccess,
  type FunctionId,
} from '../lib/access-matrix.js';
import { ALIAS_STAGE_VARIABLE, WAF_RATE_LIMIT_PER_5_MIN } from '../lib/api-stack.js';
import { WORKER_BATCH, WORKER_TIMEOUT_SECONDS } from '../lib/content-resources.js';
import { ORIGIN_SECRET_PARAMETER } from '../../api/src/lambda/cdn-origin.js';
import { STAGES, jwtSecretParameterName } from '../lib/stages.js';
import { PINNED, synthShutterApp } from './support/synth-api.js';
import { list, render, type Statement } from './support/template-values.js';

const { stacks, template } = synthShutterApp();
const stack = stacks.api;
const json = template.toJSON() as {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};
const resources = (type: string) =>
  Object.entries(json.Resources).filter(([, r]) => r.Type === type);
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);
const fnId = (fn: FunctionId) => logicalId(stack.functions[fn].fn);
const roleId = (fn: FunctionId) => logicalId(stack.functions[fn].role);

describe('the app', () => {
  it('deploys code apart from data: the API stack depends on no data stack', () => {
    const names = (deps: { stackName: string }[]) => deps.map((d) => d.stackName);
    expect(names(stack.dependencies)).toEqual([]);
    expect(names(stacks.web.dependencies)).toEqual(['Shutter-Api']);
    for (const data of Object.values(stacks.data)) expect(data.dependencies).toEqual([]);
    // Each stage's wiring comes after its queue and the worker's alias, and is all that depends
    // on a data stack: destroying the API stack takes the wiring with it, never the data.
    for (const stage of STAGES) {
      expect(names(stacks.jobs[stage].dependencies).sort()).toEqual(
        [`Shutter-Api`, `Shutter-Data-${stage}`].sort(),
      );
    }
  });

  it('imports nothing across stacks: buckets, queues and tables are reached by name', () => {
    for (const stack of [stacks.api, ...Object.values(stacks.jobs)]) {
      expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('Fn::ImportValue');
    }
    for (const data of Object.values(stacks.data)) {
      expect(Template.fromStack(data).toJSON().Outputs ?? {}).toEqual({});
    }
  });

  it('holds no secret value: the JWT secret is only named, in ARNs', () => {
    template.resourceCountIs('AWS::SSM::Parameter', 0);
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    const text = JSON.stringify(template.toJSON());
    for (const m of text.matchAll(/jwt-secret/g)) {
      expect(text.slice(m.index - 30, m.index)).toMatch(/:parameter\/shutter\/(dev|pre|pro)\/$/);
    }
  });
});

describe('controller Lambdas', () => {
  it('has one function per controller, nothing else runs code', () => {
    const names = resources('AWS::Lambda::Function').map(([, r]) => r.Properties.FunctionName);
    expect(names.sort()).toEqual(FUNCTION_IDS.map(functionName).sort());
  });

  it.each(FUNCTION_IDS)('%s: nodejs22.x on arm64, ESM bundle with source maps', (fn) => {
    const props = json.Resources[fnId(fn)]!.Properties;
    expect(props).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Environment: {
        Variables: {
          NODE_OPTIONS: '--enable-source-maps',
          SHUTTER_STAGE: 'dev',
          SHUTTER_CORS_ORIGINS: '*',
        },
      },
    });
    // No variable names a table or a secret value: the alias decides the stage at run time.
    const variables = Object.keys(
      (props.Environment as { Variables: Record<string, string> }).Variables,
    );
    expect(variables.filter((v) => /TABLE|SECRET|PASSWORD|KEY/.test(v))).toEqual([]);
  });

  it.each(FUNCTION_IDS)(
    '%s: names the bucket and queue it uses with {stage}, and nothing it does not use',
    (fn) => {
      const access: FunctionAccess = ACCESS_MATRIX[fn];
      const variables = (
        json.Resources[fnId(fn)]!.Properties.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      expect(
        variables.SHUTTER_CONTENT_BUCKET === undefined
          ? undefined
          : render(variables.SHUTTER_CONTENT_BUCKET),
      ).toBe(access.contentBucket ? 'shutter-{stage}-content-123456789012-eu-west-1' : undefined);
      expect(
        variables.SHUTTER_JOB_QUEUE_URL === undefined
          ? undefined
          : render(variables.SHUTTER_JOB_QUEUE_URL),
      ).toBe(
        access.jobQueue
          ? 'https://sqs.eu-west-1.amazonaws.com/123456789012/shutter-{stage}-content-jobs'
          : undefined,
      );
      // No distribution id in this synthesis (as before the web stack's first deploy).
      expect(variables.SHUTTER_CDN_DISTRIBUTION_ID).toBeUndefined();
    },
  );

  it('worker: a minute per batch and the memory to build the index', () => {
    expect(json.Resources[fnId('worker')]!.Properties).toMatchObject({
      Timeout: WORKER_TIMEOUT_SECONDS,
      MemorySize: 1024,
    });
    // No reserved concurrency: it is per function, not per stage (the mappings cap each stage).
    expect(json.Resources[fnId('worker')]!.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it.each(FUNCTION_IDS)('%s: a log group with retention, named for the function', (fn) => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: `/aws/lambda/${functionName(fn)}`,
      RetentionInDays: 30,
    });
    expect(json.Resources[fnId(fn)]!.Properties.LoggingConfig).toEqual({
      LogGroup: { Ref: logicalId(stack.functions[fn].logGroup) },
    });
  });

  it('retains every published version, so an alias can always be moved back', () => {
    const versions = resources('AWS::Lambda::Version');
    expect(versions).toHaveLength(FUNCTION_IDS.length);
    for (const [id] of versions) {
      expect(
        (template.toJSON().Resources as Record<string, { DeletionPolicy?: string }>)[id]!
          .DeletionPolicy,
      ).toBe('Retain');
    }
  });
});

describe('aliases', () => {
  const aliases = resources('AWS::Lambda::Alias');

  it('has dev, pre and pro on every function', () => {
    expect(aliases).toHaveLength(FUNCTION_IDS.length * STAGES.length);
    for (const fn of FUNCTION_IDS) {
      const names = aliases
        .filter(([, a]) => render(a.Properties.FunctionName) === `{Ref:${fnId(fn)}}`)
        .map(([, a]) => a.Properties.Name);
      expect(names.sort()).toEqual([...STAGES].sort());
    }
  });

  it.each(FUNCTION_IDS)(
    '%s: dev and unpinned pre run the new version; pinned pro stays where it was',
    (fn) => {
      const version = (stage: string) =>
        render(
          aliases.find(
            ([, a]) =>
              a.Properties.Name === stage &&
              render(a.Properties.FunctionName) === `{Ref:${fnId(fn)}}`,
          )![1].Properties.FunctionVersion,
        );
      expect(version('dev')).toMatch(/^\{.*CurrentVersion.*\.Version\}$/);
      expect(version('pre')).toBe(version('dev'));
      expect(version('pro')).toBe(PINNED.pro![fn]);
    },
  );
});

describe('the REST API', () => {
  const stages = resources('AWS::ApiGateway::Stage');

  it('is one API with the stages dev, pre and pro on one deployment', () => {
    template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    template.resourceCountIs('AWS::ApiGateway::Deployment', 1);
    expect(stages.map(([, s]) => s.Properties.StageName).sort()).toEqual([...STAGES].sort());
  });

  it.each(STAGES)('stage %s: lambdaAlias names the stage; throttled; JSON access logs', (name) => {
    const [, stage] = stages.find(([, s]) => s.Properties.StageName === name)!;
    expect(stage.Properties.Variables).toEqual({ [ALIAS_STAGE_VARIABLE]: name });
    const settings = (stage.Properties.MethodSettings as Record<string, unknown>[])[0]!;
    expect(settings).toMatchObject({
      HttpMethod: '*',
      ResourcePath: '/*',
      ThrottlingRateLimit: expect.any(Number),
      ThrottlingBurstLimit: expect.any(Number),
    });
    const log = stage.Properties.AccessLogSetting as { DestinationArn: unknown; Format: string };
    expect(JSON.parse(log.Format)).toMatchObject({ requestId: '$context.requestId' });
    const destination = render(log.DestinationArn);
    const [logGroupId] = resources('AWS::Logs::LogGroup').find(
      ([, g]) => g.Properties.LogGroupName === `/shutter/${name}/api-access`,
    )!;
    expect(destination).toBe(`{${logGroupId}.Arn}`);
    expect(
      json.Resources[logGroupId]!.Properties.RetentionInDays,
      'access logs are kept for a bounded time',
    ).toBe(90);
  });

  it('calls every function through the alias the stage variable names', () => {
    const methods = resources('AWS::ApiGateway::Method').filter(
      ([, m]) => m.Properties.HttpMethod !== 'OPTIONS',
    );
    const called = new Set<string>();
    for (const [, method] of methods) {
      const integration = method.Properties.Integration as { Type: string; Uri: unknown };
      expect(integration.Type).toBe('AWS_PROXY');
      const uri = render(integration.Uri);
      const match =
        /^arn:aws:apigateway:eu-west-1:lambda:path\/2015-03-31\/functions\/\{(\w+)\.Arn\}:\$\{stageVariables\.lambdaAlias\}\/invocations$/.exec(
          uri,
        );
      expect(match, uri).not.toBeNull();
      called.add(match![1]!);
    }
    expect([...called].sort()).toEqual(API_FUNCTION_IDS.map(fnId).sort());
    expect(API_FUNCTION_IDS).not.toContain('worker');
  });

  it('routes each controller path to its function, with a greedy proxy below it', () => {
    const paths = resources('AWS::ApiGateway::Resource').map(([, r]) => r.Properties.PathPart);
    for (const part of ['content', 'reviews', 'auth', 'me', 'users', 'api-keys', 'visits']) {
      expect(paths).toContain(part);
    }
    expect(paths).toContain('{counterId}');
    expect(paths.filter((p) => p === '{proxy+}')).toHaveLength(6);
  });

  /** `METHOD /path key:bool` of every method calling this function (not the CORS preflights). */
  const methodsOf = (fn: FunctionId) => {
    const byId = new Map(resources('AWS::ApiGateway::Resource'));
    const pathOf = (id: string): string => {
      const r = byId.get(id);
      if (!r) return '';
      const parent = /^\{Ref:(\w+)\}$/.exec(render(r.Properties.ParentId))?.[1];
      return `${parent ? pathOf(parent) : ''}/${String(r.Properties.PathPart)}`;
    };
    return resources('AWS::ApiGateway::Method')
      .filter(([, m]) => m.Properties.HttpMethod !== 'OPTIONS')
      .filter(([, m]) =>
        render((m.Properties.Integration as { Uri: unknown }).Uri).includes(`{${fnId(fn)}.Arn}`),
      )
      .map(([, m]) => {
        // The root's methods name the API's root resource, which is no AWS::ApiGateway::Resource.
        const resource = /^\{Ref:(\w+)\}$/.exec(render(m.Properties.ResourceId))?.[1];
        const path = resource ? pathOf(resource) : '/';
        return `${String(m.Properties.HttpMethod)} ${path} key:${m.Properties.ApiKeyRequired === true}`;
      });
  };

  it('routes the content API and the reader pages to the content function; the root exactly', () => {
    const pages = [...READER_PAGE_ROUTES];
    expect(pages).toContain('/');
    expect(methodsOf('content').sort()).toEqual(
      [
        'ANY /content key:false',
        'ANY /content/{proxy+} key:false',
        ...pages.flatMap((p) => [`GET ${p} key:false`, `HEAD ${p} key:false`]),
      ].sort(),
    );
    // The root has no {proxy+}: it would send every path API Gateway knows nothing better for to
    // the content function.
    const rootChildren = resources('AWS::ApiGateway::Resource')
      .filter(([, r]) => render(r.Properties.ParentId).includes('RootResourceId'))
      .map(([, r]) => r.Properties.PathPart);
    expect(rootChildren).toContain('content');
    expect(rootChildren).not.toContain('{proxy+}');
  });

  it('the reader page routes are the pages the content function serves (routes/pages.ts)', () => {
    // The preview link's route (routes/preview.ts) joins them when it exists.
    const served = ['pages.ts', 'preview.ts']
      .map((file) => new URL(`../../api/src/http/routes/${file}`, import.meta.url))
      .filter((url) => existsSync(url))
      .flatMap((url) =>
        [...readFileSync(url, 'utf8').matchAll(/^\s+path: '([^']+)',$/gm)].map((m) => m[1]),
      );
    expect(served.sort()).toEqual([...READER_PAGE_ROUTES].sort());
  });

  it('routes the counter script, the badges and visits to the visits function, no more', () => {
    const visits = methodsOf('visits');
    expect(visits.sort()).toEqual(
      [
        'GET /counter.js key:false',
        'GET /visits/{counterId} key:true',
        'POST /visits/{counterId} key:false',
        'GET /visits/{counterId}/badge.json key:false',
        'GET /visits/{counterId}/badge.svg key:false',
      ].sort(),
    );
  });

  it("routes the admin console's counter and job queue calls to accounts, exactly", () => {
    expect(methodsOf('accounts').sort()).toEqual(
      [
        ...['auth', 'me', 'users', 'api-keys'].flatMap((p) => [
          `ANY /${p} key:false`,
          `ANY /${p}/{proxy+} key:false`,
        ]),
        // The console's calls (routes/admin-counters.ts, jobs.ts), each with its method only.
        'GET /counters/{counterId} key:false',
        'PUT /counters/{counterId}/public key:false',
        'GET /jobs key:false',
        'POST /jobs/{id}/retry key:false',
      ].sort(),
    );
  });

  it('the admin console routes are the paths the admin counters and jobs controllers serve', () => {
    const served = ['admin-counters.ts', 'jobs.ts'].flatMap((file) =>
      [
        ...readFileSync(
          new URL(`../../api/src/http/routes/${file}`, import.meta.url),
          'utf8',
        ).matchAll(/^\s+path: '([^']+)',$/gm),
      ].map((m) => m[1]),
    );
    expect(served.sort()).toEqual([...ADMIN_CONSOLE_ROUTES].sort());
  });

  it('lets each stage invoke only its own alias, from this API only; the worker from none', () => {
    const permissions = resources('AWS::Lambda::Permission');
    expect(permissions).toHaveLength(API_FUNCTION_IDS.length * STAGES.length);
    const apiId = logicalId(stack.api);
    const aliasIds = new Map(
      API_FUNCTION_IDS.flatMap((fn) =>
        STAGES.map((stage) => [logicalId(stack.functions[fn].aliases[stage]), stage] as const),
      ),
    );
    for (const [, p] of permissions) {
      expect(p.Properties.Action).toBe('lambda:InvokeFunction');
      expect(p.Properties.Principal).toBe('apigateway.amazonaws.com');
      const target = /^\{Ref:(\w+)\}$/.exec(render(p.Properties.FunctionName))![1]!;
      const stage = aliasIds.get(target);
      expect(stage, 'the permission is on an alias').toBeDefined();
      expect(render(p.Properties.SourceArn)).toBe(
        `arn:aws:execute-api:eu-west-1:123456789012:{Ref:${apiId}}/${stage}/*/*`,
      );
    }
  });

  it('requires an API key on reading a counter only, in one usage plan per stage', () => {
    const keyed = resources('AWS::ApiGateway::Method').filter(
      ([, m]) => m.Properties.ApiKeyRequired === true,
    );
    // A visit may carry its key in a text/plain body (the embed), which API Gateway cannot read:
    // the app checks it. Reading a counter sends `x-api-key`, which API Gateway checks first.
    expect(keyed.map(([, m]) => m.Properties.HttpMethod).sort()).toEqual(['GET']);
    // `/visits/{counterId}`, not the admins' `/counters/{counterId}` (bearer token, no key).
    const visitsResource = resources('AWS::ApiGateway::Resource').find(
      ([, r]) => r.Properties.PathPart === 'visits',
    )![0];
    const counterResource = resources('AWS::ApiGateway::Resource').find(
      ([, r]) =>
        r.Properties.PathPart === '{counterId}' &&
        render(r.Properties.ParentId) === `{Ref:${visitsResource}}`,
    )![0];
    for (const [, m] of keyed)
      expect(render(m.Properties.ResourceId)).toBe(`{Ref:${counterResource}}`);
    const plans = resources('AWS::ApiGateway::UsagePlan');
    expect(plans).toHaveLength(STAGES.length);
    for (const [, plan] of plans) {
      const apiStages = plan.Properties.ApiStages as { Stage: unknown }[];
      expect(apiStages).toHaveLength(1);
      expect(plan.Properties.Throttle).toMatchObject({ RateLimit: expect.any(Number) });
      expect(plan.Properties.Quota).toMatchObject({ Period: 'DAY' });
    }
  });

  it('answers CORS preflights without a key and adds CORS to its own error responses', () => {
    const options = resources('AWS::ApiGateway::Method').filter(
      ([, m]) => m.Properties.HttpMethod === 'OPTIONS',
    );
    expect(options.length).toBeGreaterThan(0);
    for (const [, m] of options) expect(m.Properties.ApiKeyRequired ?? false).toBe(false);
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX',
      ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
    });
  });
});

describe('WAF', () => {
  it('has a regional web ACL with a rate-based rule per client address', () => {
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: [
        Match.objectLike({
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: { Limit: WAF_RATE_LIMIT_PER_5_MIN, AggregateKeyType: 'IP' },
          },
        }),
      ],
    });
  });

  it('is associated with each stage', () => {
    const associations = resources('AWS::WAFv2::WebACLAssociation').map(([, a]) =>
      render(a.Properties.ResourceArn),
    );
    const apiId = logicalId(stack.api);
    expect(associations.sort()).toEqual(
      STAGES.map(
        (stage) =>
          `arn:aws:apigateway:eu-west-1::/restapis/{Ref:${apiId}}/stages/{Ref:${logicalId(stack.stages[stage])}}`,
      ).sort(),
    );
  });
});

describe('alarms', () => {
  const alarms = resources('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);

  it('watches 5xx on every API stage', () => {
    for (const stage of STAGES) {
      expect(
        alarms.some(
          (a) =>
            a.MetricName === '5XXError' &&
            a.Namespace === 'AWS/ApiGateway' &&
            (a.Dimensions as { Name: string; Value: unknown }[]).some(
              (d) => d.Name === 'Stage' && d.Value === stage,
            ),
        ),
        stage,
      ).toBe(true);
    }
  });

  it.each(FUNCTION_IDS)('watches errors and throttles of %s', (fn) => {
    for (const metric of ['Errors', 'Throttles']) {
      expect(
        alarms.some(
          (a) =>
            a.MetricName === metric &&
            a.Namespace === 'AWS/Lambda' &&
            (a.Dimensions as { Name: string; Value: unknown }[]).some(
              (d) => d.Name === 'FunctionName' && render(d.Value) === `{Ref:${fnId(fn)}}`,
            ),
        ),
        metric,
      ).toBe(true);
    }
  });

  it.each(STAGES)('watches the dead-letter queue of %s: one failed job is enough', (stage) => {
    const alarm = alarms.find(
      (a) =>
        a.Namespace === 'AWS/SQS' &&
        (a.Dimensions as { Name: string; Value: unknown }[]).some(
          (d) => d.Name === 'QueueName' && d.Value === `shutter-${stage}-content-jobs-dlq`,
        ),
    );
    expect(alarm).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('sends every alarm to the alarm topic', () => {
    expect(alarms).toHaveLength(STAGES.length * 2 + FUNCTION_IDS.length * 2);
    for (const a of alarms) expect(a.AlarmActions).toHaveLength(1);
  });
});

// ---- least privilege -------------------------------------------------------------------------

const ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/';

/** The statements of a function's role, from every policy attached to it. */
function statementsOf(fn: FunctionId, inTemplate = json): Statement[] {
  return Object.values(inTemplate.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((p) =>
      (p.Properties.Roles as unknown[]).some((r) => render(r) === `{Ref:${roleId(fn)}}`),
    )
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** A statement's condition, rendered, or '' without one. */
const conditionOf = (s: Statement) =>
  s.Condition === undefined ? '' : ` if ${JSON.stringify(s.Condition)}`;

/** Every (action, resource[, condition]) a function is allowed, rendered. */
function grants(fn: FunctionId, service: string, inTemplate = json): Set<string> {
  const out = new Set<string>();
  for (const s of statementsOf(fn, inTemplate)) {
    expect(s.Effect).toBe('Allow');
    for (const action of list(s.Action) as string[]) {
      if (!action.startsWith(`${service}:`)) continue;
      for (const resource of list(s.Resource)) {
        out.add(`${action} ${render(resource)}${conditionOf(s)}`);
      }
    }
  }
  return out;
}

/**
 * What the matrix says a function needs: its tables on every stage, its GSIs for Query, and its
 * item-level actions conditioned on the items' keys.
 */
function expectedDynamoDb(fn: FunctionId): Set<string> {
  const access: FunctionAccess = ACCESS_MATRIX[fn];
  const out = new Set<string>();
  for (const [id, actions] of Object.entries(access.tables) as [TableId, string[]][]) {
    for (const stage of STAGES) {
      const arn = ARN + tableName(defaultTablePrefix(stage), TABLES[id]);
      for (const action of actions) out.add(`dynamodb:${action} ${arn}`);
      if (actions.includes('Query') && TABLES[id].globalIndexes.length > 0) {
        out.add(`dynamodb:Query ${arn}/index/*`);
      }
    }
  }
  for (const [id, itemGrants] of Object.entries(access.items ?? {}) as [
    TableId,
    { leadingKeys: string[]; actions: string[] }[],
  ][]) {
    for (const grant of itemGrants) {
      const when = ` if ${JSON.stringify({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': grant.leadingKeys } })}`;
      for (const stage of STAGES) {
        const arn = ARN + tableName(defaultTablePrefix(stage), TABLES[id]);
        for (const action of grant.actions) out.add(`dynamodb:${action} ${arn}${when}`);
      }
    }
  }
  return out;
}

const bucketArn = (stage: string) => `arn:aws:s3:::shutter-${stage}-content-123456789012-eu-west-1`;
const queueArn = (stage: string) =>
  `arn:aws:sqs:eu-west-1:123456789012:shutter-${stage}-content-jobs`;

/** What the matrix says a function may do with the buckets and queues, on every stage. */
function expectedS3AndSqs(fn: FunctionId): Set<string> {
  const access: FunctionAccess = ACCESS_MATRIX[fn];
  const out = new Set<string>();
  for (const stage of STAGES) {
    const bucket = access.contentBucket;
    for (const [prefix, actions] of Object.entries(bucket?.objects ?? {})) {
      for (const action of actions ?? []) out.add(`s3:${action} ${bucketArn(stage)}/${prefix}*`);
    }
    if (bucket?.list) out.add(`s3:ListBucket ${bucketArn(stage)}`);
    for (const action of access.jobQueue ?? []) out.add(`sqs:${action} ${queueArn(stage)}`);
  }
  return out;
}

describe('least privilege', () => {
  it.each(FUNCTION_IDS)('%s may use exactly its tables, with exactly its actions', (fn) => {
    expect([...grants(fn, 'dynamodb')].sort()).toEqual([...expectedDynamoDb(fn)].sort());
  });

  it('content reads public documents, preview links and renders, and the site key only: never a review, a write or a scan', () => {
    const SITE_KEY_ONLY =
      ' if {"ForAllValues:StringLike":{"dynamodb:LeadingKeys":["SITE#counter-key"]}}';
    // A draft preview link: its `PREVIEW#` item and the render the worker stored (`PREVIEW#`).
    const READ_ITEMS =
      ' if {"ForAllValues:StringLike":{"dynamodb:LeadingKeys":["PUBLIC#*","PREVIEW#*"]}}';
    expect([...grants('content', 'dynamodb')].sort()).toEqual(
      STAGES.flatMap((stage) => [
        `dynamodb:GetItem ${ARN}shutter-${stage}-reviews${READ_ITEMS}`,
        `dynamodb:GetItem ${ARN}shutter-${stage}-counters${SITE_KEY_ONLY}`,
      ]).sort(),
    );
    expect(
      [...grants('content', 'dynamodb')].some((g) =>
        /Scan|Query|index|Put|Delete|Update|"REVIEW#/.test(g),
      ),
    ).toBe(false);
  });

  it('accounts reads counters and writes public markers only: never a count, marker or key', () => {
    const counters = [...grants('accounts', 'dynamodb')].filter((g) => g.includes('-counters'));
    const when = (keys: string[]) =>
      ` if {"ForAllValues:StringLike":{"dynamodb:LeadingKeys":${JSON.stringify(keys)}}}`;
    expect(counters.sort()).toEqual(
      STAGES.flatMap((stage) => [
        // A counter's `TOTAL` and `DAY#…` items, and its spill shards' (`COUNTER#{id}#SHARD#{n}`).
        ...['GetItem', 'Query'].map(
          (a) => `dynamodb:${a} ${ARN}shutter-${stage}-counters${when(['COUNTER#*'])}`,
        ),
        // Mark public (put) or private (delete) again; reading it says which.
        ...['DeleteItem', 'GetItem', 'PutItem'].map(
          (a) => `dynamodb:${a} ${ARN}shutter-${stage}-counters${when(['PUBLIC-COUNTER#*'])}`,
        ),
      ]).sort(),
    );
  });

  it('the worker writes public documents, reviews and slug claims only, and reads reviews and users', () => {
    const worker = [...grants('worker', 'dynamodb')];
    const writes = worker.filter((g) => /PutItem|DeleteItem|UpdateItem/.test(g));
    // Reviews and slug claims: publishing a scheduled review (scheduled-publishing.ts); preview
    // renders and links (content:preview).
    const items =
      ' if {"ForAllValues:StringLike":{"dynamodb:LeadingKeys":["PUBLIC#*","PREVIEW#*","REVIEW#*","SLUG#*"]}}';
    expect(writes.sort()).toEqual(
      STAGES.flatMap((stage) =>
        ['DeleteItem', 'PutItem'].map(
          (a) => `dynamodb:${a} ${ARN}shutter-${stage}-reviews${items}`,
        ),
      ).sort(),
    );
    // Besides the reviews table, only one user at a time: the author's name (content-pipeline.ts).
    const elsewhere = worker.filter(
      (g) => !/table\/shutter-(dev|pre|pro)-reviews($| |\/index\/)/.test(g),
    );
    expect(elsewhere.sort()).toEqual(
      STAGES.map((stage) => `dynamodb:GetItem ${ARN}shutter-${stage}-users`).sort(),
    );
  });

  it.each(FUNCTION_IDS)('%s may use exactly its bucket objects and queue actions', (fn) => {
    expect([...grants(fn, 's3'), ...grants(fn, 'sqs')].sort()).toEqual(
      [...expectedS3AndSqs(fn)].sort(),
    );
  });

  it('only the reviews function and the worker queue jobs; only the worker receives them', () => {
    const senders = FUNCTION_IDS.filter((fn) =>
      [...grants(fn, 'sqs')].some((g) => g.startsWith('sqs:SendMessage ')),
    );
    expect(senders.sort()).toEqual(['reviews', 'worker']);
    const receivers = FUNCTION_IDS.filter((fn) =>
      [...grants(fn, 'sqs')].some((g) => g.startsWith('sqs:ReceiveMessage ')),
    );
    expect(receivers).toEqual(['worker']);
    const writers = FUNCTION_IDS.filter((fn) =>
      [...grants(fn, 's3')].some((g) => /s3:(PutObject|DeleteObject) /.test(g)),
    );
    expect(writers).toEqual(['reviews', 'worker']);
  });

  it('photos: only the worker writes variants; uploads are presigned and checked by reviews', () => {
    const objectGrants = (fn: FunctionId, prefix: string) =>
      [...grants(fn, 's3')]
        .filter((g) => g.includes(`/${prefix}*`))
        .map((g) => g.split(' ')[0])
        .filter((a, i, all) => all.indexOf(a) === i)
        .sort();
    // The presigned POST is signed with the reviews role: PutObject on uploads/* only.
    expect(objectGrants('reviews', 'uploads/')).toEqual([
      's3:DeleteObject',
      's3:GetObject',
      's3:PutObject',
    ]);
    expect(objectGrants('reviews', 'images/')).toEqual(['s3:DeleteObject']);
    expect(objectGrants('reviews', 'content/index/')).toEqual([]);
    expect(objectGrants('worker', 'uploads/')).toEqual(['s3:DeleteObject', 's3:GetObject']);
    expect(objectGrants('worker', 'images/')).toEqual(['s3:DeleteObject', 's3:PutObject']);
    // The content function reads the index only; variants are CloudFront's to serve.
    expect(objectGrants('content', 'uploads/')).toEqual([]);
    expect(objectGrants('content', 'images/')).toEqual([]);
  });

  it('no function may invalidate the CDN while its distribution is unknown', () => {
    for (const fn of FUNCTION_IDS) expect([...grants(fn, 'cloudfront')], fn).toEqual([]);
  });

  it('gives no function a table outside the matrix (e.g. content cannot touch users)', () => {
    expect(
      [...grants('content', 'dynamodb')].some((g) => /-users|-api-keys|-sessions/.test(g)),
    ).toBe(false);
    expect([...grants('visits', 'dynamodb')].some((g) => /-users|-reviews|-sessions/.test(g))).toBe(
      false,
    );
    expect(
      [...grants('content', 'dynamodb')].some((g) => /PutItem|UpdateItem|DeleteItem/.test(g)),
    ).toBe(false);
  });

  it.each(FUNCTION_IDS)(
    '%s reads the JWT secret of the stages only if it signs or checks tokens',
    (fn) => {
      const access: FunctionAccess = ACCESS_MATRIX[fn];
      const expected = [
        ...(access.readsJwtSecret
          ? STAGES.map(
              (stage) =>
                `ssm:GetParameter arn:aws:ssm:eu-west-1:123456789012:parameter${jwtSecretParameterName(stage)}`,
            )
          : []),
        ...(access.readsOriginSecret
          ? [
              `ssm:GetParameter arn:aws:ssm:eu-west-1:123456789012:parameter${ORIGIN_SECRET_PARAMETER}`,
            ]
          : []),
      ];
      expect([...grants(fn, 'ssm')].sort()).toEqual(expected.sort());
      const kms = statementsOf(fn).filter((s) =>
        list(s.Action).some((a) => String(a).startsWith('kms:')),
      );
      expect(kms).toHaveLength(ACCESS_MATRIX[fn].readsJwtSecret ? 1 : 0);
      for (const s of kms) {
        expect(s.Action).toBe('kms:Decrypt');
        // The key is the account's aws/ssm key, unknown before deployment: the conditions bind the
        // grant to these parameters, decrypted by SSM, and nothing else.
        expect(render(s.Condition?.StringEquals?.['kms:ViaService'])).toBe(
          'ssm.eu-west-1.amazonaws.com',
        );
        expect(
          (list(s.Condition?.StringEquals?.['kms:EncryptionContext:PARAMETER_ARN']) as unknown[])
            .map(render)
            .sort(),
        ).toEqual(
          STAGES.map(
            (stage) =>
              `arn:aws:ssm:eu-west-1:123456789012:parameter${jwtSecretParameterName(stage)}`,
          ).sort(),
        );
      }
    },
  );

  it('only the functions CloudFront sends readers to read its origin secret: that one parameter', () => {
    const readers = FUNCTION_IDS.filter((fn) =>
      [...grants(fn, 'ssm')].some((g) => g.endsWith(`:parameter${ORIGIN_SECRET_PARAMETER}`)),
    );
    expect(readers.sort()).toEqual(['content', 'visits']);
    // visits reads no other parameter, and needs no KMS: the secret is a String.
    expect([...grants('visits', 'ssm')]).toEqual([
      `ssm:GetParameter arn:aws:ssm:eu-west-1:123456789012:parameter${ORIGIN_SECRET_PARAMETER}`,
    ]);
    expect([...grants('visits', 'kms')]).toEqual([]);
  });

  it.each(FUNCTION_IDS)('%s writes only to its own log group', (fn) => {
    const logGroup = `{${logicalId(stack.functions[fn].logGroup)}.Arn}`;
    expect([...grants(fn, 'logs')].sort()).toEqual(
      ['logs:CreateLogStream', 'logs:PutLogEvents'].map((a) => `${a} ${logGroup}`),
    );
  });

  it.each(FUNCTION_IDS)('%s can use only the services the matrix gives it', (fn) => {
    const access: FunctionAccess = ACCESS_MATRIX[fn];
    const services = new Set(
      statementsOf(fn).flatMap((s) => (list(s.Action) as string[]).map((a) => a.split(':')[0])),
    );
    const expected = [
      'dynamodb',
      'logs',
      ...(access.readsJwtSecret ? ['ssm', 'kms'] : access.readsOriginSecret ? ['ssm'] : []),
      ...(access.contentBucket ? ['s3'] : []),
      ...(access.jobQueue ? ['sqs'] : []),
    ];
    expect([...services].sort()).toEqual(expected.sort());
  });

  it('names every action: no wildcard in an action anywhere', () => {
    for (const [id, policy] of resources('AWS::IAM::Policy')) {
      for (const s of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
        for (const action of list(s.Action) as string[]) expect(action, id).not.toContain('*');
      }
    }
  });

  it('has no statement on Resource "*" and no wildcard but GSIs, the bucket prefixes and the conditioned key', () => {
    for (const [id, policy] of resources('AWS::IAM::Policy')) {
      for (const s of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
        for (const resource of list(s.Resource).map(render)) {
          expect(resource, id).not.toBe('*');
          if (!resource.includes('*')) continue;
          const allowed =
            /^arn:aws:dynamodb:eu-west-1:123456789012:table\/shutter-(dev|pre|pro)-[a-z-]+\/index\/\*$/.test(
              resource,
            ) ||
            /^arn:aws:s3:::shutter-(dev|pre|pro)-content-123456789012-eu-west-1\/(content\/index|uploads|images)\/\*$/.test(
              resource,
            ) ||
            (resource === 'arn:aws:kms:eu-west-1:123456789012:key/*' &&
              s.Condition?.StringEquals?.['kms:EncryptionContext:PARAMETER_ARN'] !== undefined);
          expect(allowed, `${id}: ${resource}`).toBe(true);
        }
      }
    }
  });

  it('attaches no managed policy to a function role, and none with full access anywhere', () => {
    for (const [id, role] of resources('AWS::IAM::Role')) {
      const managed = (role.Properties.ManagedPolicyArns as unknown[] | undefined) ?? [];
      for (const arn of managed.map(render)) {
        expect(arn, id).not.toMatch(/FullAccess|AdministratorAccess|PowerUser/);
        // The one managed policy: API Gateway's account-wide role for writing access logs.
        expect(arn, id).toBe(
          'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
        );
      }
    }
    for (const fn of FUNCTION_IDS) {
      expect(json.Resources[roleId(fn)]!.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

// ---- the content worker's wiring ---------------------------------------------------------------

describe('the jobs stacks', () => {
  it.each(STAGES)(
    '%s: its queue feeds the worker alias of the same stage, reporting partial failures',
    (stage) => {
      const jobs = Template.fromStack(stacks.jobs[stage]).toJSON() as typeof json;
      const mappings = Object.values(jobs.Resources).filter(
        (r) => r.Type === 'AWS::Lambda::EventSourceMapping',
      );
      expect(Object.keys(jobs.Resources)).toHaveLength(1);
      expect(mappings).toHaveLength(1);
      const { Properties: p } = mappings[0]!;
      expect(render(p.EventSourceArn)).toBe(queueArn(stage));
      expect(render(p.FunctionName)).toBe(
        `arn:aws:lambda:eu-west-1:123456789012:function:shutter-worker:${stage}`,
      );
      expect(p).toMatchObject({
        Enabled: true,
        BatchSize: WORKER_BATCH.batchSize,
        MaximumBatchingWindowInSeconds: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      });
    },
  );

  it('the worker role can receive from the queue the mapping reads (Lambda checks at creation)', () => {
    const sqs = grants('worker', 'sqs');
    for (const stage of STAGES) {
      for (const action of ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes']) {
        expect(sqs.has(`sqs:${action} ${queueArn(stage)}`), `${action} ${stage}`).toBe(true);
      }
    }
  });
});

describe('with the distribution known (context cdnDistributionId)', () => {
  const distributionId = 'E2ABCDEF123456';
  const withCdn = synthShutterApp({ cdnDistributionId: distributionId });
  const cdnJson = withCdn.template.toJSON() as typeof json;
  const cdnFnId = (fn: FunctionId) =>
    withCdn.stacks.api.getLogicalId(withCdn.stacks.api.functions[fn].fn.node.defaultChild as never);

  it('the worker may invalidate exactly that distribution, and no other function may', () => {
    for (const fn of FUNCTION_IDS) {
      const cloudfront = [...grants(fn, 'cloudfront', cdnJson)];
      expect(cloudfront, fn).toEqual(
        fn === 'worker'
          ? [
              `cloudfront:CreateInvalidation arn:aws:cloudfront::123456789012:distribution/${distributionId}`,
            ]
          : [],
      );
    }
  });

  it('only the worker is told the distribution id', () => {
    for (const fn of FUNCTION_IDS) {
      const variables = (
        cdnJson.Resources[cdnFnId(fn)]!.Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      expect(variables.SHUTTER_CDN_DISTRIBUTION_ID, fn).toBe(
        fn === 'worker' ? distributionId : undefined,
      );
    }
  });
});
