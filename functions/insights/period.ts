/**
 * Reporting periods for merchant questions, in the store's timezone. A period is a span of whole local days
 * (inclusive `start`..`end`), turned into a half-open UTC interval [from, to) where the store is, plus the
 * matching previous span to compare with. A period still running (it includes today) compares with the same
 * elapsed time of the one before, so a Tuesday is not measured against a whole week.
 */
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  daysInMonth,
  isoDate,
  isoWeekday,
  localDateAt,
  localDateString,
  parseIsoDate,
  startOfLocalDay,
  zonedParts,
  type LocalDate,
} from './calendar';
import { formatDateRange } from './period-labels';

export { localDateString, startOfLocalDay, zonedParts };

export interface Interval {
  from: Date;
  to: Date;
}

/** The length unit of a period: what "the one before" steps back by. */
export interface PeriodStep {
  unit: 'day' | 'month';
  n: number;
}

/** A period as words and dates, independent of `now`: what a follow-up in a thread stores and reuses. */
export interface PeriodSpec {
  /** Inclusive local dates, `YYYY-MM-DD`. */
  start: string;
  end: string;
  step: PeriodStep;
  /** How the merchant said it ("last 3 months", "上周"); the dates are shown next to it. */
  label: { en: string; zh: string };
  /** An explicit period to compare with; otherwise the span one step before. */
  previous?: { start: string; end: string };
}

/** Named periods the digest and older callers ask for directly. */
export type PeriodKey =
  'today' | 'yesterday' | 'this_week' | 'last_week' | 'this_month' | 'last_month' | 'last_n_days';

export interface Period extends Interval {
  spec: PeriodSpec;
  /** Inclusive local dates, the end capped at today. */
  start: LocalDate;
  end: LocalDate;
  label: { en: string; zh: string };
  previous: Interval;
  previousDates: { start: LocalDate; end: LocalDate };
  /** True when the period includes today. */
  running: boolean;
  timeZone: string;
  key?: PeriodKey;
  days?: number;
}

const required = (text: string): LocalDate => {
  const date = parseIsoDate(text);
  if (!date) throw new RangeError(`not a date: ${text}`);
  return date;
};

/** Steps a date back by `n` periods of `step`. */
export function stepBack(date: LocalDate, step: PeriodStep, times = 1): LocalDate {
  return step.unit === 'day' ? addDays(date, -step.n * times) : addMonths(date, -step.n * times);
}

/** Turns a spec into instants in the store's timezone at `now`. */
export function buildPeriod(spec: PeriodSpec, now: Date, timeZone: string): Period {
  const today = localDateAt(now, timeZone);
  const start = required(spec.start);
  const wantedEnd = required(spec.end);
  const end = compareDates(wantedEnd, today) > 0 ? today : wantedEnd;
  const running = compareDates(end, today) === 0;
  const from = startOfLocalDay(start, timeZone);
  // Whole local days: a running period reads up to the end of today (nothing later exists yet).
  const to = startOfLocalDay(addDays(end, 1), timeZone);
  const elapsedMs = Math.min(now.getTime(), to.getTime()) - from.getTime();
  let previousDates: { start: LocalDate; end: LocalDate };
  let previous: Interval;
  if (spec.previous) {
    const previousStart = required(spec.previous.start);
    const previousEnd = required(spec.previous.end);
    // A running period compares like for like: as many days of the other period as have passed of this one.
    const elapsedEnd = addDays(previousStart, daysBetween(start, end));
    previousDates = {
      start: previousStart,
      end: running && compareDates(elapsedEnd, previousEnd) < 0 ? elapsedEnd : previousEnd,
    };
    previous = {
      from: startOfLocalDay(previousDates.start, timeZone),
      to: startOfLocalDay(addDays(previousDates.end, 1), timeZone),
    };
  } else {
    const previousStart = stepBack(start, spec.step);
    const previousFrom = startOfLocalDay(previousStart, timeZone);
    // The same elapsed span, never past the start of this period.
    const previousTo = running
      ? new Date(Math.min(previousFrom.getTime() + elapsedMs, from.getTime()))
      : from;
    previous = { from: previousFrom, to: previousTo };
    const fullEnd = addDays(start, -1);
    const elapsedEnd = addDays(previousStart, daysBetween(start, end));
    previousDates = {
      start: previousStart,
      end: running && compareDates(elapsedEnd, fullEnd) < 0 ? elapsedEnd : fullEnd,
    };
  }
  return {
    spec,
    start,
    end,
    from,
    to,
    label: spec.label,
    previous,
    previousDates,
    running,
    timeZone,
  };
}

export function specOf(
  start: LocalDate,
  end: LocalDate,
  step: PeriodStep,
  label: { en: string; zh: string },
): PeriodSpec {
  return { start: isoDate(start), end: isoDate(end), step, label };
}

