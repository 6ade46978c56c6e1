/**
 * Building blocks of the period grammar: calendar periods relative to today, and dates as merchants write them
 * ("Oct 1", "1st of October", "10月1日", "2026-10-01"), resolved to their most recent occurrence.
 */
import {
  addDays,
  addMonths,
  compareDates,
  daysInMonth,
  isoWeekday,
  isValidDate,
  type LocalDate,
} from './calendar';
import { rangeSpec, specOf, type PeriodSpec } from './period';
import { formatDateRange } from './period-labels';
import { EN_MONTHS, EN_MONTH_PATTERN, UNIT_LABELS, UNIT_WORDS } from './period-words';

export type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

export const M = `(?:${EN_MONTH_PATTERN})`;
export const ORD = '(?:st|nd|rd|th)?';
export const EN_DATE = `(?:${M}\\.?\\s+\\d{1,2}${ORD}(?:,?\\s*\\d{4})?|\\d{1,2}${ORD}\\s+(?:of\\s+)?${M}(?:,?\\s*\\d{4})?|\\d{4}-\\d{1,2}-\\d{1,2}|${M}(?:\\s+\\d{4})?)`;
export const ZH_DATE = `(?:(?:\\d{4}年)?\\d{1,2}月份?(?:\\d{1,2}[日号])?|\\d{4}-\\d{1,2}-\\d{1,2})`;
export const DAY_ONLY = `\\d{1,2}${ORD}`;
export const ZH_DAY_ONLY = '\\d{1,2}[日号]';
export const UNIT = '(day|week|fortnight|month|quarter|year)s?';
export const ZH_UNIT = '(天|日|周|星期|礼拜|月|季度|年)';

export interface Found {
  index: number;
  length: number;
  spec: PeriodSpec;
}

export type Builder = (m: RegExpExecArray, today: LocalDate) => PeriodSpec | undefined;

export const label = (en: string, zh: string) => ({ en, zh });
const monthName = (month: number) =>
  new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });

export function daySpec(date: LocalDate, en?: string, zh?: string): PeriodSpec {
  return specOf(
    date,
    date,
    { unit: 'day', n: 1 },
    label(en ?? formatDateRange(date, date, 'en'), zh ?? formatDateRange(date, date, 'zh')),
  );
}

export function weekSpec(monday: LocalDate, en: string, zh: string): PeriodSpec {
  return specOf(monday, addDays(monday, 6), { unit: 'day', n: 7 }, label(en, zh));
}

export function monthSpec(year: number, month: number, en?: string, zh?: string): PeriodSpec {
  return specOf(
    { year, month, day: 1 },
    { year, month, day: daysInMonth(year, month) },
    { unit: 'month', n: 1 },
    label(en ?? `${monthName(month)} ${year}`, zh ?? `${year}年${month}月`),
  );
}

export function quarterSpec(year: number, quarter: number, en?: string, zh?: string): PeriodSpec {
  const month = quarter * 3;
  return specOf(
    { year, month: month - 2, day: 1 },
    { year, month, day: daysInMonth(year, month) },
    { unit: 'month', n: 3 },
    label(en ?? `Q${quarter} ${year}`, zh ?? `${year}年第${quarter}季度`),
  );
}

export function yearSpec(year: number, en?: string, zh?: string): PeriodSpec {
  return specOf(
    { year, month: 1, day: 1 },
    { year, month: 12, day: 31 },
    { unit: 'month', n: 12 },
    label(en ?? String(year), zh ?? `${year}年`),
  );
}

export const quarterOf = (date: LocalDate) => Math.ceil(date.month / 3);
export const mondayOf = (date: LocalDate) => addDays(date, -isoWeekday(date));

/** The calendar unit containing `today`, moved `offset` units (0 = this one, -1 = the last one). */
export function calendarUnit(
  unit: Unit,
  offset: number,
  today: LocalDate,
  en: string,
  zh: string,
): PeriodSpec {
  switch (unit) {
    case 'day':
      return daySpec(addDays(today, offset), en, zh);
    case 'week':
      return weekSpec(addDays(mondayOf(today), 7 * offset), en, zh);
    case 'month': {
      const first = addMonths({ ...today, day: 1 }, offset);
      return monthSpec(first.year, first.month, en, zh);
    }
    case 'quarter': {
      const first = addMonths({ year: today.year, month: quarterOf(today) * 3 - 2, day: 1 }, offset * 3);
      return quarterSpec(first.year, quarterOf(first), en, zh);
    }
    case 'year':
      return yearSpec(today.year + offset, en, zh);
  }
}

/**
 * The last `n` units up to and including today. Days and weeks roll; two or more months, quarters or years
 * are whole calendar units with the current one to date ("last 3 months" on 29 Nov = 1 Sep – 29 Nov).
 */
