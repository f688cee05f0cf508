import { Annotations, ArnFormat, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Architecture, Runtime, Version, type IVersion } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  TABLES,
  defaultTablePrefix,
  tableName,
  type TableId,
} from '../../api/src/adapters/dynamodb/table-definitions.js';
import { ORIGIN_SECRET_PARAMETER } from '../../api/src/lambda/cdn-origin.js';
import {
  functionName,
  type FunctionAccess,
  type FunctionId,
  type ItemAccess,
} from './access-matrix.js';
import { STAGE_PLACEHOLDER, contentBucketName, jobQueueName } from './content-resources.js';
import {
  REPO_ROOT,
  hasLambdaModules,
  lambdaBundling,
  lambdaEntry,
  nativeModulesOf,
} from './lambda-bundling.js';
import { STAGES, jwtSecretParameterName, type Stage } from './stages.js';

export interface ControllerFunctionProps {
  name: FunctionId;
  access: FunctionAccess;
  corsOrigins: readonly string[];
  /**
   * The versions `pre` and `pro` point at now, read from AWS by `npm run deploy`, so a deploy
   * keeps them where `npm run promote` moved them. Missing (first deploy): the new version.
   */
  pinnedVersions: Partial<Record<Stage, string>>;
  /** A customer-managed KMS key encrypting the JWT secrets; else the AWS-managed `aws/ssm`. */
  jwtSecretKeyArn?: string;
  /**
   * The web stack's CloudFront distribution, for a function that purges it; unknown before the
   * web stack's first deploy (then the function logs its purges, see docs/deploy.md).
   */
  cdnDistributionId?: string;
  memorySize?: number;
  /** 10 seconds by default: API Gateway gives up after 29 anyway. */
  timeout?: Duration;
}

/** The content job queue's URL on the stage the function is invoked for. */
export function jobQueueUrl(): string {
  return `https://sqs.${Aws.REGION}.${Aws.URL_SUFFIX}/${Aws.ACCOUNT_ID}/${jobQueueName(STAGE_PLACEHOLDER)}`;
}

/**
 * One Lambda serving every stage: a published version per deploy, the aliases `dev`, `pre` and
 * `pro`, a role granting exactly what `access` lists on every stage's tables, bucket and queue
 * (one function serves all three, see docs/deploy.md), and a log group with retention.
 */
