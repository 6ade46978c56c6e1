import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../functions/config/config';
import type { OutcomeEvent } from '../../functions/feedback/outcome-event';
import { startLocalServer, type LocalServer } from '../../functions/local/server';
import { runAggregation } from '../../functions/feedback-loop/run-aggregation';
import { pinVariant, resetStrategy } from '../../functions/strategy/strategy-admin';
import type { StrategyRepository } from '../../functions/storage/strategy-repository';
import { event, writeEvents } from './simulation-support';

jest.setTimeout(120_000);

const QUERY = 'I need a cheap smartphone under $300';

describe('the loop closes: after aggregation the web chat uses the new split and boosts', () => {
  let server: LocalServer;
  let repository: StrategyRepository;

  const chat = async (text: string) => {
    const session = (await (
      await fetch(`${server.url}/webchat/demo/sessions`, { method: 'POST', body: '{}' })
    ).json()) as {
      sessionId: string;
      token: string;
    };
    const response = await fetch(`${server.url}/webchat/demo/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ text }),
    });
    expect(response.status).toBe(200);
    const reply = (await response.json()) as { products: { id: string }[] };
    const state = await server.services.conversations.getState('demo', session.sessionId);
    return { productIds: reply.products.map((p) => p.id), variantId: state?.variantId };
  };
  const minutesAgo = (minutes: number, offsetMs = 0) =>
    new Date(Date.now() - minutes * 60_000 + offsetMs).toISOString();

  beforeAll(async () => {
    const config = loadConfig({
      SHOPGUIDE_RUNTIME: 'test',
      LOG_LEVEL: 'SILENT',
      PORT: '0',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sg-loop-')),
      WEBCHAT_RATE_LIMIT_PER_MINUTE: '1000',
      AGGREGATE_INTERVAL_MINUTES: '0',
    });
    server = await startLocalServer({ config });
    repository = server.services.strategyStore;
  });
  afterAll(async () => server.close());

  test('a product shoppers click and buy ranks higher for the next shopper', async () => {
    // Prepare: one variant for everyone, so only the boosts change the ranking.
    await pinVariant(repository, 'demo', 'concise', new Date());
    await runAggregation(server.services.feedbackLoopDeps, { now: new Date() });
    const before = await chat(QUERY);
    expect(before.productIds.length).toBeGreaterThanOrEqual(2);
    const target = before.productIds[before.productIds.length - 1];
    const events: OutcomeEvent[] = [];
    for (let i = 0; i < 200; i++) {
      const base = { conversationId: `b${i}`, replyId: `rb${i}`, variantId: 'concise' };
      events.push(
        event(
          { ...base, type: 'shown', receivedAt: minutesAgo(40, i), productIds: before.productIds },
          `bs${i}`,
        ),
      );
      if (i % 3 === 0)
        events.push(
          event({ ...base, type: 'click', receivedAt: minutesAgo(39, i), productId: target }, `bc${i}`),
        );
      if (i % 6 === 0)
        events.push(
          event({ ...base, type: 'purchase', receivedAt: minutesAgo(38, i), productId: target }, `bp${i}`),
        );
    }
    await writeEvents(server.services, events);

    // Act
    await runAggregation(server.services.feedbackLoopDeps, { now: new Date() });
    const after = await chat(QUERY);

    // Assess
    const strategy = await repository.get('demo');
    expect(strategy?.boosts[target]).toBeGreaterThan(0);
    expect(after.productIds.indexOf(target)).toBeGreaterThanOrEqual(0);
    expect(after.productIds.indexOf(target)).toBeLessThan(before.productIds.indexOf(target));
  });

  test('new conversations land on the variant that wins', async () => {
    // Prepare: unpinned, even split; consultative replies convert far better.
    await resetStrategy(repository, 'demo', new Date());
    const events: OutcomeEvent[] = [];
    for (let i = 0; i < 1200; i++) {
      const variantId = i % 2 === 0 ? 'concise' : 'consultative';
      const base = { conversationId: `w${i}`, replyId: `rw${i}`, variantId };
      events.push(
        event({ ...base, type: 'shown', receivedAt: minutesAgo(20, i), productIds: ['121'] }, `ws${i}`),
      );
      const converts = variantId === 'consultative' ? i % 5 < 2 : i % 10 === 0;
      if (converts)
        events.push(
          event({ ...base, type: 'purchase', receivedAt: minutesAgo(19, i), productId: '121' }, `wp${i}`),
        );
    }
    await writeEvents(server.services, events);

    // Act: one run, allowed to move 40 points at once. (Sessions are limited to 30 a minute per address.)
    const [run] = await runAggregation(server.services.feedbackLoopDeps, {
      now: new Date(),
      guardrails: { maxShift: 0.4 },
    });
    const variants: (string | undefined)[] = [];
    for (let i = 0; i < 25; i++) variants.push((await chat('hello')).variantId);

    // Assess
    expect(run?.shares.consultative).toBeCloseTo(0.9, 6);
    expect(variants.filter((v) => v === 'consultative').length).toBeGreaterThanOrEqual(15);
  });
});
