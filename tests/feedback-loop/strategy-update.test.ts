import fc from 'fast-check';
import { emptyCounts, foldVariantCounts, type MetricCounts } from '../../functions/feedback-loop/metrics';
import { computeBoosts, type ProductStats } from '../../functions/feedback-loop/product-stats';
import { strategyChangeFor, type StrategyBatch } from '../../functions/feedback-loop/strategy-update';
import type { OutcomeEvent } from '../../functions/feedback/outcome-event';
import { emptyArm, type ArmStats } from '../../functions/strategy/bandit';
import {
  defaultStoredStrategy,
  sharesOf,
  type StoredStrategy,
} from '../../functions/strategy/stored-strategy';
import { event } from '../strategy/simulation-support';
import { iso, MINUTE, skOf, T0 } from './arbitraries';

const NOW = new Date(T0 + 3 * 3600_000);
const counts = (fields: Partial<MetricCounts>): MetricCounts => ({ ...emptyCounts(), ...fields });
const PRODUCTS: ProductStats = {
  products: { p1: { i: 100, c: 20, p: 5 }, p2: { i: 100, c: 0, p: 0 } },
  asOf: iso(T0),
};

function batchOf(deltas: Record<string, MetricCounts>, fields: Partial<StrategyBatch> = {}): StrategyBatch {
  return {
    storeId: 'demo',
    toSk: `${iso(T0 + 3600_000)}#e1`,
    deltas: new Map(Object.entries(deltas)),
    products: PRODUCTS,
    now: NOW,
    decideNow: false,
    ...fields,
  };
}

/** Applies a change the way `StrategyStore.update` does, failing when it declines. */
function apply(current: StoredStrategy, batch: StrategyBatch, onDecision?: (d: string) => void) {
  const result = strategyChangeFor(batch, onDecision)(current);
  if (!result) throw new Error('the change declined the batch');
  return result;
}

/** Trials at a conversion rate: `replies` shown replies of which `rate` bought. */
const trials = (replies: number, rate: number) =>
  counts({ replies, shown: replies, purchase: Math.round(replies * rate) });

