/** Words of the period grammar (data only): month names, number words, retail days. */
import { addDays, isoWeekday, type LocalDate } from './calendar';

/** English month names and abbreviations → month number. */
export const EN_MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** A regex alternation of the month words, longest first so "september" wins over "sep". */
export const EN_MONTH_PATTERN = Object.keys(EN_MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** Month words that are also ordinary English words: months only next to a date word or a preposition. */
export const AMBIGUOUS_MONTHS = new Set(['may', 'march', 'mar']);

export const EN_NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  couple: 2,
  'a couple of': 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  'a hundred': 100,
  'one hundred': 100,
};

export const EN_ORDINAL_QUARTERS: Readonly<Record<string, number>> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  last: 4,
};

/** Units of "last N …" in both languages → the grammar's unit. */
export const UNIT_WORDS: Readonly<Record<string, 'day' | 'week' | 'month' | 'quarter' | 'year'>> = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
  天: 'day',
  日: 'day',
  周: 'week',
  星期: 'week',
  礼拜: 'week',
  月: 'month',
  季度: 'quarter',
  季: 'quarter',
  年: 'year',
};

export const UNIT_LABELS = {
  day: { en: 'days', zh: '天' },
  week: { en: 'weeks', zh: '周' },
  month: { en: 'months', zh: '个月' },
  quarter: { en: 'quarters', zh: '个季度' },
  year: { en: 'years', zh: '年' },
} as const;

/** The Nth weekday (0 = Monday) of a month: Thanksgiving is the 4th Thursday of November. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): LocalDate {
  const first = { year, month, day: 1 };
  const offset = (weekday - isoWeekday(first) + 7) % 7;
  return addDays(first, offset + 7 * (nth - 1));
}

export interface RetailDay {
  /** What the grammar matches, in the normalised question. */
  pattern: RegExp;
  label: { en: string; zh: string };
  /** First and last day in a given year. */
  dates(year: number): { start: LocalDate; end: LocalDate };
}

const blackFriday = (year: number) => addDays(nthWeekday(year, 11, 3, 4), 1);
const fixed = (month: number, day: number) => (year: number) => {
  const date = { year, month, day };
  return { start: date, end: date };
};

/** Named retail days, computed for the year asked about (Black Friday moves; 双十一 does not). */
export const RETAIL_DAYS: readonly RetailDay[] = [
  {
    pattern: /\bbfcm\b|black friday (?:weekend|through cyber monday|to cyber monday)|黑五到网一/,
    label: { en: 'Black Friday to Cyber Monday', zh: '黑五到网络星期一' },
    dates: (year) => ({ start: blackFriday(year), end: addDays(blackFriday(year), 3) }),
  },
  {
    pattern: /black ?friday|黑色星期五|黑五/,
    label: { en: 'Black Friday', zh: '黑色星期五' },
    dates: (year) => ({ start: blackFriday(year), end: blackFriday(year) }),
  },
  {
    pattern: /cyber ?monday|网络星期一|网一/,
    label: { en: 'Cyber Monday', zh: '网络星期一' },
    dates: (year) => ({ start: addDays(blackFriday(year), 3), end: addDays(blackFriday(year), 3) }),
  },
  {
    pattern: /双十一|双11|光棍节|singles'? ?day|double eleven|(?<![\d.])11\.11(?![\d.])/,
    label: { en: "Singles' Day (11.11)", zh: '双十一' },
    dates: fixed(11, 11),
  },
  {
    pattern: /双十二|双12|double twelve|(?<![\d.])12\.12(?![\d.])/,
    label: { en: 'Double 12 (12.12)', zh: '双十二' },
    dates: fixed(12, 12),
  },
  {
    pattern: /(?<![\d.])6\.?18(?:大促|购物节)|618大促|618购物节|\b618 sale/,
    label: { en: '618 (18 June)', zh: '618' },
    dates: fixed(6, 18),
  },
  {
    pattern: /christmas day|\bchristmas\b|圣诞节|圣诞/,
    label: { en: 'Christmas Day', zh: '圣诞节' },
    dates: fixed(12, 25),
  },
  {
    pattern: /valentine'?s? day|情人节/,
    label: { en: "Valentine's Day", zh: '情人节' },
    dates: fixed(2, 14),
  },
];
