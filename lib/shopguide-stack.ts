import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '../functions/storage/table-schema';
import { ShopGuideAlarms } from './constructs/alarms';
import { ShopGuideFunction } from './constructs/api-function';
import { ShopGuideSecrets } from './constructs/secrets';
import { FUNCTION_SPECS, type FunctionId, type FunctionSpec } from './function-specs';
import { addHttpApi } from './http-api';
import { grantLeastPrivilege } from './least-privilege';
import { acknowledgeJustifiedFindings } from './nag-acknowledgements';

export interface ShopGuideSettings {
  /** `dev*` stages destroy data on stack deletion; every other stage retains it. */
  readonly stage: string;
  readonly openAiModel: string;
  /** EventBridge schedule expression for the aggregation run, e.g. `rate(1 hour)`. */
  readonly aggregateSchedule: string;
  /** EventBridge schedule expression for pulling the stores' catalog feeds. */
  readonly feedSchedule: string;
  readonly logRetentionDays: number;
  readonly alarmEmail?: string;
  /** Origins allowed to call the web chat API from a browser (the stores' sites). */
  readonly allowedOrigins: readonly string[];
  /** Reserved concurrency for the two functions that call the LLM (webchat, worker); 0 = unreserved. */
  readonly reservedConcurrency: number;
  /** Distinct shoppers an unanswered question needs before its card reaches the merchant (default 3). */
  readonly faqClusterMinAskers?: number;
}

export type ShopGuideStackProps = StackProps & { readonly settings: ShopGuideSettings };

/** Front-door p99 alarms, set below each platform's deadline. */
const P99_THRESHOLDS: Partial<Record<FunctionId, Duration>> = {
  SlackEvents: Duration.millis(2000),
  TeamsMessages: Duration.seconds(10),
  Webchat: Duration.seconds(10),
};

/**
 * ShopGuide on AWS: one DynamoDB table, an HTTP API in front of one function per entry point, an SQS work
 * queue for Slack/Teams slow work, an hourly aggregation schedule, secrets, and alarms. Environment-agnostic
 * (no lookups), so `cdk synth` works offline.
 */
export class ShopGuideStack extends Stack {
  readonly table: dynamodb.Table;
  readonly api: apigwv2.HttpApi;
  readonly workQueue: sqs.Queue;
  readonly catalogBucket: s3.Bucket;
  readonly functions: Record<FunctionId, lambda.Function>;

