/**
 * Reporting periods for merchant questions, in the store's timezone. Every period is a half-open UTC interval
 * [from, to) plus the previous comparable interval, so "last week" means Monday 00:00 to Monday 00:00 where
 * the store is, not where the server runs.
 */
import { parseChineseNumber } from '../language/chinese-numerals';

export type PeriodKey =
  'today' | 'yesterday' | 'this_week' | 'last_week' | 'this_month' | 'last_month' | 'last_n_days';

export interface Interval {
  from: Date;
  to: Date;
}

export interface Period extends Interval {
  key: PeriodKey;
  /** For `last_n_days`. */
  days?: number;
  label: { en: string; zh: string };
  previous: Interval;
  timeZone: string;
}

const DAY_MS = 86_400_000;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock date and time in `timeZone` at `instant`. */
export function zonedParts(instant: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
    second: parts.second,
  };
}

function offsetMs(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant local midnight starts on this date in `timeZone` (DST-safe: re-checks the offset once). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  let instant = guess - offsetMs(new Date(guess), timeZone);
  const corrected = guess - offsetMs(new Date(instant), timeZone);
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

/** Calendar arithmetic on local dates, done in UTC so it never meets a DST gap. */
function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function addMonths(date: LocalDate, months: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: date.day };
}

/** `YYYY-MM-DD` of an instant in the store's timezone. */
export function localDateString(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Builds a named period ending at or containing `now`. */
export function resolvePeriod(key: PeriodKey, now: Date, timeZone: string, days = 30): Period {
  const p = zonedParts(now, timeZone);
  const today: LocalDate = { year: p.year, month: p.month, day: p.day };
  const at = (d: LocalDate) => startOfLocalDay(d, timeZone);
  // ISO weeks start on Monday.
  const weekday = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7;
  const monday = addDays(today, -weekday);
  const monthStart: LocalDate = { year: today.year, month: today.month, day: 1 };
  const make = (
    from: Date,
    to: Date,
    previous: Interval,
    en: string,
    zh: string,
    extra: Partial<Period> = {},
  ) => ({
    key,
    from,
    to,
    previous,
    label: { en, zh },
    timeZone,
    ...extra,
  });
  // Periods still running compare with the same elapsed span of the previous one, so a Tuesday is not
  // measured against a whole week.
  const elapsed = now.getTime();
  switch (key) {
    case 'today': {
      const from = at(today);
      const prevFrom = at(addDays(today, -1));
      return make(
        from,
        now,
        { from: prevFrom, to: new Date(prevFrom.getTime() + (elapsed - from.getTime())) },
        'today',
        '今天',
      );
    }
    case 'yesterday':
      return make(
        at(addDays(today, -1)),
        at(today),
        { from: at(addDays(today, -2)), to: at(addDays(today, -1)) },
        'yesterday',
        '昨天',
      );
    case 'this_week': {
      const from = at(monday);
      const prevFrom = at(addDays(monday, -7));
      return make(
        from,
        now,
        { from: prevFrom, to: new Date(prevFrom.getTime() + (elapsed - from.getTime())) },
        'this week',
        '本周',
      );
    }
    case 'last_week':
      return make(
        at(addDays(monday, -7)),
        at(monday),
        { from: at(addDays(monday, -14)), to: at(addDays(monday, -7)) },
        'last week',
        '上周',
      );
    case 'this_month': {
      const from = at(monthStart);
      const prevStart = addMonths(monthStart, -1);
      const prevFrom = at(prevStart);
      // The same number of days into last month, capped at its end.
      const prevTo = Math.min(prevFrom.getTime() + (elapsed - from.getTime()), from.getTime());
      return make(from, now, { from: prevFrom, to: new Date(prevTo) }, 'this month', '本月');
    }
    case 'last_month': {
      const prevStart = addMonths(monthStart, -1);
      return make(
        at(prevStart),
        at(monthStart),
        { from: at(addMonths(monthStart, -2)), to: at(prevStart) },
        'last month',
        '上个月',
      );
    }
    case 'last_n_days': {
      const n = Math.max(1, Math.min(366, Math.floor(days)));
      // Whole local days up to and including today.
      const to = at(addDays(today, 1));
      const from = at(addDays(today, -(n - 1)));
      return make(
        from,
        to,
        { from: at(addDays(today, -(2 * n - 1))), to: from },
        `last ${n} days`,
        `过去${n}天`,
        { days: n },
      );
    }
  }
}

function chineseNumber(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : parseChineseNumber(text);
}

/**
 * Finds the period a question is about, in English or Chinese. Returns undefined when it names none, so the
 * caller picks a default that suits the report.
 */
export function parsePeriod(question: string, now: Date, timeZone: string): Period | undefined {
  const q = question.toLowerCase();
  const resolve = (key: PeriodKey, days?: number) => resolvePeriod(key, now, timeZone, days);
  const lastN = /(?:last|past|previous)\s+(\d{1,3})\s+days?/.exec(q);
  if (lastN) return resolve('last_n_days', Number(lastN[1]));
  const zhN = /(?:过去|最近|近)\s*([0-9]{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:天|日)/.exec(q);
  if (zhN) {
    const n = chineseNumber(zhN[1]);
    if (n) return resolve('last_n_days', n);
  }
  if (/(?:last|past)\s+(?:7 days|seven days)|最近一周|过去一周/.test(q)) return resolve('last_n_days', 7);
  if (/last\s+month|previous\s+month|上个?月/.test(q) && !/this\s+month|本月|这个月/.test(q))
    return resolve('last_month');
  if (/this\s+month|month to date|mtd|本月|这个月|当月/.test(q)) return resolve('this_month');
  if (/last\s+week|previous\s+week|上周|上个?星期|上礼拜/.test(q)) return resolve('last_week');
  if (/this\s+week|week to date|本周|这周|这个?星期/.test(q)) return resolve('this_week');
  if (/yesterday|昨天|昨日/.test(q)) return resolve('yesterday');
  if (/today|so far today|今天|今日/.test(q)) return resolve('today');
  if (/last\s+month|past\s+month/.test(q)) return resolve('last_month');
  return undefined;
}

/** `2026-11-16..2026-11-23` in the store's timezone, `to` exclusive. */
export function describeInterval(interval: Interval, timeZone: string): string {
  // A running period ends "now": shown as ending at the next local midnight, so `..` always reads as exclusive.
  const p = zonedParts(interval.to, timeZone);
  const atMidnight = p.hour === 0 && p.minute === 0 && p.second === 0;
  const end = atMidnight
    ? localDateString(interval.to, timeZone)
    : localDateString(
        startOfLocalDay(addDays({ year: p.year, month: p.month, day: p.day }, 1), timeZone),
        timeZone,
      );
  return `${localDateString(interval.from, timeZone)}..${end}`;
}
