/**
 * Turns one report's tool output into the merchant's answer: the heading with the report and exact period,
 * any note about the filter, the text (templated, or the model's grounded text), the table, the chart data,
 * and the comparison with the previous period when the question asked for one.
 */
import { isoDate } from './calendar';
import { inclusiveRange, type InsightAnswer } from './insight-answer';
import type { InsightTools } from './insight-tools';
import type { ToolOutput } from './insight-results';
import type { InsightIntent, InsightRequest, Measure } from './intent';
import { buildPeriod, rangeSpec, type Period } from './period';
import { formatDateRange } from './period-labels';
import { viewFor } from './present';
import { FILTERABLE, filterNote, reportHeading } from './report-heading';
import { runIntent } from './tool-calls';

export interface AnsweredReport {
  intent: InsightIntent;
  period: Period;
  by: Measure;
  categories?: string[];
  output: ToolOutput<unknown>;
}

/** Reports whose own output already sets the period against the previous one. */
const SELF_COMPARING = new Set<InsightIntent>(['sales_summary', 'top_categories']);

export async function composeAnswer(
  tools: InsightTools,
  request: Pick<InsightRequest, 'compare' | 'language' | 'unknownCategory' | 'chart'>,
  report: AnsweredReport,
  now: Date,
  model?: { text: string; sources: string[] },
): Promise<InsightAnswer> {
  const lang = request.language;
  const { intent, period, by } = report;
  const categories = report.categories && FILTERABLE.has(intent) ? report.categories : undefined;
  const view = viewFor(intent, report.output.data, lang);
  const previous = period.previousDates;
  const heading = reportHeading(
    {
      intent,
      by,
      start: period.start,
      end: period.end,
      categories,
      compareWith: request.compare ? previous : undefined,
    },
    lang,
  );
  const lines = [
    heading,
    filterNote(intent, report.categories, request.unknownCategory, lang),
    model?.text ?? view.text,
  ];
  const sources = [...(model?.sources ?? report.output.sources)];
  if (request.compare && !model && !SELF_COMPARING.has(intent)) {
    const earlier = buildPeriod(rangeSpec(previous.start, previous.end), now, period.timeZone);
    const output = await runIntent(tools, intent, earlier, by);
    const range = formatDateRange(previous.start, previous.end, lang);
    lines.push(
      `${lang === 'zh' ? `对比期（${range}）：` : `Compared with ${range}: `}${viewFor(intent, output.data, lang).text}`,
    );
    sources.push(...output.sources);
  }
  return {
    intent,
    period: inclusiveRange(period.start, period.end),
    by,
    ...(categories ? { category: categories.join(',') } : {}),
    ...(request.compare ? { compare: { from: isoDate(previous.start), to: isoDate(previous.end) } } : {}),
    heading,
    text: lines.filter((line) => line.length > 0).join('\n'),
    table: view.table,
    sources,
    chart: view.chart,
    ...(request.chart ? { chartAsked: true } : {}),
    language: lang,
  };
}
