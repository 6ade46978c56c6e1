/** The reports a merchant question maps to; each is one insight tool. */
export type InsightIntent =
  | 'top_products'
  | 'top_categories'
  | 'sales_summary'
  | 'trend'
  | 'low_stock'
  | 'latent_demand'
  | 'bot_performance'
  | 'funnel';

/** A report, or `unclear` when no report matches with confidence: the bot then asks which one. */
export type InsightAnswerIntent = InsightIntent | 'unclear';

export type Measure = 'units' | 'revenue';

export const INSIGHT_INTENTS: readonly InsightIntent[] = [
  'top_products',
  'top_categories',
  'sales_summary',
  'trend',
  'low_stock',
  'latent_demand',
  'bot_performance',
  'funnel',
];
