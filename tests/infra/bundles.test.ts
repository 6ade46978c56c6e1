import { execFileSync, execSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleEntry, bundledPackages, type BuiltBundle } from '../../bench/bundle-bench';
import { bundlingHooks } from '../../lib/constructs/api-function';
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

  it('ships the prebuilt widget next to the web chat bundle through the bundling hook', async () => {
    const outputDir = path.join(dir, 'Webchat');
    for (const command of bundlingHooks({ widget: true, teamsAdapter: false }).afterBundling(
      PROJECT_ROOT,
      outputDir,
    )) {
      execSync(command, { stdio: 'pipe', timeout: 120_000 });
    }
    expect((await stat(path.join(outputDir, 'widget.js'))).size).toBeGreaterThan(10_000);
  });

  it('ships botbuilder beside the Teams bundle, loadable on the first Teams request', async () => {
    const outputDir = path.join(dir, 'TeamsMessages');
    for (const command of bundlingHooks({ widget: false, teamsAdapter: true }).afterBundling(
      PROJECT_ROOT,
      outputDir,
    )) {
      execSync(command, { stdio: 'pipe', timeout: 120_000 });
    }
    const adapter = path.join(outputDir, 'botbuilder-adapter.js');
    expect((await stat(adapter)).size).toBeGreaterThan(1_000_000);
    // The function bundle itself has no botbuilder (see FORBIDDEN); this file exports what channel.ts calls.
    const exported = execFileSync(process.execPath, [
      '-e',
      `process.stdout.write(typeof require(${JSON.stringify(adapter)}).createBotFrameworkChannel)`,
    ]).toString();
    expect(exported).toBe('function');
  });

  it('ships openai beside the LLM bundles, loadable on the first model call', async () => {
    const outputDir = path.join(dir, 'Webchat');
    for (const command of bundlingHooks({ widget: false, teamsAdapter: false, openAi: true }).afterBundling(
      PROJECT_ROOT,
      outputDir,
    )) {
      execSync(command, { stdio: 'pipe', timeout: 120_000 });
    }
    const model = path.join(outputDir, 'openai-chat-model.js');
    expect((await stat(model)).size).toBeGreaterThan(100_000);
    const exported = execFileSync(process.execPath, [
      '-e',
      `process.stdout.write(typeof require(${JSON.stringify(model)}).OpenAiChatModel)`,
    ]).toString();
    expect(exported).toBe('function');
  });

  it('ships the SQS client beside the bundles that enqueue, and the queue sends through it', async () => {
    const outputDir = path.join(dir, 'Webchat');
    for (const command of bundlingHooks({ widget: false, teamsAdapter: false, sqs: true }).afterBundling(
      PROJECT_ROOT,
      outputDir,
    )) {
      execSync(command, { stdio: 'pipe', timeout: 120_000 });
    }
    const sdk = path.join(outputDir, 'sqs-sdk.js');
    expect((await stat(sdk)).size).toBeGreaterThan(10_000);
    const exported = execFileSync(process.execPath, [
      '-e',
      `const m = require(${JSON.stringify(sdk)}); process.stdout.write(typeof m.SQSClient + ' ' + typeof m.SendMessageCommand)`,
    ]).toString();
    expect(exported).toBe('function function');
  });
});
