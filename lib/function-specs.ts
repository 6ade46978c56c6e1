import path from 'node:path';

/**
 * The Lambda functions, one per entry point in `functions/`. Plain data so the stack, the bundle test and the
 * bundle bench all build exactly the same set with exactly the same esbuild options.
 */
/** The id of each Lambda function of the stack (a spec's `id`). */
export type FunctionId =
  | 'Webchat'
  | 'SlackEvents'
  | 'SlackOAuth'
  | 'TeamsMessages'
  | 'StoreOrders'
  | 'StoreCatalog'
  | 'FeedPull'
  | 'Worker'
  | 'Aggregate';

export interface FunctionSpec {
  /** Construct id, also the function's role in alarms and outputs. */
  readonly id: string;
  /** Entry file, relative to the project root. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  /**
   * Front doors answer a platform with a deadline (Slack's 3 s ack, Teams' ~15 s, a shopper waiting). They get
   * p99 duration alarms and the small-bundle rule.
   */
  readonly frontDoor: boolean;
  /**
   * AWS SDK clients the function uses on its usual request path (the bench's bare-handler baseline builds exactly
   * these at init). Clients of rare paths (web chat's handoff deliveries through SQS) are not counted.
   */
  readonly sdkClients: readonly SdkClient[];
  /** What the function may do to the table (least privilege; the stack turns it into one policy). */
  readonly tableAccess: TableAccess;
}

/** The DynamoDB actions the storage layer issues (`functions/storage/table.ts`); no Scan, no streams. */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:Query'
  | 'dynamodb:BatchWriteItem';

export interface TableAccess {
  readonly actions: readonly TableAction[];
  /**
   * Partition-key prefixes the function may touch (`dynamodb:LeadingKeys`), where its data is narrow enough
   * to list. Functions that span most of the single table (the shopper turn, the worker, the schedule) are
   * limited by action only.
   */
  readonly leadingKeys?: readonly string[];
  /** Queries on the GSIs (store list, orders by date or customer). */
  readonly queriesIndexes: boolean;
}

/** The turn, handoff, insights and privacy paths use every action the storage layer has. */
const READ_WRITE: readonly TableAction[] = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:BatchWriteItem',
];

export type SdkClient = 'dynamodb' | 'sqs' | 'secrets-manager';

export const PROJECT_ROOT = path.resolve(__dirname, '..');