describe('strategyChangeFor: the strategy after a batch', () => {
  it('declines a batch the strategy already absorbed (toSk at or before appliedToSk)', () => {
    const batch = batchOf({ concise: trials(10, 0.1) });
    const current = { ...defaultStoredStrategy('demo', NOW), appliedToSk: batch.toSk };
    expect(strategyChangeFor(batch)(current)).toBeUndefined();
    expect(strategyChangeFor(batch)({ ...current, appliedToSk: `${batch.toSk}z` })).toBeUndefined();
    expect(strategyChangeFor(batch)({ ...current, appliedToSk: `${iso(T0)}#e0` })).toBeDefined();
  });

  it('learns without deciding: known variants absorb their reward, the store absorbs all of it', () => {
    const current = defaultStoredStrategy('demo', new Date(T0));
    const decisions: string[] = [];
    const { next, entry } = apply(
      current,
      batchOf({
        concise: counts({ replies: 10, shown: 10, purchase: 2, click: 5 }),
        consultative: counts({ replies: 4, shown: 3, handoff: 1, down: 1 }),
        // Not a variant of this strategy (e.g. retired): it only counts store-wide.
        unassigned: counts({ replies: 6, shown: 6, addToCart: 2 }),
      }),
      (d) => decisions.push(d),
    );
    expect(entry).toBeUndefined();
    expect(decisions).toEqual([]);
    expect(next.stats).toEqual({
      concise: { trials: 10, successes: 3, failures: 7 },
      consultative: { trials: 4, successes: 0, failures: 6 },
    });
    expect(next.sinceChange).toEqual({ trials: 20, successes: 4, failures: 18 });
    expect(next).toMatchObject({ appliedToSk: `${iso(T0 + 3600_000)}#e1`, updatedAt: NOW.toISOString() });
    expect(next.version).toBe(current.version);
    expect(sharesOf(next)).toEqual(sharesOf(current));
    expect(next.boosts).toEqual(computeBoosts(PRODUCTS));
    expect(Object.keys(next.boosts)).toEqual(expect.arrayContaining(['p1', 'p2']));
  });

  it('leaves the strategy it was given untouched, so a retried change computes the same result', () => {
    const current = defaultStoredStrategy('demo', new Date(T0));
    current.stats = { concise: { trials: 5, successes: 1, failures: 4 } };
    const before = structuredClone(current);
    const change = strategyChangeFor(batchOf({ concise: trials(10, 0.2) }));
    const first = change(current);
    expect(current).toEqual(before);
    expect(change(current)).toEqual(first);
    expect(first?.next.stats.concise).toEqual({ trials: 15, successes: 3, failures: 12 });
  });

  it('holds while variants collect samples, and says so', () => {
    const decisions: string[] = [];
    const { next, entry } = apply(
      defaultStoredStrategy('demo', new Date(T0)),
      batchOf({ concise: trials(250, 0.3), consultative: trials(50, 0.1) }, { decideNow: true }),
      (d) => decisions.push(d),
    );
    expect(decisions).toEqual([expect.stringMatching(/^hold: collecting samples: consultative 50\/200/)]);
    expect(entry).toBeUndefined();
    expect(sharesOf(next)).toEqual({ concise: 0.5, consultative: 0.5 });
    expect(next.stats.consultative?.trials).toBe(50);
  });

  it('shifts toward a clearly better variant, within the maximum shift, and records why', () => {
    const current = defaultStoredStrategy('demo', new Date(T0));
    const batch = batchOf({ concise: trials(600, 0.1), consultative: trials(600, 0.3) }, { decideNow: true });
    const decisions: string[] = [];
    const { next, entry } = apply(current, batch, (d) => decisions.push(d));
    expect(decisions).toEqual([expect.stringMatching(/^shift: consultative is best/)]);
    const shares = sharesOf(next);
    expect(shares.consultative).toBeCloseTo(0.7, 6);
    expect(shares.concise).toBeCloseTo(0.3, 6);
    expect(next.lastChange).toEqual({
      version: current.version + 1,
      at: NOW.toISOString(),
      kind: 'shift',
      previousShares: { concise: 0.5, consultative: 0.5 },
      baseline: { trials: 1200, successes: 240, failures: 960 },
    });
    // The change is judged on what comes after it; the per-variant statistics keep accumulating.
    expect(next.sinceChange).toEqual(emptyArm());
    expect(next.stats.consultative).toEqual({ trials: 600, successes: 180, failures: 420 });
    expect(entry).toMatchObject({
      kind: 'shift',
      actor: 'optimizer',
      shares,
      previousShares: sharesOf(current),
    });
    // Seeded by store and batch: deciding the same batch again decides the same way.
    expect(apply(current, batch).next).toEqual(next);
  });

  it('gives a fresh shift time to be judged before the next decision', () => {
    const shifted = apply(
      defaultStoredStrategy('demo', new Date(T0)),
      batchOf({ concise: trials(600, 0.1), consultative: trials(600, 0.3) }, { decideNow: true }),
    ).next;
    const decisions: string[] = [];
    const later = batchOf(
      { concise: trials(30, 0.1), consultative: trials(70, 0.3) },
      { decideNow: true, toSk: `${iso(T0 + 2 * 3600_000)}#e2` },
    );
    const { next, entry } = apply(shifted, later, (d) => decisions.push(d));
    expect(decisions).toEqual([
      expect.stringMatching(/^hold: judging the change of version 1: 100\/200 trials/),
    ]);
    expect(entry).toBeUndefined();
    expect(sharesOf(next)).toEqual(sharesOf(shifted));
    expect(next.sinceChange.trials).toBe(100);
  });

  it('rolls a shift back when the store’s reward collapsed after it, and learns afresh', () => {
    const baseline: ArmStats = { trials: 1000, successes: 300, failures: 700 };
    const current: StoredStrategy = {
      ...defaultStoredStrategy('demo', new Date(T0)),
      version: 3,
      variants: defaultStoredStrategy('demo', new Date(T0)).variants.map((v) => ({
        ...v,
        share: v.variant.id === 'concise' ? 0.7 : 0.3,
      })),
      stats: { concise: { trials: 900, successes: 270, failures: 630 } },
      lastChange: {
        version: 3,
        at: iso(T0),
        kind: 'shift',
        previousShares: { concise: 0.5, consultative: 0.5 },
        baseline,
      },
    };
    const { next, entry } = apply(
      current,
      batchOf({ concise: trials(210, 0.05), consultative: trials(90, 0.05) }, { decideNow: true }),
    );
    expect(entry).toMatchObject({ kind: 'rollback', shares: { concise: 0.5, consultative: 0.5 } });
    expect(sharesOf(next)).toEqual({ concise: 0.5, consultative: 0.5 });
    expect(next.stats).toEqual({});
    expect(next.sinceChange).toEqual(emptyArm());
    expect(next.lastChange).toMatchObject({ version: 4, kind: 'rollback', baseline: { trials: 300 } });
  });

  it('holds a pinned split whatever the evidence', () => {
    const current = { ...defaultStoredStrategy('demo', new Date(T0)), pinnedVariantId: 'concise' };
    const decisions: string[] = [];
    const { next, entry } = apply(
      current,
      batchOf({ concise: trials(600, 0.1), consultative: trials(600, 0.3) }, { decideNow: true }),
      (d) => decisions.push(d),
    );
    expect(decisions).toEqual(['hold: pinned to concise by the merchant']);
    expect(entry).toBeUndefined();
    expect(sharesOf(next)).toEqual(sharesOf(current));
  });
});

