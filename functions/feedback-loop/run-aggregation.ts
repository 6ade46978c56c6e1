import type { OutcomeEvent } from '../feedback/outcome-event';
import type { Logger } from '../observability/logger';
import type { EventLog } from '../ports/event-log';
import type { FeedbackLoopStore } from '../ports/feedback-loop-store';
import type { Clock, StoreDirectory } from '../ports/stores';
import type { StrategyStore } from '../ports/strategy-store';
import type { Guardrails } from '../strategy/bandit';
import { sharesOf, type StoredStrategy } from '../strategy/stored-strategy';
import { foldMetrics, foldVariantCounts } from './metrics';
import { foldProductStats } from './product-stats';
import { strategyChangeFor } from './strategy-update';

/**
 * The hourly feedback loop. For each store it folds the events received since the store's watermark into
 * daily metrics per variant, time-decayed product statistics (boosts) and the strategy (bandit statistics and
 * traffic split), and only then advances the watermark. (Unanswered questions are clustered for the merchant
 * by the knowledge loop, `faq/knowledge-loop.ts`, straight from the events.)
 *
 * Crash safety and idempotence (see docs/feedback-loop.md):
 * - a batch is the event range (fromSk, toSk]. Before writing anything it is recorded as `pending` on the
 *   store's aggregation state, so a re-run after a crash processes exactly the same range again;
 * - every derived item remembers the last batch it absorbed (`lastToSk`, or `appliedToSk` on the strategy)
 *   and is written with a condition that it has not absorbed this batch yet, so a re-run skips it;
 * - batches are processed in sort-key order, so "absorbed" is a comparison of sort keys.
 * A run with nothing new reads the store list, one state item and an empty event page per store.
 */

/** Events newer than this are left for the next run, so writers still in flight are not skipped. */
export const SAFETY_LAG_MS = 60 * 1000;
/** Events folded per batch; a run continues batch after batch until it catches up. */
export const BATCH_SIZE = 5000;

/** The ports the feedback loop uses. */
export interface FeedbackLoopDeps {
  stores: Pick<StoreDirectory, 'list'>;
  events: EventLog;
  loop: FeedbackLoopStore;
  strategies: StrategyStore;
  logger: Logger;
  now: Clock;
  /** Tells the process's strategy cache that a store's strategy changed. */
  onStrategyChanged?: (storeId: string) => void;
}

export interface StoreRunSummary {
  storeId: string;
  events: number;
  batches: number;
  watermark: string;
  strategyVersion: number;
  decision?: string;
  shares: Record<string, number>;
  /**
   * Events newer than the safety lag, left for the next run (they may still be joined by concurrent writes
   * of the same second). Counted up to {@link HELD_BACK_COUNT_LIMIT}.
   */
  heldBack: number;
}

/** Counting what the safety lag held back reads at most this many recent items. */
export const HELD_BACK_COUNT_LIMIT = 1000;
/** Sorts after every event key (`<ISO time>#<id>`), so a range up to it reaches the newest event. */
const AFTER_EVERY_EVENT = '~';

export interface AggregationOptions {
  storeId?: string;
  now?: Date;
  batchSize?: number;
  guardrails?: Partial<Guardrails>;
  /** Test hook: runs after every derived item of a batch is written and before the watermark moves. */
  beforeWatermark?: (storeId: string) => Promise<void> | void;
}

/** Runs the feedback loop for one store or all of them. */
export async function runAggregation(
  deps: FeedbackLoopDeps,
  options: AggregationOptions = {},
): Promise<StoreRunSummary[]> {
  const now = options.now ?? deps.now();
  const storeIds = options.storeId ? [options.storeId] : (await deps.stores.list()).map((s) => s.id);
  const summaries: StoreRunSummary[] = [];
  for (const storeId of storeIds) {
    summaries.push(await aggregateStore(deps, storeId, now, options));
  }
  return summaries;
}

