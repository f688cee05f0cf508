import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SqsSendMessageInput } from '../../src/adapters/sqs/sqs-send-message.js';
import { createDynamoDbStores } from '../../src/adapters/dynamodb/create-dynamodb-stores.js';
import { ensureDynamoDbTables } from '../../src/adapters/dynamodb/open-dynamodb-stores.js';
import { handler as contentHandler } from '../../src/lambda/content.js';
import { handler as workerHandler } from '../../src/lambda/worker.js';
import { reviewJob } from '../../src/services/content-pipeline/content-jobs.js';
import type { Stores } from '../../src/services/service-types.js';
import {
  httpApiEvent,
  lambdaContext,
  type LambdaProxyResult,
} from '../support/api-gateway-events.js';
import { dynaliteServer } from '../support/dynalite-server.js';
import { fakeAwsServer } from '../support/fake-aws-server.js';
import { sqsRecord } from '../support/job-queue-factories.js';
import { storedReview } from '../support/review-fixtures.js';
import { s3rverServer } from '../support/s3rver-server.js';

/*
 * The AWS path end to end, with the deployed entry points: the worker function fed real SQS
 * event records, on DynamoDB (dynalite) and S3 (s3rver), sending its follow-up jobs to SQS and
 * its purges to CloudFront (a fake SQS on loopback; aws-sdk-client-mock); then the content function reading what
 * the worker wrote.
 */

const cloudfront = mockClient(CloudFrontClient);
const saved = { ...process.env };
let stores: Stores;
let sent: SqsSendMessageInput[];
let messages = 0;

beforeAll(async () => {
  const { client, endpoint } = await dynaliteServer();
  const s3 = await s3rverServer();
  const bucket = await s3.createBucket();
  // SQS (the worker's follow-up jobs) and SSM (the content function's JWT secret, for its
  // cursors) are one fake on loopback, answering by action.
  const aws = await fakeAwsServer();
  aws.answer((request) => {
    if (request.headers['x-amz-target'] === 'AmazonSSM.GetParameter')
      return { json: { Parameter: { Value: 'x'.repeat(40) } } };
    sent.push(JSON.parse(request.body.toString()) as SqsSendMessageInput);
    return { json: { MessageId: `m-${++messages}` } };
  });
  const tablePrefix = `worker-${process.pid}-`;
  await ensureDynamoDbTables(client, tablePrefix);
  stores = createDynamoDbStores({ client, tablePrefix, ownsClient: false });
  Object.assign(process.env, {
    SHUTTER_STAGE: 'dev',
    LOG_LEVEL: 'silent',
    SHUTTER_TABLE_PREFIX: tablePrefix,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_SSM: aws.endpoint,
    AWS_ENDPOINT_URL_SQS: aws.endpoint,
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${(await s3.client.config.endpoint!()).port}`,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    SHUTTER_CONTENT_BUCKET: bucket,
    SHUTTER_JOB_QUEUE_URL:
      'https://sqs.us-east-1.amazonaws.com/123456789012/shutter-{stage}-content-jobs',
    SHUTTER_CDN_DISTRIBUTION_ID: 'E2QWRUHEXAMPLE',
    // The distribution of this test serves dev (by default it is pro's, and dev purges nothing).
    SHUTTER_CDN_STAGE: 'dev',
  });
  cloudfront.on(CreateInvalidationCommand).resolves({
    Invalidation: {
      Id: 'I1',
      Status: 'InProgress',
      CreateTime: new Date(),
      InvalidationBatch: undefined,
    } as never,
  });
});

afterEach(() => {
  sent = [];
});

afterAll(() => {
  process.env = saved;
  cloudfront.restore();
});

/** Delivers messages to the worker's `dev` alias as the event source mapping would. */
async function deliver(inputs: readonly SqsSendMessageInput[]) {
  const event: SQSEvent = {
    Records: inputs.map((input) => sqsRecord(input, `m-${++messages}`, Date.now())),
  };
  return workerHandler(event, lambdaContext('shutter-worker', 'dev') as never);
}

/** The message the reviews function sends for a slug (what `SqsJobQueue.enqueue` builds). */
function messageFor(slug: string): SqsSendMessageInput {
  const job = reviewJob(slug);
  return {
    QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/shutter-dev-content-jobs',
    MessageBody: JSON.stringify(job.payload),
    MessageAttributes: {
      jobId: { DataType: 'String', StringValue: job.id },
      jobType: { DataType: 'String', StringValue: job.type },
      enqueuedAt: { DataType: 'Number', StringValue: String(Date.now()) },
    },
  };
}

async function readContent(path: string): Promise<LambdaProxyResult> {
  return (await contentHandler(
    httpApiEvent({ method: 'GET', path }) as never,
    lambdaContext('shutter-content', 'dev') as never,
  )) as unknown as LambdaProxyResult;
}

describe('the worker function, fed by SQS', () => {
  it('materialises a published review, rebuilds the index, purges the CDN; the content function serves it', async () => {
    sent = [];
    const review = storedReview({
      slug: 'worker-made-review',
      title: 'Made by the worker',
      status: 'published',
      publishedAt: '2026-11-20T00:00:00.000Z',
      body: 'Sharp *and* quiet.',
    });
    await stores.reviews.claimSlug(review.slug, review.id);
    await stores.reviews.create(review);

    const first = await deliver([messageFor(review.slug)]);
    expect(first.batchItemFailures).toEqual([]);
    const doc = await stores.publicContent.get(review.slug);
    expect(JSON.parse(doc!.json)).toMatchObject({ html: '<p>Sharp <em>and</em> quiet.</p>\n' });
    // It queued the index rebuild and the purge of the review's tag on the stage's queue.
    const types = sent.map((m) => m.MessageAttributes!.jobType!.StringValue);
    expect(types.sort()).toEqual(['content:index', 'content:purge']);
    expect(sent.every((m) => m.QueueUrl.endsWith('/shutter-dev-content-jobs'))).toBe(true);

    const followUps = [...sent];
    sent = [];
    const second = await deliver(followUps);
    expect(second.batchItemFailures).toEqual([]);
    expect(cloudfront.commandCalls(CreateInvalidationCommand)[0]!.args[0].input).toMatchObject({
      DistributionId: 'E2QWRUHEXAMPLE',
      // The reader's page too: the distribution serves both (content-cdn.ts).
      InvalidationBatch: {
        Paths: { Items: ['/content/worker-made-review', '/review/worker-made-review'] },
      },
    });
    // The rebuild moved the pointer: the list purge and a confirming rebuild are queued next.
    expect(sent.map((m) => m.MessageAttributes!.jobId!.StringValue).sort()).toEqual([
      'content:index:confirm',
      'content:purge:cameras,compare,list',
    ]);

    const list = await readContent('/content');
    expect(list.statusCode).toBe(200);
    expect(JSON.parse(list.body)).toMatchObject({ total: 1, items: [{ slug: review.slug }] });
    const detail = await readContent(`/content/${review.slug}`);
    expect(detail.statusCode).toBe(200);
    expect(JSON.parse(detail.body)).toMatchObject({ title: 'Made by the worker' });
  });

  it('reports a malformed record as a failure for SQS to retry, and runs the rest', async () => {
    const bad = { ...messageFor('whatever'), MessageAttributes: {} };
    const result = await deliver([bad, messageFor('no-such-review')]);
    expect(result.batchItemFailures).toHaveLength(1);
  });
});
