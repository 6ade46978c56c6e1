/**
 * Offline understanding of merchant questions: which report, over which period, ranked by what, for which
 * categories, with a confidence. No model; English and Chinese. A question that matches no report with
 * confidence is `unclear`: the caller asks which report is meant instead of guessing.
 */
import { detectLanguage, type Language } from '../language/language';
import { localDateAt, type LocalDate } from './calendar';
import { findCategoryFilter, type CategoryFilter } from './category-filter';
import {
  ALL_CATEGORIES,
  BY_MEASURE,
  CHART_WORDS,
  FOLLOW_UP_WORDS,
  INTENT_SIGNALS,
  REVENUE_WORDS,
  UNIT_WORDS_MEASURE,
} from './intent-lexicon';
import { INSIGHT_INTENTS, type InsightAnswerIntent, type InsightIntent, type Measure } from './intent-types';
import { buildPeriod, resolvePeriod, type Period, type PeriodStep, type PeriodSpec } from './period';
import { normalizeQuestion, readPeriod } from './period-grammar';

export type { InsightIntent, InsightAnswerIntent, Measure } from './intent-types';

/** A score of at least this, by a margin of one over the runner-up, is a confident match. */
const MIN_SCORE = 3;
const MIN_MARGIN = 1;

/** What one question says on its own, before any thread context. */
export interface QuestionReading {
  /** The best report, or undefined when no report matches with confidence. */
  intent?: InsightIntent;
  /** 0–1: how clearly the question names its report. */
  confidence: number;
  /** Runner-up reports, best first, for the "which one did you mean?" question. */
  candidates: InsightIntent[];
  period?: PeriodSpec;
  before?: PeriodStep | 'previous';
  compare: boolean;
  /** 同比 / year over year: compare with the same dates a year earlier. */
  yearOverYear: boolean;
  by?: Measure;
  category?: CategoryFilter;
  clearCategory: boolean;
  chart: boolean;
  /** Leans on an earlier question ("and …?", "what about …", "换成 …"). */
  followUpWords: boolean;
  language: Language;
}

export function scoreIntents(text: string): { intent: InsightIntent; score: number }[] {
  return INSIGHT_INTENTS.map((intent) => ({
    intent,
    score: INTENT_SIGNALS[intent].reduce(
      (sum, [pattern, weight]) => sum + (pattern.test(text) ? weight : 0),
      0,
    ),
  })).sort((a, b) => b.score - a.score);
}

function measureOf(text: string): Measure | undefined {
  const named = BY_MEASURE.exec(text);
  if (named) {
    const word = named[1] ?? named[2];
    return /^(?:units?|quantity|volume|销量|件数|数量)$/.test(word) ? 'units' : 'revenue';
  }
  const revenue = REVENUE_WORDS.exec(text);
  const units = UNIT_WORDS_MEASURE.exec(text);
  if (revenue && units) return revenue.index > units.index ? 'revenue' : 'units';
  return revenue ? 'revenue' : units ? 'units' : undefined;
}

/** Reads a question on its own, at the store's local date `today`. */
export function readQuestion(
  question: string,
  today: LocalDate,
  storeCategories: readonly string[] = [],
): QuestionReading {
  const text = normalizeQuestion(question);
  const category = findCategoryFilter(text, storeCategories);
  // Words that only qualify the report ("in the phones category", "by revenue") do not name one.
  const scores = scoreIntents(
    (category ? text.replace(category.span, ' ') : text).replace(new RegExp(BY_MEASURE.source, 'g'), ' '),
  );
  const [best, second] = scores;
  const confident = best.score >= MIN_SCORE && best.score - second.score >= MIN_MARGIN;
  const periodReading = readPeriod(question, today);
  const by = measureOf(text);
  return {
    intent: confident ? best.intent : undefined,
    confidence:
      best.score === 0 ? 0 : Math.min(1, (best.score - second.score) / best.score + best.score / 10),
    candidates: scores.filter((s) => s.score > 0).map((s) => s.intent),
    period: periodReading.spec,
    before: periodReading.before,
    compare: periodReading.compare,
    yearOverYear: periodReading.yearOverYear,
    by,
    category,
    clearCategory: ALL_CATEGORIES.test(text),
    chart: CHART_WORDS.test(text),
    followUpWords: FOLLOW_UP_WORDS.test(text.trim()),
    language: detectLanguage(question),
  };
}

/** A question resolved into one report over one period: what the tools run and the answer states. */
export interface InsightRequest {
  intent: InsightAnswerIntent;
  period: PeriodSpec;
  by: Measure;
  /** Store category ids to keep; empty or absent means all. */
  categories?: string[];
  /** The words of a category filter that matched no store category. */
  unknownCategory?: string;
  compare: boolean;
  chart: boolean;
  language: Language;
  /** Reports to offer when `intent` is unclear. */
  candidates: InsightIntent[];
}

/** The measure a report ranks by when the question names none: money for categories, units for products. */
export function defaultMeasure(intent: InsightAnswerIntent): Measure {
  return intent === 'top_categories' || intent === 'sales_summary' || intent === 'trend'
    ? 'revenue'
    : 'units';
}

/** Every report defaults to the last 30 days: long enough for a demo store's orders, short enough to act on. */
export function defaultPeriod(now: Date, timeZone: string): PeriodSpec {
  return resolvePeriod('last_n_days', now, timeZone, 30).spec;
}

export interface ParsedQuestion {
  intent: InsightAnswerIntent;
  confidence: number;
  period: Period;
  by: Measure;
  categories?: string[];
  compare: boolean;
  chart: boolean;
  language: Language;
}

/** A question with no thread around it: reads it and fills in the defaults. */
export function parseQuestion(
  question: string,
  now: Date,
  timeZone: string,
  storeCategories: readonly string[] = [],
): ParsedQuestion {
  const reading = readQuestion(question, localDateAt(now, timeZone), storeCategories);
  const intent = reading.intent ?? 'unclear';
  return {
    intent,
    confidence: reading.confidence,
    period: buildPeriod(reading.period ?? defaultPeriod(now, timeZone), now, timeZone),
    by: reading.by ?? defaultMeasure(intent),
    categories: reading.category?.categories,
    compare: reading.compare,
    chart: reading.chart,
    language: reading.language,
  };
}
