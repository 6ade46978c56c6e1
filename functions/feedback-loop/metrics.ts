import type { OutcomeEvent } from '../feedback/outcome-event';

/** Signal counts of one day and variant; the rates are derived with `metricRates`. */
export interface MetricCounts {
  /** Replies that tried to help: showed products, could not answer, or handed off. */
  replies: number;
  shown: number;
  unanswered: number;
  handoff: number;
  up: number;
  down: number;
  click: number;
  addToCart: number;
  purchase: number;
}

export interface DailyMetrics extends MetricCounts {
  storeId: string;
  day: string;
  variantId: string;
}

export const COUNT_FIELDS: (keyof MetricCounts)[] = [
  'replies',
  'shown',
  'unanswered',
  'handoff',
  'up',
  'down',
  'click',
  'addToCart',
  'purchase',
];

export const emptyCounts = (): MetricCounts => ({
  replies: 0,
  shown: 0,
  unanswered: 0,
  handoff: 0,
  up: 0,
  down: 0,
  click: 0,
  addToCart: 0,
  purchase: 0,
});

/** CSAT, click-through, conversion, handoff and unanswered rates of a set of counts (undefined: no data). */
export function metricRates(c: MetricCounts) {
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : undefined);
  return {
    csat: ratio(c.up, c.up + c.down),
    ctr: ratio(c.click, c.shown),
    conversion: ratio(c.purchase, c.shown),
    handoffRate: ratio(c.handoff, c.replies),
    unansweredRate: ratio(c.unanswered, c.replies),
  };
}

/** Folds a batch into per-day, per-variant count deltas. */
export function foldMetrics(
  batch: OutcomeEvent[],
): Map<string, { day: string; variantId: string; counts: MetricCounts }> {
  const buckets = new Map<string, { day: string; variantId: string; counts: MetricCounts }>();
  for (const event of batch) {
    const day = event.receivedAt.slice(0, 10);
    const variantId = event.variantId ?? 'unassigned';
    const key = `${day}#${variantId}`;
    const bucket = buckets.get(key) ?? { day, variantId, counts: emptyCounts() };
    buckets.set(key, bucket);
    const c = bucket.counts;
    switch (event.type) {
      case 'shown':
        c.shown++;
        c.replies++;
        break;
      case 'unanswered':
        c.unanswered++;
        c.replies++;
        break;
      case 'handoff':
        c.handoff++;
        c.replies++;
        break;
      case 'feedback':
        if (event.rating === 'up') c.up++;
        else if (event.rating === 'down') c.down++;
        // The last rating of a reply wins: take back the one it replaces.
        if (event.replaces === 'up') c.up--;
        else if (event.replaces === 'down') c.down--;
        break;
      case 'click':
        c.click++;
        break;
      case 'add_to_cart':
        c.addToCart++;
        break;
      case 'purchase':
        c.purchase++;
        break;
    }
  }
  return buckets;
}

/** Per-variant count deltas of a batch (all days together): what the strategy's arm statistics absorb. */
export function foldVariantCounts(batch: OutcomeEvent[]): Map<string, MetricCounts> {
  const deltas = new Map<string, MetricCounts>();
  for (const { variantId, counts } of foldMetrics(batch).values()) {
    const sum = deltas.get(variantId) ?? emptyCounts();
    for (const field of COUNT_FIELDS) sum[field] += counts[field];
    deltas.set(variantId, sum);
  }
  return deltas;
}
