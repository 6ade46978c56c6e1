import { detectLanguage } from '../language/language';
import { parsePeriod, resolvePeriod, type Period } from './period';

/** The reports the offline assistant maps merchant questions to; each is one insight tool. */
export type InsightIntent =
  | 'top_products'
  | 'top_categories'
  | 'sales_summary'
  | 'trend'
  | 'low_stock'
  | 'latent_demand'
  | 'bot_performance'
  | 'funnel';

export interface ParsedQuestion {
  intent: InsightIntent;
  period: Period;
  by: 'units' | 'revenue';
  language: 'en' | 'zh';
}

const RULES: [InsightIntent, RegExp][] = [
  [
    'latent_demand',
    /asking for|ask(?:ed)? about|don'?t (?:sell|have|carry)|do not (?:sell|have|carry)|not (?:sell|stock)|missing|latent|unanswered|can'?t find|could ?n[o']t find|demand gap|没有卖|不卖|没卖|找不到|没找到|潜在需求|未回答|想买.*没有|顾客.*(?:想要|在找|问)/,
  ],
  [
    'low_stock',
    /running out|run out|low (?:on )?stock|out of stock|restock|reorder|stock ?out|inventory|库存|缺货|快卖完|断货|补货/,
  ],
  ['funnel', /funnel|漏斗/],
  [
    'bot_performance',
    /\bbot\b|assistant|satisfaction|csat|thumbs|hand-?offs?|conversion|resolution|resolved|满意|转人工|人工|机器人|助手|表现|转化|解决率/,
  ],
  ['trend', /trend|daily|per day|by day|each day|over time|chart of sales|趋势|走势|每天|每日|按天/],
  ['top_categories', /categor|类目|品类|分类|类别/],
  [
    'top_products',
    /best ?sell|top (?:\d+ )?(?:products|items|sellers)|sold (?:the )?most|most (?:popular|sold)|bestsell|popular products|卖得最好|最畅销|畅销|热销|卖得好|销量最高|卖最多|爆款/,
  ],
  [
    'sales_summary',
    /revenue|sales|orders?|turnover|how much|how many|aov|营收|收入|销售额|销售|订单|卖了多少|营业额|业绩/,
  ],
];

/**
 * Maps a merchant question to a report, a period and a ranking measure, in English or Chinese, with no model.
 * Questions it does not recognise get the sales summary, the broadest report.
 */
export function parseQuestion(question: string, now: Date, timeZone: string): ParsedQuestion {
  const q = question.toLowerCase();
  const intent = RULES.find(([, pattern]) => pattern.test(q))?.[0] ?? 'sales_summary';
  const revenueWords = /revenue|sales amount|by sales|money|turnover|\$|营收|收入|销售额|金额|营业额/;
  const by: 'units' | 'revenue' =
    intent === 'top_categories'
      ? /units|quantity|volume|件数|数量|销量/.test(q)
        ? 'units'
        : 'revenue'
      : revenueWords.test(q)
        ? 'revenue'
        : 'units';
  const period = parsePeriod(question, now, timeZone) ?? defaultPeriod(intent, now, timeZone);
  return { intent, period, by, language: detectLanguage(question) };
}

/** Every report defaults to the last 30 days: long enough for a demo store's orders, short enough to act on. */
function defaultPeriod(_intent: InsightIntent, now: Date, timeZone: string): Period {
  return resolvePeriod('last_n_days', now, timeZone, 30);
}
