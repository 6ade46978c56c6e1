/**
 * The period grammar: finds the period a merchant question names, in English or Chinese, with numbers in
 * digits or words, and whether it asks for a comparison. Every phrase resolves against "today" in the
 * store's timezone; a phrase without a year means its most recent occurrence that has started.
 */
import { parseChineseNumber } from '../language/chinese-numerals';
import {
  addDays,
  addMonths,
  compareDates,
  daysInMonth,
  isoDate,
  isoWeekday,
  isValidDate,
  type LocalDate,
} from './calendar';
import { parseIsoDate } from './calendar';
import { rangeSpec, specOf, yearEarlier, type PeriodSpec, type PeriodStep } from './period';
import { formatDateRange } from './period-labels';
import {
  AMBIGUOUS_MONTHS,
  EN_MONTHS,
  EN_MONTH_PATTERN,
  EN_NUMBERS,
  EN_ORDINAL_QUARTERS,
  RETAIL_DAYS,
  UNIT_LABELS,
  UNIT_WORDS,
} from './period-words';

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface PeriodReading {
  /** The period asked about, with `previous` set when the question names what to compare with. */
  spec?: PeriodSpec;
  /** The question asks for a comparison ("vs", "compared to", 环比, 同比). */
  compare: boolean;
  /** A follow-up that steps back from the thread's period ("and the month before?", 再往前一个月). */
  before?: PeriodStep | 'previous';
  /** 同比 / year over year without a period of its own: compare with the same dates a year earlier. */
  yearOverYear: boolean;
}

const M = `(?:${EN_MONTH_PATTERN})`;
const ORD = '(?:st|nd|rd|th)?';
const EN_DATE = `(?:${M}\\.?\\s+\\d{1,2}${ORD}(?:,?\\s*\\d{4})?|\\d{1,2}${ORD}\\s+(?:of\\s+)?${M}(?:,?\\s*\\d{4})?|\\d{4}-\\d{1,2}-\\d{1,2}|${M}(?:\\s+\\d{4})?)`;
const ZH_DATE = `(?:(?:\\d{4}年)?\\d{1,2}月份?(?:\\d{1,2}[日号])?|\\d{4}-\\d{1,2}-\\d{1,2})`;
const DAY_ONLY = `\\d{1,2}${ORD}`;
const ZH_DAY_ONLY = '\\d{1,2}[日号]';
const UNIT = '(day|week|fortnight|month|quarter|year)s?';
const ZH_UNIT = '(天|日|周|星期|礼拜|月|季度|年)';

/** Lower case, full-width folded, number words → digits, so the rules see one spelling. */
export function normalizeQuestion(question: string): string {
  let text = question.normalize('NFKC').toLowerCase().replace(/[‘’]/g, "'").replace(/\s+/g, ' ');
  const words = Object.keys(EN_NUMBERS)
    .sort((a, b) => b.length - a.length)
    .join('|');
  // "twenty-one days", "a couple of weeks", "two months": only before a unit, so "a" stays an article.
  text = text.replace(
    new RegExp(
      `\\b(${words})(?:[- ](one|two|three|four|five|six|seven|eight|nine))?(?: of)?\\s+(?=(?:full |whole |calendar )?${UNIT}\\b)`,
      'g',
    ),
    (_m, tens: string, ones?: string) => `${(EN_NUMBERS[tens] ?? 0) + (ones ? (EN_NUMBERS[ones] ?? 0) : 0)} `,
  );
  text = text.replace(/\bhalf (?:a |of (?:a |the )?)?year\b/g, '6 months').replace(/半年/g, '6个月');
  text = text.replace(/半个月/g, '15天');
  // Chinese numerals before a unit or after 第: 近三个月 → 近3个月, 第三季度 → 第3季度, 十月一日 → 10月1日.
  text = text.replace(
    /([零〇一二两三四五六七八九十百]+)(?=\s*个?\s*(?:天|日|号|周|星期|礼拜|月|季度|季|年))|(?<=第)([零〇一二两三四五六七八九十]+)/g,
    (match) => String(parseChineseNumber(match) ?? match),
  );
  return text;
}

