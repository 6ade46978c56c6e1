import fc from 'fast-check';
import {
  foldProductStats,
  PRODUCT_HALF_LIFE_DAYS,
  type ProductStats,
} from '../../functions/feedback-loop/product-stats';
import type { OutcomeEvent } from '../../functions/feedback/outcome-event';
import { event } from '../strategy/simulation-support';
import {
  batchArbitrary,
  shuffledBatchArbitrary,
  DAY,
  iso,
  skOf,
  splitBatchArbitrary,
  T0,
} from './arbitraries';

const HALF_LIFE_MS = PRODUCT_HALF_LIFE_DAYS * DAY;
const shown = (at: number, productIds: string[], id = `s${at}`) =>
  event({ type: 'shown', receivedAt: iso(at), variantId: 'concise', productIds }, id);
const signal = (type: OutcomeEvent['type'], at: number, productId: string | undefined, id = `${type}${at}`) =>
  event({ type, receivedAt: iso(at), variantId: 'concise', productId }, id);
const lastSk = (batch: OutcomeEvent[]) => skOf(batch[batch.length - 1]);
const fold = (stored: ProductStats | undefined, batch: OutcomeEvent[]) =>
  foldProductStats(stored, batch, lastSk(batch));

/** Every product's decayed counts equal within `tolerance` (each fold rounds to 4 decimals). */
function expectClose(actual: ProductStats['products'], expected: ProductStats['products'], tolerance = 3e-4) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [id, e] of Object.entries(expected)) {
    const a = actual[id];
    for (const field of ['i', 'c', 'p'] as const) {
      if (Math.abs(a[field] - e[field]) > tolerance) {
        throw new Error(`${id}.${field}: ${a[field]} is not within ${tolerance} of ${e[field]}`);
      }
    }
  }
}

