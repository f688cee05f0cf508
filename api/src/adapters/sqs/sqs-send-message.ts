import { createAwsJsonClient, type AwsClientOptions } from '../aws/aws-request.js';

/** A string or number message attribute, as SQS's `SendMessage` takes it. */
export interface SqsMessageAttribute {
  DataType: 'String' | 'Number';
  StringValue: string;
}

/** The `SendMessage` input the producer uses (SQS's names). */
export interface SqsSendMessageInput {
  QueueUrl: string;
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, SqsMessageAttribute>;
}

/** Sends one message; resolves with SQS's id for it. */
export type SqsSendMessage = (input: SqsSendMessageInput) => Promise<{ MessageId?: string }>;

/**
 * SQS's `SendMessage` over its JSON protocol (`AmazonSQS.SendMessage`,
 * `application/x-amz-json-1.0`, which SQS speaks since 2023), signed by aws4fetch: the one SQS
 * action the controller functions use, without the SDK's client. Region, credentials and endpoint
 * (`AWS_ENDPOINT_URL_SQS`) come from the environment unless given.
 * @throws AwsServiceError named as SQS names it (`QueueDoesNotExist`, `RequestThrottled`…).
 */
export function createSqsSendMessage(options: AwsClientOptions = {}): SqsSendMessage {
  const sqs = createAwsJsonClient('sqs', '1.0', options);
  return (input) => sqs('AmazonSQS.SendMessage', input);
}