async function aggregateStore(
  deps: FeedbackLoopDeps,
  storeId: string,
  now: Date,
  options: AggregationOptions,
): Promise<StoreRunSummary> {
  const { loop, strategies } = deps;
  const log = deps.logger.child({ storeId });
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const untilSk = new Date(now.getTime() - SAFETY_LAG_MS).toISOString();
  let state = await loop.readState(storeId);
  let events = 0;
  let batches = 0;
  let strategy: StoredStrategy | undefined;
  let decision: string | undefined;
  for (;;) {
    const from = state.watermarkSk;
    let batch: OutcomeEvent[];
    let toSk: string;
    let fetched: OutcomeEvent[] = [];
    const resumed = state.pending?.fromSk === from;
    if (state.pending && resumed) {
      // Resume the batch a crashed run started: exactly the same range, so every guard recognises it.
      toSk = state.pending.toSk;
      batch = await deps.events.listRange(storeId, from, toSk);
    } else {
      // Two extra: the range is inclusive of the watermark item (filtered out), and one more tells "not done".
      fetched = await deps.events.listRange(storeId, from, untilSk, batchSize + 2);
      batch = fetched.slice(0, batchSize);
      const last = batch[batch.length - 1];
      if (!last) break;
      toSk = eventSk(last);
      await loop.writeState(storeId, from, { watermarkSk: from, pending: { fromSk: from, toSk } }, now);
    }
    // A resumed batch is followed by whatever arrived since; the split is decided once, on the last batch.
    const caughtUp = !resumed && fetched.length <= batchSize;
    for (const { day, variantId, counts } of foldMetrics(batch).values()) {
      await loop.addDailyMetrics(storeId, day, variantId, counts, toSk);
    }
    const storedStats = await loop.productStats(storeId);
    const products = foldProductStats(storedStats, batch, toSk);
    if (products) await loop.putProductStats(storeId, products);
    let batchDecision: string | undefined;
    strategy = await strategies.update(
      storeId,
      now,
      strategyChangeFor(
        {
          storeId,
          toSk,
          deltas: foldVariantCounts(batch),
          products: products ?? storedStats,
          now,
          decideNow: caughtUp,
          guardrails: options.guardrails,
        },
        (made) => (batchDecision = made),
      ),
    );
    decision = batchDecision ?? decision;
    await options.beforeWatermark?.(storeId);
    state = await loop.writeState(storeId, from, { watermarkSk: toSk }, now);
    events += batch.length;
    batches++;
    if (caughtUp) break;
  }
  if (batches > 0) deps.onStrategyChanged?.(storeId);
  const current = strategy ?? (batches > 0 ? await strategies.getOrDefault(storeId, now) : undefined);
  if (batches > 0)
    log.info('Aggregated feedback', { events, batches, decision, strategyVersion: current?.version });
  // Only the last minute's events are read here: a run with nothing new still reads almost nothing.
  const recent = await deps.events.listRange(
    storeId,
    state.watermarkSk > untilSk ? state.watermarkSk : untilSk,
    AFTER_EVERY_EVENT,
    HELD_BACK_COUNT_LIMIT,
  );
  return {
    storeId,
    events,
    batches,
    watermark: state.watermarkSk,
    strategyVersion: current?.version ?? -1,
    decision,
    shares: current ? sharesOf(current) : {},
    heldBack: recent.length,
  };
}

function eventSk(event: OutcomeEvent & { sk?: string }): string {
  return event.sk ?? `${event.receivedAt}#${event.eventId}`;
}

/**
 * The local stand-in for the EventBridge schedule: runs the aggregation every `intervalMinutes` (0 disables),
 * then `afterRun` (the local server's daily digests), whether or not the aggregation succeeded. The timer
 * does not keep the process alive; the returned function stops it.
 */
export function startAggregationTimer(
  deps: FeedbackLoopDeps,
  intervalMinutes: number,
  afterRun?: () => Promise<unknown>,
): () => void {
  if (intervalMinutes <= 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runAggregation(deps)
      .catch((error: unknown) => deps.logger.error('Scheduled aggregation failed', { error }))
      .then(() => afterRun?.())
      .catch((error: unknown) => deps.logger.error('Scheduled step after aggregation failed', { error }))
      .finally(() => {
        running = false;
      });
  }, intervalMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
