import { createHash } from 'node:crypto';
import { NotFoundError } from '../errors/errors';
import { storeLanguage } from '../language/language';
import type { Logger } from '../observability/logger';
import type { ChannelBinding, Platform } from '../partners/partner';
import type { ClaimStore } from '../ports/claim-store';
import type { PartnerStore } from '../ports/partner-store';
import type { StoreDirectory } from '../ports/stores';
import { renderChart } from './chart';
import { InsightTools, type InsightToolsDeps } from './insight-tools';
import type { InsightAnswer } from './merchant-assistant';
import { localDateString, resolvePeriod } from './period';
import { viewLatentDemand } from './engagement-views';
import { viewSalesSummary, viewTopList } from './sales-views';

/** Posts a digest to one bound Slack workspace or Teams tenant. Implemented by the channel adapters. */
export interface DigestSender {
  readonly platform: Platform;
  send(storeId: string, binding: ChannelBinding, answer: InsightAnswer): Promise<void>;
}

/** The ports the daily digest uses. */
export interface DigestDeps extends InsightToolsDeps {
  stores: StoreDirectory;
  partners: Pick<PartnerStore, 'listBindings'>;
  claims: ClaimStore;
  logger: Logger;
}

/** Claims are kept a little longer than a day, so a late or repeated run the same day sends nothing twice. */
const DIGEST_CLAIM_TTL_SECONDS = 3 * 86_400;

/**
 * Yesterday's figures (in the store's timezone) with the previous-day comparison, the top sellers and the
 * top latent-demand items, as one answer in the store's language.
 */
export async function buildDailyDigest(
  services: DigestDeps,
  storeId: string,
  now: Date,
): Promise<InsightAnswer> {
  const store = await services.stores.get(storeId);
  if (!store) throw new NotFoundError(`Unknown store ${storeId}`);
  const language = storeLanguage(store);
  const tools = new InsightTools(services, store, language);
  const yesterday = resolvePeriod('yesterday', now, store.timezone);
  const [summary, top, demand] = await Promise.all([
    tools.salesSummary(yesterday),
    tools.topProducts(yesterday, 'units', 5),
    tools.latentDemand(resolvePeriod('last_n_days', now, store.timezone, 7), 5),
  ]);
  const summaryView = viewSalesSummary(summary.data, language);
  const topView = viewTopList(top.data, 'products', language);
  const demandView = viewLatentDemand(demand.data, language);
  const heading =
    language === 'zh'
      ? `${store.name} 每日简报（${summary.data.period.from}）`
      : `${store.name} daily digest for ${summary.data.period.from}`;
  const lines = [heading, summaryView.text];
  if (top.data.items.length > 0) lines.push(topView.text);
  if (demand.data.clusters.length > 0 || demand.data.faqAnswered || demand.data.openClusters?.length)
    lines.push(demandView.text);
  let chartPng: Buffer | undefined;
  if (topView.chart) {
    try {
      chartPng = await renderChart(topView.chart);
    } catch (error) {
      services.logger.warn('digest chart failed', {
        storeId,
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }
  return {
    intent: 'sales_summary',
    period: { from: summary.data.period.from, to: summary.data.period.from },
    by: 'units',
    heading,
    text: lines.join('\n'),
    table: topView.table,
    chartPng,
    sources: [...new Set([...summary.sources, ...top.sources, ...demand.sources])],
    language,
  };
}

export interface DigestRunResult {
  sent: number;
  skipped: number;
  failed: number;
}

function bindingClaimId(storeId: string, date: string, binding: ChannelBinding): string {
  const target = createHash('sha256')
    .update(`${binding.platform}\n${binding.tenantId}\n${binding.conversationId}`)
    .digest('hex')
    .slice(0, 24);
  return `${storeId}:${date}:${target}`;
}

/**
 * Sends yesterday's digest to every merchant binding of every store, once per binding per store-local day:
 * a claim is taken before sending and released if the send fails, so the next run retries only what failed.
 */
export async function runDailyDigests(
  services: DigestDeps,
  senders: DigestSender[],
  now: Date,
): Promise<DigestRunResult> {
  const byPlatform = new Map(senders.map((s) => [s.platform, s]));
  const result: DigestRunResult = { sent: 0, skipped: 0, failed: 0 };
  for (const store of await services.stores.list()) {
    const logger = services.logger.child({ storeId: store.id });
    const bindings = (await services.partners.listBindings(store.id)).filter(
      (b) => b.purpose === 'merchant' && byPlatform.has(b.platform),
    );
    if (bindings.length === 0) continue;
    const date = localDateString(resolvePeriod('yesterday', now, store.timezone).from, store.timezone);
    let answer: InsightAnswer | undefined;
    for (const binding of bindings) {
      const claimId = bindingClaimId(store.id, date, binding);
      if (!(await services.claims.claim('digest', claimId, DIGEST_CLAIM_TTL_SECONDS))) {
        result.skipped++;
        continue;
      }
      try {
        answer ??= await buildDailyDigest(services, store.id, now);
        await byPlatform.get(binding.platform)?.send(store.id, binding, answer);
        result.sent++;
      } catch (error) {
        result.failed++;
        await services.claims.release('digest', claimId);
        logger.error('digest not sent', {
          platform: binding.platform,
          error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown',
        });
      }
    }
  }
  return result;
}
