import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * API Gateway events in the shapes AWS publishes as samples in its Go events library
 * (github.com/aws/aws-lambda-go, events/testdata: `apigw-request.json` for a REST proxy request,
 * `apigw-v2-request*.json` for HTTP API payload 2.0), field for field, with values of our own.
 * Their quirks are the point: the REST sample has no `requestContext.path`; the HTTP API samples
 * are GETs that carry a body, have `cookies`, capitalised header names and no `host` header, a
 * `$default` route and stage, comma-joined repeated query values, and (in one) no
 * `isBase64Encoded` at all. Each call returns a fresh copy for a test to change.
 */

/** `apigw-request.json`: a POST through a `/{proxy+}` resource with a JSON body. */
export function restSampleEvent(): APIGatewayProxyEvent {
  return {
    resource: '/{proxy+}',
    path: '/hello/world',
    httpMethod: 'POST',
    headers: {
      Accept: '*/*',
      'Accept-Encoding': 'gzip, deflate',
      'cache-control': 'no-cache',
      'CloudFront-Forwarded-Proto': 'https',
      'CloudFront-Is-Desktop-Viewer': 'true',
      'CloudFront-Is-Mobile-Viewer': 'false',
      'CloudFront-Is-SmartTV-Viewer': 'false',
      'CloudFront-Is-Tablet-Viewer': 'false',
      'CloudFront-Viewer-Country': 'GB',
      'Content-Type': 'application/json',
      headerName: 'headerValue',
      Host: 'k3x9q2w7ab.execute-api.eu-west-1.amazonaws.com',
      'User-Agent': 'SampleRuntime/1.0',
      Via: '1.1 0123456789abcdef0123456789abcdef.cloudfront.net (CloudFront)',
      'X-Amz-Cf-Id': 'sample-cf-id-0123456789abcdefABCDEF==',
      'X-Forwarded-For': '203.0.113.10, 198.51.100.83',
      'X-Forwarded-Port': '443',
      'X-Forwarded-Proto': 'https',
    },
    multiValueHeaders: {
      Accept: ['*/*'],
      'Accept-Encoding': ['gzip, deflate'],
      'cache-control': ['no-cache'],
      'CloudFront-Forwarded-Proto': ['https'],
      'CloudFront-Is-Desktop-Viewer': ['true'],
      'CloudFront-Is-Mobile-Viewer': ['false'],
      'CloudFront-Is-SmartTV-Viewer': ['false'],
      'CloudFront-Is-Tablet-Viewer': ['false'],
      'CloudFront-Viewer-Country': ['GB'],
      'Content-Type': ['application/json'],
      headerName: ['headerValue'],
      Host: ['k3x9q2w7ab.execute-api.eu-west-1.amazonaws.com'],
      'User-Agent': ['SampleRuntime/1.0'],
      Via: ['1.1 0123456789abcdef0123456789abcdef.cloudfront.net (CloudFront)'],
      'X-Amz-Cf-Id': ['sample-cf-id-0123456789abcdefABCDEF=='],
      'X-Forwarded-For': ['203.0.113.10, 198.51.100.83'],
      'X-Forwarded-Port': ['443'],
      'X-Forwarded-Proto': ['https'],
    },
    queryStringParameters: { name: 'me' },
    multiValueQueryStringParameters: { name: ['me'] },
    pathParameters: { proxy: 'hello/world' },
    stageVariables: { stageVariableName: 'stageVariableValue' },
    requestContext: {
      accountId: '123456789012',
      resourceId: 'r0q9wj',
      stage: 'testStage',
      domainName: 'k3x9q2w7ab.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'k3x9q2w7ab',
      requestId: 'deef4878-7910-11e6-8f14-000000000001',
      identity: {
        cognitoIdentityPoolId: 'theCognitoIdentityPoolId',
        accountId: 'theAccountId',
        cognitoIdentityId: 'theCognitoIdentityId',
        caller: 'theCaller',
        apiKey: 'theApiKey',
        apiKeyId: 'theApiKeyId',
        accessKey: 'ANEXAMPLEOFACCESSKEY',
        sourceIp: '203.0.113.10',
        cognitoAuthenticationType: 'theCognitoAuthenticationType',
        cognitoAuthenticationProvider: 'theCognitoAuthenticationProvider',
        userArn: 'theUserArn',
        userAgent: 'SampleRuntime/1.0',
        user: 'theUser',
        clientCert: null,
        principalOrgId: null,
      },
      authorizer: { principalId: 'admin', clientId: 1, clientName: 'Exata' },
      resourcePath: '/{proxy+}',
      httpMethod: 'POST',
      requestTime: '15/May/2026:06:01:09 +0000',
      requestTimeEpoch: 1778824869693,
      apiId: 'k3x9q2w7ab',
      protocol: 'HTTP/1.1',
    } as unknown as APIGatewayProxyEvent['requestContext'],
    body: '{\r\n\t"a": 1\r\n}',
    isBase64Encoded: false,
  };
}

const CLIENT_CERT = {
  clientCertPem: '-----BEGIN CERTIFICATE-----\nMIIEZTCCAk0CAQEwDQ...',
  issuerDN: 'C=GB,ST=England,L=London,O=Example,OU=Security,CN=Example Private CA',
  serialNumber: '1',
  subjectDN: 'C=GB,ST=England,L=London,O=Example,OU=Security,CN=Example Client',
  validity: { notAfter: 'Aug  5 00:28:21 2120 GMT', notBefore: 'Aug 29 00:28:21 2020 GMT' },
};

