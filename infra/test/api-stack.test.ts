import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  TABLES,
  defaultTablePrefix,
  tableName,
  type TableId,
} from '../../api/src/adapters/dynamodb/table-definitions.js';
import {
  ACCESS_MATRIX,
  FUNCTION_IDS,
  functionName,
  type FunctionId,
} from '../lib/access-matrix.js';
import { ALIAS_STAGE_VARIABLE, WAF_RATE_LIMIT_PER_5_MIN } from '../lib/api-stack.js';
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
    expect([...called].sort()).toEqual(FUNCTION_IDS.map(fnId).sort());
  });

  it('routes each controller path to its function, with a greedy proxy below it', () => {
    const paths = resources('AWS::ApiGateway::Resource').map(([, r]) => r.Properties.PathPart);
    for (const part of ['content', 'reviews', 'auth', 'me', 'users', 'api-keys', 'visits']) {
      expect(paths).toContain(part);
    }
    expect(paths).toContain('{counterId}');
    expect(paths.filter((p) => p === '{proxy+}')).toHaveLength(6);
  });

  it('lets each stage invoke only its own alias, from this API only', () => {
    const permissions = resources('AWS::Lambda::Permission');
    expect(permissions).toHaveLength(FUNCTION_IDS.length * STAGES.length);
    const apiId = logicalId(stack.api);
    const aliasIds = new Map(
      FUNCTION_IDS.flatMap((fn) =>
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

  it('requires an API key on the counter routes only, in one usage plan per stage', () => {
    const keyed = resources('AWS::ApiGateway::Method').filter(
      ([, m]) => m.Properties.ApiKeyRequired === true,
    );
    expect(keyed.map(([, m]) => m.Properties.HttpMethod).sort()).toEqual(['GET', 'POST']);
    const counterResource = resources('AWS::ApiGateway::Resource').find(
      ([, r]) => r.Properties.PathPart === '{counterId}',
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

  it('sends every alarm to the alarm topic', () => {
    expect(alarms).toHaveLength(STAGES.length + FUNCTION_IDS.length * 2);
    for (const a of alarms) expect(a.AlarmActions).toHaveLength(1);
  });
});

// ---- least privilege -------------------------------------------------------------------------

const ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/';

/** The statements of a function's role, from every policy attached to it. */
function statementsOf(fn: FunctionId): Statement[] {
  return resources('AWS::IAM::Policy')
    .filter(([, p]) =>
      (p.Properties.Roles as unknown[]).some((r) => render(r) === `{Ref:${roleId(fn)}}`),
    )
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** Every (action, resource) pair a function is allowed, rendered. */
function grants(fn: FunctionId, service: string): Set<string> {
  const out = new Set<string>();
  for (const s of statementsOf(fn)) {
    expect(s.Effect).toBe('Allow');
    for (const action of list(s.Action) as string[]) {
      if (!action.startsWith(`${service}:`)) continue;
      for (const resource of list(s.Resource)) out.add(`${action} ${render(resource)}`);
    }
  }
  return out;
}

/** The pairs the matrix says a function needs: its tables on every stage, its GSIs for Query. */
function expectedDynamoDb(fn: FunctionId): Set<string> {
  const out = new Set<string>();
  for (const [id, actions] of Object.entries(ACCESS_MATRIX[fn].tables) as [TableId, string[]][]) {
    for (const stage of STAGES) {
      const arn = ARN + tableName(defaultTablePrefix(stage), TABLES[id]);
      for (const action of actions) out.add(`dynamodb:${action} ${arn}`);
      if (actions.includes('Query') && TABLES[id].globalIndexes.length > 0) {
        out.add(`dynamodb:Query ${arn}/index/*`);
      }
    }
  }
  return out;
}

describe('least privilege', () => {
  it.each(FUNCTION_IDS)('%s may use exactly its tables, with exactly its actions', (fn) => {
    expect([...grants(fn, 'dynamodb')].sort()).toEqual([...expectedDynamoDb(fn)].sort());
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
      const expected = ACCESS_MATRIX[fn].readsJwtSecret
        ? STAGES.map(
            (stage) =>
              `ssm:GetParameter arn:aws:ssm:eu-west-1:123456789012:parameter${jwtSecretParameterName(stage)}`,
          )
        : [];
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

  it.each(FUNCTION_IDS)('%s writes only to its own log group', (fn) => {
    const logGroup = `{${logicalId(stack.functions[fn].logGroup)}.Arn}`;
    expect([...grants(fn, 'logs')].sort()).toEqual(
      ['logs:CreateLogStream', 'logs:PutLogEvents'].map((a) => `${a} ${logGroup}`),
    );
  });

  it.each(FUNCTION_IDS)('%s can do nothing beyond DynamoDB, its secret and its logs', (fn) => {
    const services = new Set(
      statementsOf(fn).flatMap((s) => (list(s.Action) as string[]).map((a) => a.split(':')[0])),
    );
    for (const service of services) expect(['dynamodb', 'ssm', 'kms', 'logs']).toContain(service);
  });

  it('has no statement on Resource "*" and no wildcard but GSIs, log streams and the conditioned key', () => {
    for (const [id, policy] of resources('AWS::IAM::Policy')) {
      for (const s of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
        for (const resource of list(s.Resource).map(render)) {
          expect(resource, id).not.toBe('*');
          if (!resource.includes('*')) continue;
          const allowed =
            /^arn:aws:dynamodb:eu-west-1:123456789012:table\/shutter-(dev|pre|pro)-[a-z-]+\/index\/\*$/.test(
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
