import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
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
import { functionName, type FunctionId, type FunctionAccess } from './access-matrix.js';
import { REPO_ROOT, hasLambdaModules, lambdaBundling, lambdaEntry } from './lambda-bundling.js';
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
  memorySize?: number;
}

/**
 * One controller Lambda serving every stage: a published version per deploy, the aliases `dev`,
 * `pre` and `pro`, a role granting exactly what `access` lists on every stage's tables (one
 * function serves all three, see docs/deploy.md), and a log group with retention.
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
    if (props.access.readsJwtSecret) this.grantJwtSecret(stack, props.jwtSecretKeyArn);

    this.fn = new NodejsFunction(this, 'Function', {
      functionName: name,
      entry: lambdaEntry(props.access.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      // Old versions stay, so an alias can always be moved back to one (docs/deploy.md).
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
      bundling: lambdaBundling({ argon2: props.access.hashesPasswords }),
      environment: {
        // The fallback for `$LATEST`: each alias names its own stage (create-lambda-handler.ts).
        SHUTTER_STAGE: 'dev',
        SHUTTER_CORS_ORIGINS: props.corsOrigins.join(','),
        LOG_LEVEL: 'info',
        NODE_OPTIONS: '--enable-source-maps',
      },
      description: `Shutter ${props.name} controller`,
    });

    if (props.access.hashesPasswords && !hasLambdaModules()) {
      Annotations.of(this.fn).addWarningV2(
        'shutter:argon2-missing',
        'The bundle lacks argon2 for linux-arm64 (npm run lambda:modules): fine to read, not to deploy. Deploy with `npm run deploy`, which installs it first.',
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
      const tableArns = STAGES.map((stage) =>
        stack.formatArn({
          service: 'dynamodb',
          resource: 'table',
          resourceName: tableName(defaultTablePrefix(stage), TABLES[id]),
        }),
      );
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
