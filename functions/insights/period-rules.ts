/**
 * The rules of the period grammar: one regular expression per way of naming a period, in English and Chinese,
 * each with the period it builds. `findPeriods` runs them all and keeps the longest phrase where two overlap.
 */
import { addDays, compareDates, isoDate, type LocalDate } from './calendar';
import { AMBIGUOUS_MONTHS, EN_MONTHS, EN_ORDINAL_QUARTERS, RETAIL_DAYS, UNIT_LABELS } from './period-words';
import {
  calendarUnit,
  dateParts,
  DAY_ONLY,
  daySpec,
  EN_DATE,
  label,
  lastN,
  lastUnit,
  M,
  monthSpec,
  ORD,
  quarterOf,
  quarterSpec,
  rangeOf,
  recentYear,
  sinceSpec,
  singleDate,
  thisUnit,
  toDateUnit,
  UNIT,
  unitOf,
  yearSpec,
  ZH_DATE,
  ZH_DAY_ONLY,
  ZH_UNIT,
  type Builder,
  type Found,
} from './period-specs';
import { specOf } from './period';

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
