import { ArnFormat, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnEventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { functionName } from './access-matrix.js';
import { WORKER_BATCH, jobQueueName } from './content-resources.js';
import type { Stage } from './stages.js';

export interface JobsStackProps extends StackProps {
  stage: Stage;
}

/**
 * The wiring of one stage's content job queue to the worker alias of the same stage: an SQS event
 * source mapping. In a stack of its own because Lambda refuses a mapping whose queue does not
 * exist, and a stage's queue exists only once its data stack is deployed (stages are deployed one
 * by one, `npm run deploy -- --stage …`); so the mapping comes and goes with the stage, after its
 * data stack and the API stack (the alias and the role's grants), and holds nothing itself.
 * Both ends are named, not imported, so the other stacks export nothing.
 */
export class JobsStack extends Stack {
  readonly mapping: CfnEventSourceMapping;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    this.mapping = new CfnEventSourceMapping(this, 'WorkerMapping', {
      eventSourceArn: this.formatArn({
        service: 'sqs',
        resource: jobQueueName(props.stage),
        arnFormat: ArnFormat.NO_RESOURCE_NAME,
      }),
      // The alias, so each stage's jobs run the code (and data) of that stage.
      functionName: this.formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: `${functionName('worker')}:${props.stage}`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
      enabled: true,
      batchSize: WORKER_BATCH.batchSize,
      maximumBatchingWindowInSeconds: WORKER_BATCH.maxBatchingWindowSeconds,
      // Only the records the worker lists as failed go back to the queue, not the whole batch.
      functionResponseTypes: ['ReportBatchItemFailures'],
      scalingConfig: { maximumConcurrency: WORKER_BATCH.maxConcurrency },
    });
  }
}
