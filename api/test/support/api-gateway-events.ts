import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** What a test wants to send; the builders wrap it in the exact envelope API Gateway sends. */
export interface EventInput {
  method: string;
  /** Path as the client asked for it, with the query string if any, e.g. `/visits/default?x=1`. */
  path: string;
  /** The API Gateway resource or route template, e.g. `/visits/{counterId}`. */
  resource?: string;
  pathParameters?: Record<string, string>;
  /** Query parameters, added to any already in `path`. */
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON with `content-type: application/json`. */
  body?: unknown;
  sourceIp?: string;
  stage?: string;
  /** Send the body base64-encoded, as API Gateway does for binary media types. */
  base64?: boolean;
  /**
   * REST only: `requestContext.path`, the path as the client sent it. By default what an
   * execute-api URL gives, `/{stage}{path}`; through a custom domain it equals `path`.
   */
  sentPath?: string;
  /** HTTP API only: `cookies`, which API Gateway takes out of the headers. */
  cookies?: string[];
  /** HTTP API only: `requestContext.domainName` (a custom domain); execute-api's by default. */
  domainName?: string;
}

const ACCOUNT = '123456789012';
const API_ID = 'a1b2c3d4e5';

function split(input: EventInput): { pathname: string; query: URLSearchParams } {
  const url = new URL(input.path, 'https://example.invalid');
  for (const [k, v] of Object.entries(input.query ?? {})) url.searchParams.append(k, v);
  return { pathname: url.pathname, query: url.searchParams };
}

function bodyOf(input: EventInput): { body: string | null; json: boolean } {
  if (input.body === undefined) return { body: null, json: false };
  const text = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
  const body = input.base64 ? Buffer.from(text).toString('base64') : text;
  return { body, json: typeof input.body !== 'string' };
}

/** A REST API (v1) Lambda proxy event, field for field as API Gateway sends it. */
export function restApiEvent(input: EventInput): APIGatewayProxyEvent {
  const { pathname, query } = split(input);
  const { body, json } = bodyOf(input);
  const stage = input.stage ?? 'dev';
  const headers: Record<string, string> = {
    Host: `${API_ID}.execute-api.eu-west-1.amazonaws.com`,
    'User-Agent': 'vitest-agent/1.0',
    'X-Forwarded-For': `${input.sourceIp ?? '198.51.100.10'}, 130.176.0.1`,
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
    'X-Amzn-Trace-Id': 'Root=1-67891233-abcdef012345678912345678',
    ...(json ? { 'Content-Type': 'application/json' } : {}),
    ...input.headers,
  };
  const multiQuery: Record<string, string[]> = {};
  query.forEach((value, key) => (multiQuery[key] ??= []).push(value));
  const requestId = `c6af9ac6-7b61-11e6-9a41-${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}`;
  return {
    resource: input.resource ?? pathname,
    path: pathname,
    httpMethod: input.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query.size > 0 ? Object.fromEntries(query) : null,
    multiValueQueryStringParameters: query.size > 0 ? multiQuery : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: { lambdaAlias: stage },
    requestContext: {
      accountId: ACCOUNT,
      apiId: API_ID,
      authorizer: null,
      domainName: `${API_ID}.execute-api.eu-west-1.amazonaws.com`,
      domainPrefix: API_ID,
      extendedRequestId: 'EXAMPLEextId=',
      httpMethod: input.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: input.sourceIp ?? '198.51.100.10',
        user: null,
        userAgent: headers['User-Agent']!,
        userArn: null,
      },
      path: input.sentPath ?? `/${stage}${pathname}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: '21/Nov/2026:12:00:00 +0000',
      requestTimeEpoch: 1795262400000,
      resourceId: 'abc123',
      resourcePath: input.resource ?? pathname,
      stage,
    },
    body,
    isBase64Encoded: input.base64 === true,
  };
}

/** An HTTP API (v2, payload format 2.0) Lambda proxy event. */
export function httpApiEvent(input: EventInput): APIGatewayProxyEventV2 {
  const { pathname, query } = split(input);
  const { body, json } = bodyOf(input);
  const stage = input.stage ?? '$default';
  const headers: Record<string, string> = {
    host: `${API_ID}.execute-api.eu-west-1.amazonaws.com`,
    'user-agent': 'vitest-agent/1.0',
    'x-forwarded-for': input.sourceIp ?? '198.51.100.20',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    'x-amzn-trace-id': 'Root=1-67891233-abcdef012345678912345678',
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...Object.fromEntries(
      Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    ),
  };
  return {
    version: '2.0',
    routeKey: `${input.method} ${input.resource ?? pathname}`,
    rawPath: pathname,
    rawQueryString: query.toString(),
    ...(input.cookies ? { cookies: input.cookies } : {}),
    headers,
    ...(query.size > 0 ? { queryStringParameters: Object.fromEntries(query) } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: ACCOUNT,
      apiId: API_ID,
      domainName: input.domainName ?? `${API_ID}.execute-api.eu-west-1.amazonaws.com`,
      domainPrefix: input.domainName?.split('.')[0] ?? API_ID,
      http: {
        method: input.method,
        path: pathname,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp ?? '198.51.100.20',
        userAgent: headers['user-agent']!,
      },
      requestId: `JKJaXmPLvHcESHA=${Math.random().toString(36).slice(2, 8)}`,
      routeKey: `${input.method} ${input.resource ?? pathname}`,
      stage,
      time: '21/Nov/2026:12:00:00 +0000',
      timeEpoch: 1795262400000,
    },
    ...(body !== null ? { body } : {}),
    isBase64Encoded: input.base64 === true,
  };
}

/** A Lambda context as the runtime passes it, invoked through the alias of `stage`. */
export function lambdaContext(functionName = 'shutter-visits', stage = 'dev'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '7',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${functionName}:${stage}`,
    memoryLimitInMB: '512',
    awsRequestId: '2b7f1a3e-0000-4000-8000-000000000000',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/21/[7]abcdef',
    getRemainingTimeInMillis: () => 10_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** A Lambda proxy result as both API Gateway payload versions accept it. */
export interface LambdaProxyResult {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
}

/**
 * The response headers API Gateway will send, lower-cased. For REST (v1) events with
 * `multiValueHeaders`, Hono answers in `multiValueHeaders`; for v2 in `headers`.
 */
export function resultHeaders(result: LambdaProxyResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) out[k.toLowerCase()] = v;
  for (const [k, v] of Object.entries(result.multiValueHeaders ?? {}))
    out[k.toLowerCase()] = v.join(', ');
  return out;
}