export const FUNCTION_SPECS: readonly FunctionSpec[] = [
  {
    id: 'Webchat',
    entry: 'functions/webchat.ts',
    description: 'Shopper web chat: page, widget, sessions, messages, feedback, events and /health',
    // The shopper turn (catalog search + LLM) runs inline; more memory is more CPU for search and JSON.
    memorySize: 1024,
    // HTTP APIs cut integrations at 30 s.
    timeoutSeconds: 29,
    frontDoor: true,
    sdkClients: ['dynamodb', 'secrets-manager'],
    tableAccess: { actions: READ_WRITE, queriesIndexes: true },
  },
  {
    id: 'SlackEvents',
    entry: 'functions/slack-events.ts',
    description: 'Slack front door: verify, dedupe, enqueue, ack within 3 s',
    memorySize: 512,
    timeoutSeconds: 10,
    frontDoor: true,
    sdkClients: ['dynamodb', 'sqs', 'secrets-manager'],
    // Only the event and trigger claims: PutItem to claim, DeleteItem to give a claim back.
    tableAccess: {
      actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
      leadingKeys: ['CLAIM#*'],
      queriesIndexes: false,
    },
  },
  {
    id: 'SlackOAuth',
    entry: 'functions/slack-oauth.ts',
    description: 'Slack multi-workspace OAuth install and redirect',
    memorySize: 256,
    timeoutSeconds: 15,
    frontDoor: false,
    sdkClients: ['dynamodb', 'secrets-manager'],
    // Only the workspace installations (the bot tokens).
    tableAccess: {
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      leadingKeys: ['SLACKINSTALL#*'],
      queriesIndexes: false,
    },
  },
  {
    id: 'TeamsMessages',
    entry: 'functions/teams-messages.ts',
    description: 'Bot Framework activities: validate the JWT, answer or enqueue within ~15 s',
    memorySize: 512,
    timeoutSeconds: 15,
    frontDoor: true,
    sdkClients: ['dynamodb', 'sqs', 'secrets-manager'],
    tableAccess: { actions: READ_WRITE, queriesIndexes: true },
  },
  {
    id: 'StoreOrders',
    entry: 'functions/store-orders.ts',
    description: 'Order webhook from the store backend (HMAC-signed)',
    memorySize: 256,
    timeoutSeconds: 10,
    frontDoor: false,
    sdkClients: ['dynamodb'],
    // The store (its secret), its orders, and purchase attribution: customers' clicks in, events out.
    tableAccess: {
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      leadingKeys: ['STORE#*', 'ORDERS#*', 'SUBJECT#*', 'EVENTS#*', 'EVENTID#*'],
      queriesIndexes: false,
    },
  },
  {
    id: 'StoreCatalog',
    entry: 'functions/store-catalog.ts',
    description: 'Catalog sync: signed product webhook and Shopify product/inventory webhooks',
    memorySize: 512,
    // A full 1,000-item request, plus the snapshot of the new version.
    timeoutSeconds: 29,
    frontDoor: false,
    sdkClients: ['dynamodb'],
    tableAccess: { actions: READ_WRITE, queriesIndexes: true },
  },
  {
    id: 'FeedPull',
    entry: 'functions/feed-pull.ts',
    description: "Scheduled: pulls each store's HTTPS catalog feed",
    memorySize: 1024,
    timeoutSeconds: 300,
    frontDoor: false,
    sdkClients: ['dynamodb'],
    tableAccess: { actions: READ_WRITE, queriesIndexes: true },
  },
  {
    id: 'Worker',
    entry: 'functions/worker.ts',
    description: 'SQS consumer: Slack and Teams slow work (LLM turns, insights, proactive replies)',
    memorySize: 1024,
    timeoutSeconds: 60,
    frontDoor: false,
    sdkClients: ['dynamodb', 'sqs', 'secrets-manager'],
    tableAccess: { actions: READ_WRITE, queriesIndexes: true },
  },
  {
    id: 'Aggregate',
    entry: 'functions/aggregate.ts',
    description: 'Scheduled: feedback to metrics, latent demand, strategy update, digests',
    memorySize: 1024,
    timeoutSeconds: 300,
    frontDoor: false,
    sdkClients: ['dynamodb', 'secrets-manager'],
    tableAccess: { actions: READ_WRITE, queriesIndexes: true },
  },
];

/**
 * Modules left out of every bundle:
 * - `esbuild` is only imported lazily by the widget loader when no prebuilt `widget.js` exists, which never
 *   happens in Lambda (the bundling hook ships it).
 *
 * The chart renderer (resvg as WebAssembly) is bundled as JS; its `.wasm` and font ship beside the bundles of
 * the functions that draw charts (see `bundlingHooks` in lib/constructs/api-function.ts).
 *
 * The AWS SDK v3 is bundled on purpose: the version we test is the version that runs, esbuild tree-shakes and
 * minifies it (the runtime's copy is neither), and SDK releases after January 2027 require Node 22 anyway.
 */
export const BUNDLE_EXTERNALS: readonly string[] = ['esbuild'];

/** The esbuild options the stack uses, as esbuild's JS API spells them (tests and bench use these directly). */
export const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minify: true,
  sourcemap: true,
  // ESM builds first: they tree-shake far better than the SDK's CJS dist.
  mainFields: ['module', 'main'],
  external: [...BUNDLE_EXTERNALS],
  legalComments: 'none',
} as const;

export const WIDGET_ENTRY = 'functions/channels/webchat/widget/widget.ts';
