import { runAggregation } from '../../functions/feedback-loop/run-aggregation';
import { startTestEnv, type TestEnv } from '../support/test-env';

describe('idempotent outcome events', () => {
  let env: TestEnv;
  let clock = new Date('2026-03-02T10:00:00.000Z');
  beforeEach(async () => {
    clock = new Date('2026-03-02T10:00:00.000Z');
    env = await startTestEnv({ seedDemo: true, overrides: { now: () => clock } });
  });
  afterEach(async () => env.close());

  test('the same thumbs-up sent 3 times is stored and counted once', async () => {
    // Prepare
    const context = {
      storeId: 'demo',
      conversationId: 'c1',
      channel: 'webchat' as const,
      variantId: 'concise',
    };
    const input = { replyId: 'r_1', rating: 'up' };

    // Act: a client retrying, seconds apart.
    const results = [];
    for (let i = 0; i < 3; i++) {
      results.push((await env.services.feedback.recordFeedback(context, input)).recorded);
      clock = new Date(clock.getTime() + 2000);
    }
    await env.services.feedback.recordOutcome(context, { type: 'click', productId: '121', replyId: 'r_1' });
    await env.services.feedback.recordOutcome(context, { type: 'click', productId: '121', replyId: 'r_1' });
    await runAggregation(env.services.feedbackLoopDeps, { now: new Date(clock.getTime() + 10 * 60_000) });

    // Assess
    expect(results).toEqual([true, false, false]);
    const [metrics] = await env.services.feedbackLoop.dailyMetrics('demo', '2026-03-02', '2026-03-02');
    expect(metrics).toMatchObject({ variantId: 'concise', up: 1, click: 1 });
  });
});
