import type { Language } from '../language/language';
/**
 * The merchant-facing answer object: what `insights --json` prints and what Slack and Teams render. One shape
 * for every channel, so they cannot disagree about what was understood.
 */
import type { ChartSpec } from './chart';
import { isoDate, type LocalDate } from './calendar';
import type { InsightIntent, InsightAnswerIntent, InsightRequest, Measure } from './intent';
import type { InsightTable } from './report-table';
import { clarifyingQuestion, reportChoices, type ReportChoice } from './report-heading';

export interface InsightAnswer {
  /** The report that answered, or `unclear` when the bot asks which one is meant. */
  intent: InsightAnswerIntent;
  /** Inclusive local dates (`YYYY-MM-DD`) in the store's timezone. */
  period: { from: string; to: string };
  by: Measure;
  /** Store category ids the figures are limited to, comma-separated when one word covers several. */
  category?: string;
  /** The period compared with, when the question asked for a comparison. */
  compare?: { from: string; to: string };
  /** First line of `text`: the report and the exact period. */
  heading: string;
  text: string;
  table?: InsightTable;
  /** One line per query a figure came from, e.g. `orders 2026-11-16..2026-11-23 (41 orders)`. */
  sources: string[];
  /** The chart's data, when the report has one. */
  chart?: ChartSpec;
  /** The merchant asked to see it as a chart ("show it as a chart"). */
  chartAsked?: boolean;
  chartPng?: Buffer;
  csv?: string;
  /** For `unclear`: the reports offered, as buttons. */
  choices?: ReportChoice[];
  language: Language;
}

const dates = (start: LocalDate, end: LocalDate) => ({ from: isoDate(start), to: isoDate(end) });

/** The short question with report buttons, for a question that names no report with confidence. */
export function unclearAnswer(
  request: InsightRequest,
  period: { start: LocalDate; end: LocalDate },
  likely: InsightIntent[],
): InsightAnswer {
  const text = clarifyingQuestion(period.start, period.end, request.language);
  return {
    intent: 'unclear',
    period: dates(period.start, period.end),
    by: request.by,
    ...(request.categories ? { category: request.categories.join(',') } : {}),
    heading: text,
    text,
    sources: [],
    choices: reportChoices(likely, request.language),
    language: request.language,
  };
}

/** The machine-readable object of `insights --json` (documented in docs/insights.md). */
export function answerJson(answer: InsightAnswer, chartFile?: string): Record<string, unknown> {
  return {
    intent: answer.intent,
    period: answer.period,
    by: answer.by,
    ...(answer.category ? { category: answer.category } : {}),
    ...(answer.compare ? { compare: answer.compare } : {}),
    text: answer.text,
    table: answer.table ?? null,
    sources: answer.sources,
    ...(answer.chart ? { chart: { ...answer.chart, ...(chartFile ? { file: chartFile } : {}) } } : {}),
    ...(answer.choices ? { choices: answer.choices } : {}),
    language: answer.language,
    ...(answer.csv ? { csv: answer.csv } : {}),
  };
}

export { dates as inclusiveRange };
