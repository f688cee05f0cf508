import {
  environmentCredentials,
  environmentEndpoint,
  environmentRegion,
  type AwsCredentialsProvider,
} from '../aws/aws-credentials.js';
import { callAwsJson, createAwsFetch, type AwsFetch } from '../aws/aws-request.js';

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

export interface SqsClientOptions {
  region?: string;
  credentials?: AwsCredentialsProvider;
  /** SQS's endpoint; `AWS_ENDPOINT_URL_SQS` or `https://sqs.{region}.amazonaws.com` by default. */
  endpoint?: string;
  /** The deadline of one send, retries included (see `createAwsFetch`). */
  timeoutMs?: number;
}

/**
 * SQS's `SendMessage` over its JSON protocol (`AmazonSQS.SendMessage`,
 * `application/x-amz-json-1.0`, which SQS speaks since 2023), signed by aws4fetch: the one SQS
 * action the controller functions use, without the SDK's client. Region, credentials and endpoint
 * come from the environment unless given.
 * @throws AwsServiceError named as SQS names it (`QueueDoesNotExist`, `RequestThrottled`…).
 */
export function createSqsSendMessage(options: SqsClientOptions = {}): SqsSendMessage {
  let send: AwsFetch | undefined;
  let endpoint: string | undefined;
  return async (input) => {
    // Made at the first send, once the function's environment has been read.
    if (!send) {
      const region = options.region ?? environmentRegion();
      endpoint =
        options.endpoint ?? environmentEndpoint('sqs') ?? `https://sqs.${region}.amazonaws.com`;
      send = createAwsFetch({
        service: 'sqs',
        region,
        credentials: options.credentials ?? environmentCredentials(),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      });
    }
    return callAwsJson<{ MessageId?: string }>(
      send,
      `${endpoint}/`,
      'AmazonSQS.SendMessage',
      '1.0',
      input,
    );
  };
}
