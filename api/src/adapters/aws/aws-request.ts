import { AwsClient } from 'aws4fetch';
import {
  environmentCredentials,
  environmentEndpoint,
  environmentRegion,
  type AwsCredentialsProvider,
} from './aws-credentials.js';

/**
 * An AWS service's error answer, shaped as the AWS SDK's exceptions are (`name` is the service's
 * error code, `$metadata.httpStatusCode` its status), so the adapters' `translate-*-error.ts`
 * read both alike.
 */
export class AwsServiceError extends Error {
  readonly $metadata: { httpStatusCode?: number };

  constructor(code: string, message: string, status: number | undefined, options?: ErrorOptions) {
    super(message || code, options);
    this.name = code;
    this.$metadata = { httpStatusCode: status };
  }
}

/**
 * The request never got an answer: the connection failed or the per-request deadline passed.
 * Its `name` is `RequestTimeout` or `NetworkingError`; the translators read it as "unavailable".
 */
export class AwsTransportError extends AwsServiceError {
  constructor(timedOut: boolean, cause: unknown) {
    super(
      timedOut ? 'RequestTimeout' : 'NetworkingError',
      timedOut ? 'The AWS service did not answer in time' : 'The AWS service could not be reached',
      undefined,
      { cause },
    );
  }
}

export interface AwsServiceOptions {
  /** The signing name: `s3`, `sqs`, `ssm`. */
  service: string;
  region: string;
  credentials: AwsCredentialsProvider;
  /**
   * The deadline of one call, retries included, in ms. The controller functions time out after
   * 10 s; a call that has not answered in 5 s is answered 503 rather than left to that timeout.
   */
  timeoutMs?: number;
  /** Further attempts after a 5xx or 429 answer (aws4fetch's backoff); 2, as the SDK's 3 attempts. */
  retries?: number;
}

/** Signs and sends one request to an AWS service; answers whatever status the service gave. */
export type AwsFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * SigV4-signed `fetch` by aws4fetch (never a hand-written signer), with a deadline per call and
 * aws4fetch's retries of throttling and server errors. A call that gets no answer throws
 * `AwsTransportError`.
 */
export function createAwsFetch({
  service,
  region,
  credentials,
  timeoutMs = 5_000,
  retries = 2,
}: AwsServiceOptions): AwsFetch {
  // One cache of derived signing keys (one per day, region and service) for every client made.
  const cache = new Map<string, ArrayBuffer>();
  return async (url, init) => {
    const aws = new AwsClient({ ...(await credentials()), service, region, cache, retries });
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      return await aws.fetch(url, { ...init, signal });
    } catch (error) {
      throw new AwsTransportError(signal.aborted, error);
    }
  };
}

/**
 * One action of an AWS JSON-protocol service (SSM's `AmazonSSM.GetParameter`, SQS's
 * `AmazonSQS.SendMessage`): a signed POST of the input as JSON, the output parsed.
 * @param jsonVersion `1.0` (SQS) or `1.1` (SSM), as the service's model says.
 * @throws AwsServiceError with the service's error code for an error answer.
 */
export async function callAwsJson<T>(
  send: AwsFetch,
  endpoint: string,
  target: string,
  jsonVersion: '1.0' | '1.1',
  input: unknown,
): Promise<T> {
  const response = await send(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': `application/x-amz-json-${jsonVersion}`,
      'X-Amz-Target': target,
    },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  const body = parseJson(text);
  if (response.ok) return (body ?? {}) as T;
  throw new AwsServiceError(
    jsonErrorCode(body, response) ?? `Http${response.status}`,
    String(body?.message ?? body?.Message ?? text.slice(0, 200)),
    response.status,
  );
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The error code as the SDK names it: the `__type` (or `x-amzn-ErrorType`) without its namespace
 * (`com.amazonaws.sqs#QueueDoesNotExist`) or URL suffix (`Code:http://…`).
 */
function jsonErrorCode(
  body: Record<string, unknown> | undefined,
  response: Response,
): string | undefined {
  const raw = response.headers.get('x-amzn-errortype') ?? body?.__type ?? body?.code;
  if (typeof raw !== 'string' || !raw) return undefined;
  return raw.split(':')[0]!.split('#').pop() || undefined;
}

/** Where a light client sends and how it signs; each left out comes from the environment. */
export interface AwsClientOptions {
  region?: string;
  credentials?: AwsCredentialsProvider;
  /** The service's endpoint: `AWS_ENDPOINT_URL_{SERVICE}`, or AWS's regional one by default. */
  endpoint?: string;
  /** The deadline of one call, retries included (see `createAwsFetch`). */
  timeoutMs?: number;
}

/** Calls one action of a JSON-protocol service (see `callAwsJson`). */
export type AwsJsonCall = <T>(target: string, input: unknown) => Promise<T>;

/**
 * A JSON-protocol service's client, made at its first call (once a function has read its
 * environment): `https://{service}.{region}.amazonaws.com/` unless an endpoint is set.
 */
export function createAwsJsonClient(
  service: string,
  jsonVersion: '1.0' | '1.1',
  options: AwsClientOptions = {},
): AwsJsonCall {
  let client: { send: AwsFetch; endpoint: string } | undefined;
  return (target, input) => {
    if (!client) {
      const region = options.region ?? environmentRegion();
      client = {
        endpoint:
          options.endpoint?.replace(/\/+$/, '') ??
          environmentEndpoint(service) ??
          `https://${service}.${region}.amazonaws.com`,
        send: createAwsFetch({
          service,
          region,
          credentials: options.credentials ?? environmentCredentials(),
          ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        }),
      };
    }
    return callAwsJson(client.send, `${client.endpoint}/`, target, jsonVersion, input);
  };
}
