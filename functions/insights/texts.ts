import type { Language } from '../language/language';
import { plural } from '../language/plural';

/** The language a merchant answer is written in. */

/**
 * Every fixed phrase of a merchant answer outside the report sentences: table captions, chart axis labels,
 * the sources heading and the source lines. One table per language, so a Chinese question gets no English.
 */
export interface InsightTexts {
  sources: string;
  noChart: string;
  chartWritten: (file: string) => string;
  moreRows: (n: number) => string;
  chartAlt: string;
  axis: {
    units: string;
    revenue: (currency: string) => string;
    unitsSold: string;
    questions: string;
    conversations: string;
  };
  source: {
    orders: (span: string, count: number) => string;
    /** Orders of a category filter: how many of them have lines in the categories kept. */
    ordersIn: (span: string, count: number, kept: number, categories: string) => string;
    events: (span: string, count: number) => string;
    unanswered: (eventsSource: string, count: number) => string;
    catalogCategories: (products: number) => string;
    catalogStock: (products: number, threshold: number) => string;
    faqAnswered: (count: number) => string;
    faqOpenClusters: (count: number) => string;
  };
  unansweredQuestions: (count: number) => string;
}

export const INSIGHT_TEXTS: Record<Language, InsightTexts> = {
  en: {
    sources: 'Sources',
    noChart: 'No chart for this answer.',
    chartWritten: (file) => `Chart written to ${file}`,
    moreRows: (n) => `… ${plural(n, 'more row')}`,
    chartAlt: 'Chart',
    axis: {
      units: 'units',
      revenue: (currency) => `revenue (${currency})`,
      unitsSold: 'units sold',
      questions: 'questions',
      conversations: 'conversations',
    },
    source: {
      orders: (span, count) => `orders ${span} (${plural(count, 'order')})`,
      ordersIn: (span, count, kept, categories) =>
        `orders ${span} (${plural(count, 'order')}, ${kept} with ${categories} lines)`,
      events: (span, count) => `events ${span} (${plural(count, 'event')})`,
      unanswered: (eventsSource, count) => `${eventsSource}: ${plural(count, 'unanswered question')}`,
      catalogCategories: (products) => `catalog categories (${plural(products, 'product')})`,
      catalogStock: (products, threshold) =>
        `catalog stock (${plural(products, 'product')}, stock <= ${threshold})`,
      faqAnswered: (count) => `${plural(count, 'question')} answered from the store FAQ`,
      faqOpenClusters: (count) => `open FAQ question clusters (${count})`,
    },
    unansweredQuestions: (count) => plural(count, 'unanswered question'),
  },
  zh: {
    sources: '数据来源',
    noChart: '这个回答没有图表。',
    chartWritten: (file) => `图表已保存到 ${file}`,
    moreRows: (n) => `… 另有 ${n} 行`,
    chartAlt: '图表',
    axis: {
      units: '件数',
      revenue: (currency) => `销售额 (${currency})`,
      unitsSold: '售出件数',
      questions: '提问次数',
      conversations: '对话数',
    },
    source: {
      orders: (span, count) => `订单 ${span}（${count} 笔）`,
      ordersIn: (span, count, kept, categories) =>
        `订单 ${span}（${count} 笔，其中 ${kept} 笔含 ${categories}）`,
      events: (span, count) => `事件 ${span}（${count} 条）`,
      unanswered: (eventsSource, count) => `${eventsSource}：${count} 个未回答的问题`,
      catalogCategories: (products) => `商品目录品类（${products} 个产品）`,
      catalogStock: (products, threshold) => `商品目录库存（${products} 个产品，库存 ≤ ${threshold}）`,
      faqAnswered: (count) => `店铺常见问题解答回答了 ${count} 个问题`,
      faqOpenClusters: (count) => `待回答的问题组（${count} 个）`,
    },
    unansweredQuestions: (count) => `${count} 个未回答的问题`,
  },
};