export class ControllerFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly aliases: Record<Stage, Alias>;

  constructor(scope: Construct, id: string, props: ControllerFunctionProps) {
    super(scope, id);
    const name = functionName(props.name);
    const stack = Stack.of(this);

    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${name}`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // A role of its own instead of AWSLambdaBasicExecutionRole, whose log grant is on `*`.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${name}: its own tables and secrets on every stage, nothing else`,
    });
    this.logGroup.grantWrite(this.role);
    this.grantTables(stack, props.access);
    this.grantItems(stack, props.access);
    this.grantContentBucket(stack, props.access);
    this.grantJobQueue(stack, props.access);
    const purges = props.access.purgesCdn === true && props.cdnDistributionId !== undefined;
    if (purges) this.grantCdnPurge(stack, props.cdnDistributionId!);
    if (props.access.readsJwtSecret) this.grantJwtSecret(stack, props.jwtSecretKeyArn);
    if (props.access.readsOriginSecret) this.grantOriginSecret(stack);

    this.fn = new NodejsFunction(this, 'Function', {
      functionName: name,
      entry: lambdaEntry(props.access.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      // Old versions stay, so an alias can always be moved back to one (docs/deploy.md).
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
      bundling: lambdaBundling(nativeModulesOf(props.access)),
      environment: {
        // The fallback for `$LATEST`: each alias names its own stage (create-lambda-handler.ts).
        SHUTTER_STAGE: 'dev',
        SHUTTER_CORS_ORIGINS: props.corsOrigins.join(','),
        LOG_LEVEL: 'info',
        NODE_OPTIONS: '--enable-source-maps',
        // Environment variables are the function's, not an alias's: each names the stage's
        // resource through `{stage}`, which the API replaces with the invoked alias's stage.
        ...(props.access.contentBucket
          ? { SHUTTER_CONTENT_BUCKET: contentBucketName(STAGE_PLACEHOLDER) }
          : {}),
        ...(props.access.jobQueue ? { SHUTTER_JOB_QUEUE_URL: jobQueueUrl() } : {}),
        ...(purges ? { SHUTTER_CDN_DISTRIBUTION_ID: props.cdnDistributionId! } : {}),
      },
      description: `Shutter ${props.name} controller`,
    });

    for (const native of nativeModulesOf(props.access)) {
      if (hasLambdaModules(native)) continue;
      Annotations.of(this.fn).addWarningV2(
        `shutter:${native}-missing`,
        `The bundle lacks ${native} for linux-arm64 (npm run lambda:modules): fine to read, not to deploy. Deploy with \`npm run deploy\`, which installs it first.`,
      );
    }

    const latest = this.fn.currentVersion;
    const versionFor = (stage: Stage): IVersion => {
      const pinned = props.pinnedVersions[stage];
      return pinned === undefined
        ? latest
        : Version.fromVersionAttributes(this, `${stage}Version`, {
            lambda: this.fn,
            version: pinned,
          });
    };
    this.aliases = Object.fromEntries(
      STAGES.map((stage) => [
        stage,
        new Alias(this, `${stage}Alias`, {
          aliasName: stage,
          // dev always runs the newest code; pre and pro move only through `npm run promote`.
          version: stage === 'dev' ? latest : versionFor(stage),
        }),
      ]),
    ) as Record<Stage, Alias>;
  }

  private grantTables(stack: Stack, access: FunctionAccess): void {
    for (const [id, actions] of Object.entries(access.tables) as [TableId, string[]][]) {
      const tableArns = this.tableArns(stack, id);
      this.role.addToPolicy(
        new PolicyStatement({
          actions: actions.map((a) => `dynamodb:${a}`),
          resources: tableArns,
        }),
      );
      // Queries may use the table's GSIs; nothing else can address an index.
      if (actions.includes('Query') && TABLES[id].globalIndexes.length > 0) {
        this.role.addToPolicy(
          new PolicyStatement({
            actions: ['dynamodb:Query'],
            resources: tableArns.map((arn) => `${arn}/index/*`),
          }),
        );
      }
    }
  }

  private tableArns(stack: Stack, id: TableId): string[] {
    return STAGES.map((stage) =>
      stack.formatArn({
        service: 'dynamodb',
        resource: 'table',
        resourceName: tableName(defaultTablePrefix(stage), TABLES[id]),
      }),
    );
  }

  /**
   * Actions on only the items whose partition key matches (`dynamodb:LeadingKeys`). Every action
   * granted this way names its partition key (an item's key, or a Query's key condition), so the
   * key is always in the request and the `ForAllValues` test is never vacuous (it would be for a
   * Scan, which is never granted here).
   */
  private grantItems(stack: Stack, access: FunctionAccess): void {
    for (const [id, grants] of Object.entries(access.items ?? {}) as [
      TableId,
      NonNullable<FunctionAccess['items']>[TableId],
    ][]) {
      for (const grant of grants ?? []) this.grantItemsOf(stack, id, grant);
    }
  }

  /** One statement: these actions on the items of one table whose keys match. */
  private grantItemsOf(stack: Stack, id: TableId, grant: ItemAccess): void {
    if (grant.actions.some((a) => a === 'Scan')) {
      throw new Error(`${id}: item grants are for actions that name a partition key only`);
    }
    this.role.addToPolicy(
      new PolicyStatement({
        actions: grant.actions.map((a) => `dynamodb:${a}`),
        resources: this.tableArns(stack, id),
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...grant.leadingKeys] },
        },
      }),
    );
  }

  /** Objects under the prefixes the matrix names, of every stage's bucket; listing the bucket. */
  private grantContentBucket(stack: Stack, access: FunctionAccess): void {
    const bucket = access.contentBucket;
    if (!bucket) return;
    const bucketArns = STAGES.map((stage) =>
      stack.formatArn({
        service: 's3',
        region: '',
        account: '',
        resource: contentBucketName(stage),
      }),
    );
    for (const [prefix, actions] of Object.entries(bucket.objects)) {
      if (!actions || actions.length === 0) continue;
      this.role.addToPolicy(
        new PolicyStatement({
          actions: actions.map((a) => `s3:${a}`),
          resources: bucketArns.map((arn) => `${arn}/${prefix}*`),
        }),
      );
    }
    // Without it S3 answers a missing key with 403 instead of 404, which the blob store could
    // not tell from a real refusal. Not narrowed by `s3:prefix`: that key is absent from the
    // implicit check S3 makes for a missing object. Listing shows keys, never contents.
    if (bucket.list) {
      this.role.addToPolicy(
        new PolicyStatement({ actions: ['s3:ListBucket'], resources: bucketArns }),
      );
    }
  }

  private grantJobQueue(stack: Stack, access: FunctionAccess): void {
    const actions = access.jobQueue ?? [];
    if (actions.length === 0) return;
    this.role.addToPolicy(
      new PolicyStatement({
        actions: actions.map((a) => `sqs:${a}`),
        resources: STAGES.map((stage) =>
          stack.formatArn({
            service: 'sqs',
            resource: jobQueueName(stage),
            arnFormat: ArnFormat.NO_RESOURCE_NAME,
          }),
        ),
      }),
    );
  }

  /** Invalidations on that one distribution (CloudFront is global: no region in the ARN). */
  private grantCdnPurge(stack: Stack, distributionId: string): void {
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['cloudfront:CreateInvalidation'],
        resources: [
          stack.formatArn({
            service: 'cloudfront',
            region: '',
            resource: 'distribution',
            resourceName: distributionId,
          }),
        ],
      }),
    );
  }

  /** The one parameter holding CloudFront's origin secret: a String, so no KMS grant. */
  private grantOriginSecret(stack: Stack): void {
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [
          stack.formatArn({
            service: 'ssm',
            resource: 'parameter',
            // formatArn adds the separator; the parameter name starts with one already.
            resourceName: ORIGIN_SECRET_PARAMETER.slice(1),
          }),
        ],
      }),
    );
  }

  private grantJwtSecret(stack: Stack, keyArn: string | undefined): void {
    const parameterArns = STAGES.map((stage) =>
      stack.formatArn({
        service: 'ssm',
        resource: 'parameter',
        // formatArn adds the separator; the parameter name starts with one already.
        resourceName: jwtSecretParameterName(stage).slice(1),
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['ssm:GetParameter'], resources: parameterArns }),
    );
    // SSM decrypts a SecureString with the caller's rights, binding the parameter's ARN into the
    // encryption context: the conditions allow decrypting these parameters through SSM only.
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['kms:Decrypt'],
        resources: [
          keyArn ?? stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' }),
        ],
        conditions: {
          // A single-valued key: a list means any one of them.
          StringEquals: {
            'kms:ViaService': `ssm.${stack.region}.amazonaws.com`,
            'kms:EncryptionContext:PARAMETER_ARN': parameterArns,
          },
        },
      }),
    );
  }
}
