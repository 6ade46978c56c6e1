import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { HttpRequest, HttpResponse } from './http-types';

/**
 * API Gateway v2 event → HttpRequest. Base64 bodies are decoded to raw bytes (not ASCII text), so signatures
 * verify and Chinese text survives.
 */
export function fromApiGatewayEvent(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  const raw = event.body ?? '';
  return {
    method: event.requestContext?.http?.method ?? 'GET',
    path: event.rawPath ?? event.requestContext?.http?.path ?? '/',
    headers,
    query: { ...(event.queryStringParameters ?? {}) },
    body: Buffer.from(raw, event.isBase64Encoded ? 'base64' : 'utf8'),
    sourceIp: event.requestContext?.http?.sourceIp,
  };
}

export function toApiGatewayResult(response: HttpResponse): APIGatewayProxyStructuredResultV2 {
  const body = response.body ?? '';
  if (Buffer.isBuffer(body)) {
    return {
      statusCode: response.status,
      headers: response.headers,
      body: body.toString('base64'),
      isBase64Encoded: true,
    };
  }
  return { statusCode: response.status, headers: response.headers, body };
}

export type ApiGatewayHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Wraps a request handler as an `(event, context)` Lambda handler. */
export function lambdaHttpHandler(
  handle: (request: HttpRequest) => Promise<HttpResponse>,
): ApiGatewayHandler {
  return async (event) => toApiGatewayResult(await handle(fromApiGatewayEvent(event)));
}
