import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export interface ApiGatewayEventInput {
  method: string;
  /** Path with an optional query string, e.g. `/webchat/demo/messages?after=abc`. */
  path: string;
  /** Route key as API Gateway matched it (`POST /stores/{storeId}/orders`); defaults to `$default`. */
  routeKey?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body base64-encoded, as API Gateway does for binary or non-text content types. */
  base64?: boolean;
  sourceIp?: string;
}

/** An API Gateway HTTP API (payload format 2.0) event, shaped like the ones Lambda receives. */
export function apiGatewayEvent(input: ApiGatewayEventInput): APIGatewayProxyEventV2 {
  const [rawPath = '/', rawQueryString = ''] = input.path.split('?');
  const query = new URLSearchParams(rawQueryString);
  const queryStringParameters = rawQueryString ? Object.fromEntries(query.entries()) : undefined;
  const headers: Record<string, string> = { host: 'abc123.execute-api.eu-west-1.amazonaws.com' };
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  const body = input.body === undefined ? undefined : Buffer.from(input.body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: input.routeKey ?? '$default',
    rawPath,
    rawQueryString,
    headers,
    queryStringParameters,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: headers.host ?? '',
      domainPrefix: 'abc123',
      http: {
        method: input.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp ?? '198.51.100.7',
        userAgent: headers['user-agent'] ?? 'jest',
      },
      requestId: randomUUID(),
      routeKey: input.routeKey ?? '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body === undefined ? undefined : input.base64 ? body.toString('base64') : body.toString('utf8'),
    isBase64Encoded: Boolean(input.base64 && body),
  };
}

/** A Lambda context with the fields handlers and Powertools read. */
export function lambdaContext(functionName = 'shopguide-test'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/01/01/[$LATEST]test',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