interface Found {
  index: number;
  length: number;
  spec: PeriodSpec;
}

type Builder = (m: RegExpExecArray, today: LocalDate) => PeriodSpec | undefined;

const label = (en: string, zh: string) => ({ en, zh });
const monthName = (month: number) =>
  new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });

function daySpec(date: LocalDate, en?: string, zh?: string): PeriodSpec {
  return specOf(
    date,
    date,
    { unit: 'day', n: 1 },
    label(en ?? formatDateRange(date, date, 'en'), zh ?? formatDateRange(date, date, 'zh')),
  );
}

function weekSpec(monday: LocalDate, en: string, zh: string): PeriodSpec {
  return specOf(monday, addDays(monday, 6), { unit: 'day', n: 7 }, label(en, zh));
}

function monthSpec(year: number, month: number, en?: string, zh?: string): PeriodSpec {
  return specOf(
    { year, month, day: 1 },
    { year, month, day: daysInMonth(year, month) },
    { unit: 'month', n: 1 },
    label(en ?? `${monthName(month)} ${year}`, zh ?? `${year}年${month}月`),
  );
}

function quarterSpec(year: number, quarter: number, en?: string, zh?: string): PeriodSpec {
  const month = quarter * 3;
  return specOf(
    { year, month: month - 2, day: 1 },
    { year, month, day: daysInMonth(year, month) },
    { unit: 'month', n: 3 },
    label(en ?? `Q${quarter} ${year}`, zh ?? `${year}年第${quarter}季度`),
  );
}

function yearSpec(year: number, en?: string, zh?: string): PeriodSpec {
  return specOf(
    { year, month: 1, day: 1 },
    { year, month: 12, day: 31 },
    { unit: 'month', n: 12 },
    label(en ?? String(year), zh ?? `${year}年`),
  );
}

const quarterOf = (date: LocalDate) => Math.ceil(date.month / 3);
const mondayOf = (date: LocalDate) => addDays(date, -isoWeekday(date));

