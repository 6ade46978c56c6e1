import { strategyCommand } from '../../bin/cli/strategy';
import { strategyKeys } from '../../functions/storage/keys';
import { runAggregation } from '../../functions/feedback-loop/run-aggregation';
import { sharesOf } from '../../functions/strategy/stored-strategy';
import { startTestEnv, type TestEnv } from '../support/test-env';
import {
  countItemsRead,
  endOfHour,
  event,
  HOUR,
  SIM_START,
  simulateHour,
  writeEvents,
} from './simulation-support';

jest.setTimeout(120_000);

const DAY = SIM_START === 0 ? '' : new Date(SIM_START).toISOString().slice(0, 10);

async function metricsOf(env: TestEnv) {
  const rows = await env.services.feedbackLoop.dailyMetrics('demo', DAY, '2026-12-31');
  return rows.sort((a, b) => `${a.day}${a.variantId}`.localeCompare(`${b.day}${b.variantId}`));
}

describe('incremental aggregation', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await startTestEnv({ seedDemo: true });
  });
  afterEach(async () => env.close());

  test('a run with no new events reads a handful of items, whatever the history size', async () => {
    // Prepare: a history of 2,000 events, aggregated.
    await simulateHour(env.services, 0, { concise: 0.3, consultative: 0.3 }, { conversations: 1500 });
    const first = await runAggregation(env.services.feedbackLoopDeps, { now: endOfHour(0) });
    expect(first[0]?.events).toBeGreaterThan(1500);
    const counter = countItemsRead(env.services);

    // Act
    const second = await runAggregation(env.services.feedbackLoopDeps, { now: endOfHour(1) });

    // Assess: the store list, the aggregation state, and an empty event page.
    expect(second[0]?.events).toBe(0);
    expect(counter.items).toBeLessThanOrEqual(3);

    // A few new events cost reads for those events, not for the history.
    await writeEvents(env.services, [
      event(
        {
          type: 'shown',
          receivedAt: new Date(SIM_START + 2 * HOUR).toISOString(),
          variantId: 'concise',
          productIds: ['121'],
        },
        'late1',
      ),
      event(
        {
          type: 'click',
          receivedAt: new Date(SIM_START + 2 * HOUR + 1000).toISOString(),
          variantId: 'concise',
          productId: '121',
        },
        'late2',
      ),
    ]);
    counter.items = 0;
    const third = await runAggregation(env.services.feedbackLoopDeps, { now: endOfHour(2) });
    expect(third[0]?.events).toBe(2);
    expect(counter.items).toBeLessThanOrEqual(10);
  });

  test('the same window aggregated twice gives the same metrics', async () => {
    await simulateHour(env.services, 0, { concise: 0.3, consultative: 0.4 }, { conversations: 200 });
    await runAggregation(env.services.feedbackLoopDeps, { now: endOfHour(0) });
    const once = await metricsOf(env);
    const strategyOnce = await env.services.strategyStore.get('demo');

    // Forget the watermark: the next run reads the very same window again.
    await env.services.table.delete(strategyKeys.aggregationState('demo'));
    await runAggregation(env.services.feedbackLoopDeps, { now: endOfHour(0) });

    expect(await metricsOf(env)).toEqual(once);
    expect((await env.services.strategyStore.get('demo'))?.stats).toEqual(strategyOnce?.stats);
    const shown = once.reduce((sum, m) => sum + m.shown, 0);
    expect(shown).toBe(200);
  });

  test('a run that dies between writing metrics and moving the watermark is resumed without double counting', async () => {
    const { events } = await simulateHour(
      env.services,
      0,
      { concise: 0.3, consultative: 0.4 },
      { conversations: 200 },
    );
    const crash = new Error('killed');
    await expect(
      runAggregation(env.services.feedbackLoopDeps, {
        now: endOfHour(0),
        beforeWatermark: () => {
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
    // More events arrive before the next run.
    await simulateHour(env.services, 1, { concise: 0.3, consultative: 0.4 }, { conversations: 100 });

    const resumed = await runAggregation(env.services.feedbackLoopDeps, { now: endOfHour(1) });

    const metrics = await metricsOf(env);
    expect(metrics.reduce((sum, m) => sum + m.shown, 0)).toBe(300);
    expect(resumed[0]?.events).toBeGreaterThan(events);
    const strategy = await env.services.strategyStore.get('demo');
    const trials = Object.values(strategy?.stats ?? {}).reduce((sum, s) => sum + s.trials, 0);
    expect(trials).toBe(300);
  });

  test('a run folds batch after batch until it catches up', async () => {
    const { events } = await simulateHour(
      env.services,
      0,
      { concise: 0.3, consultative: 0.4 },
      { conversations: 200 },
    );

    const [run] = await runAggregation(env.services.feedbackLoopDeps, { now: endOfHour(0), batchSize: 37 });

    expect(run?.events).toBe(events);
    expect(run?.batches).toBe(Math.ceil(events / 37));
    expect((await metricsOf(env)).reduce((sum, m) => sum + m.shown, 0)).toBe(200);
  });

  test('unanswered questions are counted into the daily metrics of their variant', async () => {
    const at = (s: number) => new Date(SIM_START + s * 1000).toISOString();
    await writeEvents(env.services, [
      event(
        { type: 'unanswered', receivedAt: at(1), variantId: 'concise', query: 'Do you sell gaming chairs?' },
        'u1',
      ),
      event(
        { type: 'unanswered', receivedAt: at(2), variantId: 'concise', query: 'do you sell gaming chairs' },
        'u2',
      ),
      event({ type: 'unanswered', receivedAt: at(3), variantId: 'consultative', query: 'Gift cards?' }, 'u3'),
    ]);

    await runAggregation(env.services.feedbackLoopDeps, { now: endOfHour(0) });

    const metrics = await metricsOf(env);
    expect(metrics.find((m) => m.variantId === 'concise')).toMatchObject({ unanswered: 2, replies: 2 });
  });
});

describe('rollback', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await startTestEnv({ seedDemo: true });
  });
  afterEach(async () => env.close());

  test('a variant that collapses after winning traffic is rolled back, and the history says why', async () => {
    const repository = env.services.strategyStore;
    let hour = 0;
    // Consultative converts better until it wins a first shift...
    for (; hour < 12; hour++) {
      await simulateHour(env.services, hour, { concise: 0.3, consultative: 0.39 }, { seed: 'rollback' });
      await runAggregation(env.services.feedbackLoopDeps, { now: endOfHour(hour) });
      if (
        ((await repository.get('demo'))?.variants.find((v) => v.variant.id === 'consultative')?.share ?? 0) >
        0.5
      )
        break;
    }
    const shifted = await repository.get('demo');
    expect(sharesOf(shifted!).consultative).toBeGreaterThan(0.5);

    // ...then collapses.
    await simulateHour(env.services, hour + 1, { concise: 0.3, consultative: 0.02 }, { seed: 'rollback' });
    const [run] = await runAggregation(env.services.feedbackLoopDeps, { now: endOfHour(hour + 1) });

    expect(run?.decision).toMatch(/^rollback/);
    const history = await repository.history('demo');
    expect(history[0]).toMatchObject({
      kind: 'rollback',
      actor: 'optimizer',
      shares: { concise: 0.5, consultative: 0.5 },
    });
    expect(history[0]?.evidence).toHaveProperty('before');
    expect(history[0]?.evidence).toHaveProperty('after');
    expect(history[1]).toMatchObject({ kind: 'shift' });

    // The merchant sees it.
    const lines: string[] = [];
    const code = await strategyCommand(
      ['show', '--store', 'demo'],
      { out: (s) => lines.push(s), err: () => {} },
      env.services,
    );
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/rollback by optimizer: reward fell/);
  });
});
