import {
  environmentCredentials,
  type AwsCredentials as BaseCredentials,
} from '../aws/aws-credentials.js';
import { jsonProtocolError, sendSigned, type AwsSigning } from '../aws/aws-request.js';
import { HttpTransportError, type HttpAnswer } from '../aws/http-transport.js';
import { fullJitterMs, withRetries } from '../aws/retry.js';

/** Credentials with, for temporary ones, their expiration (the SDK's providers give it). */
export type AwsCredentials = BaseCredentials & { expiration?: Date };

/** Where credentials come from: asked again once the last answer is about to expire. */
export type CredentialsProvider = () => Promise<AwsCredentials>;

export { environmentCredentials };

export interface DynamoDbHttpClientOptions {
  /**
   * The table's region. Undefined fails each call (not the construction), as the SDK did: a
   * function that never reaches DynamoDB need not know its region.
   */
  region: string | undefined;
  /** An endpoint outside AWS (dynalite, DynamoDB Local); AWS's regional endpoint by default. */
  endpoint?: string;
  /**
   * Fixed credentials, or a provider: the Lambda environment's (`environmentCredentials`, shared
   * with the other light AWS clients, read once here), or locally the SDK's default chain, which
   * the entry point passes in (so that Lambda bundles never carry the credential-provider
   * packages).
   */
  credentials: AwsCredentials | CredentialsProvider;
  /** Attempts per call, the first included (the SDK's default: 3). */
  maxAttempts?: number;
  /** Each attempt's limit: a hung endpoint fails the attempt instead of holding the Lambda. */
  timeoutMs?: number;
  /** Backoff bases, in milliseconds, as the SDK's standard strategy: 100 (errors), 500 (throttling). */
  retryBaseMs?: number;
  throttlingRetryBaseMs?: number;
}

/**
 * DynamoDB's JSON protocol, signed by aws4fetch and sent over node:http(s) on a keep-alive
 * connection (`aws/http-transport.ts`): one method, `call`, for any operation. It carries AttributeValue maps as they are; `document-client.ts` converts them.
 */
export interface DynamoDbHttpClient {
  /**
   * Sends one operation (`GetItem`, `CreateTable`...) and resolves to its JSON answer.
   * @throws DynamoDbError for an answer that is not 2xx, or for a network failure or a timeout
   *   (after the retries the failure allows).
   */
  call<T = Record<string, unknown>>(operation: string, input: object): Promise<T>;
  /** Nothing to release (the transport's agent pools connections); kept for the stores' `close()`. */
  destroy(): void;
}

/**
 * A DynamoDB failure, named as the SDK named it (`ConditionalCheckFailedException`,
 * `ProvisionedThroughputExceededException`...) so that `translate-dynamodb-error.ts` reads one
 * field whatever the client. `TimeoutError` and `NetworkingError` for answers that never came.
 */
export class DynamoDbError extends Error {
  constructor(
    name: string,
    message: string,
    /** The HTTP status; undefined when no answer came. */
    readonly status: number | undefined,
    options?: ErrorOptions & {
      /** The item a failed condition found (ReturnValuesOnConditionCheckFailure: ALL_OLD). */
      Item?: Record<string, unknown>;
    },
  ) {
    super(message, options);
    this.name = name;
    if (options?.Item) this.Item = options.Item;
  }

  Item?: Record<string, unknown>;

  /** How many attempts the call made before failing with this error. */
  attempts = 1;
}

/** The SDK's throttling error codes: retried after a longer backoff. */
const THROTTLING = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ThrottledException',
  'TransactionInProgressException',
  'SlowDown',
]);

/** Failures the SDK retries as transient, besides any 5xx answer. */
const TRANSIENT = new Set(['TimeoutError', 'NetworkingError', 'RequestTimeout']);

const isThrottling = (error: DynamoDbError) => THROTTLING.has(error.name) || error.status === 429;
const isRetryable = (error: DynamoDbError) =>
  isThrottling(error) || TRANSIENT.has(error.name) || (error.status ?? 0) >= 500;

/** Refreshing temporary credentials this long before they expire, as the SDK does. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * What to sign with, for the current credentials: asked of the provider once, then again only
 * when they are within `EXPIRY_MARGIN_MS` of their expiration (never, without one: the SDK
 * memoizes the environment's credentials alike). Concurrent calls share one pending resolution.
 */
