/** What a report's view is, and the phrases every view shares: the period's name and a change against the last. */
import type { Language } from '../language/language';
import type { ChartSpec } from './chart';
import { addDays, compareDates, parseIsoDate } from './calendar';
import { formatDateRange } from './period-labels';
import type { PeriodRef } from './insight-results';
import { formatNumber, type InsightTable } from './report-table';

export interface ReportView {
  text: string;
  table?: InsightTable;
  chart?: ChartSpec;
}

export function formatChange(n: number | null, lang: Language): string {
  if (n === null) return lang === 'zh' ? '（上期无数据）' : '(no data in the previous period)';
  const sign = n > 0 ? '+' : '';
  return lang === 'zh'
    ? `（环比 ${sign}${formatNumber(n)}%）`
    : `(${sign}${formatNumber(n)}% vs previous period)`;
}

/**
 * The period's days as a merchant reads them, both ends included ("29 Nov 2026", "9–15 Mar 2026"): a
 * `PeriodRef` ends at an exclusive `to`, which printed as is reads as one day too many.
 */
export function span(period: PeriodRef, lang: Language): string {
  const start = parseIsoDate(period.from);
  const end = parseIsoDate(period.to);
  if (!start || !end) return `${period.from}..${period.to}`;
  const last = addDays(end, -1);
  return formatDateRange(start, compareDates(last, start) < 0 ? start : last, lang);
}

export function periodName(period: PeriodRef, lang: Language): string {
  return lang === 'zh'
    ? `${period.labelZh ?? ''}（${span(period, lang)}）`
    : `${period.label} (${span(period, lang)})`;
}

/** A bar chart of the items, one bar each; none when there are no items. */
export function barChartOf<T>(
  items: readonly T[],
  chart: { title: string; label: (item: T) => string; value: (item: T) => number; valueLabel: string },
): ChartSpec | undefined {
  if (items.length === 0) return undefined;
  return {
    kind: 'bar',
    title: chart.title,
    labels: items.map(chart.label),
    values: items.map(chart.value),
    valueLabel: chart.valueLabel,
  };
}
