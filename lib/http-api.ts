import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionId } from './function-specs';

/**
 * The HTTP API in front of the functions: CORS for the stores' sites, a throttled default stage with JSON
 * access logs, and each path routed to its function. Built in the stack's own scope, so the resources keep
 * the logical ids they have always had.
 */
export function addHttpApi(
  scope: Construct,
  props: {
    fns: Record<FunctionId, lambda.IFunction>;
    allowedOrigins: readonly string[];
    logRetention: logs.RetentionDays;
    removalPolicy: RemovalPolicy;
  },
): apigwv2.HttpApi {
  const { fns, allowedOrigins, logRetention, removalPolicy } = props;
  const accessLogs = new logs.LogGroup(scope, 'ApiAccessLogs', { retention: logRetention, removalPolicy });
  const api = new apigwv2.HttpApi(scope, 'Api', {
    description: 'ShopGuide: web chat, Slack, Teams and order webhooks',
    createDefaultStage: false,
    corsPreflight: {
      allowOrigins: [...allowedOrigins],
      allowMethods: [
        apigwv2.CorsHttpMethod.GET,
        apigwv2.CorsHttpMethod.POST,
        apigwv2.CorsHttpMethod.DELETE,
        apigwv2.CorsHttpMethod.OPTIONS,
      ],
      allowHeaders: ['content-type', 'authorization'],
      maxAge: Duration.hours(1),
    },
  });
  new apigwv2.HttpStage(scope, 'DefaultStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: { rateLimit: 100, burstLimit: 200 },
    accessLogSettings: {
      destination: new apigwv2.LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(
        JSON.stringify({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          requestTime: '$context.requestTime',
          method: '$context.httpMethod',
          routeKey: '$context.routeKey',
          status: '$context.status',
          responseLength: '$context.responseLength',
          latency: '$context.responseLatency',
          integrationLatency: '$context.integrationLatency',
          integrationError: '$context.integrationErrorMessage',
        }),
      ),
    },
  });
  const route = (id: string, fn: lambda.IFunction, path: string, methods: apigwv2.HttpMethod[]) =>
    api.addRoutes({ path, methods, integration: new HttpLambdaIntegration(`${id}Integration`, fn) });
  const { GET, POST, ANY } = apigwv2.HttpMethod;
  // One integration per function keeps the Lambda permissions to one statement per function.
  const webchat = new HttpLambdaIntegration('WebchatIntegration', fns.Webchat);
  for (const path of ['/', '/health', '/webchat/widget.js', '/webchat/{storeId}']) {
    api.addRoutes({ path, methods: [GET], integration: webchat });
  }
  api.addRoutes({ path: '/webchat/{proxy+}', methods: [ANY], integration: webchat });
  route('SlackEvents', fns.SlackEvents, '/slack/events', [POST]);
  const slackOAuth = new HttpLambdaIntegration('SlackOAuthIntegration', fns.SlackOAuth);
  for (const path of ['/slack/install', '/slack/oauth_redirect']) {
    api.addRoutes({ path, methods: [GET], integration: slackOAuth });
  }
  route('TeamsMessages', fns.TeamsMessages, '/api/messages', [POST]);
  route('StoreOrders', fns.StoreOrders, '/stores/{storeId}/orders', [POST]);
  const storeCatalog = new HttpLambdaIntegration('StoreCatalogIntegration', fns.StoreCatalog);
  for (const path of ['/stores/{storeId}/products', '/stores/{storeId}/shopify/webhooks']) {
    api.addRoutes({ path, methods: [POST], integration: storeCatalog });
  }
  return api;
}
