import { parseQuestion } from '../../functions/insights/intent';
import { describeInterval, parsePeriod, resolvePeriod } from '../../functions/insights/period';

const NEW_YORK = 'America/New_York';
const SHANGHAI = 'Asia/Shanghai';
const iso = (d: Date) => d.toISOString();

describe('period parsing in English and Chinese', () => {
  // Wednesday 18 March 2026, 11:00 in New York (EDT since 8 March, UTC-4).
  const now = new Date('2026-03-18T15:00:00Z');

  test('"last week" is Monday to Monday in the store timezone, across the DST change', () => {
    // Prepare / Act
    const period = parsePeriod('what were my best sellers last week?', now, NEW_YORK);
    // Assess
    expect(period?.key).toBe('last_week');
    expect(iso(period!.from)).toBe('2026-03-09T04:00:00.000Z');
    expect(iso(period!.to)).toBe('2026-03-16T04:00:00.000Z');
    // The week before began in EST (UTC-5): seven local days are 167 hours here.
    expect(iso(period!.previous.from)).toBe('2026-03-02T05:00:00.000Z');
    expect(iso(period!.previous.to)).toBe('2026-03-09T04:00:00.000Z');
    expect(describeInterval(period!, NEW_YORK)).toBe('2026-03-09..2026-03-16');
  });

  test('上周 means the same week as "last week"', () => {
    const en = parsePeriod('last week', now, NEW_YORK);
    const zh = parsePeriod('上周卖得最好的产品', now, NEW_YORK);
    expect(zh?.key).toBe('last_week');
    expect(iso(zh!.from)).toBe(iso(en!.from));
    expect(iso(zh!.to)).toBe(iso(en!.to));
  });

  test('"this month vs last" runs from the 1st to now, compared with the same span of last month', () => {
    const period = parsePeriod('revenue by category this month vs last', now, NEW_YORK);
    expect(period?.key).toBe('this_month');
    expect(iso(period!.from)).toBe('2026-03-01T05:00:00.000Z');
    expect(iso(period!.to)).toBe(iso(now));
    expect(iso(period!.previous.from)).toBe('2026-02-01T05:00:00.000Z');
    expect(period!.previous.to.getTime() - period!.previous.from.getTime()).toBe(
      period!.to.getTime() - period!.from.getTime(),
    );
    expect(parsePeriod('本月销售额', now, NEW_YORK)?.key).toBe('this_month');
  });

  test('上个月 and "last month" are the whole previous calendar month', () => {
    for (const q of ['上个月的营收', 'sales last month']) {
      const period = parsePeriod(q, now, NEW_YORK);
      expect(period?.key).toBe('last_month');
      expect(iso(period!.from)).toBe('2026-02-01T05:00:00.000Z');
      expect(iso(period!.to)).toBe('2026-03-01T05:00:00.000Z');
      expect(iso(period!.previous.from)).toBe('2026-01-01T05:00:00.000Z');
    }
  });

  test('过去30天 and "last 30 days" are the 30 local days up to and including today', () => {
    const zh = parsePeriod('过去30天的营收', now, NEW_YORK);
    const en = parsePeriod('revenue over the last 30 days', now, NEW_YORK);
    expect(zh?.days).toBe(30);
    expect(iso(zh!.from)).toBe(iso(en!.from));
    expect(iso(zh!.to)).toBe('2026-03-19T04:00:00.000Z');
    // 17 February to 18 March inclusive: 12 days of February plus 18 of March.
    expect(iso(zh!.from)).toBe('2026-02-17T05:00:00.000Z');
    expect(iso(zh!.previous.to)).toBe(iso(zh!.from));
    expect(parsePeriod('最近七天', now, NEW_YORK)?.days).toBe(7);
  });

  test('昨天 follows the store clock: 00:30 in Shanghai is already the next day', () => {
    // 16:30 UTC on 18 March is 00:30 on 19 March in Shanghai (UTC+8).
    const lateUtc = new Date('2026-03-18T16:30:00Z');
    const shanghai = parsePeriod('昨天卖了多少', lateUtc, SHANGHAI);
    expect(iso(shanghai!.from)).toBe('2026-03-17T16:00:00.000Z');
    expect(iso(shanghai!.to)).toBe('2026-03-18T16:00:00.000Z');
    const utc = parsePeriod('yesterday', lateUtc, 'UTC');
    expect(iso(utc!.from)).toBe('2026-03-17T00:00:00.000Z');
  });

  test('today and this week are running periods compared with the same elapsed time before', () => {
    const today = parsePeriod('sales today', now, NEW_YORK);
    expect(iso(today!.from)).toBe('2026-03-18T04:00:00.000Z');
    expect(iso(today!.previous.from)).toBe('2026-03-17T04:00:00.000Z');
    expect(iso(today!.previous.to)).toBe('2026-03-17T15:00:00.000Z');
    const week = parsePeriod('本周订单', now, NEW_YORK);
    expect(iso(week!.from)).toBe('2026-03-16T04:00:00.000Z');
  });

  test('a question without a period gets none from the parser, and the last 30 days from the intent parser', () => {
    expect(parsePeriod('what are shoppers asking for?', now, NEW_YORK)).toBeUndefined();
    const parsed = parseQuestion("what are shoppers asking for that we don't sell?", now, NEW_YORK);
    expect(parsed.period.key).toBe('last_n_days');
    expect(parsed.period.days).toBe(30);
  });

  test('resolvePeriod handles a month start in a timezone ahead of UTC', () => {
    const period = resolvePeriod('this_month', new Date('2026-02-28T17:00:00Z'), SHANGHAI);
    // 01:00 on 1 March in Shanghai: this month has just begun.
    expect(iso(period.from)).toBe('2026-02-28T16:00:00.000Z');
  });
});

describe('offline intent parsing', () => {
  const now = new Date('2026-03-18T15:00:00Z');
  const cases: [string, string, 'units' | 'revenue', 'en' | 'zh'][] = [
    ['what were my best sellers last week?', 'top_products', 'units', 'en'],
    ['上周卖得最好的产品', 'top_products', 'units', 'zh'],
    ['revenue by category this month vs last', 'top_categories', 'revenue', 'en'],
    ['本月各品类销售额', 'top_categories', 'revenue', 'zh'],
    ['which products are running out but still in demand?', 'low_stock', 'units', 'en'],
    ['哪些产品快卖完了', 'low_stock', 'units', 'zh'],
    ["what are shoppers asking for that we don't sell?", 'latent_demand', 'units', 'en'],
    ['顾客在找哪些我们没有卖的东西', 'latent_demand', 'units', 'zh'],
    ['how is the bot doing: satisfaction, handoffs, conversions?', 'bot_performance', 'units', 'en'],
    ['机器人表现怎么样', 'bot_performance', 'units', 'zh'],
    ['过去30天营收', 'sales_summary', 'revenue', 'zh'],
    ['daily sales trend', 'trend', 'units', 'en'],
  ];
  test.each(cases)('%s → %s', (question, intent, by, language) => {
    const parsed = parseQuestion(question, now, NEW_YORK);
    expect(parsed.intent).toBe(intent);
    expect(parsed.by).toBe(by);
    expect(parsed.language).toBe(language);
  });
});
