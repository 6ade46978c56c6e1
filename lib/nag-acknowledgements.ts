import { Validations, type CfnElement, type Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { ShopGuideAlarms } from './constructs/alarms';
import type { ShopGuideFunction } from './constructs/api-function';
import type { ShopGuideSecrets } from './constructs/secrets';
import { SNAPSHOT_PREFIX } from './least-privilege';

/** Every acknowledged cdk-nag finding says why; the nag test fails on any finding not acknowledged here. */
export function acknowledgeJustifiedFindings(
  stack: Stack,
  parts: {
    table: dynamodb.Table;
    catalogBucket: s3.Bucket;
    api: apigwv2.HttpApi;
    secrets: ShopGuideSecrets;
    functionScopes: ShopGuideFunction[];
    deadLetterQueues: sqs.Queue[];
    worker: lambda.Function;
    alarms: ShopGuideAlarms;
  },
): void {
  const tableId = stack.getLogicalId(parts.table.node.defaultChild as CfnElement);
  const bucketId = stack.getLogicalId(parts.catalogBucket.node.defaultChild as CfnElement);
  for (const scope of parts.functionScopes) {
    Validations.of(scope).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Only X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords), which supports no resource-level permissions.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
        reason: "Query only, on the table's own GSIs (gsi1, gsi2): part of the single-table design.",
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${SNAPSHOT_PREFIX}*]`,
        reason:
          'Catalog snapshots, one object per store under one prefix: s3:GetObject for the functions that search the catalog, s3:PutObject for the two that change it.',
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'No async invocations to dead-letter: HTTP functions answer synchronously, the worker fails over via the work queue redrive to its DLQ, and the scheduled functions (aggregate, feed pull) have an on-failure SQS destination (EventInvokeConfig).',
      },
    );
  }
  Validations.of(parts.api).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      "Each route authenticates in its function with the channel's own scheme: Slack request signatures, Bot Framework JWTs (botbuilder), HMAC-signed web chat session tokens and signed store webhooks. The chat page, widget and /health are public by design.",
  });
  Validations.of(parts.catalogBucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'The bucket holds only catalog snapshots derived from the table, written and read by the stack’s own roles; S3 server access logs would need a second bucket for no audit value (CloudTrail data events can be enabled if wanted).',
  });
  Validations.of(parts.secrets).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'OpenAI, Slack and Microsoft credentials are issued and rotated by those providers (the admin puts the new value); the web chat token key is rotated by putting a new value, since session tokens are short-lived.',
  });
  for (const queue of parts.deadLetterQueues) {
    Validations.of(queue).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself a dead-letter queue, watched by a depth alarm.',
      },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason: 'This queue is itself a dead-letter queue, watched by a depth alarm.',
      },
    );
  }
  Validations.of(parts.worker).acknowledge({
    id: 'Serverless-LambdaEventSourceMappingDestination',
    reason:
      'SQS event source mappings do not support on-failure destinations; failed messages go to the work DLQ through the queue redrive policy (maxReceiveCount 5) with partial batch failure reporting.',
  });
  Validations.of(parts.alarms).acknowledge({
    id: 'Serverless-SNSRedrivePolicy',
    reason:
      'Alarm email subscription only: an undeliverable email has no consumer to redrive to, and the alarm state stays visible in CloudWatch.',
  });
}