  constructor(scope: Construct, id: string, props: ShopGuideStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const isDev = settings.stage.startsWith('dev');
    const removalPolicy = isDev ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const logRetention = toRetention(settings.logRetentionDays);

    // ---- Data
    const { partitionKey, sortKey, ttlAttribute, gsi1, gsi2 } = TABLE_KEYS;
    const str = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: str(partitionKey),
      sortKey: str(sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: ttlAttribute,
      deletionProtection: !isDev,
      removalPolicy,
    });
    for (const index of [gsi1, gsi2]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: str(index.partitionKey),
        sortKey: str(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    const secrets = new ShopGuideSecrets(this, 'Secrets', { stage: settings.stage, removalPolicy });

    // Compressed catalog snapshots, loaded at cold start (a cache of the table: losing it costs only reads).
    this.catalogBucket = new s3.Bucket(this, 'CatalogBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: false,
      removalPolicy,
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });

    // ---- Queues
    const workDlq = new sqs.Queue(this, 'WorkDeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    const workerSpec = specOf('Worker');
    this.workQueue = new sqs.Queue(this, 'WorkQueue', {
      // AWS's rule of thumb: six times the consumer's timeout, so a retrying batch is not redelivered mid-run.
      visibilityTimeout: Duration.seconds(workerSpec.timeoutSeconds * 6),
      retentionPeriod: Duration.days(4),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: workDlq, maxReceiveCount: 5 },
    });
    const scheduleDlq = new sqs.Queue(this, 'ScheduleDeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });

    // ---- Functions
    const baseEnv = {
      SHOPGUIDE_RUNTIME: 'lambda',
      TABLE_NAME: this.table.tableName,
      LOG_LEVEL: 'INFO',
      OPENAI_MODEL: settings.openAiModel,
      POWERTOOLS_METRICS_NAMESPACE: 'ShopGuide',
    };
    const env = {
      openAi: { OPENAI_SECRET_ARN: secrets.openAi.secretArn },
      slack: { SLACK_SECRET_ARN: secrets.slack.secretArn },
      microsoft: { MICROSOFT_SECRET_ARN: secrets.microsoft.secretArn },
      webchatToken: { WEBCHAT_TOKEN_SECRET_ARN: secrets.webchatToken.secretArn },
      queue: { WORK_QUEUE_URL: this.workQueue.queueUrl },
      catalog: { CATALOG_BUCKET: this.catalogBucket.bucketName },
    };
    const environments: Record<FunctionId, Record<string, string>> = {
      Webchat: {
        ...env.catalog,
        ...env.openAi,
        ...env.webchatToken,
        WEBCHAT_ALLOWED_ORIGINS: settings.allowedOrigins.join(','),
        // Handoff cards and shopper relays go to the worker through the queue.
        ...env.queue,
      },
      SlackEvents: { ...env.slack, ...env.queue },
      SlackOAuth: { ...env.slack },
      TeamsMessages: { ...env.microsoft, ...env.queue, ...env.catalog },
      StoreOrders: {},
      StoreCatalog: { ...env.catalog },
      FeedPull: { ...env.catalog },
      Worker: { ...env.openAi, ...env.slack, ...env.microsoft, ...env.queue, ...env.catalog },
      // The aggregate function also delivers the knowledge loop's cluster cards to Slack and Teams.
      Aggregate: {
        ...env.slack,
        ...env.microsoft,
        ...env.queue,
        ...env.catalog,
        FAQ_CLUSTER_MIN_ASKERS: String(settings.faqClusterMinAskers ?? 3),
      },
    };
    const functionScopes: ShopGuideFunction[] = [];
    const make = (spec: FunctionSpec) => {
      const fid = spec.id as FunctionId;
      const callsLlm = fid === 'Webchat' || fid === 'Worker';
      const scope = new ShopGuideFunction(this, fid, {
        spec,
        environment: { ...baseEnv, ...environments[fid] },
        logRetention,
        removalPolicy,
        reservedConcurrency: callsLlm ? settings.reservedConcurrency : undefined,
        shipWidget: fid === 'Webchat',
        shipTeamsAdapter: fid === 'TeamsMessages' || fid === 'Worker' || fid === 'Aggregate',
        // Insight answers (worker) and daily digests (aggregate) draw charts.
        shipChartAssets: fid === 'Worker' || fid === 'Aggregate',
        shipOpenAi: fid === 'Webchat' || fid === 'Worker' || fid === 'Aggregate',
        // Every function that can reach the snapshot bucket loads the S3 client from beside its bundle.
        shipS3: 'CATALOG_BUCKET' in environments[fid],
        // Every function that enqueues work loads the SQS client from beside its bundle, on the first job.
        shipSqs: 'WORK_QUEUE_URL' in environments[fid],
        // Every bundle holds the composition root, which can load the assistants from beside it.
        shipAssistants: true,
      });
      functionScopes.push(scope);
      return scope.function;
    };
    this.functions = Object.fromEntries(FUNCTION_SPECS.map((spec) => [spec.id, make(spec)])) as Record<
      FunctionId,
      lambda.Function
    >;
    const fns = this.functions;

    grantLeastPrivilege({
      fns,
      table: this.table,
      secrets,
      workQueue: this.workQueue,
      catalogBucket: this.catalogBucket,
    });

    fns.Worker.addEventSource(
      new SqsEventSource(this.workQueue, {
        batchSize: 5,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
      }),
    );

    // ---- Schedules: EventBridge retries its delivery; Lambda's async retries and on-failure DLQ cover the run.
    const schedule = (id: string, fn: lambda.Function, expression: string, description: string) => {
      fn.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
        onFailure: new SqsDestination(scheduleDlq),
      });
      new events.Rule(this, id, {
        description,
        schedule: events.Schedule.expression(expression),
        targets: [
          new targets.LambdaFunction(fn, {
            retryAttempts: 3,
            maxEventAge: Duration.hours(1),
            deadLetterQueue: scheduleDlq,
          }),
        ],
      });
    };
    schedule(
      'AggregateSchedule',
      fns.Aggregate,
      settings.aggregateSchedule,
      'Hourly ShopGuide aggregation: feedback, latent demand, strategy, digests',
    );
    schedule(
      'FeedPullSchedule',
      fns.FeedPull,
      settings.feedSchedule,
      "ShopGuide catalog feeds: pull each store's HTTPS feed",
    );

