import type { Language } from '../language/language';
import type { InsightIntent } from './intent';
import type {
  BotPerformance,
  Funnel,
  LatentDemand,
  LowStock,
  SalesSummary,
  TopList,
  Trend,
} from './insight-results';
import { viewBotPerformance, viewFunnel, viewLatentDemand } from './engagement-views';
import type { ReportView } from './report-view';
import { viewLowStock, viewSalesSummary, viewTopList, viewTrend } from './sales-views';

/** The templated answer, table and chart of one report's tool output. */
export function viewFor(intent: InsightIntent, data: unknown, lang: Language): ReportView {
  switch (intent) {
    case 'sales_summary':
      return viewSalesSummary(data as SalesSummary, lang);
    case 'top_products':
      return viewTopList(data as TopList, 'products', lang);
    case 'top_categories':
      return viewTopList(data as TopList, 'categories', lang);
    case 'trend':
      return viewTrend(data as Trend, lang);
    case 'low_stock':
      return viewLowStock(data as LowStock, lang);
    case 'latent_demand':
      return viewLatentDemand(data as LatentDemand, lang);
    case 'funnel':
      return viewFunnel(data as Funnel, lang);
    case 'bot_performance':
      return viewBotPerformance(data as BotPerformance, lang);
  }
}