/**
 * Shoppers' replies and what followed each: at most one outcome per reply, after it (a reply earns at most
 * the weight of one purchase, as the reward caps at the trials).
 */
const causalEventsArbitrary = fc
  .array(
    fc.record({
      type: fc.constantFrom('shown' as const, 'unanswered' as const, 'handoff' as const),
      variantId: fc.constantFrom('concise', 'consultative', 'retired'),
      minute: fc.integer({ min: 0, max: 600 }),
      outcome: fc.constantFrom(undefined, 'click', 'add_to_cart', 'purchase', 'up', 'down'),
      delay: fc.integer({ min: 1, max: 240 }),
    }),
    { maxLength: 40 },
  )
  .map((replies) => {
    const events: OutcomeEvent[] = [];
    replies.forEach(({ type, variantId, minute, outcome, delay }, n) => {
      const replyId = `r${String(n).padStart(3, '0')}`;
      events.push(event({ type, variantId, replyId, receivedAt: iso(T0 + minute * MINUTE) }, replyId));
      if (!outcome) return;
      const at = iso(T0 + (minute + delay) * MINUTE);
      const rated = outcome === 'up' || outcome === 'down';
      const fields = rated
        ? { type: 'feedback' as const, rating: outcome }
        : { type: outcome as OutcomeEvent['type'], productId: 'p1' };
      events.push(event({ ...fields, variantId, replyId, receivedAt: at }, `${replyId}-${outcome}`));
    });
    return events.sort((a, b) => skOf(a).localeCompare(skOf(b)));
  });

describe('strategyChangeFor over consecutive batches (property)', () => {
  it('learns the same statistics from a window split into two batches as from the whole window', () => {
    const learn = (current: StoredStrategy, events: OutcomeEvent[]) =>
      events.length === 0
        ? current
        : apply(
            current,
            batchOf(Object.fromEntries(foldVariantCounts(events)), {
              toSk: skOf(events[events.length - 1]),
              products: undefined,
            }),
          ).next;
    const close = (a: ArmStats | undefined, b: ArmStats | undefined) => {
      expect(a?.trials).toBe(b?.trials);
      expect(a?.successes ?? 0).toBeCloseTo(b?.successes ?? 0, 5);
      expect(a?.failures ?? 0).toBeCloseTo(b?.failures ?? 0, 5);
    };
    fc.assert(
      fc.property(
        causalEventsArbitrary.chain((events) =>
          fc.tuple(fc.constant(events), fc.integer({ min: 0, max: events.length })),
        ),
        ([events, cut]) => {
          const start = defaultStoredStrategy('demo', new Date(T0));
          const whole = learn(start, events);
          const split = learn(learn(start, events.slice(0, cut)), events.slice(cut));
          close(split.sinceChange, whole.sinceChange);
          for (const id of ['concise', 'consultative']) close(split.stats[id], whole.stats[id]);
        },
      ),
    );
  });
});
