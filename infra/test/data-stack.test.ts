import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  TABLES,
  defaultTablePrefix,
  tableName,
  type TableDefinition,
} from '../../api/src/adapters/dynamodb/table-definitions.js';
import {
  JOB_VISIBILITY_TIMEOUT,
  WORKER_BATCH,
  WORKER_TIMEOUT_SECONDS,
} from '../lib/content-resources.js';
import { DataStack } from '../lib/data-stack.js';
import { CDN_STAGE, STACK_NAMES, STAGES } from '../lib/stages.js';
import { render } from './support/template-values.js';

const app = new App();
const stacks = STAGES.map(
  // As createShutterStacks builds them.
  (stage) =>
    [
      stage,
      new DataStack(app, STACK_NAMES.data(stage), {
        stage,
        corsOrigins: ['*'],
        servedByCdn: stage === CDN_STAGE,
      }),
    ] as const,
);
const templates = Object.fromEntries(
  stacks.map(([stage, stack]) => [stage, Template.fromStack(stack)]),
);
const definitions: TableDefinition[] = Object.values(TABLES);

interface TableResource {
  DeletionPolicy: string;
  UpdateReplacePolicy: string;
  Properties: {
    TableName: string;
    BillingMode: string;
    KeySchema: { AttributeName: string; KeyType: string }[];
    PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled: boolean };
    TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
    GlobalSecondaryIndexes?: {
      IndexName: string;
      KeySchema: { AttributeName: string; KeyType: string }[];
      Projection: { ProjectionType: string };
    }[];
    DeletionProtectionEnabled?: boolean;
  };
}

function tablesOf(stage: (typeof STAGES)[number]): Map<string, TableResource> {
  const resources = templates[stage]!.findResources('AWS::DynamoDB::Table') as Record<
    string,
    TableResource
  >;
  return new Map(Object.values(resources).map((r) => [r.Properties.TableName, r]));
}

const keySchema = (pk: { name: string }, sk?: { name: string }) => [
  { AttributeName: pk.name, KeyType: 'HASH' },
  ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' }] : []),
];

describe.each(STAGES)('the %s data stack', (stage) => {
  const tables = tablesOf(stage);

  it('holds exactly the tables of the definitions, named for the stage', () => {
    expect([...tables.keys()].sort()).toEqual(
      definitions.map((d) => tableName(defaultTablePrefix(stage), d)).sort(),
    );
    expect([...tables.keys()].every((n) => n.startsWith(`shutter-${stage}-`))).toBe(true);
  });

  it.each(definitions.map((d) => [d.suffix, d] as const))(
    '%s: keys, GSIs and TTL as defined; on demand, PITR, retained',
    (_suffix, def) => {
      const table = tables.get(tableName(defaultTablePrefix(stage), def))!;
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
      });
      expect(table.Properties.KeySchema).toEqual(keySchema(def.partitionKey, def.sortKey));
      expect(table.Properties.TimeToLiveSpecification).toEqual(
        def.ttlAttribute ? { AttributeName: def.ttlAttribute, Enabled: true } : undefined,
      );
      expect(
        (table.Properties.GlobalSecondaryIndexes ?? []).map((g) => ({
          name: g.IndexName,
          keys: g.KeySchema,
          projection: g.Projection.ProjectionType,
        })),
      ).toEqual(
        def.globalIndexes.map((g) => ({
          name: g.indexName,
          keys: keySchema(g.partitionKey, g.sortKey),
          projection: 'ALL',
        })),
      );
    },
  );

  it(`${stage === 'pro' ? 'protects' : 'does not protect'} its tables against deletion`, () => {
    for (const table of tables.values()) {
      expect(table.Properties.DeletionProtectionEnabled ?? false).toBe(stage === 'pro');
    }
  });

  it('holds nothing but data: tables, the bucket, the queues; no code, no roles, no secrets', () => {
    const types = new Set(
      Object.values(templates[stage]!.toJSON().Resources as Record<string, { Type: string }>).map(
        (r) => r.Type,
      ),
    );
    expect([...types].sort()).toEqual([
      'AWS::DynamoDB::Table',
      'AWS::S3::Bucket',
      'AWS::S3::BucketPolicy',
      'AWS::SQS::Queue',
      'AWS::SQS::QueuePolicy',
    ]);
    templates[stage]!.resourcePropertiesCountIs('AWS::DynamoDB::Table', Match.anyValue(), 5);
    templates[stage]!.resourceCountIs('AWS::S3::Bucket', 1);
    templates[stage]!.resourceCountIs('AWS::SQS::Queue', 2);
  });
});

