import type { Services } from '../app/services';
import { ConflictError } from '../errors/errors';
import type { OutcomeEvent } from '../feedback/outcome-event';
import { strategyKeys } from '../storage/keys';
import { isConditionalCheckFailed, type Table } from '../storage/table';
import { addArms, armStatsOf, createPrng, decide, emptyArm, type ArmStats, type Guardrails } from './bandit';
import { sharesOf, StrategyRepository, type StoredStrategy } from './strategy-repository';
import { StoredStrategyProvider } from './stored-strategy-provider';

/**
 * The hourly feedback loop. For each store it folds the events received since the store's watermark into
 * daily metrics per variant, time-decayed product statistics (boosts), the list of frequently unanswered
 * questions and the strategy (bandit statistics and traffic split), and only then advances the watermark.
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
/** Half-life of product statistics. */
export const PRODUCT_HALF_LIFE_DAYS = 14;
/** Prior strength (in impressions) that shrinks each product toward the store's mean rates. */
export const SHRINKAGE_IMPRESSIONS = 20;
const MAX_TRACKED_PRODUCTS = 2000;
const MAX_BOOSTS = 200;
const MAX_UNANSWERED = 200;
const INITIAL_WATERMARK = '0';

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

const COUNT_FIELDS: (keyof MetricCounts)[] = [
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

export interface AggregationState {
  watermarkSk: string;
  pending?: { fromSk: string; toSk: string };
  updatedAt?: string;
}

export interface ProductStats {
  /** Decayed impressions, clicks and conversions (purchase 1, add to cart 0.5) as of `asOf`. */
  products: Record<string, { i: number; c: number; p: number }>;
  asOf: string;
  lastToSk?: string;
}

export interface UnansweredQuestion {
  query: string;
  count: number;
  lastAt: string;
}

export interface StoreRunSummary {
  storeId: string;
  events: number;
  batches: number;
  watermark: string;
  strategyVersion: number;
  decision?: string;
  shares: Record<string, number>;
}

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
  services: Services,
  options: AggregationOptions = {},
): Promise<StoreRunSummary[]> {
  const now = options.now ?? services.now();
  const storeIds = options.storeId ? [options.storeId] : (await services.stores.list()).map((s) => s.id);
  const summaries: StoreRunSummary[] = [];
  for (const storeId of storeIds) {
    summaries.push(await aggregateStore(services, storeId, now, options));
  }
  return summaries;
}

async function aggregateStore(
  services: Services,
  storeId: string,
  now: Date,
  options: AggregationOptions,
): Promise<StoreRunSummary> {
  const { table } = services;
  const log = services.logger.child({ storeId });
  const strategies = new StrategyRepository(table);
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const untilSk = new Date(now.getTime() - SAFETY_LAG_MS).toISOString();
  let state = await readState(table, storeId);
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
      batch = await services.events.listRange(storeId, from, toSk);
    } else {
      // Two extra: the range is inclusive of the watermark item (filtered out), and one more tells "not done".
      fetched = await services.events.listRange(storeId, from, untilSk, batchSize + 2);
      batch = fetched.slice(0, batchSize);
      const last = batch[batch.length - 1];
      if (!last) break;
      toSk = eventSk(last);
      await writeState(table, storeId, from, { watermarkSk: from, pending: { fromSk: from, toSk } }, now);
    }
    // A resumed batch is followed by whatever arrived since; the split is decided once, on the last batch.
    const caughtUp = !resumed && fetched.length <= batchSize;
    await applyMetrics(table, storeId, batch, toSk);
    const products = await applyProductStats(table, storeId, batch, toSk);
    await applyUnanswered(table, storeId, batch, toSk);
    const result = await applyStrategy(
      strategies,
      storeId,
      batch,
      toSk,
      products,
      now,
      caughtUp,
      options.guardrails,
    );
    strategy = result.strategy;
    decision = result.decision ?? decision;
    await options.beforeWatermark?.(storeId);
    state = await writeState(table, storeId, from, { watermarkSk: toSk }, now);
    events += batch.length;
    batches++;
    if (caughtUp) break;
  }
  if (batches > 0 && services.strategies instanceof StoredStrategyProvider)
    services.strategies.invalidate(storeId);
  const current = strategy ?? (batches > 0 ? await strategies.getOrDefault(storeId, now) : undefined);
  if (batches > 0)
    log.info('Aggregated feedback', { events, batches, decision, strategyVersion: current?.version });
  return {
    storeId,
    events,
    batches,
    watermark: state.watermarkSk,
    strategyVersion: current?.version ?? -1,
    decision,
    shares: current ? sharesOf(current) : {},
  };
}

