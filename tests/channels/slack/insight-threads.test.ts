import { INSIGHT_REPORT_ACTION } from '../../../functions/channels/slack/blocks';
import { answerMerchantQuestion } from '../../../functions/insights/merchant-assistant';
import { seedDemoStore } from '../../../functions/local/seed-demo';
import { fixtureJson, linkWorkspace, startSlackHarness, type SlackHarness } from './slack-harness';

/** Sunday 29 Nov 2026, 10:00 in New York, the demo store's timezone. */
const NOW = new Date('2026-11-29T15:00:00Z');

type Posted = {
  text: string;
  thread_ts?: string;
  blocks: { type: string; elements?: { action_id: string; value: string }[] }[];
};

describe('Slack: merchant follow-ups keep their context in the thread', () => {
  let harness: SlackHarness;
  let eventNumber = 0;

  beforeAll(async () => {
    harness = await startSlackHarness({ overrides: { now: () => NOW } });
    await seedDemoStore(harness.services);
    await linkWorkspace(harness.services, 'demo', 'T111');
  });
  afterAll(() => harness.close());

  /** A channel post: a mention at the root, or a plain reply in a thread as people write them. */
  async function say(text: string, ts: string, threadTs?: string): Promise<Posted> {
    const before = harness.stub.succeeded('chat.postMessage').length;
    const body = fixtureJson<{ event_id: string; event: Record<string, string> }>(
      'app_mention.event_callback.json',
    );
    body.event_id = `EvThread${++eventNumber}`;
    body.event = {
      ...body.event,
      type: threadTs ? 'message' : 'app_mention',
      channel_type: 'channel',
      text,
      ts,
      event_ts: ts,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    // The store clock is fixed, so requests are signed at that time (the replay window follows it).
    expect((await harness.post(JSON.stringify(body), { timestamp: NOW.getTime() / 1000 })).status).toBe(200);
    await harness.stub.waitFor(() => harness.stub.succeeded('chat.postMessage').length > before);
    return harness.stub.succeeded('chat.postMessage').at(-1)?.params as unknown as Posted;
  }

  const direct = (question: string) =>
    answerMerchantQuestion(harness.services, {
      storeId: 'demo',
      question,
      caller: { platform: 'test', userId: 'U0' },
      wantChart: false,
    });

  it('answers "and the month before?" and "by revenue instead" for the thread’s report, period and measure', async () => {
    const first = await say('<@W111> what were our best sellers last month?', '1764428400.000100');
    expect(first.thread_ts).toBe('1764428400.000100');
    expect(first.text.split('\n')[0]).toBe('Top products by units, 1–31 Oct 2026');

    // A plain reply in the thread, no mention: the same report and measure, one month earlier.
    const second = await say('and the month before?', '1764428460.000200', '1764428400.000100');
    expect(second.thread_ts).toBe('1764428400.000100');
    expect(second.text.split('\n')[0]).toBe('Top products by units, 1–30 Sep 2026');
    expect(second.text).toBe((await direct('top products by units in September 2026')).text);

    const third = await say('by revenue instead', '1764428520.000300', '1764428400.000100');
    expect(third.text.split('\n')[0]).toBe('Top products by revenue, 1–30 Sep 2026');
    const byRevenue = await direct('top products by revenue in September 2026');
    expect(third.text).toBe(byRevenue.text);
    const revenues = byRevenue.table?.rows.map((row) => Number(row[4])) ?? [];
    expect(revenues.length).toBeGreaterThan(1);
    expect([...revenues].sort((a, b) => b - a)).toEqual(revenues);

    const fourth = await say('only phones', '1764428580.000400', '1764428400.000100');
    expect(fourth.text.split('\n')[0]).toBe('Top products by revenue, Smartphones only, 1–30 Sep 2026');
    expect(fourth.text).toBe(
      (await direct('top products by revenue in September 2026, only smartphones')).text,
    );

    // Another thread starts fresh: no context leaks between threads.
    const other = await say('<@W111> by revenue instead', '1764428640.000500');
    expect(other.text.split('\n')[0]).toMatch(/^Which report do you mean \(31 Oct – 29 Nov 2026\)\?/);
  });

  it('asks which report an unclear question means, with buttons that answer in the same thread', async () => {
    const question = await say('<@W111> numbers for last week please', '1764429000.000100');
    expect(question.text).toMatch(/^Which report do you mean \(16–22 Nov 2026\)\?/);
    const buttons = question.blocks.find((b) => b.type === 'actions')?.elements ?? [];
    expect(buttons.map((b) => b.action_id)).toEqual(
      expect.arrayContaining([`${INSIGHT_REPORT_ACTION}_top_products`, `${INSIGHT_REPORT_ACTION}_low_stock`]),
    );
    expect(buttons).toHaveLength(8);
    // No sales summary slipped in as a silent default.
    expect(question.text).not.toMatch(/Revenue/);

    const top = buttons.find((b) => b.action_id === `${INSIGHT_REPORT_ACTION}_top_products`);
    const before = harness.stub.succeeded('chat.postMessage').length;
    const click = fixtureJson<Record<string, unknown>>('block_actions.payload.json');
    click.trigger_id = 'report-click';
    click.message = { ts: '1764429001.000200', thread_ts: '1764429000.000100' };
    click.actions = [{ ...top, type: 'button', block_id: 'insight_reports', action_ts: '1764429010.000300' }];
    await harness.post(`payload=${encodeURIComponent(JSON.stringify(click))}`, {
      contentType: 'application/x-www-form-urlencoded',
      timestamp: NOW.getTime() / 1000,
    });
    await harness.stub.waitFor(() => harness.stub.succeeded('chat.postMessage').length > before);
    const answer = harness.stub.succeeded('chat.postMessage').at(-1)?.params as unknown as Posted;
    expect(answer.thread_ts).toBe('1764429000.000100');
    // The period the unclear question stated is kept.
    expect(answer.text.split('\n')[0]).toBe('Top products by units, 16–22 Nov 2026');
  });
});