type Authorizer = 'jwt' | 'iam' | 'lambda';

/**
 * `apigw-v2-request.json` and its `-jwt-authorizer`, `-iam` and `-lambda-authorizer` siblings:
 * a GET of `/my/path` with a JSON body, cookies and a `$default` route. The plain sample has no
 * `authentication` and no `isBase64Encoded`.
 */
export function httpApiSampleEvent(authorizer?: Authorizer): APIGatewayProxyEventV2 {
  const authorizers = {
    jwt: { jwt: { claims: { claim1: 'value1', claim2: 'value2' }, scopes: ['scope1', 'scope2'] } },
    iam: {
      iam: {
        accessKey: 'ARIAEXAMPLEACCESSKEY',
        accountId: '123456789012',
        callerId: 'AROAEXAMPLECALLERID:CognitoIdentityCredentials',
        cognitoIdentity: {
          amr: ['foo'],
          identityId: 'eu-west-1:3f291106-8703-466b-8f2b-000000000001',
          identityPoolId: 'eu-west-1:4f291106-8703-466b-8f2b-000000000002',
        },
        principalOrgId: 'AwsOrgId',
        userArn: 'arn:aws:iam::123456789012:user/Admin',
        userId: 'AROAEXAMPLEUSERID',
      },
    },
    lambda: { lambda: { key: 'value' } },
  };
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/my/path',
    rawQueryString: 'parameter1=value1&parameter1=value2&parameter2=value',
    cookies: ['cookie1', 'cookie2'],
    headers: { Header1: 'value1', Header2: 'value2' },
    queryStringParameters: { parameter1: 'value1,value2', parameter2: 'value' },
    pathParameters: { proxy: 'hello/world' },
    requestContext: {
      routeKey: '$default',
      accountId: '123456789012',
      stage: '$default',
      requestId: 'id',
      authorizer: authorizers[authorizer ?? 'jwt'],
      apiId: 'api-id',
      ...(authorizer ? { authentication: { clientCert: CLIENT_CERT } } : {}),
      domainName: 'id.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'id',
      time: '12/Mar/2026:19:03:58 +0000',
      timeEpoch: 1773342238390,
      http: {
        method: 'GET',
        path: '/my/path',
        protocol: 'HTTP/1.1',
        sourceIp: 'IP',
        userAgent: 'agent',
      },
    },
    stageVariables: { stageVariable1: 'value1', stageVariable2: 'value2' },
    body: '{\r\n\t"a": 1\r\n}',
    ...(authorizer ? { isBase64Encoded: false } : {}),
  };
  return event as unknown as APIGatewayProxyEventV2;
}

/**
 * `apigw-v2-request-no-authorizer.json`: a bodiless GET of `/` with `content-length: 0`, a
 * `host` header and no cookies, the one HTTP API sample without a body.
 */
export function httpApiNoAuthorizerSampleEvent(): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: {
      accept: '*/*',
      'content-length': '0',
      host: 'aaaaaaaaaa.execute-api.eu-west-1.amazonaws.com',
      'user-agent': 'curl/8.5.0',
      'x-amzn-trace-id': 'Root=1-5e9f0c65-1de4d666d4dd26aced652b6c',
      'x-forwarded-for': '203.0.113.4',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'aaaaaaaaaa',
      authentication: { clientCert: CLIENT_CERT },
      domainName: 'aaaaaaaaaa.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'aaaaaaaaaa',
      http: {
        method: 'GET',
        path: '/',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.4',
        userAgent: 'curl/8.5.0',
      },
      requestId: 'LV7fzho-PHcEJPw=',
      routeKey: '$default',
      stage: '$default',
      time: '21/Apr/2026:15:08:21 +0000',
      timeEpoch: 1776784101067,
    },
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

/**
 * A sample sent to one of our routes instead of `/my/path` or `/hello/world`: every field that
 * carries the path, method or query changes together, as API Gateway would have filled them.
 * `path` is what the event's path field holds (prefixes included); `route` the matched template.
 */
export function retargetRest(
  event: APIGatewayProxyEvent,
  to: {
    method?: string;
    path: string;
    route: string;
    pathParameters?: Record<string, string> | null;
    sentPath?: string;
  },
): APIGatewayProxyEvent {
  const method = to.method ?? event.httpMethod;
  return {
    ...event,
    httpMethod: method,
    path: to.path,
    resource: to.route,
    pathParameters: to.pathParameters ?? null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    requestContext: {
      ...event.requestContext,
      httpMethod: method,
      resourcePath: to.route,
      ...(to.sentPath ? { path: to.sentPath } : {}),
    },
  };
}

export function retargetHttpApi(
  event: APIGatewayProxyEventV2,
  to: { method?: string; rawPath: string; rawQueryString?: string; stage?: string },
): APIGatewayProxyEventV2 {
  const { queryStringParameters: _q, pathParameters: _p, ...rest } = event;
  return {
    ...rest,
    rawPath: to.rawPath,
    rawQueryString: to.rawQueryString ?? '',
    requestContext: {
      ...event.requestContext,
      stage: to.stage ?? event.requestContext.stage,
      http: {
        ...event.requestContext.http,
        method: to.method ?? event.requestContext.http.method,
        path: to.rawPath,
      },
    },
  };
}
