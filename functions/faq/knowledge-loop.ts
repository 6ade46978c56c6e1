import type { OutcomeEvent } from '../feedback/outcome-event';
import type { Logger } from '../observability/logger';
import { askersOf, examplesOf, foldQuestions, WINDOW_DAYS, type AskedQuestion } from './clustering';
import type { ClusterStore, StoredCluster } from './ports';

/** What a merchant sees about one cluster: the card in Slack or Teams. */
export interface ClusterCard {
  storeId: string;
  clusterId: string;
  /** Times asked in the last seven days. */
  count: number;
  askers: number;
  /** The wording closest to the cluster's centre, then two others. */
  examples: string[];
  status: StoredCluster['status'];
  /** Who answered or ignored it. */
  closedByName?: string;
  /** The answer saved from this card. */
  answer?: string;
}

/** Posts cluster cards to one platform; returns where the card went, or undefined when the store has no channel there. */
export interface ClusterNotifier {
  platform: 'slack' | 'teams';
  post(card: ClusterCard): Promise<Record<string, string> | undefined>;
}

export interface KnowledgeLoopDeps {
  clusters: ClusterStore;
  events: {
    listRange(storeId: string, afterSk: string, untilSk: string, limit?: number): Promise<OutcomeEvent[]>;
  };
  storeIds: () => Promise<string[]>;
  logger: Logger;
  /** Distinct askers a cluster needs before it is shown (FAQ_CLUSTER_MIN_ASKERS). */
  minAskers: number;
}

export interface KnowledgeRunSummary {
  storeId: string;
  questions: number;
  clusters: number;
  delivered: string[];
}

/** Events newer than this are left for the next run, as the aggregation does, so in-flight writers are not skipped. */
const SAFETY_LAG_MS = 60_000;
const PAGE = 5000;
const DAY_MS = 86_400_000;

export function cardOf(cluster: StoredCluster, extra: Partial<ClusterCard> = {}): ClusterCard {
  return {
    storeId: cluster.storeId,
    clusterId: cluster.clusterId,
    count: cluster.count,
    askers: askersOf(cluster),
    examples: cluster.questions.length ? examplesOf(cluster) : cluster.signature,
    status: cluster.status,
    ...extra,
  };
}

/**
 * The knowledge loop's hourly step, run after the aggregation. For each store it reads the outcome events
 * since its own watermark (never further back than the seven-day window): unanswered questions are folded
 * into the store's clusters, FAQ answers are counted per day. Then each open cluster asked by at least
 * `minAskers` shoppers is delivered once: the cluster moves `open → delivered` with a conditional write
 * before anything is posted, so overlapping runs cannot post it twice. A store with no channel keeps its
 * clusters open until it has one.
 */
export async function runKnowledgeLoop(
  deps: KnowledgeLoopDeps,
  notifiers: ClusterNotifier[],
  now: Date,
  options: { storeId?: string } = {},
): Promise<KnowledgeRunSummary[]> {
  const storeIds = options.storeId ? [options.storeId] : await deps.storeIds();
  const summaries: KnowledgeRunSummary[] = [];
  for (const storeId of storeIds) {
    const log = deps.logger.child({ storeId, module: 'knowledge-loop' });
    try {
      summaries.push(await runStore(deps, notifiers, storeId, now, log));
    } catch (error) {
      // One store's failure must not stop the others; its watermark did not move, so the next run retries.
      log.error('Knowledge loop failed for a store', { error });
    }
  }
  return summaries;
}

async function runStore(
  deps: KnowledgeLoopDeps,
  notifiers: ClusterNotifier[],
  storeId: string,
  now: Date,
  log: Logger,
): Promise<KnowledgeRunSummary> {
  const state = await deps.clusters.getState(storeId);
  const windowStart = new Date(now.getTime() - WINDOW_DAYS * DAY_MS).toISOString();
  const untilSk = new Date(now.getTime() - SAFETY_LAG_MS).toISOString();
  let afterSk = state.watermarkSk > windowStart ? state.watermarkSk : windowStart;
  const asked: AskedQuestion[] = [];
  const answeredByDay = { ...state.answeredByDay };
  for (;;) {
    const page = await deps.events.listRange(storeId, afterSk, untilSk, PAGE);
    for (const event of page) {
      if (event.type === 'unanswered' && event.query && event.conversationId) {
        asked.push({ text: event.query, askerId: event.conversationId, at: event.receivedAt });
      } else if (event.type === 'faq_answered') {
        const day = event.receivedAt.slice(0, 10);
        answeredByDay[day] = (answeredByDay[day] ?? 0) + 1;
      }
    }
    const last = page[page.length - 1] as (OutcomeEvent & { sk?: string }) | undefined;
    if (!last?.sk) break;
    afterSk = last.sk;
    if (page.length < PAGE) break;
  }

  const existing = await deps.clusters.listClusters(storeId);
  let clusters = existing;
  if (asked.length > 0 || existing.some((c) => c.lastAt < windowStart)) {
    const folded = foldQuestions(existing, asked, now).map((c) => ({ ...c, storeId }));
    const kept = new Set(folded.map((c) => c.clusterId));
    // Answered clusters stay for the record through the window; everything else that left it is dropped.
    const removed = existing
      .filter((c) => !kept.has(c.clusterId) && (c.status !== 'answered' || (c.closedAt ?? '') < windowStart))
      .map((c) => c.clusterId);
    await deps.clusters.saveClusters(storeId, folded, removed);
    clusters = folded;
  }
  // Days older than the insights' longest look-back are dropped, keeping the state item small.
  const oldestDay = new Date(now.getTime() - 35 * DAY_MS).toISOString().slice(0, 10);
  for (const day of Object.keys(answeredByDay)) if (day < oldestDay) delete answeredByDay[day];
  if (afterSk !== state.watermarkSk || asked.length > 0)
    await deps.clusters.saveState(storeId, { watermarkSk: afterSk, answeredByDay });

  const delivered: string[] = [];
  for (const cluster of clusters) {
    if (cluster.status !== 'open' || askersOf(cluster) < deps.minAskers) continue;
    if (!(await deps.clusters.transition(storeId, cluster.clusterId, ['open'], 'delivered'))) continue;
    const card = cardOf({ ...cluster, status: 'delivered' });
    const deliveries: NonNullable<StoredCluster['deliveries']> = [];
    for (const notifier of notifiers) {
      try {
        const address = await notifier.post(card);
        if (address) deliveries.push({ platform: notifier.platform, address, at: now.toISOString() });
      } catch (error) {
        log.warn('Cluster card not delivered', { platform: notifier.platform, error });
      }
    }
    // Nowhere to post (or every post failed): open again, so a later run delivers it.
    await deps.clusters.transition(
      storeId,
      cluster.clusterId,
      ['delivered'],
      deliveries.length ? 'delivered' : 'open',
      deliveries.length ? { deliveries } : {},
    );
    if (deliveries.length) delivered.push(cluster.clusterId);
  }
  log.info('Knowledge loop ran', {
    questions: asked.length,
    clusters: clusters.length,
    delivered: delivered.length,
  });
  return { storeId, questions: asked.length, clusters: clusters.length, delivered };
}

/** Questions the FAQ answered in the days from `fromDay` to `toDay` inclusive (`YYYY-MM-DD`). */
export function answeredBetween(
  answeredByDay: Record<string, number>,
  fromDay: string,
  toDay: string,
): number {
  let total = 0;
  for (const [day, count] of Object.entries(answeredByDay))
    if (day >= fromDay && day <= toDay) total += count;
  return total;
}
