import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleEntry } from '../../bench/bundle-bench';
import { bundlingHooks } from '../../lib/constructs/api-function';
import { FUNCTION_SPECS, PROJECT_ROOT } from '../../lib/function-specs';
import { DynamoInstallationStore } from '../../functions/storage/slack-installation-store';
import { CHART_ASSET_FILES } from '../../functions/insights/chart-assets';
import { buildDailyDigest } from '../../functions/insights/digest';
import { demoStore } from '../../functions/local/seed-demo';
import type { Order } from '../../functions/orders/order';
import { HandoffRepository } from '../../functions/storage/handoff-repository';
import { decodePng, inkIn } from '../support/png';
import { SlackApiStub } from '../support/slack-api-stub';
import { startTestEnv, type TestEnv } from '../support/test-env';

const run = promisify(execFile);
const TEAM = 'T-zh';
const CHANNEL = 'C-zh-digest';
const STORE = 'zh-shop';

jest.setTimeout(180_000);

/**
 * The chart path as deployed: the Aggregate function's esbuild bundle, built with the stack's options and its
 * bundling hook, copied away from node_modules and run in a fresh Node process as Lambda would. It sends a
 * Chinese store's daily digest to Slack (a loopback stub), and the chart it uploads must be the very PNG the
 * source renders, CJK title included.
 */
describe('charts from the deployed bundle', () => {
  let env: TestEnv;
  let slack: SlackApiStub;
  let dir: string;

  beforeAll(async () => {
    slack = new SlackApiStub();
    await slack.start();
    env = await startTestEnv({
      env: { SLACK_CLIENT_ID: 'id', SLACK_CLIENT_SECRET: 'secret', SLACK_API_URL: slack.apiUrl },
    });
    dir = await mkdtemp(path.join(os.tmpdir(), 'shopguide-chart-bundle-'));
  });
  afterAll(async () => {
    await env?.close();
    await slack?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('the Aggregate bundle draws a Chinese digest chart with the shipped WebAssembly and font', async () => {
    // Prepare: a Chinese store with yesterday's orders, linked to a Slack channel.
    const now = new Date();
    await env.services.stores.create({
      ...demoStore(now),
      id: STORE,
      name: '小米之家',
      locale: 'zh-CN',
      timezone: 'UTC',
      currency: 'CNY',
    });
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const order = (id: string, title: string, quantity: number): Order => ({
      id,
      storeId: STORE,
      customerId: `c-${id}`,
      createdAt: `${yesterday}T10:00:00.000Z`,
      status: 'paid',
      items: [{ productId: id, title, price: 99.5, quantity }],
      total: 99.5 * quantity,
      currency: 'CNY',
    });
    await env.services.orders.putMany([
      order('1', '蓝牙音箱', 5),
      order('2', '无线耳机', 3),
      order('3', 'USB-C 充电器', 1),
    ]);
    const { code } = await env.services.partnerService.createLinkCode(STORE);
    await env.services.partnerService.redeemLinkCode(code, {
      platform: 'slack',
      tenantId: TEAM,
      conversationId: CHANNEL,
      userId: 'U-owner',
    });
    await new HandoffRepository(env.services.table).setSlackTarget(STORE, {
      teamId: TEAM,
      channel: CHANNEL,
      setAt: now.toISOString(),
    });
    await new DynamoInstallationStore(env.services.table).storeInstallation({
      team: { id: TEAM, name: 'zh team' },
      enterprise: undefined,
      isEnterpriseInstall: false,
      bot: { token: 'xoxb-zh', userId: 'UBOT', id: 'BBOT', scopes: ['chat:write', 'files:write'] },
      user: { token: undefined, id: 'U-owner', scopes: undefined },
      tokenType: 'bot',
    });

    // The bundle and what the stack's bundling hook ships beside it, in a folder with no node_modules.
    const spec = FUNCTION_SPECS.find((s) => s.id === 'Aggregate');
    if (!spec) throw new Error('no Aggregate function');
    const outputDir = path.join(dir, spec.id);
    const bundle = await bundleEntry({ entry: spec.entry }, path.join(outputDir, 'index.js'));
    for (const command of bundlingHooks({
      widget: false,
      teamsAdapter: false,
      chartAssets: true,
    }).afterBundling(PROJECT_ROOT, outputDir)) {
      await run('sh', ['-c', command], { timeout: 120_000 });
    }
    expect((await readdir(outputDir)).sort()).toEqual(
      expect.arrayContaining([CHART_ASSET_FILES.font, CHART_ASSET_FILES.wasm, 'index.js']),
    );

    // Act: one scheduled run, from the bundle, as Lambda invokes it.
    const invoke = `require(${JSON.stringify(bundle.file)}).handler({}, { awsRequestId: 'chart-test' })
      .then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); })`;
    await run(process.execPath, ['-e', invoke], {
      cwd: outputDir,
      timeout: 120_000,
      env: {
        PATH: process.env.PATH,
        SHOPGUIDE_RUNTIME: 'lambda',
        LOG_LEVEL: 'SILENT',
        TABLE_NAME: env.config.storage.tableName,
        DYNAMODB_ENDPOINT: env.dynamo.endpoint,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        SLACK_CLIENT_ID: 'id',
        SLACK_CLIENT_SECRET: 'secret',
        SLACK_API_URL: slack.apiUrl,
      },
    });

    // Assess: a Chinese digest, and its chart is byte for byte what the source draws with the font.
    const posted = slack.messages.filter((m) => m.channel === CHANNEL);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.text).toContain('每日简报');
    expect(slack.uploads).toHaveLength(1);
    const png = slack.uploads[0]?.file ?? Buffer.alloc(0);
    const image = decodePng(png);
    expect(image).toMatchObject({ width: 800, height: 450 });
    // The title (畅销产品 …) and the Chinese bar labels left ink where they are drawn.
    expect(inkIn(image, { x: 0, y: 0, width: 300, height: 40 })).toBeGreaterThan(200);
    expect(inkIn(image, { x: 150, y: 48, width: 130, height: 360 })).toBeGreaterThan(200);
    const fromSource = await buildDailyDigest(env.services, STORE, now);
    expect(fromSource.chartPng?.equals(png)).toBe(true);
  });
});
