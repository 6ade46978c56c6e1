import type { Language } from '../language/language';
/**
 * What the bot says it understood: every answer starts with the report and the exact period ("Top products
 * by units, 1 Sep – 29 Nov 2026"), and an unclear question gets a short question offering the reports.
 */
import { categoryLabel } from '../catalog/lexicon';
import type { LocalDate } from './calendar';
import type { InsightAnswerIntent, InsightIntent, Measure } from './intent-types';
import { INSIGHT_INTENTS } from './intent-types';
import { formatDateRange } from './period-labels';

/** Report names, and the question a report button asks (it must read back as that report). */
export const REPORT_NAMES: Record<InsightIntent, { en: string; zh: string; askEn: string; askZh: string }> = {
  top_products: { en: 'Top products', zh: '畅销产品', askEn: 'top products', askZh: '畅销产品' },
  top_categories: { en: 'Top categories', zh: '品类排行', askEn: 'top categories', askZh: '品类排行' },
  sales_summary: { en: 'Sales summary', zh: '销售概况', askEn: 'sales summary', askZh: '销售概况' },
  trend: { en: 'Sales trend', zh: '销售走势', askEn: 'sales trend', askZh: '销售走势' },
  low_stock: { en: 'Low stock', zh: '库存预警', askEn: 'low stock', askZh: '库存预警' },
  latent_demand: { en: 'Latent demand', zh: '潜在需求', askEn: 'latent demand', askZh: '潜在需求' },
  bot_performance: { en: 'Bot performance', zh: '机器人表现', askEn: 'bot performance', askZh: '机器人表现' },
  funnel: { en: 'Conversation funnel', zh: '对话漏斗', askEn: 'conversion funnel', askZh: '对话漏斗' },
};

/** Reports whose ranking depends on the measure. */
const RANKED = new Set<InsightAnswerIntent>(['top_products', 'top_categories']);
/** Reports a category filter narrows (sales and stock; shopper conversations have no category). */
export const FILTERABLE = new Set<InsightAnswerIntent>([
  'top_products',
  'top_categories',
  'sales_summary',
  'trend',
  'low_stock',
]);

export interface HeadingInput {
  intent: InsightIntent;
  by: Measure;
  start: LocalDate;
  end: LocalDate;
  categories?: string[];
  compareWith?: { start: LocalDate; end: LocalDate };
}

function categoryText(categories: string[], lang: Language): string {
  return categories.map((c) => categoryLabel(c, lang)).join(lang === 'zh' ? '、' : ', ');
}

/** "Top products by units, 1 Sep – 29 Nov 2026" / "畅销产品（按销量），2026年9月1日至11月29日". */
export function reportHeading(input: HeadingInput, lang: Language): string {
  const name = REPORT_NAMES[input.intent];
  const range = formatDateRange(input.start, input.end, lang);
  const compare = input.compareWith
    ? formatDateRange(input.compareWith.start, input.compareWith.end, lang)
    : '';
  const filtered = input.categories && input.categories.length > 0 && FILTERABLE.has(input.intent);
  if (lang === 'zh') {
    const by = RANKED.has(input.intent) ? `（${input.by === 'units' ? '按销量' : '按销售额'}）` : '';
    const only = filtered ? `，仅${categoryText(input.categories ?? [], lang)}` : '';
    return `${name.zh}${by}${only}，${range}${compare ? `，对比${compare}` : ''}`;
  }
  const by = RANKED.has(input.intent) ? ` by ${input.by}` : '';
  const only = filtered ? `, ${categoryText(input.categories ?? [], lang)} only` : '';
  return `${name.en}${by}${only}, ${range}${compare ? ` vs ${compare}` : ''}`;
}

/** A note when the filter could not be applied, so the merchant never reads an unfiltered figure as filtered. */
export function filterNote(
  intent: InsightIntent,
  categories: string[] | undefined,
  unknown: string | undefined,
  lang: Language,
): string {
  if (unknown) {
    return lang === 'zh'
      ? `店铺里没有与「${unknown}」对应的品类，以下为全部品类。`
      : `No category of this store matches "${unknown}"; showing all categories.`;
  }
  if (categories && categories.length > 0 && !FILTERABLE.has(intent)) {
    return lang === 'zh'
      ? '此报告不按品类区分，以下为全部数据。'
      : 'This report has no categories; showing everything.';
  }
  return '';
}

export interface ReportChoice {
  intent: InsightIntent;
  label: string;
  /** What the button asks in the thread; read back, it names this report. */
  question: string;
}

/** Every report, the likeliest first: the buttons of the "which report?" question. */
export function reportChoices(likely: InsightIntent[], lang: Language): ReportChoice[] {
  const order = [...new Set([...likely, ...INSIGHT_INTENTS])];
  return order.map((intent) => ({
    intent,
    label: lang === 'zh' ? REPORT_NAMES[intent].zh : REPORT_NAMES[intent].en,
    question: lang === 'zh' ? REPORT_NAMES[intent].askZh : REPORT_NAMES[intent].askEn,
  }));
}

/** The short question of an unclear answer. */
export function clarifyingQuestion(start: LocalDate, end: LocalDate, lang: Language): string {
  const range = formatDateRange(start, end, lang);
  return lang === 'zh'
    ? `我不确定你想看哪份报告（${range}）。请选择：${INSIGHT_INTENTS.map((i) => REPORT_NAMES[i].zh).join('、')}。`
    : `Which report do you mean (${range})? I can give: ${INSIGHT_INTENTS.map((i) => REPORT_NAMES[i].en.toLowerCase()).join(', ')}.`;
}
