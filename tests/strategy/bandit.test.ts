import {
  addArms,
  armStatsOf,
  createPrng,
  decide,
  emptyArm,
  limitShift,
  withFloor,
  type ArmStats,
  type LastChange,
} from '../../functions/strategy/bandit';

const arm = (trials: number, rate: number): ArmStats => ({
  trials,
  successes: trials * rate,
  failures: trials * (1 - rate),
});

/** Hourly batches of shoppers against the optimiser alone (no storage): fast enough to try many seeds. */
function simulate(seed: number, rates: Record<string, number>, hours = 12, perHour = 400) {
  const random = createPrng(seed);
  let shares: Record<string, number> = { A: 0.5, B: 0.5 };
  let stats: Record<string, ArmStats> = {};
  let sinceChange = emptyArm();
  let lastChange: LastChange | undefined;
  let minB = 0.5;
  let maxB = 0.5;
  for (let hour = 0; hour < hours; hour++) {
    for (let i = 0; i < perHour; i++) {
      const variant = random() < (shares.A ?? 0) ? 'A' : 'B';
      const converted = random() < (rates[variant] ?? 0) ? 1 : 0;
      const trial = { trials: 1, successes: converted, failures: 1 - converted };
      stats[variant] = addArms(stats[variant] ?? emptyArm(), trial);
      sinceChange = addArms(sinceChange, trial);
    }
    const decision = decide({
      shares,
      stats,
      sinceChange,
      lastChange,
      random: createPrng(`${seed}|${hour}`),
      guardrails: { draws: 1000 },
    });
    if (decision.kind !== 'hold') {
      lastChange = {
        version: hour,
        at: '',
        kind: decision.kind,
        previousShares: shares,
        baseline: sinceChange,
      };
      sinceChange = emptyArm();
      shares = decision.shares;
      if (decision.kind === 'rollback') stats = {};
    }
    minB = Math.min(minB, shares.B ?? 0);
    maxB = Math.max(maxB, shares.B ?? 0);
  }
  return { shares, minB, maxB };
}

jest.setTimeout(120_000);

describe('the optimiser', () => {
  test('the reward weighs a purchase over a click, and a thumbs-down or handoff as an extra failure', () => {
    expect(
      armStatsOf({ replies: 10, purchase: 1, addToCart: 2, click: 5, up: 1, down: 0, handoff: 0 }),
    ).toEqual({
      trials: 10,
      successes: 3.6,
      failures: 6.4,
    });
    expect(
      armStatsOf({ replies: 4, purchase: 0, addToCart: 0, click: 0, up: 0, down: 1, handoff: 2 }),
    ).toEqual({
      trials: 4,
      successes: 0,
      failures: 7,
    });
  });

  test('the exploration floor and the maximum shift bound every split', () => {
    expect(withFloor({ A: 0, B: 1 }, 0.1)).toEqual({ A: 0.1, B: 0.9 });
    expect(limitShift({ A: 0.5, B: 0.5 }, { A: 0.1, B: 0.9 }, 0.2)).toEqual({ A: 0.3, B: 0.7 });
    const three = limitShift({ A: 0.34, B: 0.33, C: 0.33 }, { A: 0.8, B: 0.1, C: 0.1 }, 0.2);
    expect(Object.values(three).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    expect(three.A).toBeCloseTo(0.54, 6);
  });

  test('nothing shifts before every variant has the minimum samples', () => {
    const decision = decide({
      shares: { A: 0.5, B: 0.5 },
      stats: { A: arm(150, 0.1), B: arm(150, 0.5) },
      sinceChange: arm(300, 0.3),
      random: createPrng(1),
    });
    expect(decision).toMatchObject({ kind: 'hold', reason: expect.stringMatching(/collecting samples/) });
  });

  test('a pinned variant holds the split whatever the evidence', () => {
    const decision = decide({
      shares: { A: 0.5, B: 0.5 },
      stats: { A: arm(5000, 0.1), B: arm(5000, 0.5) },
      sinceChange: arm(10000, 0.3),
      pinnedVariantId: 'A',
      random: createPrng(1),
    });
    expect(decision.kind).toBe('hold');
  });

  test('a change after which the reward drops significantly is rolled back to the previous split', () => {
    const decision = decide({
      shares: { A: 0.3, B: 0.7 },
      stats: { A: arm(1000, 0.3), B: arm(1000, 0.39) },
      sinceChange: arm(400, 0.1),
      lastChange: {
        version: 3,
        at: '',
        kind: 'shift',
        previousShares: { A: 0.5, B: 0.5 },
        baseline: arm(2000, 0.34),
      },
      random: createPrng(1),
    });
    expect(decision).toMatchObject({ kind: 'rollback', shares: { A: 0.5, B: 0.5 } });
    expect(decision.reason).toMatch(/reward fell/);
  });

  test('across 25 seeds a 30% better variant wins at least 80% of traffic in 12 hourly runs, and equal ones stay near even', () => {
    let won = 0;
    let drifted = 0;
    for (let seed = 0; seed < 25; seed++) {
      const better = simulate(seed, { A: 0.3, B: 0.39 });
      if ((better.shares.B ?? 0) >= 0.8) won++;
      expect(better.minB).toBeGreaterThanOrEqual(0.1 - 1e-9);
      expect(better.maxB).toBeLessThanOrEqual(0.9 + 1e-9);
      const equal = simulate(seed + 10_000, { A: 0.3, B: 0.3 });
      if (equal.minB < 0.35 || equal.maxB > 0.65) drifted++;
    }
    expect(won).toBeGreaterThanOrEqual(23);
    expect(drifted).toBeLessThanOrEqual(1);
  });
});