    // ---- HTTP API
    this.api = addHttpApi(this, {
      fns,
      allowedOrigins: settings.allowedOrigins,
      logRetention,
      removalPolicy,
    });

    // ---- Observability
    const alarms = new ShopGuideAlarms(this, 'Alarms', {
      functions: FUNCTION_SPECS.map((spec) => ({
        id: spec.id,
        fn: fns[spec.id as FunctionId],
        p99Threshold: P99_THRESHOLDS[spec.id as FunctionId],
      })),
      deadLetterQueues: { WorkDeadLetterQueue: workDlq, ScheduleDeadLetterQueue: scheduleDlq },
      api: this.api,
      alarmEmail: settings.alarmEmail || undefined,
    });

    // ---- Outputs
    const apiUrl = this.api.apiEndpoint;
    new CfnOutput(this, 'ApiUrl', { value: `${apiUrl}/`, description: 'Web chat page and API base URL' });
    new CfnOutput(this, 'SlackRequestUrl', {
      value: `${apiUrl}/slack/events`,
      description: 'Slack request URL',
    });
    new CfnOutput(this, 'TeamsMessagingEndpoint', {
      value: `${apiUrl}/api/messages`,
      description: 'Azure Bot messaging endpoint',
    });
    // What `shopguide --stack <name>` reads through DescribeStacks (bin/cli/stack-outputs.ts).
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'DynamoDB table' });
    new CfnOutput(this, 'Region', { value: Stack.of(this).region, description: 'Region of the stack' });
    new CfnOutput(this, 'WorkQueueUrl', { value: this.workQueue.queueUrl, description: 'Work queue URL' });
    new CfnOutput(this, 'CatalogBucketName', {
      value: this.catalogBucket.bucketName,
      description: 'Catalog snapshot bucket',
    });
    new CfnOutput(this, 'AggregateFunctionName', {
      value: fns.Aggregate.functionName,
      description: 'Aggregate function (shopguide aggregate --stack)',
    });
    new CfnOutput(this, 'FeedPullFunctionName', {
      value: fns.FeedPull.functionName,
      description: 'Feed pull function',
    });
    for (const [name, secret] of Object.entries(secrets.all())) {
      new CfnOutput(this, name, { value: secret.secretName, description: `Secrets Manager name: ${name}` });
    }

    acknowledgeJustifiedFindings(this, {
      table: this.table,
      catalogBucket: this.catalogBucket,
      api: this.api,
      secrets,
      functionScopes,
      deadLetterQueues: [workDlq, scheduleDlq],
      worker: fns.Worker,
      alarms,
    });
  }
}

function specOf(id: FunctionId): FunctionSpec {
  const spec = FUNCTION_SPECS.find((s) => s.id === id);
  if (!spec) throw new Error(`No function spec named ${id}`);
  return spec;
}

const RETENTIONS = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');

/** CloudWatch accepts only specific retention periods; pick the smallest allowed one covering the request. */
export function toRetention(days: number): logs.RetentionDays {
  const allowed = RETENTIONS.filter((v) => v > 0).sort((a, b) => a - b);
  const match = allowed.find((v) => v >= days) ?? allowed[allowed.length - 1];
  return match;
}
