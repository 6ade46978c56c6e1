import type { OutcomeEvent } from '../feedback/outcome-event';

/** Half-life of product statistics. */
export const PRODUCT_HALF_LIFE_DAYS = 14;
/** Prior strength (in impressions) that shrinks each product toward the store's mean rates. */
export const SHRINKAGE_IMPRESSIONS = 20;
const MAX_TRACKED_PRODUCTS = 2000;
const MAX_BOOSTS = 200;

export interface ProductStats {
  /** Decayed impressions, clicks and conversions (purchase 1, add to cart 0.5) as of `asOf`. */
  products: Record<string, { i: number; c: number; p: number }>;
  asOf: string;
  lastToSk?: string;
}

const decayPerMs = Math.LN2 / (PRODUCT_HALF_LIFE_DAYS * 86400_000);

/**
 * Folds a batch into the decayed product statistics. Returns undefined when there is nothing to write: the
 * stored statistics already absorbed this batch, or the batch holds no product signal.
 */
export function foldProductStats(
  stored: ProductStats | undefined,
  batch: OutcomeEvent[],
  toSk: string,
): ProductStats | undefined {
  if (stored?.lastToSk && stored.lastToSk >= toSk) return undefined;
  const relevant = batch.filter((e) => ['shown', 'click', 'add_to_cart', 'purchase'].includes(e.type));
  if (relevant.length === 0 && stored) return undefined;
  // Decay to the batch's own end time, not the wall clock, so a re-run computes the same numbers.
  const asOf = batch[batch.length - 1]?.receivedAt ?? stored?.asOf ?? new Date(0).toISOString();
  const asOfMs = Date.parse(asOf);
  const products: ProductStats['products'] = {};
  const carry = stored ? Math.exp(-decayPerMs * Math.max(0, asOfMs - Date.parse(stored.asOf))) : 1;
  for (const [id, s] of Object.entries(stored?.products ?? {})) {
    products[id] = { i: s.i * carry, c: s.c * carry, p: s.p * carry };
  }
  const bump = (id: string, field: 'i' | 'c' | 'p', amount: number) => {
    const entry = (products[id] ??= { i: 0, c: 0, p: 0 });
    entry[field] += amount;
  };
  for (const event of relevant) {
    const weight = Math.exp(-decayPerMs * Math.max(0, asOfMs - Date.parse(event.receivedAt)));
    if (event.type === 'shown') for (const id of event.productIds ?? []) bump(id, 'i', weight);
    else if (event.productId && event.type === 'click') bump(event.productId, 'c', weight);
    else if (event.productId && event.type === 'add_to_cart') bump(event.productId, 'p', 0.5 * weight);
    else if (event.productId && event.type === 'purchase') bump(event.productId, 'p', weight);
  }
  const kept = Object.entries(products)
    .sort(([, a], [, b]) => b.i + 5 * b.c + 10 * b.p - (a.i + 5 * a.c + 10 * a.p))
    .slice(0, MAX_TRACKED_PRODUCTS)
    .map(([id, s]): [string, ProductStats['products'][string]] => [
      id,
      { i: round4(s.i), c: round4(s.c), p: round4(s.p) },
    ]);
  return { products: Object.fromEntries(kept), asOf, lastToSk: toSk };
}

/**
 * Ranking boosts from product statistics: click-through and conversion per impression, each shrunk toward the
 * store's mean with a prior of `SHRINKAGE_IMPRESSIONS` impressions, turned into a relative lift over the mean
 * and scaled so the strongest product gains about a quarter of a top text match.
 */
export function computeBoosts(stats: ProductStats | undefined): Record<string, number> {
  if (!stats) return {};
  const entries = Object.entries(stats.products);
  const total = entries.reduce((t, [, s]) => ({ i: t.i + s.i, c: t.c + s.c, p: t.p + s.p }), {
    i: 0,
    c: 0,
    p: 0,
  });
  if (total.i <= 0) return {};
  const meanCtr = total.c / total.i;
  const meanCvr = total.p / total.i;
  const k = SHRINKAGE_IMPRESSIONS;
  const boosts: [string, number][] = [];
  for (const [id, s] of entries) {
    const impressions = Math.max(s.i, s.c, s.p);
    let lift = 0;
    let parts = 0;
    if (meanCtr > 0) {
      lift += (s.c + k * meanCtr) / (impressions + k) / meanCtr - 1;
      parts++;
    }
    if (meanCvr > 0) {
      lift += (2 * ((s.p + k * meanCvr) / (impressions + k))) / meanCvr - 2;
      parts += 2;
    }
    if (parts === 0) continue;
    const boost = Math.max(-0.1, Math.min(0.3, 0.1 * (lift / parts)));
    if (Math.abs(boost) >= 0.005) boosts.push([id, round4(boost)]);
  }
  boosts.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || a[0].localeCompare(b[0]));
  return Object.fromEntries(boosts.slice(0, MAX_BOOSTS));
}

function round4(value: number) {
  return Math.round(value * 10000) / 10000;
}