function eventSk(event: OutcomeEvent & { sk?: string }): string {
  return event.sk ?? `${event.receivedAt}#${event.eventId}`;
}

async function readState(table: Table, storeId: string): Promise<AggregationState> {
  const item = await table.get<AggregationState & { pk: string }>(strategyKeys.aggregationState(storeId));
  return { watermarkSk: item?.watermarkSk ?? INITIAL_WATERMARK, pending: item?.pending };
}

/** Writes the state only if the watermark is still `expectedWatermark`: two overlapping runs cannot both advance. */
async function writeState(
  table: Table,
  storeId: string,
  expectedWatermark: string,
  next: AggregationState,
  now: Date,
) {
  const item = {
    ...strategyKeys.aggregationState(storeId),
    entity: 'aggregation-state',
    ...next,
    updatedAt: now.toISOString(),
  };
  if (!next.pending) delete item.pending;
  try {
    await table.put(item, {
      condition: 'attribute_not_exists(watermarkSk) OR watermarkSk = :expected',
      values: { ':expected': expectedWatermark },
    });
  } catch (error) {
    if (isConditionalCheckFailed(error)) {
      throw new ConflictError(`Another aggregation of ${storeId} moved the watermark`, { cause: error });
    }
    throw error;
  }
  return next;
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

async function applyMetrics(table: Table, storeId: string, batch: OutcomeEvent[], toSk: string) {
  for (const { day, variantId, counts } of foldMetrics(batch).values()) {
    const values: Record<string, unknown> = {
      ':to': toSk,
      ':store': storeId,
      ':day': day,
      ':variant': variantId,
      ':entity': 'daily-metrics',
    };
    const adds = COUNT_FIELDS.map((field) => {
      values[`:${field}`] = counts[field];
      return `${field} :${field}`;
    });
    try {
      await table.update({
        Key: strategyKeys.dailyMetrics(storeId, day, variantId),
        UpdateExpression: `SET lastToSk = :to, storeId = :store, #day = :day, variantId = :variant, entity = :entity ADD ${adds.join(', ')}`,
        ConditionExpression: 'attribute_not_exists(lastToSk) OR lastToSk < :to',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: values,
        ReturnValues: 'NONE',
      });
    } catch (error) {
      // Already absorbed by a run that crashed before moving the watermark.
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}

/** Daily metrics of a store between two days (inclusive, `YYYY-MM-DD`), all variants. */
export async function readDailyMetrics(table: Table, storeId: string, fromDay: string, toDay: string) {
  const items = await table.query<
    DailyMetrics & { pk: string; sk: string; lastToSk?: string; entity?: string }
  >(strategyKeys.metricsPartition(storeId), {
    between: [`${strategyKeys.dayPrefix}${fromDay}`, `${strategyKeys.dayPrefix}${toDay}#\uffff`],
  });
  return items.map((item): DailyMetrics => {
    const counts = emptyCounts();
    for (const field of COUNT_FIELDS) counts[field] = Number(item[field] ?? 0);
    return { storeId, day: item.day, variantId: item.variantId, ...counts };
  });
}

const decayPerMs = Math.LN2 / (PRODUCT_HALF_LIFE_DAYS * 86400_000);

async function applyProductStats(table: Table, storeId: string, batch: OutcomeEvent[], toSk: string) {
  const key = strategyKeys.productStats(storeId);
  const stored = await table.get<ProductStats & { pk: string; sk: string }>(key);
  if (stored?.lastToSk && stored.lastToSk >= toSk) return stored;
  const relevant = batch.filter((e) => ['shown', 'click', 'add_to_cart', 'purchase'].includes(e.type));
  if (relevant.length === 0 && stored) return stored;
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
    .map(([id, s]) => [id, { i: round4(s.i), c: round4(s.c), p: round4(s.p) }]);
  const next: ProductStats = { products: Object.fromEntries(kept), asOf, lastToSk: toSk };
  try {
    await table.put(
      { ...key, entity: 'product-stats', ...next },
      {
        condition: 'attribute_not_exists(lastToSk) OR lastToSk < :to',
        values: { ':to': toSk },
      },
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
  return next;
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

async function applyUnanswered(table: Table, storeId: string, batch: OutcomeEvent[], toSk: string) {
  const questions = batch.filter((e) => e.type === 'unanswered' && e.query);
  if (questions.length === 0) return;
  const key = strategyKeys.unanswered(storeId);
  const stored = await table.get<{ questions: UnansweredQuestion[]; lastToSk?: string }>(key);
  if (stored?.lastToSk && stored.lastToSk >= toSk) return;
  const byQuery = new Map((stored?.questions ?? []).map((q) => [normaliseQuestion(q.query), { ...q }]));
  for (const event of questions) {
    const query = (event.query ?? '').trim();
    const id = normaliseQuestion(query);
    const existing = byQuery.get(id);
    if (existing) {
      existing.count++;
      if (event.receivedAt > existing.lastAt) existing.lastAt = event.receivedAt;
    } else byQuery.set(id, { query, count: 1, lastAt: event.receivedAt });
  }
  const list = [...byQuery.values()]
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
    .slice(0, MAX_UNANSWERED);
  try {
    await table.put(
      { ...key, entity: 'unanswered-questions', storeId, questions: list, lastToSk: toSk },
      { condition: 'attribute_not_exists(lastToSk) OR lastToSk < :to', values: { ':to': toSk } },
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
}

/** The store's frequently unanswered questions, most frequent first (latent demand for insights). */
export async function readUnansweredQuestions(table: Table, storeId: string): Promise<UnansweredQuestion[]> {
  const stored = await table.get<{ questions?: UnansweredQuestion[] }>(strategyKeys.unanswered(storeId));
  return stored?.questions ?? [];
}

function normaliseQuestion(query: string) {
  return query
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[?？!！。.]+$/u, '')
    .trim();
}

async function applyStrategy(
  repository: StrategyRepository,
  storeId: string,
  batch: OutcomeEvent[],
  toSk: string,
  products: ProductStats | undefined,
  now: Date,
  decideNow: boolean,
  guardrails: Partial<Guardrails> | undefined,
) {
  let decision: string | undefined;
  const deltas = new Map<string, MetricCounts>();
  for (const { variantId, counts } of foldMetrics(batch).values()) {
    const sum = deltas.get(variantId) ?? emptyCounts();
    for (const field of COUNT_FIELDS) sum[field] += counts[field];
    deltas.set(variantId, sum);
  }
  const strategy = await repository.update(storeId, now, (current) => {
    if (current.appliedToSk && current.appliedToSk >= toSk) return undefined;
    const next: StoredStrategy = { ...current, appliedToSk: toSk, updatedAt: now.toISOString() };
    const known = new Set(current.variants.map((v) => v.variant.id));
    let store: ArmStats = emptyArm();
    for (const [variantId, counts] of deltas) {
      const arm = armStatsOf(counts);
      store = addArms(store, arm);
      if (known.has(variantId)) next.stats[variantId] = addArms(next.stats[variantId] ?? emptyArm(), arm);
    }
    next.sinceChange = addArms(current.sinceChange ?? emptyArm(), store);
    next.boosts = computeBoosts(products);
    if (!decideNow) return { next };
    const previousShares = sharesOf(current);
    // Seeded by the batch, so a re-run of the same batch decides the same way.
    const result = decide({
      shares: previousShares,
      stats: next.stats,
      sinceChange: next.sinceChange,
      lastChange: current.lastChange,
      pinnedVariantId: current.pinnedVariantId,
      random: createPrng(`${storeId}|${toSk}`),
      guardrails,
    });
    decision = `${result.kind}: ${result.reason}`;
    if (result.kind === 'hold') return { next };
    next.variants = current.variants.map((v) => ({ ...v, share: result.shares[v.variant.id] ?? v.share }));
    next.lastChange = {
      version: current.version + 1,
      at: now.toISOString(),
      kind: result.kind,
      previousShares,
      baseline: next.sinceChange,
    };
    next.sinceChange = emptyArm();
    // After a rollback the old statistics describe a world that changed: learn again from fresh samples.
    if (result.kind === 'rollback') next.stats = {};
    return {
      next,
      entry: {
        at: now.toISOString(),
        kind: result.kind,
        actor: 'optimizer',
        reason: result.reason,
        shares: sharesOf(next),
        previousShares,
        evidence: result.evidence,
      },
    };
  });
  return { strategy, decision };
}

function round4(value: number) {
  return Math.round(value * 10000) / 10000;
}

/**
 * The local stand-in for the EventBridge schedule: runs the aggregation every `intervalMinutes` (0 disables),
 * then `afterRun` (the local server's daily digests), whether or not the aggregation succeeded. The timer
 * does not keep the process alive; the returned function stops it.
 */
export function startAggregationTimer(
  services: Services,
  intervalMinutes: number,
  afterRun?: () => Promise<unknown>,
): () => void {
  if (intervalMinutes <= 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runAggregation(services)
      .catch((error: unknown) => services.logger.error('Scheduled aggregation failed', { error }))
      .then(() => afterRun?.())
      .catch((error: unknown) => services.logger.error('Scheduled step after aggregation failed', { error }))
      .finally(() => {
        running = false;
      });
  }, intervalMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
