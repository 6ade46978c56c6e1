/**
 * The period grammar: finds the period a merchant question names, in English or Chinese, with numbers in
 * digits or words, and whether it asks for a comparison. Every phrase resolves against "today" in the
 * store's timezone; a phrase without a year means its most recent occurrence that has started.
 */
import { parseChineseNumber } from '../language/chinese-numerals';
import { addDays, compareDates, parseIsoDate, type LocalDate } from './calendar';
import { rangeSpec, yearEarlier, type PeriodSpec, type PeriodStep } from './period';
import { findPeriods } from './period-rules';
import { UNIT, unitOf, type Unit } from './period-specs';
import { EN_NUMBERS } from './period-words';

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
