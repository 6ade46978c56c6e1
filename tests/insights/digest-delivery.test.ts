import { DynamoInstallationStore } from '../../functions/storage/slack-installation-store';
import { TeamsReferenceRepository } from '../../functions/storage/teams-reference-repository';
import { buildDailyDigest } from '../../functions/insights/digest';
import { createDigestSenders } from '../../functions/app/digest-senders';
import { runDigestStep } from '../../functions/insights/digest-step';
import { demoStore } from '../../functions/local/seed-demo';
import type { Platform } from '../../functions/partners/partner';
import { HandoffRepository } from '../../functions/storage/handoff-repository';
import { SlackApiStub } from '../support/slack-api-stub';
import { BotFrameworkStandIn } from '../support/teams-bot-framework';
import { startTestEnv, type TestEnv } from '../support/test-env';

const NOW = new Date('2026-03-18T15:00:00Z');
const YESTERDAY = '2026-03-17';
const TEAM = 'T111';
const SLACK_CHANNEL = 'CDIGEST';
const APP_ID = '33333333-4444-5555-6666-777777777777';
const TENANT = 'tenantId-Guid';
const TEAMS_CHANNEL = '19:digestChannelIddigestChannelId@thread.skype';

type Card = { type: string; body: { type: string; text?: string; url?: string }[] };

