import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compose } from '../../functions/app/compose';
import { runFeedPulls } from '../../functions/catalog-sync/feed-pull';
import { loadConfig } from '../../functions/config/config';
import { startLocalServer } from '../../functions/local/server';
import { createDocumentClient } from '../../functions/storage/dynamo-client';
import { ensureTable } from '../../functions/storage/ensure-table';
import { runAggregation } from '../../functions/feedback-loop/run-aggregation';
import {
  startCloudFormationStandIn,
  startDynaliteProcess,
  startLambdaStandIn,
  startS3StandIn,
} from './aws-stand-ins';

/**
 * A "deployed" ShopGuide stack on loopback, for following docs/deploy.md without an AWS account:
 *
 *   npx tsx tests/support/stand-ins.ts [dir]        # dir defaults to .stand-ins
 *   source .stand-ins/env.sh                         # in the shell where you run `npx shopguide`
 *
 * It starts dynalite in its own process with an empty table (what `cdk deploy` leaves), CloudFormation
 * DescribeStacks answering for the stack `ShopGuide-dev`, Lambda Invoke running the aggregate and feed-pull
 * functions, S3 for snapshots, and the stack's HTTP API (web chat, order, product and Shopify webhooks) over
 * that table. Every endpoint is on 127.0.0.1.
 */
const STACK = 'ShopGuide-dev';
const TABLE = 'ShopGuide-dev-Table';
const REGION = 'eu-west-1';
const BUCKET = 'shopguide-dev-catalogbucket';

async function main() {
  const dir = path.resolve(process.argv[2] ?? '.stand-ins');
  mkdirSync(path.join(dir, 'dynamodb'), { recursive: true });
  const dynamo = await startDynaliteProcess({ path: path.join(dir, 'dynamodb') });
  const admin = createDocumentClient({ region: REGION, endpoint: dynamo.endpoint });
  await ensureTable(admin, TABLE);
  const s3 = await startS3StandIn();
  // The stack's functions, configured as CDK configures them (table, bucket), over the stand-ins.
  const functionEnv = {
    SHOPGUIDE_RUNTIME: 'local',
    LOG_LEVEL: 'WARN',
    TABLE_NAME: TABLE,
    AWS_REGION: REGION,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    CATALOG_BUCKET: BUCKET,
    S3_FORCE_PATH_STYLE: 'true',
    DATA_DIR: dir,
    PORT: '0',
    AGGREGATE_INTERVAL_MINUTES: '0',
  };
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  const config = loadConfig(functionEnv);
  const services = compose(config, { documentClient: admin });
  const api = await startLocalServer({ config, seed: false });
  const lambda = await startLambdaStandIn({
    'ShopGuide-dev-Aggregate': async (payload) => ({
      stores: await runAggregation(services.feedbackLoopDeps, {
        storeId: (payload as { storeId?: string }).storeId,
        now: new Date(),
      }),
    }),
    'ShopGuide-dev-FeedPull': async () => ({
      stores: await runFeedPulls(services, {
        maxBytes: config.catalog.feedMaxBytes,
        timeoutMs: config.catalog.feedTimeoutMs,
      }),
    }),
  });
  const cloudFormation = await startCloudFormationStandIn({
    [STACK]: {
      region: REGION,
      outputs: {
        ApiUrl: `${api.url}/`,
        TableName: TABLE,
        Region: REGION,
        WorkQueueUrl: `https://sqs.${REGION}.amazonaws.com/123456789012/ShopGuide-dev-WorkQueue`,
        CatalogBucketName: BUCKET,
        AggregateFunctionName: 'ShopGuide-dev-Aggregate',
        FeedPullFunctionName: 'ShopGuide-dev-FeedPull',
      },
    },
  });
  const exports = {
    SHOPGUIDE_STACK: STACK,
    AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: REGION,
    API_URL: api.url,
  };
  const envFile = path.join(dir, 'env.sh');
  writeFileSync(
    envFile,
    `${Object.entries(exports)
      .map(([k, v]) => `export ${k}=${v}`)
      .join('\n')}\n`,
  );
  process.stdout.write(
    `Stand-ins for stack ${STACK} (${REGION}) are up; the API is at ${api.url}\nIn another shell: source ${envFile}\nCtrl-C stops them.\n`,
  );
  const stop = async () => {
    await api.close();
    for (const standIn of [cloudFormation, lambda, s3, dynamo]) await standIn.close();
    admin.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main();