export function lastN(n: number, unit: Unit, today: LocalDate): PeriodSpec | undefined {
  if (!Number.isFinite(n) || n < 1 || n > 3660) return undefined;
  const words =
    n === 1
      ? label(`past ${UNIT_LABELS[unit].en.slice(0, -1)}`, `近1${UNIT_LABELS[unit].zh}`)
      : label(`last ${n} ${UNIT_LABELS[unit].en}`, `近${n}${UNIT_LABELS[unit].zh}`);
  if (unit === 'day' || unit === 'week') {
    const days = unit === 'day' ? n : 7 * n;
    return specOf(addDays(today, -(days - 1)), today, { unit: 'day', n: days }, words);
  }
  const months = n * (unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12);
  if (n === 1)
    return specOf(addDays(addMonths(today, -months), 1), today, { unit: 'month', n: months }, words);
  const unitStart =
    unit === 'month'
      ? { ...today, day: 1 }
      : unit === 'quarter'
        ? { year: today.year, month: quarterOf(today) * 3 - 2, day: 1 }
        : { year: today.year, month: 1, day: 1 };
  const step = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
  return specOf(addMonths(unitStart, -step * (n - 1)), today, { unit: 'month', n: months }, words);
}

interface DateParts {
  year?: number;
  month?: number;
  day?: number;
}

const EN_MONTH_DAY = new RegExp(`^(${M})\\.?\\s+(\\d{1,2})${ORD}(?:,?\\s*(\\d{4}))?$`);
const EN_DAY_MONTH = new RegExp(`^(\\d{1,2})${ORD}\\s+(?:of\\s+)?(${M})(?:,?\\s*(\\d{4}))?$`);
const EN_MONTH_ONLY = new RegExp(`^(${M})(?:\\s+(\\d{4}))?$`);

/** One side of a range, or the date of "since …". */
export function dateParts(text: string): DateParts | undefined {
  const t = text.trim();
  const num = (s?: string) => (s ? Number(s) : undefined);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return { year: num(m[1]), month: num(m[2]), day: num(m[3]) };
  m = /^(?:(\d{4})年)?(\d{1,2})月份?(?:(\d{1,2})[日号])?$/.exec(t);
  if (m) return { year: num(m[1]), month: num(m[2]), day: num(m[3]) };
  m = /^(\d{1,2})(?:[日号]|st|nd|rd|th)?$/.exec(t);
  if (m) return { day: num(m[1]) };
  m = EN_MONTH_DAY.exec(t);
  if (m) return { month: EN_MONTHS[m[1]], day: num(m[2]), year: num(m[3]) };
  m = EN_DAY_MONTH.exec(t);
  if (m) return { day: num(m[1]), month: EN_MONTHS[m[2]], year: num(m[3]) };
  m = EN_MONTH_ONLY.exec(t);
  if (m) return { month: EN_MONTHS[m[1]], year: num(m[2]) };
  return undefined;
}

/** The most recent year in which month/day has started, unless the text gave one. */
export function recentYear(month: number, day: number, today: LocalDate): number {
  return compareDates({ year: today.year, month, day }, today) <= 0 ? today.year : today.year - 1;
}

export function rangeOf(a: DateParts, b: DateParts, today: LocalDate): PeriodSpec | undefined {
  const endMonth = b.month ?? a.month;
  const startMonth = a.month ?? b.month;
  if (!endMonth || !startMonth) return undefined;
  const endYear =
    b.year ?? (a.year && !b.month ? a.year : undefined) ?? recentYear(endMonth, b.day ?? 1, today);
  const end = { year: endYear, month: endMonth, day: b.day ?? daysInMonth(endYear, endMonth) };
  let start = { year: a.year ?? endYear, month: startMonth, day: a.day ?? 1 };
  if (!a.year && compareDates(start, end) > 0) start = { ...start, year: start.year - 1 };
  if (!isValidDate(start) || !isValidDate(end) || compareDates(start, end) > 0) return undefined;
  return rangeSpec(start, end);
}

export function singleDate(parts: DateParts | undefined, today: LocalDate): LocalDate | undefined {
  if (!parts?.month || !parts.day) return undefined;
  const date = {
    year: parts.year ?? recentYear(parts.month, parts.day, today),
    month: parts.month,
    day: parts.day,
  };
  return isValidDate(date) ? date : undefined;
}

export function sinceSpec(start: LocalDate | undefined, today: LocalDate): PeriodSpec | undefined {
  if (!start || compareDates(start, today) > 0) return undefined;
  const spec = rangeSpec(start, today);
  return {
    ...spec,
    label: label(
      `since ${formatDateRange(start, start, 'en')}`,
      `${formatDateRange(start, start, 'zh')}以来`,
    ),
  };
}

export function unitOf(word: string): Unit {
  if (word === 'fortnight') return 'week';
  return UNIT_WORDS[word] ?? 'day';
}

export function thisUnit(unit: Unit, today: LocalDate): PeriodSpec {
  const words: Record<Unit, [string, string]> = {
    day: ['today', '今天'],
    week: ['this week', '本周'],
    month: ['this month', '本月'],
    quarter: ['this quarter', '本季度'],
    year: ['this year', '今年'],
  };
  return calendarUnit(unit, 0, today, ...words[unit]);
}

export function lastUnit(unit: Unit, today: LocalDate): PeriodSpec {
  const words: Record<Unit, [string, string]> = {
    day: ['yesterday', '昨天'],
    week: ['last week', '上周'],
    month: ['last month', '上个月'],
    quarter: ['last quarter', '上个季度'],
    year: ['last year', '去年'],
  };
  return calendarUnit(unit, -1, today, ...words[unit]);
}

export function toDateUnit(word: string): Unit {
  return ({ w: 'week', m: 'month', q: 'quarter', y: 'year' } as Record<string, Unit>)[word] ?? unitOf(word);
}
