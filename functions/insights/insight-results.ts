/** What each insight tool returns: the figures behind a merchant answer, before any presentation. */

import type { DemandCluster } from './latent-demand';

export interface PeriodRef {
  label: string;
  labelZh?: string;
  from: string;
  to: string;
}

export interface SalesFigures {
  orders: number;
  cancelledOrders: number;
  units: number;
  revenue: number;
  averageOrderValue: number;
  customers: number;
}

export interface SalesSummary {
  currency: string;
  period: PeriodRef;
  current: SalesFigures;
  previousPeriod: PeriodRef;
  previous: SalesFigures;
  /** Percent change against the previous comparable period; null when that period had none. */
  changePercent: { orders: number | null; units: number | null; revenue: number | null };
}

export interface RankedItem {
  rank: number;
  id: string;
  name: string;
  units: number;
  revenue: number;
  /** Same figures in the previous comparable period, for categories. */
  previousUnits?: number;
  previousRevenue?: number;
}

export interface TopList {
  currency: string;
  period: PeriodRef;
  previousPeriod?: PeriodRef;
  by: 'units' | 'revenue';
  items: RankedItem[];
}

export interface TrendPoint {
  date: string;
  orders: number;
  units: number;
  revenue: number;
}

export interface Trend {
  currency: string;
  period: PeriodRef;
  points: TrendPoint[];
}

export interface LowStockItem {
  rank: number;
  id: string;
  name: string;
  stock: number;
  unitsSold: number;
  /** Shopper interest from the bot: times shown, clicked or added to cart. */
  interest: number;
  /** Days the stock lasts at the period's sales rate; null when nothing sold. */
  daysOfCover: number | null;
}

export interface LowStock {
  period: PeriodRef;
  stockThreshold: number;
  items: LowStockItem[];
}

export interface Funnel {
  period: PeriodRef;
  /** Distinct conversations at each step. */
  asked: number;
  shown: number;
  clicked: number;
  bought: number;
  shownRate: number | null;
  clickRate: number | null;
  buyRate: number | null;
}

export interface LatentDemand {
  period: PeriodRef;
  unansweredQuestions: number;
  clusters: DemandCluster[];
  /** Shopper questions the store FAQ answered in the period. */
  faqAnswered?: number;
  /** Clusters of unanswered questions (last seven days) no one has answered or ignored yet. */
  openClusters?: { question: string; count: number; askers: number }[];
}

export interface BotPerformance {
  period: PeriodRef;
  conversations: number;
  thumbsUp: number;
  thumbsDown: number;
  /** Percent of ratings that were thumbs up. */
  csat: number | null;
  handoffs: number;
  handoffRate: number | null;
  /** Conversations with no handoff, no unanswered question and no thumbs down. */
  resolved: number;
  resolutionRate: number | null;
  funnel: Funnel;
  /** Orders from the signed webhook attributed to a conversation (docs/feedback-loop.md), and their revenue. */
  attributedOrders: number;
  attributedRevenue: number;
}

export interface ToolOutput<T> {
  data: T;
  /** One line per query behind the figures. */
  sources: string[];
}
