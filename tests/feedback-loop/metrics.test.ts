import fc from 'fast-check';
import {
  COUNT_FIELDS,
  emptyCounts,
  foldMetrics,
  foldVariantCounts,
  metricRates,
  type MetricCounts,
} from '../../functions/feedback-loop/metrics';
import type { OutcomeEvent } from '../../functions/feedback/outcome-event';
import { event } from '../strategy/simulation-support';
import { batchArbitrary, shuffledBatchArbitrary, splitBatchArbitrary } from './arbitraries';

const AT = '2026-03-02T10:00:00.000Z';
const counts = (fields: Partial<MetricCounts>): MetricCounts => ({ ...emptyCounts(), ...fields });

/** `foldMetrics` as a plain object keyed `day#variant`, for comparisons. */
const byKey = (batch: OutcomeEvent[]) =>
  Object.fromEntries([...foldMetrics(batch)].map(([key, bucket]) => [key, bucket.counts]));

/** Adds count maps key by key, dropping keys whose counts all cancel out. */
function addCountMaps(...maps: Record<string, MetricCounts>[]): Record<string, MetricCounts> {
  const sum: Record<string, MetricCounts> = {};
  for (const map of maps) {
    for (const [key, c] of Object.entries(map)) {
      const into = (sum[key] ??= emptyCounts());
      for (const field of COUNT_FIELDS) into[field] += c[field];
    }
  }
  return sum;
}

describe('foldMetrics: per-day, per-variant count deltas', () => {
  it('counts each signal in its field; replies are the shown, unanswered and handoff replies', () => {
    const batch = [
      event({ type: 'shown', receivedAt: AT, variantId: 'concise', productIds: ['p1', 'p2'] }, 'a'),
      event({ type: 'shown', receivedAt: AT, variantId: 'concise', productIds: ['p3'] }, 'b'),
      event({ type: 'unanswered', receivedAt: AT, variantId: 'concise', query: 'gift cards?' }, 'c'),
      event({ type: 'handoff', receivedAt: AT, variantId: 'concise' }, 'd'),
      event({ type: 'click', receivedAt: AT, variantId: 'concise', productId: 'p1' }, 'e'),
      event({ type: 'add_to_cart', receivedAt: AT, variantId: 'concise', productId: 'p1' }, 'f'),
      event({ type: 'purchase', receivedAt: AT, variantId: 'concise', productId: 'p1' }, 'g'),
      event({ type: 'feedback', receivedAt: AT, variantId: 'concise', rating: 'up' }, 'h'),
      event({ type: 'feedback', receivedAt: AT, variantId: 'concise', rating: 'down' }, 'i'),
    ];
    expect(byKey(batch)).toEqual({
      '2026-03-02#concise': counts({
        replies: 4,
        shown: 2,
        unanswered: 1,
        handoff: 1,
        click: 1,
        addToCart: 1,
        purchase: 1,
        up: 1,
        down: 1,
      }),
    });
  });

  it('ignores signals that prove nothing or are not replies: unverified purchases, FAQ answers, handoff transitions', () => {
    const batch = [
      event({ type: 'purchase_unverified', receivedAt: AT, variantId: 'concise', productId: 'p1' }, 'a'),
      event({ type: 'faq_answered', receivedAt: AT, variantId: 'concise', entryId: 'faq1' }, 'b'),
      event({ type: 'handoff_requested', receivedAt: AT, variantId: 'concise' }, 'c'),
      event({ type: 'handoff_claimed', receivedAt: AT, variantId: 'concise' }, 'd'),
    ];
    expect(byKey(batch)).toEqual({ '2026-03-02#concise': emptyCounts() });
  });

  it('buckets by the UTC day the event was received (not when it occurred), and by variant', () => {
    const batch = [
      event({ type: 'shown', receivedAt: '2026-03-02T23:59:59.999Z', variantId: 'concise' }, 'a'),
      event({ type: 'shown', receivedAt: '2026-03-03T00:00:00.000Z', variantId: 'concise' }, 'b'),
      // Occurred the evening before, arrived after midnight: it counts on the day it arrived.
      event(
        {
          type: 'click',
          occurredAt: '2026-03-02T23:58:00.000Z',
          receivedAt: '2026-03-03T00:00:01.000Z',
          variantId: 'consultative',
          productId: 'p1',
        },
        'c',
      ),
      event({ type: 'unanswered', receivedAt: '2026-03-03T08:00:00.000Z' }, 'd'),
    ];
    const buckets = foldMetrics(batch);
    expect([...buckets.keys()].sort()).toEqual([
      '2026-03-02#concise',
      '2026-03-03#concise',
      '2026-03-03#consultative',
      '2026-03-03#unassigned',
    ]);
    expect(buckets.get('2026-03-03#consultative')).toEqual({
      day: '2026-03-03',
      variantId: 'consultative',
      counts: counts({ click: 1 }),
    });
    expect(buckets.get('2026-03-03#unassigned')?.counts).toEqual(counts({ replies: 1, unanswered: 1 }));
  });

  it('lets the last rating of a reply win: a change takes back the rating it replaces', () => {
    const up = event({ type: 'feedback', receivedAt: AT, variantId: 'concise', rating: 'up' }, 'r1-up');
    const changed = event(
      { type: 'feedback', receivedAt: AT, variantId: 'concise', rating: 'down', replaces: 'up' },
      'r1-down',
    );
    expect(byKey([up, changed])['2026-03-02#concise']).toEqual(counts({ down: 1 }));
    // Changed on a later day: that day's delta takes it back, so any period containing both days sums right.
    const nextDay = { ...changed, receivedAt: '2026-03-03T09:00:00.000Z' };
    const folded = byKey([up, nextDay]);
    expect(folded['2026-03-03#concise']).toEqual(counts({ up: -1, down: 1 }));
    expect(addCountMaps({ x: folded['2026-03-02#concise'] }, { x: folded['2026-03-03#concise'] })).toEqual({
      x: counts({ down: 1 }),
    });
  });

  it('folds a batch split in two into the same totals as the whole batch (property)', () => {
    fc.assert(
      fc.property(splitBatchArbitrary, ({ batch, cut }) => {
        const parts = addCountMaps(byKey(batch.slice(0, cut)), byKey(batch.slice(cut)));
        expect(parts).toEqual(byKey(batch));
      }),
    );
  });

  it('does not depend on the order of the events (property)', () => {
    fc.assert(
      fc.property(shuffledBatchArbitrary, ([batch, shuffled]) => {
        expect(byKey(shuffled)).toEqual(byKey(batch));
      }),
    );
  });

  it('keeps replies equal to shown + unanswered + handoff and counts every reply once (property)', () => {
    fc.assert(
      fc.property(batchArbitrary(), (batch) => {
        const replyEvents = batch.filter((e) => ['shown', 'unanswered', 'handoff'].includes(e.type));
        let replies = 0;
        for (const { counts: c } of foldMetrics(batch).values()) {
          expect(c.replies).toBe(c.shown + c.unanswered + c.handoff);
          replies += c.replies;
        }
        expect(replies).toBe(replyEvents.length);
      }),
    );
  });
});