describe('daily digest delivery to Slack and Teams (dynalite, Slack API stub, Bot Framework stand-in)', () => {
  let env: TestEnv;
  let slack: SlackApiStub;
  let teams: BotFrameworkStandIn;

  const link = async (storeId: string, platform: Platform, tenantId: string) => {
    const { code } = await env.services.partnerService.createLinkCode(storeId);
    const result = await env.services.partnerService.redeemLinkCode(code, {
      platform,
      tenantId,
      conversationId: platform === 'slack' ? SLACK_CHANNEL : TEAMS_CHANNEL,
      userId: 'U-owner',
    });
    expect(result.ok).toBe(true);
  };
  const digestPosts = () =>
    slack.messages.filter((m) => m.via === 'chat.postMessage' && m.channel === SLACK_CHANNEL);
  const digestCards = () =>
    teams
      .messages()
      .filter((m) => m.activity.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive');

  beforeAll(async () => {
    slack = new SlackApiStub();
    await slack.start();
    teams = await new BotFrameworkStandIn().start();
    env = await startTestEnv({
      seedDemo: true,
      overrides: { now: () => NOW },
      env: {
        // No SLACK_BOT_TOKEN: the token comes from the workspace's OAuth installation.
        SLACK_CLIENT_ID: 'client-id',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_API_URL: slack.apiUrl,
        ...teams.botEnv(APP_ID),
      },
    });
    await new DynamoInstallationStore(env.services.table).storeInstallation({
      team: { id: TEAM, name: 'Demo Team' },
      enterprise: undefined,
      isEnterpriseInstall: false,
      bot: {
        token: 'xoxb-installed-token',
        userId: 'UBOT',
        id: 'BBOT',
        scopes: ['chat:write', 'files:write'],
      },
      user: { token: undefined, id: 'UINSTALLER', scopes: undefined },
      tokenType: 'bot',
    });
  }, 30_000);
  afterAll(async () => {
    await env?.close();
    await slack?.close();
    await teams?.stop();
  });

  test('senders are built for the configured platforms only', async () => {
    expect((await createDigestSenders(env.services)).map((s) => s.platform)).toEqual(['slack', 'teams']);
    const bare = { ...env.services, config: { ...env.services.config, slack: {}, teams: {} } };
    expect(await createDigestSenders(bare as unknown as typeof env.services)).toEqual([]);
  });

  test('a linked Slack workspace gets one digest in its channel with a chart, once per day', async () => {
    await link('demo', 'slack', TEAM);
    await new HandoffRepository(env.services.table).setSlackTarget('demo', {
      teamId: TEAM,
      channel: SLACK_CHANNEL,
      setAt: NOW.toISOString(),
    });
    const expected = await buildDailyDigest(env.services, 'demo', NOW);
    expect(expected.chartPng).toBeDefined();

    expect(await runDigestStep(env.services, () => createDigestSenders(env.services), NOW)).toEqual({
      sent: 1,
      skipped: 0,
      failed: 0,
    });
    const posts = digestPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0].text).toBe(expected.text);
    expect(posts[0].text).toContain(`daily digest for ${YESTERDAY}`);
    expect(posts[0].text).toMatch(
      // Yesterday is one day, shown as the merchant reads it (not as the exclusive range 17..18).
      /Revenue yesterday \(17 Mar 2026\): [\d,]+\.\d{2} USD/,
    );
    expect(posts[0].text).toMatch(/from \d+ orders and \d+ units/);
    expect(posts[0].text).toMatch(/Best sellers yesterday .* by units: .+ \(\d+ units\)/);
    expect(slack.succeeded('chat.postMessage')[0]?.token).toBe('xoxb-installed-token');
    const blocks = posts[0].blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]?.text?.text).toContain(YESTERDAY);
    // The top sellers' table as a section, and no feedback buttons on a digest.
    expect(blocks.some((b) => b.type === 'section' && b.text?.text.startsWith('```'))).toBe(true);
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);

    // The chart: upload URL, the bytes, then the file shared in the digest's channel.
    expect(slack.succeeded('files.getUploadURLExternal')).toHaveLength(1);
    expect(slack.uploads).toHaveLength(1);
    expect(slack.uploads[0]?.bytes).toBeGreaterThan(0);
    const completed = slack.succeeded('files.completeUploadExternal');
    expect(completed).toHaveLength(1);
    expect(completed[0]?.params.channel_id).toBe(SLACK_CHANNEL);

    // A second run the same day (the next hourly schedule) posts nothing.
    expect(
      await runDigestStep(
        env.services,
        () => createDigestSenders(env.services),
        new Date(NOW.getTime() + 3600_000),
      ),
    ).toEqual({
      sent: 0,
      skipped: 1,
      failed: 0,
    });
    expect(digestPosts()).toHaveLength(1);
    expect(slack.succeeded('files.completeUploadExternal')).toHaveLength(1);
  });

  test('a linked Teams tenant gets one proactive Adaptive Card in its notify conversation', async () => {
    await link('demo', 'teams', TENANT);
    await new TeamsReferenceRepository(env.services.table).setNotifyTarget('demo', {
      bot: { id: `28:${APP_ID}`, name: 'ShopGuide' },
      conversation: { id: TEAMS_CHANNEL, tenantId: TENANT, conversationType: 'channel', isGroup: true },
      channelId: 'msteams',
      serviceUrl: teams.serviceUrl,
    });

    // Slack already had today's digest: only Teams is sent.
    expect(await runDigestStep(env.services, () => createDigestSenders(env.services), NOW)).toEqual({
      sent: 1,
      skipped: 1,
      failed: 0,
    });
    const cards = digestCards();
    expect(cards).toHaveLength(1);
    expect(cards[0]?.conversationId).toBe(TEAMS_CHANNEL);
    const card = cards[0]?.activity.attachments?.[0]?.content as Card;
    expect(card.type).toBe('AdaptiveCard');
    expect(card.body[0]?.text).toContain(`daily digest for ${YESTERDAY}`);
    expect(card.body.some((b) => b.type === 'Table')).toBe(true);
    expect(card.body.find((b) => b.type === 'Image')?.url).toMatch(/^data:image\/png;base64,/);

    expect(await runDigestStep(env.services, () => createDigestSenders(env.services), NOW)).toEqual({
      sent: 0,
      skipped: 2,
      failed: 0,
    });
    expect(digestCards()).toHaveLength(1);
  });

  test('a store without a Slack channel or Teams conversation is skipped without error', async () => {
    await env.services.stores.create({ ...demoStore(NOW), id: 'quiet', name: 'Quiet Store' });
    await link('quiet', 'slack', 'T222');
    await link('quiet', 'teams', 'tenant-quiet');
    const posts = slack.calls.length;
    const activities = teams.sent.length;

    // The demo store's bindings are already done today; the quiet store's senders find nowhere to post.
    expect(await runDigestStep(env.services, () => createDigestSenders(env.services), NOW)).toEqual({
      sent: 2,
      skipped: 2,
      failed: 0,
    });
    expect(slack.calls.length).toBe(posts);
    expect(teams.sent.length).toBe(activities);
  });

  test('a failing digest step is logged, never thrown, so the scheduled aggregation still succeeds', async () => {
    const broken = {
      ...env.services,
      stores: {
        ...env.services.stores,
        list: () => Promise.reject(new Error('table unavailable')),
      },
    } as unknown as typeof env.services;
    await expect(
      runDigestStep(broken, () => createDigestSenders(env.services), NOW),
    ).resolves.toBeUndefined();
  });
});
