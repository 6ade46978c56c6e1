import { parseQuestion } from '../../functions/insights/intent';
import { isoDate } from '../../functions/insights/calendar';

/**
 * How merchant questions are understood offline: report, inclusive local period and measure, at fixed clocks
 * in the store's timezone. Expected dates are worked out by hand from the calendar, not from the code.
 */
const NY = 'America/New_York';
const SH = 'Asia/Shanghai';

/** Sunday 29 Nov 2026, 10:00 in New York (EST since 1 Nov). Thanksgiving was 26 Nov. */
const NY_NOV = { now: new Date('2026-11-29T15:00:00Z'), tz: NY };
/** Sunday 29 Nov 2026, 11:00 in Shanghai. */
const SH_NOV = { now: new Date('2026-11-29T03:00:00Z'), tz: SH };
/** Tuesday 10 Mar 2026, 11:00 in New York: two days after the clocks went forward. */
const NY_DST = { now: new Date('2026-03-10T15:00:00Z'), tz: NY };
/** 17:00 UTC on 31 Dec 2026: already Friday 1 Jan 2027 in Shanghai, still 31 Dec at noon in New York. */
const SH_NEW_YEAR = { now: new Date('2026-12-31T17:00:00Z'), tz: SH };
const NY_NEW_YEAR = { now: new Date('2026-12-31T17:00:00Z'), tz: NY };
/** Saturday 20 Jun 2026, 10:00 in Shanghai. */
const SH_JUNE = { now: new Date('2026-06-20T02:00:00Z'), tz: SH };

type Clock = { now: Date; tz: string };
type Row = [Clock, string, string, string, string, 'units' | 'revenue'];

const LAST_30 = ['2026-10-31', '2026-11-29'] as const;