/** A span of days with no calendar name: labelled by its dates, compared with the same number of days before. */
export function rangeSpec(start: LocalDate, end: LocalDate): PeriodSpec {
  // A whole calendar month reads as one, and steps back by months ("the month before" September is August).
  const wholeMonth =
    start.day === 1 &&
    start.year === end.year &&
    start.month === end.month &&
    end.day === daysInMonth(end.year, end.month);
  if (wholeMonth) {
    const name = new Date(Date.UTC(2000, start.month - 1, 1)).toLocaleString('en-US', {
      month: 'long',
      timeZone: 'UTC',
    });
    return specOf(
      start,
      end,
      { unit: 'month', n: 1 },
      { en: `${name} ${start.year}`, zh: `${start.year}年${start.month}月` },
    );
  }
  const days = Math.max(1, daysBetween(start, end) + 1);
  return specOf(
    start,
    end,
    { unit: 'day', n: days },
    {
      en: formatDateRange(start, end, 'en'),
      zh: formatDateRange(start, end, 'zh'),
    },
  );
}

/**
 * The `n` periods of one unit before a period ("and the month before?"): ends the day before it starts.
 * Without a unit, the matching previous period.
 */
export function periodBefore(spec: PeriodSpec, step?: PeriodStep): PeriodSpec {
  const start = required(spec.start);
  if (!step) {
    const previous = spec.previous
      ? { start: required(spec.previous.start), end: required(spec.previous.end) }
      : { start: stepBack(start, spec.step), end: addDays(start, -1) };
    return rangeSpec(previous.start, previous.end);
  }
  return rangeSpec(stepBack(start, step), addDays(start, -1));
}

/** The same dates a year earlier (同比), compared with by "vs last year". */
export function yearEarlier(spec: PeriodSpec): { start: string; end: string } {
  return {
    start: isoDate(addMonths(required(spec.start), -12)),
    end: isoDate(addMonths(required(spec.end), -12)),
  };
}

/** Builds a named period ending at or containing `now`, for callers that ask for one directly. */
export function resolvePeriod(key: PeriodKey, now: Date, timeZone: string, days = 30): Period {
  const today = localDateAt(now, timeZone);
  const monday = addDays(today, -isoWeekday(today));
  const monthStart = { ...today, day: 1 };
  const day = { unit: 'day', n: 1 } as const;
  const week = { unit: 'day', n: 7 } as const;
  const month = { unit: 'month', n: 1 } as const;
  let spec: PeriodSpec;
  switch (key) {
    case 'today':
      spec = specOf(today, today, day, { en: 'today', zh: '今天' });
      break;
    case 'yesterday':
      spec = specOf(addDays(today, -1), addDays(today, -1), day, { en: 'yesterday', zh: '昨天' });
      break;
    case 'this_week':
      spec = specOf(monday, today, week, { en: 'this week', zh: '本周' });
      break;
    case 'last_week':
      spec = specOf(addDays(monday, -7), addDays(monday, -1), week, { en: 'last week', zh: '上周' });
      break;
    case 'this_month':
      spec = specOf(monthStart, today, month, { en: 'this month', zh: '本月' });
      break;
    case 'last_month':
      spec = specOf(addMonths(monthStart, -1), addDays(monthStart, -1), month, {
        en: 'last month',
        zh: '上个月',
      });
      break;
    case 'last_n_days': {
      const n = Math.max(1, Math.min(366 * 3, Math.floor(days)));
      spec = specOf(
        addDays(today, -(n - 1)),
        today,
        { unit: 'day', n },
        {
          en: `last ${n} days`,
          zh: `近${n}天`,
        },
      );
      return { ...buildPeriod(spec, now, timeZone), key, days: n };
    }
  }
  return { ...buildPeriod(spec, now, timeZone), key };
}

/** `2026-11-16..2026-11-23` in the store's timezone, `to` exclusive. */
export function describeInterval(interval: Interval, timeZone: string): string {
  // A running period ends "now": shown as ending at the next local midnight, so `..` always reads as exclusive.
  const p = zonedParts(interval.to, timeZone);
  const atMidnight = p.hour === 0 && p.minute === 0 && p.second === 0;
  const end = atMidnight
    ? localDateString(interval.to, timeZone)
    : isoDate(addDays({ year: p.year, month: p.month, day: p.day }, 1));
  return `${localDateString(interval.from, timeZone)}..${end}`;
}

/** The inclusive local dates of a period, as `insights --json` and the channels show them. */
export function inclusiveDates(period: Pick<Period, 'start' | 'end'>): { from: string; to: string } {
  return { from: isoDate(period.start), to: isoDate(period.end) };
}