function signingSource(
  credentials: AwsCredentials | CredentialsProvider,
  region: string,
): () => Promise<AwsSigning> {
  const provide = typeof credentials === 'function' ? credentials : async () => credentials;
  // Derived signing keys (one a day), kept across credential refreshes: keyed by the secret.
  const cache = new Map<string, ArrayBuffer>();
  let current: { signing: AwsSigning; refreshAt: number } | undefined;
  let pending: Promise<AwsSigning> | undefined;
  return () => {
    if (current && current.refreshAt > Date.now()) return Promise.resolve(current.signing);
    pending ??= provide()
      .then((resolved) => {
        const signing: AwsSigning = {
          service: 'dynamodb',
          region,
          credentials: {
            accessKeyId: resolved.accessKeyId,
            secretAccessKey: resolved.secretAccessKey,
            ...(resolved.sessionToken ? { sessionToken: resolved.sessionToken } : {}),
          },
          cache,
        };
        const expiresAt = resolved.expiration?.getTime() ?? Infinity;
        current = { signing, refreshAt: expiresAt - EXPIRY_MARGIN_MS };
        return signing;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

/** The error an answer that is not 2xx stands for: its `__type` after `#`, and its message. */
function errorOf(response: HttpAnswer): DynamoDbError {
  const { code, message, body } = jsonProtocolError(response);
  // Without a type (a proxy's page, an empty 5xx): named by the status.
  const name =
    code ??
    (response.status === 503
      ? 'ServiceUnavailable'
      : response.status >= 500
        ? 'InternalServerError'
        : 'UnknownError');
  const item =
    body?.Item && typeof body.Item === 'object'
      ? (body.Item as Record<string, unknown>)
      : undefined;
  return new DynamoDbError(
    name,
    message ?? `DynamoDB answered ${response.status}`,
    response.status,
    item ? { Item: item } : {},
  );
}

/** A client for one region and endpoint; see `DynamoDbHttpClientOptions`. */
export function createDynamoDbHttpClient(options: DynamoDbHttpClientOptions): DynamoDbHttpClient {
  const {
    region,
    maxAttempts = 3,
    timeoutMs = 2_000,
    retryBaseMs = 100,
    throttlingRetryBaseMs = 500,
  } = options;
  const endpoint = options.endpoint ?? (region && `https://dynamodb.${region}.amazonaws.com`);
  const signer = region ? signingSource(options.credentials, region) : undefined;

  async function attempt(operation: string, body: string): Promise<unknown> {
    const signing = await signer!();
    let response: HttpAnswer;
    try {
      response = await sendSigned(
        endpoint!,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `DynamoDB_20120810.${operation}`,
          },
          body,
        },
        signing,
        AbortSignal.timeout(timeoutMs),
      );
    } catch (error) {
      if (!(error instanceof HttpTransportError)) throw error;
      const { timedOut } = error;
      throw new DynamoDbError(
        timedOut ? 'TimeoutError' : 'NetworkingError',
        timedOut
          ? `DynamoDB did not answer ${operation} within ${timeoutMs} ms`
          : `DynamoDB could not be reached for ${operation}`,
        undefined,
        { cause: error },
      );
    }
    if (!response.ok) throw errorOf(response);
    try {
      return JSON.parse(response.text());
    } catch (error) {
      // Not JSON although 2xx (a proxy in the way, a body mangled on the way): as transient as a
      // failed connection. (A body cut off mid-way fails in the transport, as NetworkingError.)
      throw new DynamoDbError(
        'NetworkingError',
        `DynamoDB's answer to ${operation} could not be read`,
        undefined,
        { cause: error },
      );
    }
  }

  return {
    async call<T>(operation: string, input: object): Promise<T> {
      if (!region || !endpoint || !signer)
        throw new Error('No AWS region for DynamoDB: set AWS_REGION');
      const body = JSON.stringify(input);
      return (await withRetries(
        async (attempts) => {
          try {
            return await attempt(operation, body);
          } catch (error) {
            if (error instanceof DynamoDbError) error.attempts = attempts;
            throw error;
          }
        },
        {
          maxAttempts,
          retryDelayMs(outcome, attempts) {
            if (!('error' in outcome)) return undefined;
            const { error } = outcome;
            if (!(error instanceof DynamoDbError) || !isRetryable(error)) return undefined;
            // Full jitter, as the SDK's standard strategy; throttling backs off longer.
            return fullJitterMs(
              isThrottling(error) ? throttlingRetryBaseMs : retryBaseMs,
              attempts,
            );
          },
        },
      )) as T;
    },
    destroy() {},
  };
}
