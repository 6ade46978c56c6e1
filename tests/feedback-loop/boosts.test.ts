import fc from 'fast-check';
import { computeBoosts, type ProductStats } from '../../functions/feedback-loop/product-stats';

const stats = (products: ProductStats['products']): ProductStats => ({
  products,
  asOf: '2026-03-02T00:00:00.000Z',
});

/** A store-wide background of 1,000 impressions at 5% click-through and 1% conversion. */
const BACKGROUND = { bg: { i: 1000, c: 50, p: 10 } };

/** Decayed counts of one product; `loose` lets decay and the tracking cap leave clicks without impressions. */
const countsArbitrary = (loose: boolean) =>
  fc
    .record({
      i: fc.double({ min: 0, max: 5000, noNaN: true }),
      ctr: fc.double({ min: 0, max: 1, noNaN: true }),
      cvr: fc.double({ min: 0, max: 1, noNaN: true }),
      extraClicks: loose ? fc.double({ min: 0, max: 5, noNaN: true }) : fc.constant(0),
    })
    .map(({ i, ctr, cvr, extraClicks }) => ({ i, c: i * ctr + extraClicks, p: i * cvr }));
const statsArbitrary = (loose: boolean) =>
  fc
    .dictionary(fc.string({ minLength: 1, maxLength: 6 }), countsArbitrary(loose), { maxKeys: 40 })
    .map(stats);

describe('computeBoosts: ranking boosts from product statistics', () => {
  it('has no boosts without statistics or impressions', () => {
    expect(computeBoosts(undefined)).toEqual({});
    expect(computeBoosts(stats({}))).toEqual({});
    expect(computeBoosts(stats({ p1: { i: 0, c: 0, p: 0 } }))).toEqual({});
  });

  it('turns click-through shrunk toward the store mean (prior of 20 impressions) into a lift, scaled by 0.1', () => {
    // Mean CTR 10/200 = 0.05, no conversions. a: (10 + 20·0.05)/(100 + 20)/0.05 − 1 = 0.8333 → 0.0833.
    expect(computeBoosts(stats({ a: { i: 100, c: 10, p: 0 }, b: { i: 100, c: 0, p: 0 } }))).toEqual({
      a: 0.0833,
      b: -0.0833,
    });
  });

  it('weighs conversion twice as much as click-through', () => {
    // Same relative lift over the mean in clicks for one product and in conversions for the other.
    const boosts = computeBoosts(
      stats({ ...BACKGROUND, clicks: { i: 200, c: 20, p: 2 }, buys: { i: 200, c: 10, p: 4 } }),
    );
    expect(boosts.buys).toBeGreaterThan(boosts.clicks);
    expect(boosts.clicks).toBeGreaterThan(0);
  });

  it('shrinks towards the mean: at the same rates, few impressions get a smaller boost than many', () => {
    const boosts = computeBoosts(
      stats({ ...BACKGROUND, few: { i: 5, c: 2, p: 0.5 }, many: { i: 200, c: 80, p: 20 } }),
    );
    expect(boosts.few).toBeGreaterThan(0);
    expect(boosts.many).toBeGreaterThan(2 * boosts.few);
    // One lucky click on one impression moves little; the same rate sustained rises to the cap.
    const lucky = computeBoosts(stats({ ...BACKGROUND, lucky: { i: 1, c: 1, p: 0 } })).lucky ?? 0;
    const steady = computeBoosts(stats({ ...BACKGROUND, steady: { i: 500, c: 400, p: 100 } })).steady;
    expect(lucky).toBeLessThan(0.05);
    expect(steady).toBeGreaterThan(0.1);
  });

  it('clamps boosts to [−0.1, +0.3] and leaves out those below 0.005 in size', () => {
    const boosts = computeBoosts(
      stats({ ...BACKGROUND, star: { i: 1000, c: 900, p: 500 }, dud: { i: 5000, c: 0, p: 0 } }),
    );
    expect(boosts.star).toBe(0.3);
    expect(boosts.dud).toBeGreaterThanOrEqual(-0.1);
    expect(boosts.dud).toBeLessThan(-0.05);
    // Products at the store's mean rates earn no boost, and are not written at all.
    expect(computeBoosts(stats({ a: { i: 1000, c: 50, p: 10 }, b: { i: 400, c: 20, p: 4 } }))).toEqual({});
    // Two products 10% apart in click-through earn less than 0.005 each way: left out. 11% apart: kept.
    const pair = (c: number) =>
      computeBoosts(stats({ a: { i: 1000, c, p: 0 }, b: { i: 1000, c: 50, p: 0 } }));
    expect(pair(55)).toEqual({});
    expect(pair(55.5)).toEqual({ a: 0.0051, b: -0.0051 });
  });

  it('keeps the 200 largest boosts by size', () => {
    // 300 products above a low store mean, click-through rising with n: the boost rises with n, below the cap.
    const products: ProductStats['products'] = { bg: { i: 100000, c: 500, p: 0 } };
    const id = (n: number) => `p${String(n).padStart(3, '0')}`;
    for (let n = 1; n <= 300; n++) products[id(n)] = { i: 100, c: 1 + n / 500, p: 0 };
    const boosts = computeBoosts(stats(products));
    const expected = Array.from({ length: 200 }, (_, k) => id(101 + k));
    expect(Object.keys(boosts).sort()).toEqual(expected);
    expect(boosts[id(300)]).toBeLessThan(0.3);
    // Ordered by size, largest first.
    expect(Object.keys(boosts)[0]).toBe(id(300));
  });

  it('keeps every boost within bounds, finite, and for a product it knows (property)', () => {
    fc.assert(
      fc.property(statsArbitrary(true), (s) => {
        const boosts = computeBoosts(s);
        expect(Object.keys(boosts).length).toBeLessThanOrEqual(200);
        for (const [id, boost] of Object.entries(boosts)) {
          expect(s.products).toHaveProperty([id]);
          expect(Number.isFinite(boost)).toBe(true);
          expect(boost).toBeGreaterThanOrEqual(-0.1);
          expect(boost).toBeLessThanOrEqual(0.3);
          expect(Math.abs(boost)).toBeGreaterThanOrEqual(0.005);
        }
      }),
    );
  });

  it('never lowers a product’s boost when it gains a click it had an impression for (property)', () => {
    // Where the whole store has more clicks than impressions (mean click-through above 1), the shrinkage
    // prior points the other way and a click can lower a boost; real stores do not get there.
    const withRoom = countsArbitrary(false).filter(({ i, c }) => c + 1 <= i);
    fc.assert(
      fc.property(statsArbitrary(false), withRoom, (s, mine) => {
        const before = computeBoosts(stats({ ...s.products, mine })).mine ?? 0;
        const after = computeBoosts(stats({ ...s.products, mine: { ...mine, c: mine.c + 1 } })).mine ?? 0;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});
