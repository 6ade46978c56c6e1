import { isoDate } from '../../functions/insights/calendar';
import { parseQuestion } from '../../functions/insights/intent';
import { describeInterval, resolvePeriod } from '../../functions/insights/period';
import { formatDateRange } from '../../functions/insights/period-labels';

const NEW_YORK = 'America/New_York';
const SHANGHAI = 'Asia/Shanghai';
const iso = (d: Date) => d.toISOString();
const dates = (p: { start: { year: number; month: number; day: number }; end: typeof p.start }) =>
  `${isoDate(p.start)}..${isoDate(p.end)}`;

describe('periods as instants in the store timezone', () => {
  // Wednesday 18 March 2026, 11:00 in New York (EDT since 8 March, UTC-4).
  const now = new Date('2026-03-18T15:00:00Z');

  test('"last week" is Monday to Monday where the store is, across the DST change', () => {
    const period = parseQuestion('what were my best sellers last week?', now, NEW_YORK).period;
    expect(iso(period.from)).toBe('2026-03-09T04:00:00.000Z');
    expect(iso(period.to)).toBe('2026-03-16T04:00:00.000Z');
    // The week before began in EST (UTC-5): seven local days are 167 hours here.
    expect(iso(period.previous.from)).toBe('2026-03-02T05:00:00.000Z');
    expect(iso(period.previous.to)).toBe('2026-03-09T04:00:00.000Z');
    expect(describeInterval(period, NEW_YORK)).toBe('2026-03-09..2026-03-16');
  });

  test('上周 is the same week as "last week"', () => {
    const en = parseQuestion('last week', now, NEW_YORK).period;
    const zh = parseQuestion('上周卖得最好的产品', now, NEW_YORK).period;
    expect([iso(zh.from), iso(zh.to)]).toEqual([iso(en.from), iso(en.to)]);
  });

  test('a running period reads whole local days and compares with the same elapsed time before it', () => {
    const today = parseQuestion('sales today', now, NEW_YORK).period;
    expect(iso(today.from)).toBe('2026-03-18T04:00:00.000Z');
    expect(iso(today.to)).toBe('2026-03-19T04:00:00.000Z');
    expect(iso(today.previous.from)).toBe('2026-03-17T04:00:00.000Z');
    expect(iso(today.previous.to)).toBe('2026-03-17T15:00:00.000Z');
    const month = parseQuestion('revenue this month vs last month', now, NEW_YORK).period;
    expect(dates(month)).toBe('2026-03-01..2026-03-18');
    expect(dates(month.previousDates)).toBe('2026-02-01..2026-02-18');
  });

  test('昨天 follows the store clock: 00:30 in Shanghai is already the next day', () => {
    const lateUtc = new Date('2026-03-18T16:30:00Z');
    const shanghai = parseQuestion('昨天卖了多少', lateUtc, SHANGHAI).period;
    expect(iso(shanghai.from)).toBe('2026-03-17T16:00:00.000Z');
    expect(iso(shanghai.to)).toBe('2026-03-18T16:00:00.000Z');
    expect(iso(parseQuestion('yesterday', lateUtc, 'UTC').period.from)).toBe('2026-03-17T00:00:00.000Z');
  });

  test('resolvePeriod handles a month start in a timezone ahead of UTC', () => {
    const period = resolvePeriod('this_month', new Date('2026-02-28T17:00:00Z'), SHANGHAI);
    expect(iso(period.from)).toBe('2026-02-28T16:00:00.000Z');
  });
});

describe('comparisons ask for the matching previous period', () => {
  const now = new Date('2026-11-29T15:00:00Z');
  test.each([
    ['top products in September compared to August', '2026-09-01..2026-09-30', '2026-08-01..2026-08-31'],
    ['revenue last month vs the month before', '2026-10-01..2026-10-31', '2026-09-01..2026-09-30'],
    ['上个月销售额环比', '2026-10-01..2026-10-31', '2026-09-01..2026-09-30'],
    ['上个月销售额同比', '2026-10-01..2026-10-31', '2025-10-01..2025-10-31'],
    ['this month vs last year', '2026-11-01..2026-11-29', '2025-11-01..2025-11-29'],
    ['Q3 vs Q2 revenue', '2026-07-01..2026-09-30', '2026-04-01..2026-06-30'],
    ['compare Q3 and Q1', '2026-07-01..2026-09-30', '2026-01-01..2026-03-31'],
    ['last 3 months compared to the previous period', '2026-09-01..2026-11-29', '2026-06-01..2026-08-29'],
    ['how did black friday compare to last year', '2026-11-27..2026-11-27', '2025-11-28..2025-11-28'],
    ['sales vs last week', '2026-11-23..2026-11-29', '2026-11-16..2026-11-22'],
    ['双十一同比', '2026-11-11..2026-11-11', '2025-11-11..2025-11-11'],
    ['本周和上周比', '2026-11-23..2026-11-29', '2026-11-16..2026-11-22'],
  ])('%s', (question, current, previous) => {
    const parsed = parseQuestion(question, now, NEW_YORK);
    expect(parsed.compare).toBe(true);
    expect(dates(parsed.period)).toBe(current);
    expect(dates(parsed.period.previousDates)).toBe(previous);
  });

  test('a question without a comparison word does not ask for one', () => {
    expect(parseQuestion('top products in September', now, NEW_YORK).compare).toBe(false);
  });
});

describe('dates as a merchant reads them', () => {
  test.each([
    [[2026, 9, 1], [2026, 11, 29], 'en', '1 Sep – 29 Nov 2026'],
    [[2026, 9, 1], [2026, 9, 30], 'en', '1–30 Sep 2026'],
    [[2026, 11, 27], [2026, 11, 27], 'en', '27 Nov 2026'],
    [[2025, 12, 1], [2026, 1, 15], 'en', '1 Dec 2025 – 15 Jan 2026'],
    [[2026, 9, 1], [2026, 11, 29], 'zh', '2026年9月1日至11月29日'],
    [[2025, 12, 1], [2026, 1, 15], 'zh', '2025年12月1日至2026年1月15日'],
  ] as const)('%j – %j (%s) → %s', (a, b, lang, text) => {
    const d = (x: readonly number[]) => ({ year: x[0], month: x[1], day: x[2] });
    expect(formatDateRange(d(a), d(b), lang)).toBe(text);
  });
});
