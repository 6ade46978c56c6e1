import type { DailyMetrics, MetricCounts } from '../feedback-loop/metrics';
import type { ProductStats } from '../feedback-loop/product-stats';

/** How far a store's events are folded: the watermark, and the batch in flight (see run-aggregation.ts). */
export interface AggregationState {
  watermarkSk: string;
  pending?: { fromSk: string; toSk: string };
  updatedAt?: string;
}

/**
 * What the feedback loop derives per store, each item remembering the last event batch it absorbed
 * (`toSk`): writes of a batch that was already absorbed change nothing, so a re-run after a crash is safe.
 */
export interface FeedbackLoopStore {
  readState(storeId: string): Promise<AggregationState>;
  /** Writes only if the watermark is still `expectedWatermark`; throws ConflictError otherwise. */
  writeState(
    storeId: string,
    expectedWatermark: string,
    next: AggregationState,
    now: Date,
  ): Promise<AggregationState>;
  /** Adds one batch's counts to a day and variant, unless that batch was already added. */
  addDailyMetrics(
    storeId: string,
    day: string,
    variantId: string,
    counts: MetricCounts,
    toSk: string,
  ): Promise<void>;
  /** Daily metrics between two days (inclusive, `YYYY-MM-DD`), all variants. */
  dailyMetrics(storeId: string, fromDay: string, toDay: string): Promise<DailyMetrics[]>;
  productStats(storeId: string): Promise<ProductStats | undefined>;
  /** Unless stats of a batch at or after `next.lastToSk` are stored already. */
  putProductStats(storeId: string, next: ProductStats): Promise<void>;
}
