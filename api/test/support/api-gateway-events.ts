/**
 * Builders for the proxy events API Gateway sends a Lambda, with every field AWS fills in, so
 * that the handlers are tested on what they will really receive: REST APIs (payload 1.0) and
 * HTTP APIs (payload 2.0). Values follow the examples of the API Gateway developer guide.
 */

export interface EventRequest {
  method: string;
  /** Path without stage, e.g. `/content/sony-a7-iv-review`. */
  path: string;
  /** Route template, e.g. `/content/{slug}`; defaults to the path itself. */
  resource?: string;
  pathParameters?: Record<string, string>;
  /** Decoded query values, as API Gateway passes them; an array repeats the parameter. */
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
  /** Stage name; HTTP APIs usually use `$default`, REST APIs a named stage. */
  stage?: string;
  sourceIp?: string;
}

const ACCOUNT_ID = '123456789012';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) shutter-tests';
const REQUEST_TIME_EPOCH = Date.UTC(2026, 10, 21, 12, 0, 0);

let sequence = 0;
const nextRequestId = () => `c6af9ac6-7b61-11e6-9a41-${String(++sequence).padStart(12, '0')}`;

function baseHeaders(request: EventRequest, domainName: string): Record<string, string> {
  return {
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate, br',
    host: domainName,
    'user-agent': USER_AGENT,
    'x-amzn-trace-id': `Root=1-6740f1a0-${String(sequence).padStart(24, '0')}`,
    'x-forwarded-for': request.sourceIp ?? '198.51.100.7',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k, v])),
  };
}

function multi(query: Record<string, string | string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
}

function single(query: Record<string, string | string[]>): Record<string, string> {
  // A REST API keeps the last value of a repeated parameter here; an HTTP API joins them.
  return Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1]! : v]),
  );
}

/** An API Gateway REST API (v1, payload format 1.0) Lambda proxy event. */
export function restApiEvent(request: EventRequest) {
  const apiId = '1234567890';
  const stage = request.stage ?? 'pro';
  const domainName = `${apiId}.execute-api.us-east-1.amazonaws.com`;
  const headers = baseHeaders(request, domainName);
  const requestId = nextRequestId();
  const query = request.query ?? {};
  const hasQuery = Object.keys(query).length > 0;
  return {
    resource: request.resource ?? request.path,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: hasQuery ? single(query) : null,
    multiValueQueryStringParameters: hasQuery ? multi(query) : null,
    pathParameters: request.pathParameters ?? null,
    stageVariables: { lambdaAlias: stage },
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId,
      authorizer: null,
      domainName,
      domainPrefix: apiId,
      extendedRequestId: `${requestId.slice(0, 8)}=`,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp ?? '198.51.100.7',
        user: null,
        userAgent: USER_AGENT,
        userArn: null,
        apiKey: null,
        apiKeyId: null,
        clientCert: null,
      },
      path: `/${stage}${request.path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: '21/Nov/2026:12:00:00 +0000',
      requestTimeEpoch: REQUEST_TIME_EPOCH,
      resourceId: 'abc123',
      resourcePath: request.resource ?? request.path,
      stage,
    },
    body: request.body ?? null,
    isBase64Encoded: false,
  };
}

/** An API Gateway HTTP API (v2, payload format 2.0) Lambda proxy event. */
export function httpApiEvent(request: EventRequest) {
  const apiId = 'r3pmxmplak';
  const stage = request.stage ?? '$default';
  const domainName = `${apiId}.execute-api.us-east-1.amazonaws.com`;
  const { cookie, ...headers } = baseHeaders(request, domainName);
  const query = request.query ?? {};
  const rawQueryString = Object.entries(query)
    .flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map(
        (value) => `${encodeURIComponent(k)}=${encodeURIComponent(value)}`,
      ),
    )
    .join('&');
  const routeKey = `${request.method} ${request.resource ?? request.path}`;
  const rawPath = stage === '$default' ? request.path : `/${stage}${request.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookie ? { cookies: cookie.split(/;\s*/) } : {}),
    headers,
    ...(rawQueryString
      ? {
          queryStringParameters: Object.fromEntries(
            Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
          ),
        }
      : {}),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId,
      domainName,
      domainPrefix: apiId,
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '198.51.100.7',
        userAgent: USER_AGENT,
      },
      requestId: nextRequestId(),
      routeKey,
      stage,
      time: '21/Nov/2026:12:00:00 +0000',
      timeEpoch: REQUEST_TIME_EPOCH,
    },
    ...(request.body !== undefined ? { body: request.body } : {}),
    isBase64Encoded: false,
  };
}

/** The Lambda context object that comes with every invocation. */
export function lambdaContext(functionName = 'shutter-pro-content') {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '7',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:${functionName}:live`,
    memoryLimitInMB: '512',
    awsRequestId: nextRequestId(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/21/[7]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => 29_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** What a handler returns, for both payload formats. */
export interface ProxyResult {
  statusCode: number;
  body: string;
  isBase64Encoded: boolean;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
}

/** One response header, whichever of `headers` or `multiValueHeaders` carries it. */
export function headerOf(result: ProxyResult, name: string): string | undefined {
  const key = name.toLowerCase();
  if (result.headers) {
    const found = Object.entries(result.headers).find(([k]) => k.toLowerCase() === key);
    if (found) return found[1];
  }
  const values = Object.entries(result.multiValueHeaders ?? {}).find(
    ([k]) => k.toLowerCase() === key,
  )?.[1];
  return values?.join(', ');
}
