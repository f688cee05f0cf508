import { Aws, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  type Attribute,
} from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { IMAGE_VARIANT_PREFIX } from '../../api/src/domain/image.js';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  TABLES,
  defaultTablePrefix,
  tableName,
  type KeyAttribute,
  type TableId,
} from '../../api/src/adapters/dynamodb/table-definitions.js';
import {
  DEAD_LETTER_RETENTION,
  JOB_MAX_RECEIVES,
  JOB_VISIBILITY_TIMEOUT,
  contentBucketName,
  deadLetterQueueName,
  jobQueueName,
} from './content-resources.js';
import type { Stage } from './stages.js';

export interface DataStackProps extends StackProps {
  stage: Stage;
  /** Origins whose pages may upload photos straight to the bucket (presigned POSTs); `*` any. */
  corsOrigins?: readonly string[];
  /** The web stack's distribution serves this stage: CloudFront may read the photos' variants. */
  servedByCdn?: boolean;
}

const attribute = ({ name, type }: KeyAttribute): Attribute => ({
  name,
  type: type === 'N' ? AttributeType.NUMBER : AttributeType.STRING,
});

/**
 * The stateful half of one stage: its DynamoDB tables, straight from the definitions the adapters
 * use (api/src/adapters/dynamodb/table-definitions.ts), the content bucket and the content job
 * queue with its dead-letter queue. Kept apart from the code so that deploying code never
 * updates, replaces or deletes them; every one is retained even if the stack goes.
 */
export class DataStack extends Stack {
  readonly tables: Record<TableId, Table>;
  readonly contentBucket: Bucket;
  readonly jobQueue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const prefix = defaultTablePrefix(props.stage);
    this.tables = Object.fromEntries(
      (Object.keys(TABLES) as TableId[]).map((id) => {
        const def = TABLES[id];
        const table = new Table(this, id, {
          tableName: tableName(prefix, def),
          partitionKey: attribute(def.partitionKey),
          ...(def.sortKey ? { sortKey: attribute(def.sortKey) } : {}),
          billingMode: BillingMode.PAY_PER_REQUEST,
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          deletionProtection: props.stage === 'pro',
          removalPolicy: RemovalPolicy.RETAIN,
          ...('ttlAttribute' in def ? { timeToLiveAttribute: def.ttlAttribute } : {}),
        });
        for (const index of def.globalIndexes) {
          table.addGlobalSecondaryIndex({
            indexName: index.indexName,
            partitionKey: attribute(index.partitionKey),
            ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
            projectionType: ProjectionType.ALL,
          });
        }
        return [id, table];
      }),
    ) as Record<TableId, Table>;

    // The index artifacts and their pointer. Derived data (a reconcile job rebuilds it all from
    // the tables), so no versioning: artifacts are content-addressed and the pipeline deletes
    // superseded ones itself, so no expiry either, which could delete the current one.
    this.contentBucket = new Bucket(this, 'ContentBucket', {
      bucketName: contentBucketName(props.stage),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Editors' pages POST photo originals here (presigned by the reviews function) and must
      // read S3's answer; nothing else is readable cross-origin.
      cors: [
        {
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: [...(props.corsOrigins ?? ['*'])],
          allowedHeaders: ['*'],
          maxAge: 600,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (props.servedByCdn) {
      // CloudFront (origin access control) reads the variants, public by design, and nothing
      // else: not the uploaded originals (GPS data), not the index. Any distribution of this
      // account: the web stack's id is unknown here (it is deployed later, and data stacks
      // import nothing); what it opens is what every reader is served anyway.
      this.contentBucket.addToResourcePolicy(
        new PolicyStatement({
          principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
          actions: ['s3:GetObject'],
          resources: [this.contentBucket.arnForObjects(`${IMAGE_VARIANT_PREFIX}*`)],
          conditions: { StringEquals: { 'AWS:SourceAccount': Aws.ACCOUNT_ID } },
        }),
      );
    }

    this.deadLetterQueue = new Queue(this, 'ContentJobsDeadLetters', {
      queueName: deadLetterQueueName(props.stage),
      retentionPeriod: DEAD_LETTER_RETENTION,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.jobQueue = new Queue(this, 'ContentJobs', {
      queueName: jobQueueName(props.stage),
      visibilityTimeout: JOB_VISIBILITY_TIMEOUT,
      retentionPeriod: Duration.days(4),
      // SQS-managed keys: no KMS key to grant, and the messages hold only slugs and tags.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: JOB_MAX_RECEIVES },
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
