import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { ShopGuideSecrets } from './constructs/secrets';
import { FUNCTION_SPECS, type FunctionId, type TableAccess } from './function-specs';

/** Where catalog snapshots live in the bucket; every grant is scoped to this prefix. */
export const SNAPSHOT_PREFIX = 'catalog-snapshots/';

/** Least privilege, by grant only: each function may touch only what its code uses. */
export function grantLeastPrivilege(parts: {
  fns: Record<FunctionId, lambda.IFunction>;
  table: dynamodb.ITable;
  secrets: ShopGuideSecrets;
  workQueue: sqs.IQueue;
  catalogBucket: s3.IBucket;
}): void {
  const { fns, table, secrets, workQueue, catalogBucket } = parts;
  for (const spec of FUNCTION_SPECS) grantTableAccess(fns[spec.id as FunctionId], table, spec.tableAccess);
  secrets.openAi.grantRead(fns.Webchat);
  secrets.openAi.grantRead(fns.Worker);
  secrets.webchatToken.grantRead(fns.Webchat);
  for (const fn of [fns.SlackEvents, fns.SlackOAuth, fns.Worker, fns.Aggregate]) secrets.slack.grantRead(fn);
  for (const fn of [fns.TeamsMessages, fns.Worker, fns.Aggregate]) secrets.microsoft.grantRead(fn);
  workQueue.grantSendMessages(fns.SlackEvents);
  workQueue.grantSendMessages(fns.TeamsMessages);
  // The worker may defer follow-up work (e.g. a proactive Teams reply) onto the same queue.
  workQueue.grantSendMessages(fns.Worker);
  // Handoff: the web chat relays shoppers' messages, the schedule's timers post status notes.
  workQueue.grantSendMessages(fns.Webchat);
  workQueue.grantSendMessages(fns.Aggregate);

  // Catalog snapshots: the catalog's readers may get them, its writers may put them; nothing else, no lists.
  const snapshotObjects = catalogBucket.arnForObjects(`${SNAPSHOT_PREFIX}*`);
  for (const fn of [
    fns.Webchat,
    fns.TeamsMessages,
    fns.Worker,
    fns.Aggregate,
    fns.StoreCatalog,
    fns.FeedPull,
  ]) {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [snapshotObjects] }));
  }
  for (const fn of [fns.StoreCatalog, fns.FeedPull]) {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [snapshotObjects] }));
  }
}

/**
 * Only the actions the function's code issues, on this table, and where listed only on its partition-key
 * prefixes (`dynamodb:LeadingKeys`). Index queries get a separate read-only statement.
 */
function grantTableAccess(fn: lambda.IFunction, table: dynamodb.ITable, access: TableAccess) {
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: [...access.actions],
      resources: [table.tableArn],
      conditions: access.leadingKeys
        ? { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...access.leadingKeys] } }
        : undefined,
    }),
  );
  if (access.queriesIndexes) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${table.tableArn}/index/*`],
      }),
    );
  }
}
