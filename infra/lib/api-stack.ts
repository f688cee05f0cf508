import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  ApiKeySourceType,
  Cors,
  EndpointType,
  Integration,
  IntegrationType,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Period,
  ResponseType,
  RestApi,
  Stage as ApiStage,
  UsagePlan,
  type IResource,
  type StageOptions,
} from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import {
  ACCESS_MATRIX,
  API_FUNCTION_IDS,
  FUNCTION_IDS,
  type FunctionAccess,
  type FunctionId,
} from './access-matrix.js';
import { WORKER_TIMEOUT_SECONDS, deadLetterQueueName } from './content-resources.js';
import { ControllerFunction } from './controller-function.js';
import { STAGES, type Stage } from './stages.js';

/** Where `pre` and `pro` point today, per function (read by `npm run deploy`). */
export type PinnedVersions = Partial<Record<Stage, Partial<Record<FunctionId, string>>>>;

export interface ApiStackProps extends StackProps {
  /** Origins allowed by CORS; `['*']` for any. */
  corsOrigins: readonly string[];
  pinnedVersions?: PinnedVersions;
  jwtSecretKeyArn?: string;
  /**
   * The web stack's distribution, which the worker purges. The web stack depends on this one
   * (it routes `/content*` to the API), so it cannot be referenced here: `npm run deploy` reads it
   * from the parameter the web stack writes and passes it as context (docs/deploy.md).
   */
  cdnDistributionId?: string;
}

/** Requests per second a stage accepts in total before API Gateway answers 429. */
const STAGE_THROTTLE: Record<Stage, { rate: number; burst: number }> = {
  dev: { rate: 20, burst: 40 },
  pre: { rate: 20, burst: 40 },
  pro: { rate: 500, burst: 1000 },
};

/** Requests one client address may make in 5 minutes before the WAF blocks it. */
export const WAF_RATE_LIMIT_PER_5_MIN = 2000;

/** The stage variable an integration reads to pick the Lambda alias. */
export const ALIAS_STAGE_VARIABLE = 'lambdaAlias';

/**
 * The stateless half: one Lambda per controller and the content worker, one REST API whose stages
 * `dev`, `pre`, `pro` call the alias of the same name through a stage variable, the usage plans of
 * the counter routes, a WAF on every stage, and the alarms. Nothing here holds data, so it can be
 * destroyed and redeployed at will; the tables, buckets and queues are reached by name
 * (shutter-{stage}-*), not by reference, so this stack never depends on a data stack's exports.
 * The worker's event source mappings live in the jobs stacks (jobs-stack.ts).
 */
