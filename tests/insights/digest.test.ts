import { buildDailyDigest, runDailyDigests, type DigestSender } from '../../functions/insights/digest';
import type { InsightAnswer } from '../../functions/insights/merchant-assistant';
import type { ChannelBinding } from '../../functions/partners/partner';
import { startTestEnv, type TestEnv } from '../support/test-env';

const NOW = new Date('2026-03-18T15:00:00Z');

class RecordingSender implements DigestSender {
  readonly sent: { storeId: string; binding: ChannelBinding; answer: InsightAnswer }[] = [];
  failNext = false;
  constructor(readonly platform: 'slack' | 'teams') {}
  async send(storeId: string, binding: ChannelBinding, answer: InsightAnswer) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('platform down');
    }
    this.sent.push({ storeId, binding, answer });
  }
}

describe('daily digest', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true, overrides: { now: () => NOW } });
    const code = await env.services.partnerService.createLinkCode('demo');
    await env.services.partnerService.redeemLinkCode(code.code, {
      platform: 'slack',
      tenantId: 'T1',
      conversationId: 'C1',
      userId: 'U1',
    });
  });
  afterAll(() => env.close());

  test("the digest reports yesterday in the store's timezone, with sources", async () => {
    const digest = await buildDailyDigest(env.services, 'demo', NOW);
    expect(digest.text.split('\n')[0]).toBe('ShopGuide Demo Store daily digest for 2026-03-17');
    expect(digest.sources[0]).toMatch(/^orders 2026-03-17\.\.2026-03-18 \(\d+ orders\)$/);
    expect(digest.language).toBe('en');
  });

  test('runs are idempotent per store, binding and day, and a failed send is retried next run', async () => {
    const slack = new RecordingSender('slack');
    slack.failNext = true;
    expect(await runDailyDigests(env.services, [slack], NOW)).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect(await runDailyDigests(env.services, [slack], NOW)).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(await runDailyDigests(env.services, [slack], new Date(NOW.getTime() + 3600_000))).toEqual({
      sent: 0,
      skipped: 1,
      failed: 0,
    });
    expect(slack.sent).toHaveLength(1);
    expect(slack.sent[0].binding).toMatchObject({ platform: 'slack', tenantId: 'T1', purpose: 'merchant' });
  });
});
