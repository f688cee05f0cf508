import { AwsV4Signer } from 'aws4fetch';
import {
  environmentCredentials,
  environmentEndpoint,
  environmentRegion,
  type AwsCredentials,
  type AwsCredentialsProvider,
} from './aws-credentials.js';
import { HttpTransportError, sendHttp, type HttpAnswer } from './http-transport.js';
import { fullJitterMs, withRetries } from './retry.js';

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
  /**
   * Further attempts after a 5xx or 429 answer or a failed connection; 2, as the SDK's 3
   * attempts.
   */
  retries?: number;
  /** The backoff base in ms (full jitter, see `fullJitterMs`): 50, waits under 100 then 200 ms. */
  retryBaseMs?: number;
}

/** One request to sign and send: the body whole, as the signer hashes it. */
export interface AwsRequestInit {
  method: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** Signs and sends one request to an AWS service; answers whatever status the service gave. */
export type AwsSend = (url: string, init: AwsRequestInit) => Promise<HttpAnswer>;

/** What a request is signed with; `cache` keeps the derived signing keys (one a day). */
export interface AwsSigning {
  service: string;
  region: string;
  credentials: AwsCredentials;
  cache: Map<string, ArrayBuffer>;
}

/**
 * Signs one request with aws4fetch's SigV4 signer (never a hand-written one) and sends it over
 * `node:http(s)` (`http-transport.ts`, not `fetch`: cheaper at a cold start).
 * @throws HttpTransportError when no answer came.
 */
export async function sendSigned(
  url: string,
  init: AwsRequestInit,
  { service, region, credentials, cache }: AwsSigning,
  signal?: AbortSignal,
): Promise<HttpAnswer> {
  const signed = await new AwsV4Signer({
    url,
    method: init.method,
    headers: init.headers ?? {},
    // The signer hashes the body as it is; it only reads bytes, whatever memory backs them.
    ...(init.body !== undefined ? { body: init.body as string | Uint8Array<ArrayBuffer> } : {}),
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    service,
    region,
    cache,
  }).sign();
  return sendHttp({
    method: signed.method,
    url: signed.url,
    headers: signed.headers,
    body: init.body ?? null,
    ...(signal ? { signal } : {}),
  });
}

/**
 * Signed requests with a deadline per call and bounded retries of throttling (429), server
 * errors (5xx) and failed connections (a keep-alive connection the service closed while the
 * function was frozen), with full-jitter backoff. A call that gets no answer throws
 * `AwsTransportError`; an error answer after the last attempt is returned as it is.
 */
export function createAwsSend({
  service,
  region,
  credentials,
  timeoutMs = 5_000,
  retries = 2,
  retryBaseMs = 50,
}: AwsServiceOptions): AwsSend {
  // One cache of derived signing keys (one per day, region and service) for every call made.
  const cache = new Map<string, ArrayBuffer>();
  return async (url, init) => {
    const signing: AwsSigning = { service, region, credentials: await credentials(), cache };
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      return await withRetries((): Promise<HttpAnswer> => sendSigned(url, init, signing, signal), {
        maxAttempts: retries + 1,
        retryDelayMs(outcome, attempts) {
          const retryable =
            'error' in outcome
              ? outcome.error instanceof HttpTransportError && !outcome.error.timedOut
              : outcome.value.status >= 500 || outcome.value.status === 429;
          return retryable && !signal.aborted ? fullJitterMs(retryBaseMs, attempts) : undefined;
        },
      });
    } catch (error) {
      if (error instanceof HttpTransportError) throw new AwsTransportError(error.timedOut, error);
      throw error;
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
  send: AwsSend,
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
  if (response.ok) return (parseJson(response.text()) ?? {}) as T;
  const error = jsonProtocolError(response);
  throw new AwsServiceError(
    error.code ?? `Http${response.status}`,
    error.message ?? response.text().slice(0, 200),
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

/** A JSON-protocol service's error answer, read as the SDK reads it. */
export interface JsonProtocolError {
  /**
   * The error code as the SDK names it: the `__type` (or `x-amzn-ErrorType`) without its
   * namespace (`com.amazonaws.sqs#QueueDoesNotExist`) or URL suffix (`Code:http://…`).
   */
  code: string | undefined;
  message: string | undefined;
  /** The parsed body, for what a service adds (DynamoDB's `Item` of a failed condition). */
  body: Record<string, unknown> | undefined;
}

/** Reads an error answer of a JSON-protocol service (DynamoDB, SQS, SSM). */
export function jsonProtocolError(response: HttpAnswer): JsonProtocolError {
  const body = parseJson(response.text());
  const raw = body?.__type ?? response.headers.get('x-amzn-errortype') ?? body?.code;
  const code =
    typeof raw === 'string' && raw ? raw.split(':')[0]!.split('#').pop() || undefined : undefined;
  const message = body?.message ?? body?.Message;
  return { code, message: typeof message === 'string' ? message : undefined, body };
}

/** Where a light client sends and how it signs; each left out comes from the environment. */
export interface AwsClientOptions {
  region?: string;
  credentials?: AwsCredentialsProvider;
  /** The service's endpoint: `AWS_ENDPOINT_URL_{SERVICE}`, or AWS's regional one by default. */
  endpoint?: string;
  /** The deadline of one call, retries included (see `createAwsSend`). */
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
  let client: { send: AwsSend; endpoint: string } | undefined;
  return (target, input) => {
    if (!client) {
      const region = options.region ?? environmentRegion();
      client = {
        endpoint:
          options.endpoint?.replace(/\/+$/, '') ??
          environmentEndpoint(service) ??
          `https://${service}.${region}.amazonaws.com`,
        send: createAwsSend({
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
