import path from 'node:path';

/**
 * The Lambda functions, one per entry point in `functions/`. Plain data so the stack, the bundle test and the
 * bundle bench all build exactly the same set with exactly the same esbuild options.
 */
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
  /** AWS SDK clients the function builds at init: the bench's bare-handler baseline builds exactly these. */
  readonly sdkClients: readonly SdkClient[];
}

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
  },
  {
    id: 'SlackEvents',
    entry: 'functions/slack-events.ts',
    description: 'Slack front door: verify, dedupe, enqueue, ack within 3 s',
    memorySize: 512,
    timeoutSeconds: 10,
    frontDoor: true,
    sdkClients: ['dynamodb', 'sqs', 'secrets-manager'],
  },
  {
    id: 'SlackOAuth',
    entry: 'functions/slack-oauth.ts',
    description: 'Slack multi-workspace OAuth install and redirect',
    memorySize: 256,
    timeoutSeconds: 15,
    frontDoor: false,
    sdkClients: ['dynamodb', 'secrets-manager'],
  },
  {
    id: 'TeamsMessages',
    entry: 'functions/teams-messages.ts',
    description: 'Bot Framework activities: validate the JWT, answer or enqueue within ~15 s',
    memorySize: 512,
    timeoutSeconds: 15,
    frontDoor: true,
    sdkClients: ['dynamodb', 'sqs', 'secrets-manager'],
  },
  {
    id: 'StoreOrders',
    entry: 'functions/store-orders.ts',
    description: 'Order webhook from the store backend (HMAC-signed)',
    memorySize: 256,
    timeoutSeconds: 10,
    frontDoor: false,
    sdkClients: ['dynamodb'],
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
  },
  {
    id: 'FeedPull',
    entry: 'functions/feed-pull.ts',
    description: "Scheduled: pulls each store's HTTPS catalog feed",
    memorySize: 1024,
    timeoutSeconds: 300,
    frontDoor: false,
    sdkClients: ['dynamodb'],
  },
  {
    id: 'Worker',
    entry: 'functions/worker.ts',
    description: 'SQS consumer: Slack and Teams slow work (LLM turns, insights, proactive replies)',
    memorySize: 1024,
    timeoutSeconds: 60,
    frontDoor: false,
    sdkClients: ['dynamodb', 'sqs', 'secrets-manager'],
  },
  {
    id: 'Aggregate',
    entry: 'functions/aggregate.ts',
    description: 'Scheduled: feedback to metrics, latent demand, strategy update, digests',
    memorySize: 1024,
    timeoutSeconds: 300,
    frontDoor: false,
    sdkClients: ['dynamodb', 'secrets-manager'],
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
