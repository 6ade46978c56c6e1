import { execFileSync, execSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleEntry, bundledPackages, type BuiltBundle } from '../../bench/bundle-bench';
import { bundlingHooks, type BesideFiles } from '../../lib/constructs/api-function';
import { FUNCTION_SPECS, PROJECT_ROOT } from '../../lib/function-specs';

/**
 * Every function bundle builds with the stack's esbuild options and stays within its size budget (minified
 * KiB, ~15% above what was measured when set: raise one only with a reason). The front doors must not carry the
 * heavy SDKs they defer: Slack's ack path has no bolt, botbuilder or openai at all; Teams needs botbuilder to
 * validate the JWT in the same call, but never openai.
 */
const BUDGET_KIB: Record<string, number> = {
  Webchat: 1250,
  SlackEvents: 1000,
  SlackOAuth: 1200,
  // botbuilder ships beside the bundle (see the bundling hooks), so the Teams front door stays small.
  TeamsMessages: 1000,
  StoreOrders: 1000,
  // Catalog sync carries the S3 client for snapshots (the read path loads it lazily, these two write).
  StoreCatalog: 900,
  FeedPull: 900,
  Worker: 5500,
  // The scheduled job also delivers the daily digests, so it carries the Slack Web API and botbuilder;
  // nobody waits on its cold start.
  Aggregate: 3600,
};

const FORBIDDEN: Record<string, string[]> = {
  SlackEvents: ['@slack/bolt', 'botbuilder', 'openai', '@aws-sdk/client-sqs'],
  TeamsMessages: ['@slack/bolt', 'botbuilder', 'openai', '@aws-sdk/client-s3', '@aws-sdk/client-sqs'],
  StoreOrders: ['@slack/bolt', 'botbuilder', 'openai'],
  StoreCatalog: ['@slack/bolt', 'botbuilder', 'openai'],
  FeedPull: ['@slack/bolt', 'botbuilder', 'openai'],
  // openai ships beside the bundle and loads with the first LLM turn (see the bundling hooks).
  // The S3 client (catalog snapshots) ships beside the bundles too.
  // The SQS client ships beside every bundle that enqueues and loads with the first job.
  Webchat: ['@slack/bolt', 'botbuilder', 'openai', '@aws-sdk/client-s3', '@aws-sdk/client-sqs'],
  Worker: ['openai'],
  Aggregate: ['openai'],
};

jest.setTimeout(180_000);

describe('function bundles', () => {
  let dir: string;
  const bundles = new Map<string, BuiltBundle>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'shopguide-bundle-test-'));
    for (const spec of FUNCTION_SPECS) {
      bundles.set(spec.id, await bundleEntry({ entry: spec.entry }, path.join(dir, spec.id, 'index.js')));
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has a budget for every function', () => {
    expect(Object.keys(BUDGET_KIB).sort()).toEqual(FUNCTION_SPECS.map((s) => s.id).sort());
  });

  it.each(FUNCTION_SPECS.map((s) => [s.id]))('%s stays within its size budget', (id) => {
    const bundle = bundles.get(id);
    expect(bundle).toBeDefined();
    expect(Math.round((bundle?.bytes ?? Infinity) / 1024)).toBeLessThanOrEqual(BUDGET_KIB[id] ?? 0);
  });

  it.each(Object.entries(FORBIDDEN))('%s does not bundle %j', (id, forbidden) => {
    const bundle = bundles.get(id);
    if (!bundle) throw new Error(`no bundle for ${id}`);
    const packages = bundledPackages(bundle.metafile);
    expect(packages.has('@aws-sdk/client-dynamodb')).toBe(true);
    expect(forbidden.filter((p) => packages.has(p))).toEqual([]);
  });

  /** Runs the stack's bundling hook for `files` into `outputDir`, as CDK does after bundling. */
  function shipBeside(files: BesideFiles, outputDir: string): void {
    for (const command of bundlingHooks(files).afterBundling(PROJECT_ROOT, outputDir)) {
      execSync(command, { stdio: 'pipe', timeout: 120_000 });
    }
  }

  /** The `typeof` of each named export of a file beside the bundle, read by a fresh Node process. */
  function exportTypes(file: string, names: string[]): string[] {
    const script = `const m = require(${JSON.stringify(file)}); process.stdout.write(JSON.stringify(${JSON.stringify(names)}.map((n) => typeof m[n])))`;
    return JSON.parse(execFileSync(process.execPath, ['-e', script]).toString()) as string[];
  }

  it('ships the prebuilt widget next to the web chat bundle through the bundling hook', async () => {
    const outputDir = path.join(dir, 'Webchat');
    shipBeside({ widget: true }, outputDir);
    expect((await stat(path.join(outputDir, 'widget.js'))).size).toBeGreaterThan(10_000);
  });

  // The function bundles themselves have none of these (see FORBIDDEN); each file exports what its loader calls.
  it.each([
    [
      'botbuilder',
      'TeamsMessages',
      { teamsAdapter: true },
      'botbuilder-adapter.js',
      1_000_000,
      ['createBotFrameworkChannel'],
    ],
    ['openai', 'Webchat', { openAi: true }, 'openai-chat-model.js', 100_000, ['OpenAiChatModel']],
    ['the SQS client', 'Webchat', { sqs: true }, 'sqs-sdk.js', 10_000, ['SQSClient', 'SendMessageCommand']],
    [
      'the shopper assistant',
      'Webchat',
      { assistants: true },
      'shopper-assistant.js',
      50_000,
      ['ShopperAssistant'],
    ],
    [
      'the merchant assistant',
      'TeamsMessages',
      { assistants: true },
      'merchant-assistant.js',
      50_000,
      ['answerMerchantQuestion'],
    ],
  ] as const)(
    'ships %s beside the %s bundle, loadable on first use',
    async (_what, id, files: BesideFiles, file, minBytes, exportsNeeded) => {
      const outputDir = path.join(dir, id);
      shipBeside(files, outputDir);
      expect((await stat(path.join(outputDir, file))).size).toBeGreaterThan(minBytes);
      expect(exportTypes(path.join(outputDir, file), [...exportsNeeded])).toEqual(
        exportsNeeded.map(() => 'function'),
      );
    },
  );
});