// prettier-ignore
const ROWS: Row[] = [
  // The phrasings of the issue.
  [NY_NOV, 'which products sold the most units in the last 3 months', 'top_products', '2026-09-01', '2026-11-29', 'units'],
  [NY_NOV, 'how many orders did we get in the past two weeks?', 'sales_summary', '2026-11-16', '2026-11-29', 'revenue'],
  [NY_NOV, 'which categories bring in the most revenue this year?', 'top_categories', '2026-01-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'average order value last quarter', 'sales_summary', '2026-07-01', '2026-09-30', 'revenue'],
  [SH_NOV, '近三个月卖得最好的产品', 'top_products', '2026-09-01', '2026-11-29', 'units'],
  [SH_NOV, '最近两周的订单数', 'sales_summary', '2026-11-16', '2026-11-29', 'revenue'],
  [NY_NOV, 'top selling products by units in the last 90 days', 'top_products', '2026-09-01', '2026-11-29', 'units'],
  [NY_NOV, 'which items are about to sell out?', 'low_stock', ...LAST_30, 'units'],
  [NY_NOV, 'what were my best sellers last week?', 'top_products', '2026-11-16', '2026-11-22', 'units'],
  [SH_NOV, '上周卖得最好的产品', 'top_products', '2026-11-16', '2026-11-22', 'units'],
  // Days, weeks, months, quarters, years.
  [NY_NOV, 'sales today', 'sales_summary', '2026-11-29', '2026-11-29', 'revenue'],
  [NY_NOV, 'how much did we sell yesterday?', 'sales_summary', '2026-11-28', '2026-11-28', 'revenue'],
  [NY_NOV, 'orders the day before yesterday', 'sales_summary', '2026-11-27', '2026-11-27', 'revenue'],
  [NY_NOV, 'top products this week', 'top_products', '2026-11-23', '2026-11-29', 'units'],
  [NY_NOV, 'what sold best the previous week', 'top_products', '2026-11-16', '2026-11-22', 'units'],
  [NY_NOV, 'revenue this month', 'sales_summary', '2026-11-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'best sellers last month by revenue', 'top_products', '2026-10-01', '2026-10-31', 'revenue'],
  [NY_NOV, 'sales this quarter', 'sales_summary', '2026-10-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'Q3 revenue', 'sales_summary', '2026-07-01', '2026-09-30', 'revenue'],
  [NY_NOV, 'top categories in q1 2025', 'top_categories', '2025-01-01', '2025-03-31', 'revenue'],
  [NY_NOV, 'orders in the second quarter', 'sales_summary', '2026-04-01', '2026-06-30', 'revenue'],
  [NY_NOV, 'revenue this year', 'sales_summary', '2026-01-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'best sellers last year', 'top_products', '2025-01-01', '2025-12-31', 'units'],
  [NY_NOV, 'YTD sales', 'sales_summary', '2026-01-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'year to date revenue by category', 'top_categories', '2026-01-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'MTD orders', 'sales_summary', '2026-11-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'month-to-date top products', 'top_products', '2026-11-01', '2026-11-29', 'units'],
  [NY_NOV, 'week to date revenue', 'sales_summary', '2026-11-23', '2026-11-29', 'revenue'],
  [NY_NOV, 'quarter to date sales', 'sales_summary', '2026-10-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'sales in 2025', 'sales_summary', '2025-01-01', '2025-12-31', 'revenue'],
  [NY_NOV, 'top products two weeks ago', 'top_products', '2026-11-09', '2026-11-15', 'units'],
  [NY_NOV, 'revenue the week before last', 'sales_summary', '2026-11-09', '2026-11-15', 'revenue'],
  // Last / past N, digits and words.
  [NY_NOV, 'revenue over the last 30 days', 'sales_summary', ...LAST_30, 'revenue'],
  [NY_NOV, 'best sellers in the past 7 days', 'top_products', '2026-11-23', '2026-11-29', 'units'],
  [NY_NOV, 'top products past seven days', 'top_products', '2026-11-23', '2026-11-29', 'units'],
  [NY_NOV, 'sales for the last twenty-one days', 'sales_summary', '2026-11-09', '2026-11-29', 'revenue'],
  [NY_NOV, 'orders in the last fortnight', 'sales_summary', '2026-11-16', '2026-11-29', 'revenue'],
  [NY_NOV, 'what sold most over the past 3 weeks', 'top_products', '2026-11-09', '2026-11-29', 'units'],
  [NY_NOV, 'top categories over the last six months', 'top_categories', '2026-06-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'revenue for the last 2 months', 'sales_summary', '2026-10-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'sales in the past month', 'sales_summary', '2026-10-30', '2026-11-29', 'revenue'],
  [NY_NOV, 'best sellers past year', 'top_products', '2025-11-30', '2026-11-29', 'units'],
  [NY_NOV, 'revenue in the last 2 years', 'sales_summary', '2025-01-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'top products in the last two quarters', 'top_products', '2026-07-01', '2026-11-29', 'units'],
  [NY_NOV, 'revenue over the last couple of weeks', 'sales_summary', '2026-11-16', '2026-11-29', 'revenue'],
  [NY_NOV, 'hot items the last 60 days', 'top_products', '2026-10-01', '2026-11-29', 'units'],
  [NY_NOV, 'sales over the last half year', 'sales_summary', '2026-06-01', '2026-11-29', 'revenue'],
  // Named months, dates, ranges, since.
  [NY_NOV, 'sales in September', 'sales_summary', '2026-09-01', '2026-09-30', 'revenue'],
  [NY_NOV, 'top products in December', 'top_products', '2025-12-01', '2025-12-31', 'units'],
  [NY_NOV, 'best sellers in November', 'top_products', '2026-11-01', '2026-11-29', 'units'],
  [NY_NOV, 'top products in may', 'top_products', '2026-05-01', '2026-05-31', 'units'],
  [NY_NOV, 'revenue for October 2025', 'sales_summary', '2025-10-01', '2025-10-31', 'revenue'],
  [NY_NOV, 'what sold best in aug', 'top_products', '2026-08-01', '2026-08-31', 'units'],
  [NY_NOV, 'revenue since October 1', 'sales_summary', '2026-10-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'orders since 15th of October', 'sales_summary', '2026-10-15', '2026-11-29', 'revenue'],
  [NY_NOV, 'best sellers since September', 'top_products', '2026-09-01', '2026-11-29', 'units'],
  [NY_NOV, 'top products between Oct 1 and Nov 15', 'top_products', '2026-10-01', '2026-11-15', 'units'],
  [NY_NOV, 'sales from Sept 5 to Sept 20', 'sales_summary', '2026-09-05', '2026-09-20', 'revenue'],
  [NY_NOV, 'revenue between Dec 1 and Jan 15', 'sales_summary', '2025-12-01', '2026-01-15', 'revenue'],
  [NY_NOV, 'top categories from September to October', 'top_categories', '2026-09-01', '2026-10-31', 'revenue'],
  [NY_NOV, 'orders from 2026-10-01 to 2026-10-07', 'sales_summary', '2026-10-01', '2026-10-07', 'revenue'],
  [NY_NOV, 'sales on Nov 11', 'sales_summary', '2026-11-11', '2026-11-11', 'revenue'],
  [NY_NOV, 'best sellers Oct 3 - 9', 'top_products', '2026-10-03', '2026-10-09', 'units'],
  // Retail days, computed for the year.
  [NY_NOV, 'Black Friday sales', 'sales_summary', '2026-11-27', '2026-11-27', 'revenue'],
  [NY_NOV, 'top products on cyber monday', 'top_products', '2025-12-01', '2025-12-01', 'units'],
  [NY_NOV, 'best sellers black friday 2025', 'top_products', '2025-11-28', '2025-11-28', 'units'],
  [NY_NOV, 'revenue over BFCM', 'sales_summary', '2026-11-27', '2026-11-29', 'revenue'],
  [NY_NOV, "singles' day orders", 'sales_summary', '2026-11-11', '2026-11-11', 'revenue'],
  [NY_NOV, 'christmas revenue', 'sales_summary', '2025-12-25', '2025-12-25', 'revenue'],
  // Reports, in other words.
  [NY_NOV, 'what sold most?', 'top_products', ...LAST_30, 'units'],
  [NY_NOV, 'hot items', 'top_products', ...LAST_30, 'units'],
  [NY_NOV, 'which products make the most money', 'top_products', ...LAST_30, 'revenue'],
  [NY_NOV, 'top 10 skus by revenue this month', 'top_products', '2026-11-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'our most popular items', 'top_products', ...LAST_30, 'units'],
  [NY_NOV, 'which category sells the most units', 'top_categories', ...LAST_30, 'units'],
  [NY_NOV, 'revenue by category last month', 'top_categories', '2026-10-01', '2026-10-31', 'revenue'],
  [NY_NOV, 'how are sales going?', 'sales_summary', ...LAST_30, 'revenue'],
  [NY_NOV, "what's our AOV this week", 'sales_summary', '2026-11-23', '2026-11-29', 'revenue'],
  [NY_NOV, 'total revenue', 'sales_summary', ...LAST_30, 'revenue'],
  [NY_NOV, 'daily sales trend', 'trend', ...LAST_30, 'revenue'],
  [NY_NOV, 'show revenue over time since september', 'trend', '2026-09-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'weekly revenue for the last 2 months', 'trend', '2026-10-01', '2026-11-29', 'revenue'],
  [NY_NOV, 'what should I reorder?', 'low_stock', ...LAST_30, 'units'],
  [NY_NOV, 'which products are running low on stock', 'low_stock', ...LAST_30, 'units'],
  [NY_NOV, 'anything out of stock soon?', 'low_stock', ...LAST_30, 'units'],
  [NY_NOV, "what are shoppers asking for that we don't sell?", 'latent_demand', ...LAST_30, 'units'],
  [NY_NOV, 'what are customers looking for this week', 'latent_demand', '2026-11-23', '2026-11-29', 'units'],
  [NY_NOV, 'unanswered questions last month', 'latent_demand', '2026-10-01', '2026-10-31', 'units'],
  [NY_NOV, 'how is the bot doing?', 'bot_performance', ...LAST_30, 'units'],
  [NY_NOV, 'handoff rate and csat last week', 'bot_performance', '2026-11-16', '2026-11-22', 'units'],
  [NY_NOV, 'conversion funnel this month', 'funnel', '2026-11-01', '2026-11-29', 'units'],
  [NY_NOV, 'click-through rate of recommendations', 'funnel', ...LAST_30, 'units'],
  // Unclear: no report named with confidence.
  [NY_NOV, 'hello', 'unclear', ...LAST_30, 'units'],
  [NY_NOV, 'how are we doing?', 'unclear', ...LAST_30, 'units'],
  [NY_NOV, 'give me a report for last week', 'unclear', '2026-11-16', '2026-11-22', 'units'],
  [NY_NOV, 'what happened in October?', 'unclear', '2026-10-01', '2026-10-31', 'units'],
  // Chinese.
  [SH_NOV, '今天卖了多少', 'sales_summary', '2026-11-29', '2026-11-29', 'revenue'],
  [SH_NOV, '昨天的订单', 'sales_summary', '2026-11-28', '2026-11-28', 'revenue'],
  [SH_NOV, '本周销售额', 'sales_summary', '2026-11-23', '2026-11-29', 'revenue'],
  [SH_NOV, '这个月卖得最好的是什么', 'top_products', '2026-11-01', '2026-11-29', 'units'],
  [SH_NOV, '上个月各品类销售额', 'top_categories', '2026-10-01', '2026-10-31', 'revenue'],
  [SH_NOV, '上个季度的营收', 'sales_summary', '2026-07-01', '2026-09-30', 'revenue'],
  [SH_NOV, '第三季度的爆款', 'top_products', '2026-07-01', '2026-09-30', 'units'],
  [SH_NOV, '今年的营业额', 'sales_summary', '2026-01-01', '2026-11-29', 'revenue'],
  [SH_NOV, '去年的热销产品', 'top_products', '2025-01-01', '2025-12-31', 'units'],
  [SH_NOV, '最近60天的爆款', 'top_products', '2026-10-01', '2026-11-29', 'units'],
  [SH_NOV, '过去七天的销量', 'sales_summary', '2026-11-23', '2026-11-29', 'units'],
  [SH_NOV, '近一个月的订单', 'sales_summary', '2026-10-30', '2026-11-29', 'revenue'],
  [SH_NOV, '近半年的销售趋势', 'trend', '2026-06-01', '2026-11-29', 'revenue'],
  [SH_NOV, '10月份的销售额', 'sales_summary', '2026-10-01', '2026-10-31', 'revenue'],
  [SH_NOV, '十二月卖得最好的产品', 'top_products', '2025-12-01', '2025-12-31', 'units'],
  [SH_NOV, '10月1日到11月15日的销售额', 'sales_summary', '2026-10-01', '2026-11-15', 'revenue'],
  [SH_NOV, '十月一日至十月七日的订单', 'sales_summary', '2026-10-01', '2026-10-07', 'revenue'],
  [SH_NOV, '10月15日以来的营收', 'sales_summary', '2026-10-15', '2026-11-29', 'revenue'],
  [SH_NOV, '双十一卖得最好的产品', 'top_products', '2026-11-11', '2026-11-11', 'units'],
  [SH_NOV, '双11的订单量', 'sales_summary', '2026-11-11', '2026-11-11', 'revenue'],
  [SH_NOV, '去年双十一的销售额', 'sales_summary', '2025-11-11', '2025-11-11', 'revenue'],
  [SH_NOV, '黑五的销量', 'sales_summary', '2026-11-27', '2026-11-27', 'units'],
  [SH_NOV, '哪些产品快卖完了', 'low_stock', ...LAST_30, 'units'],
  [SH_NOV, '需要补货的商品', 'low_stock', ...LAST_30, 'units'],
  [SH_NOV, '顾客在找哪些我们没有卖的东西', 'latent_demand', ...LAST_30, 'units'],
  [SH_NOV, '机器人表现怎么样', 'bot_performance', ...LAST_30, 'units'],
  [SH_NOV, '上周的转人工率', 'bot_performance', '2026-11-16', '2026-11-22', 'units'],
  [SH_NOV, '本月的转化漏斗', 'funnel', '2026-11-01', '2026-11-29', 'units'],
  [SH_NOV, '每天的营收走势', 'trend', ...LAST_30, 'revenue'],
  [SH_NOV, '按销售额排名的产品', 'top_products', ...LAST_30, 'revenue'],
  [SH_NOV, '你好', 'unclear', ...LAST_30, 'units'],
  // DST: New York on Tuesday 10 Mar 2026.
  [NY_DST, 'best sellers last week', 'top_products', '2026-03-02', '2026-03-08', 'units'],
  [NY_DST, 'sales yesterday', 'sales_summary', '2026-03-09', '2026-03-09', 'revenue'],
  [NY_DST, 'revenue this week', 'sales_summary', '2026-03-09', '2026-03-10', 'revenue'],
  [NY_DST, 'top products in the past two weeks', 'top_products', '2026-02-25', '2026-03-10', 'units'],
  [NY_DST, 'last month revenue', 'sales_summary', '2026-02-01', '2026-02-28', 'revenue'],
  [NY_DST, 'Q4 sales', 'sales_summary', '2025-10-01', '2025-12-31', 'revenue'],
  // Year boundary: already 2027 in Shanghai, still 2026 in New York.
  [SH_NEW_YEAR, '昨天的销售额', 'sales_summary', '2026-12-31', '2026-12-31', 'revenue'],
  [SH_NEW_YEAR, '上周的爆款', 'top_products', '2026-12-21', '2026-12-27', 'units'],
  [SH_NEW_YEAR, '本周订单', 'sales_summary', '2026-12-28', '2027-01-01', 'revenue'],
  [SH_NEW_YEAR, '上个月的营收', 'sales_summary', '2026-12-01', '2026-12-31', 'revenue'],
  [SH_NEW_YEAR, '今年的销售额', 'sales_summary', '2027-01-01', '2027-01-01', 'revenue'],
  [SH_NEW_YEAR, '去年卖得最好的产品', 'top_products', '2026-01-01', '2026-12-31', 'units'],
  [SH_NEW_YEAR, '第四季度营收', 'sales_summary', '2026-10-01', '2026-12-31', 'revenue'],
  [SH_NEW_YEAR, '上个季度各品类', 'top_categories', '2026-10-01', '2026-12-31', 'revenue'],
  [SH_NEW_YEAR, '近三个月的订单', 'sales_summary', '2026-11-01', '2027-01-01', 'revenue'],
  [SH_NEW_YEAR, '12月份的销售额', 'sales_summary', '2026-12-01', '2026-12-31', 'revenue'],
  [SH_NEW_YEAR, 'best sellers since Dec 1', 'top_products', '2026-12-01', '2027-01-01', 'units'],
  [SH_NEW_YEAR, 'Black Friday revenue', 'sales_summary', '2026-11-27', '2026-11-27', 'revenue'],
  [NY_NEW_YEAR, 'revenue this year', 'sales_summary', '2026-01-01', '2026-12-31', 'revenue'],
  [NY_NEW_YEAR, 'sales yesterday', 'sales_summary', '2026-12-30', '2026-12-30', 'revenue'],
  [NY_NEW_YEAR, 'top products last month', 'top_products', '2026-11-01', '2026-11-30', 'units'],
  [NY_NEW_YEAR, 'orders this week', 'sales_summary', '2026-12-28', '2026-12-31', 'revenue'],
  // Shanghai in June: the most recent 双十一 and October are last year's.
  [SH_JUNE, '双十一的销售额', 'sales_summary', '2025-11-11', '2025-11-11', 'revenue'],
  [SH_JUNE, '618大促的订单', 'sales_summary', '2026-06-18', '2026-06-18', 'revenue'],
  [SH_JUNE, '上个季度的爆款', 'top_products', '2026-01-01', '2026-03-31', 'units'],
  [SH_JUNE, '第三季度营收', 'sales_summary', '2025-07-01', '2025-09-30', 'revenue'],
  [SH_JUNE, '10月份卖得最好的', 'top_products', '2025-10-01', '2025-10-31', 'units'],
  [SH_JUNE, '近两周的销售额', 'sales_summary', '2026-06-07', '2026-06-20', 'revenue'],
];

describe('merchant questions are understood: report, period and measure', () => {
  test('the table holds at least 120 phrasings in English and Chinese', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(120);
    expect(ROWS.filter((r) => /[\u4e00-\u9fff]/.test(r[1])).length).toBeGreaterThanOrEqual(40);
  });

  const cases = ROWS.map(([clock, question, intent, from, to, by]) => ({
    clock,
    question,
    intent,
    from,
    to,
    by,
  }));
  test.each(cases)('"$question" → $intent $from..$to by $by', ({ clock, question, intent, from, to, by }) => {
    const parsed = parseQuestion(question, clock.now, clock.tz);
    expect({
      intent: parsed.intent,
      from: isoDate(parsed.period.start),
      to: isoDate(parsed.period.end),
      by: parsed.by,
    }).toEqual({ intent, from, to, by });
  });
});
