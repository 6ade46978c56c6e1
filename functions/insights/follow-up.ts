/**
 * Follow-ups in a thread: a question read on its own, completed by what the thread asked before. What the
 * new question states wins; what it leaves out comes from the context ("and the month before?" keeps the
 * report, measure and filter; "by revenue instead" keeps the report and period; "only phones" adds a filter).
 */
import { defaultMeasure, defaultPeriod, type InsightRequest, type QuestionReading } from './intent';
import type { InsightAnswerIntent, InsightIntent, Measure } from './intent-types';
import { periodBefore, yearEarlier, type PeriodSpec } from './period';

/** What a thread remembers of its last answer. */
export interface InsightContext {
  intent: InsightAnswerIntent;
  period: PeriodSpec;
  by: Measure;
  /** True when the measure was asked for rather than defaulted. */
  byStated: boolean;
  categories?: string[];
  compare: boolean;
  chart: boolean;
  candidates?: InsightIntent[];
}

/** Something in the question that only makes sense as a change to the previous answer. */
function modifies(reading: QuestionReading): boolean {
  return (
    reading.period !== undefined ||
    reading.before !== undefined ||
    reading.by !== undefined ||
    reading.category !== undefined ||
    reading.clearCategory ||
    reading.chart ||
    reading.compare
  );
}

/** Resolves a question into one request, with the thread's context when there is one. */
export function resolveRequest(
  reading: QuestionReading,
  context: InsightContext | undefined,
  now: Date,
  timeZone: string,
): InsightRequest {
  const followUp = context !== undefined && (reading.intent === undefined || reading.followUpWords);
  const leansOnContext = context !== undefined && reading.intent === undefined && modifies(reading);
  let intent: InsightAnswerIntent = reading.intent ?? 'unclear';
  if (!reading.intent && context && context.intent !== 'unclear' && (leansOnContext || reading.followUpWords))
    intent = context.intent;
  const sameReport = context !== undefined && intent === context.intent;

  let period: PeriodSpec;
  if (reading.period) period = reading.period;
  else if (reading.before && context)
    period = periodBefore(context.period, reading.before === 'previous' ? undefined : reading.before);
  else period = context?.period ?? defaultPeriod(now, timeZone);
  // "同比呢?" in a thread: the thread's period against the same dates a year earlier.
  if (reading.yearOverYear && !reading.period) period = { ...period, previous: yearEarlier(period) };

  const by = reading.by ?? (sameReport && context.byStated ? context.by : defaultMeasure(intent));
  let categories: string[] | undefined;
  let unknownCategory: string | undefined;
  if (reading.category) {
    categories = reading.category.categories.length > 0 ? reading.category.categories : undefined;
    unknownCategory = reading.category.categories.length === 0 ? reading.category.phrase : undefined;
  } else if (!reading.clearCategory && (sameReport || followUp)) {
    categories = context?.categories;
  }
  const keep = followUp || leansOnContext;
  return {
    intent,
    period,
    by,
    categories,
    unknownCategory,
    compare: reading.compare || (keep && context.compare),
    chart: reading.chart || (keep && sameReport && context.chart),
    language: reading.language,
    candidates:
      intent === 'unclear'
        ? reading.candidates.length > 0
          ? reading.candidates
          : (context?.candidates ?? [])
        : [],
  };
}

/** What to remember of an answer for the next question in the thread. */
export function contextOf(request: InsightRequest, byStated: boolean): InsightContext {
  return {
    intent: request.intent,
    period: request.period,
    by: request.by,
    byStated,
    categories: request.categories,
    compare: request.compare,
    chart: request.chart,
    candidates: request.candidates,
  };
}