describe('foldProductStats: time-decayed impressions, clicks and conversions', () => {
  it('counts impressions per shown product, clicks, and conversions (purchase 1, add to cart 0.5)', () => {
    const batch = [
      shown(T0, ['p1', 'p2']),
      shown(T0, ['p1'], 's2'),
      signal('click', T0, 'p1'),
      signal('add_to_cart', T0, 'p1'),
      signal('purchase', T0, 'p2'),
      // Proves nothing (browser-reported), or names no product: neither counts.
      signal('purchase_unverified', T0, 'p1'),
      signal('click', T0, undefined, 'no-product'),
      event({ type: 'feedback', receivedAt: iso(T0), rating: 'up' }, 'fb'),
    ];
    expect(fold(undefined, batch)).toEqual({
      products: { p1: { i: 2, c: 1, p: 0.5 }, p2: { i: 1, c: 0, p: 1 } },
      asOf: iso(T0),
      lastToSk: lastSk(batch),
    });
  });

  it('returns undefined for a batch it already absorbed (toSk at or before lastToSk)', () => {
    const first = [shown(T0, ['p1'])];
    const stored = fold(undefined, first)!;
    expect(foldProductStats(stored, first, lastSk(first))).toBeUndefined();
    expect(
      foldProductStats(stored, [shown(T0 - DAY, ['p9'])], skOf(shown(T0 - DAY, ['p9']))),
    ).toBeUndefined();
    fc.assert(
      fc.property(batchArbitrary(), fc.string(), (batch, suffix) => {
        fc.pre(batch.length > 0);
        const toSk = lastSk(batch);
        const absorbed = { ...stored, lastToSk: toSk + suffix };
        expect(foldProductStats(absorbed, batch, toSk)).toBeUndefined();
      }),
    );
  });

  it('returns undefined when a new batch holds no product signal, leaving the stored statistics as they are', () => {
    const stored = fold(undefined, [shown(T0, ['p1'])])!;
    const noise = [
      event({ type: 'unanswered', receivedAt: iso(T0 + DAY), query: 'gift cards?' }, 'u'),
      signal('purchase_unverified', T0 + DAY, 'p1'),
    ];
    expect(fold(stored, noise)).toBeUndefined();
  });

  it('halves stored statistics every half-life, measured to the batch’s last event', () => {
    const stored: ProductStats = {
      products: { p1: { i: 8, c: 2, p: 1 } },
      asOf: iso(T0),
      lastToSk: `${iso(T0)}#x`,
    };
    const later = fold(stored, [shown(T0 + HALF_LIFE_MS, ['p2'])])!;
    expect(later.asOf).toBe(iso(T0 + HALF_LIFE_MS));
    expect(later.products).toEqual({ p1: { i: 4, c: 1, p: 0.5 }, p2: { i: 1, c: 0, p: 0 } });
    const twoLater = fold(stored, [shown(T0 + 2 * HALF_LIFE_MS, ['p2'])])!;
    expect(twoLater.products.p1).toEqual({ i: 2, c: 0.5, p: 0.25 });
  });

  it('weighs each event in a batch by its age at the batch’s last event', () => {
    const batch = [
      signal('click', T0, 'old'),
      signal('click', T0 + HALF_LIFE_MS, 'mid'),
      signal('click', T0 + 2 * HALF_LIFE_MS, 'new'),
    ];
    const folded = fold(undefined, batch)!;
    expect(folded.products).toEqual({
      old: { i: 0, c: 0.25, p: 0 },
      mid: { i: 0, c: 0.5, p: 0 },
      new: { i: 0, c: 1, p: 0 },
    });
  });

  it('gives identical numbers when re-run later: it decays to the batch’s end, never the wall clock', () => {
    const stored = fold(undefined, [shown(T0, ['p1', 'p2']), signal('click', T0 + 1000, 'p1')])!;
    const batch = [shown(T0 + 3 * DAY, ['p1']), signal('purchase', T0 + 3 * DAY + 5000, 'p1')];
    jest.useFakeTimers({ now: T0 + 3 * DAY + 60_000 });
    try {
      const first = fold(stored, batch);
      jest.setSystemTime(T0 + 400 * DAY);
      expect(fold(stored, batch)).toEqual(first);
      expect(first?.asOf).toBe(iso(T0 + 3 * DAY + 5000));
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the 2,000 products with the most weight (impression 1, click 5, conversion 10)', () => {
    // 2,004 tracked products weighing 1..2,004; the batch adds two: clicked twice (10) and bought once (10).
    const products: ProductStats['products'] = {};
    for (let n = 1; n <= 2004; n++) products[`p${n}`] = { i: n, c: 0, p: 0 };
    const stored: ProductStats = { products, asOf: iso(T0), lastToSk: `${iso(T0)}#0` };
    const batch = [
      signal('click', T0, 'clicked', 'c1'),
      signal('click', T0, 'clicked', 'c2'),
      signal('purchase', T0, 'bought'),
    ];
    const folded = fold(stored, batch)!;
    const kept = Object.keys(folded.products);
    expect(kept).toHaveLength(2000);
    expect(kept).toEqual(expect.arrayContaining(['clicked', 'bought', 'p2004']));
    // Two clicks outweigh 9 impressions; the six lightest products fall out.
    for (const gone of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) expect(folded.products[gone]).toBeUndefined();
    expect(folded.products.p7).toEqual({ i: 7, c: 0, p: 0 });
  });

  it('folds a batch split in two like the whole batch, up to rounding (property)', () => {
    fc.assert(
      fc.property(splitBatchArbitrary, ({ batch, cut }) => {
        const [a, b] = [batch.slice(0, cut), batch.slice(cut)];
        fc.pre(a.length > 0 && b.length > 0);
        const whole = fold(undefined, batch)!;
        const afterA = fold(undefined, a)!;
        const afterB = fold(afterA, b);
        if (afterB) {
          expect(afterB.asOf).toBe(whole.asOf);
          expect(afterB.lastToSk).toBe(whole.lastToSk);
          expectClose(afterB.products, whole.products);
        } else {
          // Nothing in the second half to write: the first half's numbers, decayed to the end, are the whole's.
          const factor = 0.5 ** ((Date.parse(whole.asOf) - Date.parse(afterA.asOf)) / HALF_LIFE_MS);
          const decayed = Object.fromEntries(
            Object.entries(afterA.products).map(([id, s]) => [
              id,
              { i: s.i * factor, c: s.c * factor, p: s.p * factor },
            ]),
          );
          expectClose(decayed, whole.products);
        }
      }),
    );
  });

  it('does not depend on the order of events within a batch that ends at the same time (property)', () => {
    fc.assert(
      fc.property(shuffledBatchArbitrary, ([batch, shuffled]) => {
        fc.pre(batch.length > 0);
        // The event log hands batches over in time order; keep the last one last.
        const last = batch[batch.length - 1];
        const reordered = [...shuffled.filter((e) => e !== last), last];
        const a = fold(undefined, batch)!;
        const b = foldProductStats(undefined, reordered, lastSk(batch))!;
        expect(b.asOf).toBe(a.asOf);
        expectClose(b.products, a.products, 1e-4 + 1e-9);
      }),
    );
  });
});