export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly functions: Record<FunctionId, ControllerFunction>;
  readonly stages: Record<Stage, ApiStage>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    this.functions = Object.fromEntries(
      FUNCTION_IDS.map((fn) => [
        fn,
        new ControllerFunction(this, `${fn}Controller`, {
          name: fn,
          access: ACCESS_MATRIX[fn],
          corsOrigins: props.corsOrigins,
          pinnedVersions: Object.fromEntries(
            STAGES.flatMap((stage) => {
              const pinned = props.pinnedVersions?.[stage]?.[fn];
              return pinned === undefined ? [] : [[stage, pinned]];
            }),
          ),
          ...(props.jwtSecretKeyArn ? { jwtSecretKeyArn: props.jwtSecretKeyArn } : {}),
          ...(props.cdnDistributionId ? { cdnDistributionId: props.cdnDistributionId } : {}),
          // argon2id hashing at login wants the memory (and the CPU that comes with it); the
          // worker reads every published review to build the index, and renders Markdown.
          memorySize: fn === 'accounts' || fn === 'worker' ? 1024 : 512,
          ...(fn === 'worker' ? { timeout: Duration.seconds(WORKER_TIMEOUT_SECONDS) } : {}),
        }),
      ]),
    ) as Record<FunctionId, ControllerFunction>;

    const allowOrigins = props.corsOrigins.includes('*')
      ? Cors.ALL_ORIGINS
      : [...props.corsOrigins];
    this.api = new RestApi(this, 'Api', {
      restApiName: 'shutter',
      description: 'Shutter: content, reviews, accounts and the visitor counter',
      endpointTypes: [EndpointType.REGIONAL],
      // API Gateway writes access logs through the account's CloudWatch role.
      cloudWatchRole: true,
      apiKeySourceType: ApiKeySourceType.HEADER,
      deployOptions: this.stageOptions('pro'),
      defaultCorsPreflightOptions: {
        allowOrigins,
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        allowHeaders: [
          'Content-Type',
          'Authorization',
          'x-api-key',
          'If-Match',
          'If-None-Match',
          'x-request-id',
        ],
        exposeHeaders: ['ETag', 'Location', 'Retry-After', 'x-request-id'],
        maxAge: Duration.minutes(10),
      },
    });
    // Refusals API Gateway answers itself (missing API key, throttling) must be readable by pages.
    for (const type of [ResponseType.DEFAULT_4XX, ResponseType.DEFAULT_5XX]) {
      this.api.addGatewayResponse(`Cors${type.responseType}`, {
        type,
        responseHeaders: {
          'Access-Control-Allow-Origin': `'${allowOrigins.length === 1 ? allowOrigins[0] : '*'}'`,
        },
      });
    }

    for (const fn of API_FUNCTION_IDS) this.route(fn);

    const deployment = this.api.latestDeployment!;
    this.stages = {
      pro: this.api.deploymentStage,
      dev: new ApiStage(this, 'devStage', { deployment, ...this.stageOptions('dev') }),
      pre: new ApiStage(this, 'preStage', { deployment, ...this.stageOptions('pre') }),
    };

    for (const stage of STAGES) {
      new CfnOutput(this, `${stage}Url`, { value: this.stages[stage].urlForPath('/') });
    }
    this.grantInvokeByStage();
    this.counterUsagePlans();
    this.webAcl();
    this.alarms();
  }

  /** A stage's settings: its alias, throttling and JSON access log. */
  private stageOptions(stage: Stage): StageOptions & { stageName: string } {
    const accessLogs = new LogGroup(this, `${stage}AccessLogs`, {
      logGroupName: `/shutter/${stage}/api-access`,
      retention: RetentionDays.THREE_MONTHS,
    });
    return {
      stageName: stage,
      variables: { [ALIAS_STAGE_VARIABLE]: stage },
      throttlingRateLimit: STAGE_THROTTLE[stage].rate,
      throttlingBurstLimit: STAGE_THROTTLE[stage].burst,
      accessLogDestination: new LogGroupLogDestination(accessLogs),
      accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
      loggingLevel: MethodLoggingLevel.ERROR,
      metricsEnabled: true,
      description: `Shutter ${stage}: Lambda aliases "${stage}"`,
    };
  }

  /**
   * A Lambda proxy integration on the alias the stage names: `shutter-x:${stageVariables.lambdaAlias}`,
   * so one deployment of the API serves each stage with that stage's code.
   */
  private integration(fn: FunctionId): Integration {
    const { functionArn } = this.functions[fn].fn;
    return new Integration({
      type: IntegrationType.AWS_PROXY,
      integrationHttpMethod: 'POST',
      uri: `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:lambda:path/2015-03-31/functions/${functionArn}:\${stageVariables.${ALIAS_STAGE_VARIABLE}}/invocations`,
    });
  }

  private route(fn: FunctionId): void {
    const integration = this.integration(fn);
    const access: FunctionAccess = ACCESS_MATRIX[fn];
    for (const path of Object.keys(access.exactRoutes ?? {})) {
      if (!access.routes.includes(path))
        throw new Error(`${fn}: exact route ${path} not in routes`);
    }
    for (const path of access.routes) {
      const resource = this.api.root.resourceForPath(path);
      const exact = access.exactRoutes?.[path];
      if (exact) {
        // A method marked apiKey needs a key of the stage's usage plan (counterUsagePlans).
        for (const [method, { apiKey }] of Object.entries(exact)) {
          resource.addMethod(method, integration, { apiKeyRequired: apiKey });
        }
        continue;
      }
      // Every path API Gateway has no better match for would reach this function.
      if (path === '/') throw new Error(`${fn}: the root needs exact methods, not {proxy+}`);
      addAny(resource, integration);
      addAny(resource.addResource('{proxy+}'), integration);
    }
  }

  /** Each alias may be invoked by its own stage of this API only (the worker by none). */
  private grantInvokeByStage(): void {
    for (const fn of API_FUNCTION_IDS) {
      for (const stage of STAGES) {
        this.functions[fn].aliases[stage].addPermission(`InvokeFrom${stage}Stage`, {
          principal: new ServicePrincipal('apigateway.amazonaws.com'),
          action: 'lambda:InvokeFunction',
          sourceArn: this.api.arnForExecuteApi('*', '/*', stage),
        });
      }
    }
  }

  /**
   * API Gateway checks the key of a counter call before any Lambda runs, and caps it per key; the
   * app then checks the same key's scope and revocation (docs/deploy.md, "Two layers of keys").
   */
  private counterUsagePlans(): void {
    for (const stage of STAGES) {
      new UsagePlan(this, `${stage}CounterPlan`, {
        name: `shutter-${stage}-counters`,
        description: `Visitor counter calls on ${stage}`,
        apiStages: [{ api: this.api, stage: this.stages[stage] }],
        throttle: { rateLimit: 50, burstLimit: 100 },
        quota: { limit: 1_000_000, period: Period.DAY },
      });
    }
  }

  private webAcl(): void {
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const acl = new CfnWebACL(this, 'WebAcl', {
      name: 'shutter-api',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('shutter-api'),
      rules: [
        {
          name: 'rate-per-ip',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: WAF_RATE_LIMIT_PER_5_MIN, aggregateKeyType: 'IP' },
          },
          visibilityConfig: visibility('shutter-api-rate-per-ip'),
        },
      ],
    });
    for (const stage of STAGES) {
      const association = new CfnWebACLAssociation(this, `${stage}WebAcl`, {
        resourceArn: this.stages[stage].stageArn,
        webAclArn: acl.attrArn,
      });
      association.node.addDependency(this.stages[stage]);
    }
  }

  private alarms(): void {
    const topic = new Topic(this, 'Alarms', { topicName: 'shutter-alarms' });
    const alarm = (id: string, metric: IMetric, description: string) =>
      new Alarm(this, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(new SnsAction(topic));
    const period = Duration.minutes(5);
    for (const stage of STAGES) {
      alarm(
        `${stage}Api5xx`,
        this.api.metricServerError({
          period,
          statistic: 'Sum',
          dimensionsMap: {
            ApiName: this.api.restApiName,
            Stage: stage,
          },
        }),
        `API Gateway answered 5xx on ${stage}`,
      );
    }
    // A job that failed every try waits in the stage's dead-letter queue (docs/deploy.md, redrive).
    for (const stage of STAGES) {
      alarm(
        `${stage}ContentJobsDeadLetters`,
        new Metric({
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          dimensionsMap: { QueueName: deadLetterQueueName(stage) },
          statistic: 'Maximum',
          period,
        }),
        `Content jobs dead-lettered on ${stage}`,
      );
    }
    for (const fn of FUNCTION_IDS) {
      const { fn: lambda } = this.functions[fn];
      alarm(
        `${fn}Errors`,
        lambda.metricErrors({ period, statistic: 'Sum' }),
        `${fn} Lambda errors`,
      );
      alarm(
        `${fn}Throttles`,
        lambda.metricThrottles({ period, statistic: 'Sum' }),
        `${fn} Lambda throttled`,
      );
    }
  }
}

function addAny(resource: IResource, integration: Integration): void {
  resource.addMethod('ANY', integration);
}
