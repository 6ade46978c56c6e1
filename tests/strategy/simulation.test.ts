import { runAggregation } from '../../functions/feedback-loop/run-aggregation';
import { sharesOf } from '../../functions/strategy/stored-strategy';
import { startTestEnv, type TestEnv } from '../support/test-env';
import { endOfHour, simulateHour } from './simulation-support';

const HOURS = 12;

async function simulate(env: TestEnv, conversion: Record<string, number>, seed: string) {
  const repository = env.services.strategyStore;
  const splits: Record<string, number>[] = [];
  for (let hour = 0; hour < HOURS; hour++) {
    await simulateHour(env.services, hour, conversion, { seed });
    await runAggregation(env.services.feedbackLoopDeps, { storeId: 'demo', now: endOfHour(hour) });
    splits.push(sharesOf(await repository.getOrDefault('demo', endOfHour(hour))));
  }
  return { splits, history: await repository.history('demo', 50) };
}

jest.setTimeout(120_000);

describe('simulated shoppers drive the traffic split', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await startTestEnv({ seedDemo: true });
  });
  afterEach(async () => env.close());

  test('a variant that truly converts 30% better ends with at least 80% of traffic, never starving the other', async () => {
    // Prepare: consultative (B) converts 30% better than concise (A).
    const conversion = { concise: 0.3, consultative: 0.39 };

    // Act
    const { splits, history } = await simulate(env, conversion, 'better');

    // Assess
    const final = splits[splits.length - 1] ?? {};
    expect(final.consultative).toBeGreaterThanOrEqual(0.8);
    for (const split of splits) {
      expect(split.concise).toBeGreaterThanOrEqual(0.1 - 1e-9);
      expect(split.consultative).toBeGreaterThanOrEqual(0.1 - 1e-9);
    }
    for (let i = 1; i < splits.length; i++) {
      const moved = Math.abs((splits[i]?.consultative ?? 0) - (splits[i - 1]?.consultative ?? 0));
      expect(moved).toBeLessThanOrEqual(0.2 + 1e-9);
    }
    const shifts = history.filter((h) => h.kind === 'shift');
    expect(shifts.length).toBeGreaterThanOrEqual(2);
    expect(shifts[0]?.reason).toMatch(/consultative is best/);
    expect(shifts[0]?.evidence).toHaveProperty('pBest');
  });

  test('equal variants keep a near-even split', async () => {
    const { splits, history } = await simulate(env, { concise: 0.3, consultative: 0.3 }, 'even');

    for (const split of splits) {
      expect(split.concise).toBeGreaterThanOrEqual(0.35);
      expect(split.concise).toBeLessThanOrEqual(0.65);
    }
    expect(history.filter((h) => h.kind === 'shift')).toHaveLength(0);
  });
});