/** The calendar unit containing `today`, moved `offset` units (0 = this one, -1 = the last one). */
function calendarUnit(unit: Unit, offset: number, today: LocalDate, en: string, zh: string): PeriodSpec {
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
function lastN(n: number, unit: Unit, today: LocalDate): PeriodSpec | undefined {
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
function dateParts(text: string): DateParts | undefined {
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
function recentYear(month: number, day: number, today: LocalDate): number {
  return compareDates({ year: today.year, month, day }, today) <= 0 ? today.year : today.year - 1;
}

function rangeOf(a: DateParts, b: DateParts, today: LocalDate): PeriodSpec | undefined {
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

function singleDate(parts: DateParts | undefined, today: LocalDate): LocalDate | undefined {
  if (!parts?.month || !parts.day) return undefined;
  const date = {
    year: parts.year ?? recentYear(parts.month, parts.day, today),
    month: parts.month,
    day: parts.day,
  };
  return isValidDate(date) ? date : undefined;
}

function sinceSpec(start: LocalDate | undefined, today: LocalDate): PeriodSpec | undefined {
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

function unitOf(word: string): Unit {
  if (word === 'fortnight') return 'week';
  return UNIT_WORDS[word] ?? 'day';
}

const RULES: [RegExp, Builder][] = [
  // Ranges: "between Oct 1 and Nov 15", "from September to November", "10月1日到11月15日".
  [
    new RegExp(
      `\\b(?:between\\s+(${EN_DATE})\\s+and|(?:from\\s+)?(${EN_DATE})\\s*(?:-|–|—|to|until|till|through|thru))\\s*(${EN_DATE}|${DAY_ONLY})\\b`,
      'g',
    ),
    (m, today) => {
      const a = dateParts(m[1] ?? m[2]);
      const b = dateParts(m[3]);
      return a && b ? rangeOf(a, b, today) : undefined;
    },
  ],
  [
    new RegExp(`(?:从|自)?\\s*(${ZH_DATE})\\s*(?:到|至|-|–|~|～)\\s*(${ZH_DATE}|${ZH_DAY_ONLY})`, 'g'),
    (m, today) => {
      const a = dateParts(m[1]);
      const b = dateParts(m[2]);
      return a && b ? rangeOf(a, b, today) : undefined;
    },
  ],
  // "since October 1", "10月1日以来".
  [
    new RegExp(`\\b(?:since|starting(?: from)?|from)\\s+(${EN_DATE})\\b`, 'g'),
    (m, today) => {
      const parts = dateParts(m[1]);
      if (parts?.month && !parts.day) parts.day = 1;
      return sinceSpec(singleDate(parts, today), today);
    },
  ],
  [
    new RegExp(
      `(?:自|从)?\\s*(${ZH_DATE})\\s*(?:以来|至今|到现在|到今天|到目前为止|到目前|起|开始|之后)`,
      'g',
    ),
    (m, today) => {
      const parts = dateParts(m[1]);
      if (parts?.month && !parts.day) parts.day = 1;
      return sinceSpec(singleDate(parts, today), today);
    },
  ],
  // A single date: "on Nov 11", "11月11日".
  [
    new RegExp(
      `\\b(?:on\\s+)?(${M}\\.?\\s+\\d{1,2}${ORD}(?:,?\\s*\\d{4})?|\\d{1,2}${ORD}\\s+(?:of\\s+)?${M}(?:,?\\s*\\d{4})?|\\d{4}-\\d{1,2}-\\d{1,2})\\b`,
      'g',
    ),
    (m, today) => {
      const date = singleDate(dateParts(m[1]), today);
      return date ? daySpec(date) : undefined;
    },
  ],
  [
    /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/g,
    (m, today) => {
      const date = singleDate(
        { year: m[1] ? Number(m[1]) : undefined, month: Number(m[2]), day: Number(m[3]) },
        today,
      );
      return date ? daySpec(date) : undefined;
    },
  ],
  // Named months: "in September", "September 2025", "10月份", "2025年10月".
  [
    new RegExp(
      `\\b(?:(in|during|for|of|throughout|across|over)\\s+(?:the month of\\s+)?)?(${M})\\.?(?:,?\\s+(\\d{4}))?\\b`,
      'g',
    ),
    (m, today) => {
      const word = m[2];
      if (AMBIGUOUS_MONTHS.has(word) && !m[1] && !m[3]) return undefined;
      if (word.length === 3 && !m[1] && !m[3] && word !== 'may') return undefined;
      const month = EN_MONTHS[word];
      return monthSpec(m[3] ? Number(m[3]) : recentYear(month, 1, today), month);
    },
  ],
  [
    /(?<![个上本这近\d])(?:(\d{4})年)?(\d{1,2})月份?(?![\d日号])/g,
    (m, today) => {
      const month = Number(m[2]);
      if (month < 1 || month > 12) return undefined;
      return monthSpec(m[1] ? Number(m[1]) : recentYear(month, 1, today), month);
    },
  ],
  // Retail days: 双十一, Black Friday, Cyber Monday, with an optional year.
  ...RETAIL_DAYS.map((day): [RegExp, Builder] => [
    new RegExp(
      `(?:(\\d{4})\\s*年?\\s*的?\\s*|(去年|last year'?s?)\\s*(?:的)?\\s*)?(?:${day.pattern.source})(?:\\s*(\\d{4})(?!\\d))?`,
      'g',
    ),
    (m, today) => {
      const explicit = m[1] ?? m[3];
      let year = explicit ? Number(explicit) : m[2] ? today.year - 1 : today.year;
      if (!explicit && !m[2] && compareDates(day.dates(year).start, today) > 0) year -= 1;
      const { start, end } = day.dates(year);
      const previous = day.dates(year - 1);
      return {
        ...specOf(
          start,
          end,
          { unit: 'month', n: 12 },
          label(`${day.label.en} ${year}`, `${year}年${day.label.zh}`),
        ),
        previous: { start: isoDate(previous.start), end: isoDate(previous.end) },
      };
    },
  ]),
  // Quarters: "Q3", "Q3 2025", "third quarter", "第三季度", "上个季度".
  [
    /\bq([1-4])(?:\s*(?:of\s+)?(\d{4}))?\b|\b(\d{4})\s*q([1-4])\b/g,
    (m, today) => {
      const quarter = Number(m[1] ?? m[4]);
      const year = m[2] ?? m[3];
      return quarterSpec(
        year ? Number(year) : quarter <= quarterOf(today) ? today.year : today.year - 1,
        quarter,
      );
    },
  ],
  [
    /\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of (\d{4})| (\d{4}))?\b/g,
    (m, today) => {
      const quarter = EN_ORDINAL_QUARTERS[m[1]];
      const year = m[2] ?? m[3];
      return quarterSpec(
        year ? Number(year) : quarter <= quarterOf(today) ? today.year : today.year - 1,
        quarter,
      );
    },
  ],
  [
    /(?:(\d{4})年|(今年|去年))?(?:的)?第?([1-4])季度?(?!\d)/g,
    (m, today) => {
      const quarter = Number(m[3]);
      const year = m[1]
        ? Number(m[1])
        : m[2] === '今年'
          ? today.year
          : m[2] === '去年'
            ? today.year - 1
            : quarter <= quarterOf(today)
              ? today.year
              : today.year - 1;
      return quarterSpec(year, quarter);
    },
  ],
  // Calendar units relative to today.
  [
    /\b(?:this|current|the current) (day|week|month|quarter|year)\b|\bso far (?:this )?(day|week|month|quarter|year)\b/g,
    (m, today) => thisUnit(unitOf(m[1] ?? m[2]), today),
  ],
  [
    /\b(week|month|quarter|year)[- ]to[- ]date\b|\b(w|m|q|y)td\b/g,
    (m, today) => thisUnit(toDateUnit(m[1] ?? m[2]), today),
  ],
  [/\b(?:last|previous|prior) (week|month|quarter|year)\b/g, (m, today) => lastUnit(unitOf(m[1]), today)],
  [
    /\b(\d+) (day|week|month|quarter|year)s? ago\b/g,
    (m, today) =>
      calendarUnit(
        unitOf(m[2]),
        -Number(m[1]),
        today,
        `${m[1]} ${m[2]}s ago`,
        `${m[1]}${UNIT_LABELS[unitOf(m[2])].zh}前`,
      ),
  ],
  [
    /\b(?:the )?(week|month|year) before last\b/g,
    (m, today) =>
      calendarUnit(unitOf(m[1]), -2, today, `the ${m[1]} before last`, `上上${UNIT_LABELS[unitOf(m[1])].zh}`),
  ],
  [/\btoday\b|\bso far today\b/g, (_m, today) => daySpec(today, 'today', '今天')],
  [/\byesterday\b/g, (_m, today) => daySpec(addDays(today, -1), 'yesterday', '昨天')],
  [
    /\bday before yesterday\b/g,
    (_m, today) => daySpec(addDays(today, -2), 'the day before yesterday', '前天'),
  ],
  [/今天|今日|当天/g, (_m, today) => daySpec(today, 'today', '今天')],
  [/昨天|昨日/g, (_m, today) => daySpec(addDays(today, -1), 'yesterday', '昨天')],
  [/前天/g, (_m, today) => daySpec(addDays(today, -2), 'the day before yesterday', '前天')],
  [/本周|这周|这一?个?星期|本星期|这个?礼拜|本礼拜/g, (_m, today) => thisUnit('week', today)],
  [/上上周|上上个?星期/g, (_m, today) => calendarUnit('week', -2, today, 'the week before last', '上上周')],
  [/上1?周|上1?个?星期|上1?个?礼拜/g, (_m, today) => lastUnit('week', today)],
  [/本月|这个?月|当月|月初(?:至今|以来|到现在)/g, (_m, today) => thisUnit('month', today)],
  [/上上个?月/g, (_m, today) => calendarUnit('month', -2, today, 'the month before last', '上上个月')],
  [/上1?个?月(?!\d)/g, (_m, today) => lastUnit('month', today)],
  [/本季度?|这1?个?季度/g, (_m, today) => thisUnit('quarter', today)],
  [/上1?个?季度/g, (_m, today) => lastUnit('quarter', today)],
  [/今年|本年度?|年初(?:至今|以来|到现在)/g, (_m, today) => thisUnit('year', today)],
  [/去年|上1?年(?!\d)/g, (_m, today) => lastUnit('year', today)],
  [/前年/g, (_m, today) => calendarUnit('year', -2, today, String(today.year - 2), `${today.year - 2}年`)],
  // "last/past N days|weeks|months", "近三个月", "最近60天", "过去两周".
  [
    new RegExp(
      `\\b(?:in |over |during |for |within )?(?:the )?(last|past|previous|prior|recent|trailing|rolling)\\s+(\\d+)?\\s*(?:full |whole |calendar )?${UNIT}\\b`,
      'g',
    ),
    (m, today) => {
      const word = m[3];
      // Without a number "last week" is the calendar week; "past week" rolls.
      if (!m[2] && word !== 'fortnight' && /^(?:last|previous|prior)$/.test(m[1]))
        return lastUnit(unitOf(word), today);
      const n = (m[2] ? Number(m[2]) : 1) * (word === 'fortnight' ? 2 : 1);
      return lastN(n, unitOf(word), today);
    },
  ],
  [
    new RegExp(`(?:近|最近|过去|这|前)\\s*(\\d+)\\s*个?\\s*${ZH_UNIT}(?:内|以来|里)?`, 'g'),
    (m, today) =>
      m[0].startsWith('前') && Number(m[1]) < 2 ? undefined : lastN(Number(m[1]), unitOf(m[2]), today),
  ],
  [
    new RegExp(`(?<![上本这近\\d])(\\d+)\\s*个?\\s*${ZH_UNIT}(?:内|以来)`, 'g'),
    (m, today) => lastN(Number(m[1]), unitOf(m[2]), today),
  ],
  // Years: "in 2025", "2025年".
  [/\b(?:in |for |during |of )?(20\d{2})\b/g, (m) => yearSpec(Number(m[1]))],
  [/(\d{4})年(?!\s*\d{1,2}月)/g, (m) => yearSpec(Number(m[1]))],
];

function thisUnit(unit: Unit, today: LocalDate): PeriodSpec {
  const words: Record<Unit, [string, string]> = {
    day: ['today', '今天'],
    week: ['this week', '本周'],
    month: ['this month', '本月'],
    quarter: ['this quarter', '本季度'],
    year: ['this year', '今年'],
  };
  return calendarUnit(unit, 0, today, ...words[unit]);
}

function lastUnit(unit: Unit, today: LocalDate): PeriodSpec {
  const words: Record<Unit, [string, string]> = {
    day: ['yesterday', '昨天'],
    week: ['last week', '上周'],
    month: ['last month', '上个月'],
    quarter: ['last quarter', '上个季度'],
    year: ['last year', '去年'],
  };
  return calendarUnit(unit, -1, today, ...words[unit]);
}

function toDateUnit(word: string): Unit {
  return ({ w: 'week', m: 'month', q: 'quarter', y: 'year' } as Record<string, Unit>)[word] ?? unitOf(word);
}

/** Every period phrase in the (normalised) text, longest first where two overlap, in text order. */
export function findPeriods(text: string, today: LocalDate): Found[] {
  const candidates: Found[] = [];
  for (const [pattern, build] of RULES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0].trim().length === 0) {
        pattern.lastIndex += 1;
        continue;
      }
      const spec = build(m, today);
      if (spec) candidates.push({ index: m.index, length: m[0].length, spec });
    }
  }
  candidates.sort((a, b) => b.length - a.length || a.index - b.index);
  const taken: Found[] = [];
  for (const candidate of candidates) {
    const overlaps = taken.some(
      (t) => candidate.index < t.index + t.length && t.index < candidate.index + candidate.length,
    );
    if (!overlaps) taken.push(candidate);
  }
  return taken.sort((a, b) => a.index - b.index);
}

const COMPARE =
  /\b(?:compare\b|compared?\s+(?:to|with)|in comparison (?:to|with)|vs\.?|versus|against|relative to|(?:year|month|week|quarter)[- ]over[- ](?:year|month|week|quarter)|yoy|mom|qoq|change from)\b|环比|同比|对比|相比|比较|比起|较上期|跟.{1,12}比|和.{1,12}比/;
const YEAR_OVER_YEAR =
  /year[- ]over[- ]year|\byoy\b|同比|去年同期|same (?:period|time|days?|week|month|quarter) (?:last|a|the previous|the prior) year|(?:a|one) year (?:ago|earlier|before)|(?:vs\.?|versus|compared? (?:to|with)|against) (?:the )?(?:last|previous|prior) year\b|(?:和|跟|与)去年(?:比|相比)/;
const BEFORE_EN =
  /\b(?:the )?(?:(\d+) )?(day|week|fortnight|month|quarter|year|period)s? (?:before|prior|earlier)\b(?! last)/;
const BEFORE_PREVIOUS_EN =
  /\b(?:the )?(?:previous|prior|preceding) (?:one|period)\b|\bbefore that\b|\bthe one before\b|\bearlier period\b/;
const BEFORE_ZH =
  /(?:再往前|往前|之前|前)\s*(\d+)\s*个?\s*(天|日|周|星期|月|季度|年)|上一期|前一期|上期|再往前|之前那段/;

/** Reads the period, comparison and follow-up step of a question at `today` (the store's local date). */
export function readPeriod(question: string, today: LocalDate): PeriodReading {
  const text = normalizeQuestion(question);
  const found = findPeriods(text, today);
  const marker = COMPARE.exec(text);
  const yearOverYear = YEAR_OVER_YEAR.test(text);
  const compare = marker !== null || yearOverYear;
  const split = marker?.index ?? text.length;
  const before = found.filter((f) => f.index < split);
  const after = found.filter((f) => f.index >= split);
  let main = marker ? before[0] : found[0];
  let other = marker ? after[0] : undefined;
  if (!main && after.length >= 2) {
    // "compare Q3 and Q2": the first is asked about; "compared with last year, how is this month?": the last.
    const leading = /^(?:compare|对比|比较)/.test(marker?.[0] ?? '');
    main = leading ? after[0] : after[after.length - 1];
    other = leading ? after[1] : after[0];
  }
  let spec = main?.spec;
  if (spec && yearOverYear) {
    // A retail day already knows its date a year earlier (Black Friday moves).
    spec = { ...spec, previous: spec.previous ?? yearEarlier(spec) };
  } else if (spec && other) {
    spec = { ...spec, previous: { start: other.spec.start, end: other.spec.end } };
  } else if (!spec && other && !yearOverYear) {
    // "sales vs last month" alone: from the day after that period up to today, against it.
    const start = addDays(parseDate(other.spec.end), 1);
    if (compareDates(start, today) <= 0)
      spec = { ...rangeSpec(start, today), previous: { start: other.spec.start, end: other.spec.end } };
  }
  return { spec, compare, yearOverYear, before: found.length === 0 ? readBefore(text) : undefined };
}

function readBefore(text: string): PeriodStep | 'previous' | undefined {
  const en = BEFORE_EN.exec(text);
  if (en) {
    const n = en[1] ? Number(en[1]) : 1;
    if (en[2] === 'period') return 'previous';
    return stepOf(n * (en[2] === 'fortnight' ? 2 : 1), unitOf(en[2]));
  }
  if (BEFORE_PREVIOUS_EN.test(text)) return 'previous';
  const zh = BEFORE_ZH.exec(text);
  if (zh) return zh[1] ? stepOf(Number(zh[1]), unitOf(zh[2])) : 'previous';
  return undefined;
}

function parseDate(text: string): LocalDate {
  return parseIsoDate(text) ?? { year: 1970, month: 1, day: 1 };
}

function stepOf(n: number, unit: Unit): PeriodStep {
  switch (unit) {
    case 'day':
      return { unit: 'day', n };
    case 'week':
      return { unit: 'day', n: 7 * n };
    case 'month':
      return { unit: 'month', n };
    case 'quarter':
      return { unit: 'month', n: 3 * n };
    case 'year':
      return { unit: 'month', n: 12 * n };
  }
}