describe('foldVariantCounts: what the strategy absorbs', () => {
  it('sums a variant over all the days of the batch', () => {
    const batch = [
      event({ type: 'shown', receivedAt: '2026-03-02T23:00:00.000Z', variantId: 'concise' }, 'a'),
      event({ type: 'shown', receivedAt: '2026-03-03T01:00:00.000Z', variantId: 'concise' }, 'b'),
      event(
        { type: 'purchase', receivedAt: '2026-03-03T02:00:00.000Z', variantId: 'concise', productId: 'p' },
        'c',
      ),
      event({ type: 'handoff', receivedAt: '2026-03-03T02:00:00.000Z', variantId: 'consultative' }, 'd'),
    ];
    expect(Object.fromEntries(foldVariantCounts(batch))).toEqual({
      concise: counts({ replies: 2, shown: 2, purchase: 1 }),
      consultative: counts({ replies: 1, handoff: 1 }),
    });
  });

  it('equals the per-day buckets summed over days (property)', () => {
    fc.assert(
      fc.property(batchArbitrary(), (batch) => {
        const perVariant = Object.fromEntries(foldVariantCounts(batch));
        const fromDays = addCountMaps(
          ...[...foldMetrics(batch).values()].map((b) => ({ [b.variantId]: b.counts })),
        );
        expect(perVariant).toEqual(fromDays);
      }),
    );
  });
});

describe('metricRates', () => {
  it('derives the rates from counts, rounded to 4 decimals', () => {
    expect(
      metricRates(
        counts({ replies: 3, shown: 3, unanswered: 1, handoff: 1, up: 2, down: 1, click: 1, purchase: 2 }),
      ),
    ).toEqual({ csat: 0.6667, ctr: 0.3333, conversion: 0.6667, handoffRate: 0.3333, unansweredRate: 0.3333 });
  });

  it('leaves a rate undefined when there is nothing to divide by, rather than 0 or NaN', () => {
    expect(metricRates(emptyCounts())).toEqual({
      csat: undefined,
      ctr: undefined,
      conversion: undefined,
      handoffRate: undefined,
      unansweredRate: undefined,
    });
    expect(metricRates(counts({ click: 4 })).ctr).toBeUndefined();
    expect(metricRates(counts({ down: 2 })).csat).toBe(0);
  });
});