describe.each(STAGES)('the %s content bucket and job queue', (stage) => {
  const template = templates[stage]!;
  const json = template.toJSON() as {
    Resources: Record<
      string,
      {
        Type: string;
        Properties: Record<string, unknown>;
        DeletionPolicy?: string;
        UpdateReplacePolicy?: string;
      }
    >;
  };
  const ofType = (type: string) =>
    Object.entries(json.Resources).filter(([, r]) => r.Type === type);
  const [bucketId, bucket] = ofType('AWS::S3::Bucket')[0]!;
  const queues = ofType('AWS::SQS::Queue');
  const queueNamed = (name: string) => queues.find(([, q]) => q.Properties.QueueName === name)!;
  const [dlqId, dlq] = queueNamed(`shutter-${stage}-content-jobs-dlq`);
  const [, jobs] = queueNamed(`shutter-${stage}-content-jobs`);

  it('bucket: named for the stage, account and region; private, encrypted, TLS only, retained', () => {
    expect(render(bucket.Properties.BucketName)).toBe(
      `shutter-${stage}-content-123456789012-eu-west-1`,
    );
    expect(bucket.Properties).toMatchObject({
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
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(bucket.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
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

  it(`bucket: CloudFront ${stage === CDN_STAGE ? 'reads the photo variants (images/*) and nothing else' : 'reads nothing (the distribution serves pro)'}`, () => {
    const statements = Object.values(json.Resources)
      .filter((r) => r.Type === 'AWS::S3::BucketPolicy')
      .flatMap(
        (p) =>
          (
            p.Properties.PolicyDocument as {
              Statement: {
                Effect: string;
                Principal: unknown;
                Action: unknown;
                Resource: unknown;
                Condition?: unknown;
              }[];
            }
          ).Statement,
      );
    const allows = statements.filter((s) => s.Effect === 'Allow');
    if (stage !== CDN_STAGE) {
      expect(allows).toEqual([]);
      return;
    }
    expect(allows).toHaveLength(1);
    const [read] = allows;
    expect(read!.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(read!.Action).toBe('s3:GetObject');
    // Not the uploaded originals (they may carry GPS data), not the index.
    expect(render(read!.Resource)).toBe(`{${bucketId}.Arn}/images/*`);
    expect(read!.Condition).toEqual({
      StringEquals: { 'AWS:SourceAccount': { Ref: 'AWS::AccountId' } },
    });
  });

  it('bucket: pages may POST photo uploads to it (presigned), and nothing else cross-origin', () => {
    expect(bucket.Properties.CorsConfiguration).toEqual({
      CorsRules: [
        { AllowedHeaders: ['*'], AllowedMethods: ['POST'], AllowedOrigins: ['*'], MaxAge: 600 },
      ],
    });
  });

  it('bucket: its lifecycle never expires an object (the pipeline deletes old artifacts)', () => {
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] })
      .Rules;
    expect(rules).toEqual([
      {
        Id: 'abort-incomplete-uploads',
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        Status: 'Enabled',
      },
    ]);
    // No versioning: overwritten pointers and deleted artifacts would otherwise pile up.
    expect(bucket.Properties.VersioningConfiguration).toBeUndefined();
  });

  it('queue: dead-letters after 5 receives; hides a message 6 worker timeouts plus the window', () => {
    expect(jobs.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: 5,
    });
    const visibility = jobs.Properties.VisibilityTimeout as number;
    expect(visibility).toBe(JOB_VISIBILITY_TIMEOUT.toSeconds());
    expect(visibility).toBeGreaterThanOrEqual(
      6 * WORKER_TIMEOUT_SECONDS + WORKER_BATCH.maxBatchingWindowSeconds,
    );
    expect(jobs.Properties.SqsManagedSseEnabled).toBe(true);
    expect(jobs.Properties.FifoQueue).toBeUndefined();
  });

  it('dead-letter queue: keeps a failed job 14 days, encrypted, and redrives nowhere itself', () => {
    expect(dlq.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    expect(dlq.Properties.SqsManagedSseEnabled).toBe(true);
    expect(dlq.Properties.RedrivePolicy).toBeUndefined();
  });

  it('queues: retained, and refuse plain HTTP', () => {
    for (const [id, queue] of queues) {
      expect(queue.DeletionPolicy, id).toBe('Retain');
      const policy = ofType('AWS::SQS::QueuePolicy').find(([, p]) =>
        (p.Properties.Queues as unknown[]).some((q) => render(q) === `{Ref:${id}}`),
      );
      expect(policy, id).toBeDefined();
      expect(policy![1].Properties.PolicyDocument).toMatchObject({
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      });
    }
  });
});
