import type { Language } from '../language/language';
import type { ChartSpec } from './chart';
import { addDays, compareDates, parseIsoDate } from './calendar';
import { formatDateRange } from './period-labels';
import { INSIGHT_TEXTS } from './texts';
import type { InsightIntent } from './intent';
import type {
  BotPerformance,
  Funnel,
  LatentDemand,
  LowStock,
  PeriodRef,
  SalesSummary,
  TopList,
  Trend,
} from './insight-results';

/** A table of one report: what the CLI prints, Slack and Teams lay out, and CSV exports. */
export interface InsightTable {
  columns: string[];
  rows: (string | number)[][];
  /** Columns whose numbers are amounts of money: always shown with two decimals. */
  moneyColumns?: number[];
  /** Single money cells as `[row, column]`, where a column mixes money and counts (a summary's metrics). */
  moneyCells?: [number, number][];
}

export interface ReportView {
  text: string;
  table?: InsightTable;
  chart?: ChartSpec;
}

/** Numbers as the text shows them: grouped, at most two decimals. The grounding check reads them back. */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** An amount as a person reads it: grouped, always two decimals (`17,155.71`, `48.00`). */
export function formatAmount(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatMoney(n: number, currency: string): string {
  return `${formatAmount(n)} ${currency}`;
}

function isMoneyCell(table: InsightTable, row: number, column: number): boolean {
  return (
    (table.moneyColumns?.includes(column) ?? false) ||
    (table.moneyCells?.some(([r, c]) => r === row && c === column) ?? false)
  );
}

/**
 * The table's rows as text cells. `display` groups thousands (`17,155.71`); `csv` writes plain numbers a
 * spreadsheet reads as numbers (`17155.71`). Money has two decimals either way.
 */
export function tableCells(table: InsightTable, style: 'display' | 'csv'): string[][] {
  return table.rows.map((row, r) =>
    row.map((cell, c) => {
      if (typeof cell !== 'number') return cell;
      if (isMoneyCell(table, r, c)) return style === 'csv' ? cell.toFixed(2) : formatAmount(cell);
      return style === 'csv' ? String(cell) : formatNumber(cell);
    }),
  );
}

function formatChange(n: number | null, lang: Language): string {
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
function span(period: PeriodRef, lang: Language): string {
  const start = parseIsoDate(period.from);
  const end = parseIsoDate(period.to);
  if (!start || !end) return `${period.from}..${period.to}`;
  const last = addDays(end, -1);
  return formatDateRange(start, compareDates(last, start) < 0 ? start : last, lang);
}

function periodName(period: PeriodRef, lang: Language): string {
  return lang === 'zh'
    ? `${period.labelZh ?? ''}（${span(period, lang)}）`
    : `${period.label} (${span(period, lang)})`;
}

export function viewSalesSummary(s: SalesSummary, lang: Language): ReportView {
  const c = s.current;
  const text =
    lang === 'zh'
      ? `${periodName(s.period, lang)} 营收 ${formatMoney(c.revenue, s.currency)}${formatChange(s.changePercent.revenue, lang)}，` +
        `${formatNumber(c.orders)} 笔订单，${formatNumber(c.units)} 件商品，客单价 ${formatMoney(c.averageOrderValue, s.currency)}。`
      : `Revenue ${periodName(s.period, lang)}: ${formatMoney(c.revenue, s.currency)} ${formatChange(s.changePercent.revenue, lang)}, ` +
        `from ${formatNumber(c.orders)} orders and ${formatNumber(c.units)} units; average order ${formatMoney(c.averageOrderValue, s.currency)}.`;
  const p = s.previous;
  return {
    text,
    table: {
      columns:
        lang === 'zh'
          ? ['指标', '本期', '上期', '变化%']
          : ['metric', 'this period', 'previous period', 'change %'],
      rows: [
        [lang === 'zh' ? '营收' : 'revenue', c.revenue, p.revenue, s.changePercent.revenue ?? ''],
        [lang === 'zh' ? '订单' : 'orders', c.orders, p.orders, s.changePercent.orders ?? ''],
        [lang === 'zh' ? '件数' : 'units', c.units, p.units, s.changePercent.units ?? ''],
        [lang === 'zh' ? '客单价' : 'average order', c.averageOrderValue, p.averageOrderValue, ''],
        [lang === 'zh' ? '顾客' : 'customers', c.customers, p.customers, ''],
        [lang === 'zh' ? '取消/退款' : 'cancelled or refunded', c.cancelledOrders, p.cancelledOrders, ''],
      ],
      moneyCells: [
        [0, 1],
        [0, 2],
        [3, 1],
        [3, 2],
      ],
    },
  };
}

export function viewTopList(t: TopList, kind: 'products' | 'categories', lang: Language): ReportView {
  const measure = (v: { units: number; revenue: number }) =>
    t.by === 'units'
      ? `${formatNumber(v.units)} ${lang === 'zh' ? '件' : 'units'}`
      : formatMoney(v.revenue, t.currency);
  const top = t.items.slice(0, 3);
  let text: string;
  if (t.items.length === 0) {
    text =
      lang === 'zh'
        ? `${periodName(t.period, lang)} 没有销售记录。`
        : `No sales ${periodName(t.period, lang)}.`;
  } else if (lang === 'zh') {
    const what = kind === 'products' ? '卖得最好的产品' : '各品类';
    const basis = t.by === 'units' ? '按销量' : '按销售额';
    text = `${periodName(t.period, lang)} ${what}（${basis}）：${top.map((i) => `${i.name}（${measure(i)}）`).join('、')}。`;
  } else {
    const what = kind === 'products' ? 'Best sellers' : 'Top categories';
    text = `${what} ${periodName(t.period, lang)} by ${t.by}: ${top.map((i) => `${i.name} (${measure(i)})`).join(', ')}.`;
  }
  const columns =
    kind === 'categories'
      ? lang === 'zh'
        ? ['#', '品类', '件数', `销售额 (${t.currency})`, '上期件数', `上期销售额 (${t.currency})`]
        : [
            '#',
            'category',
            'units',
            `revenue (${t.currency})`,
            'previous units',
            `previous revenue (${t.currency})`,
          ]
      : lang === 'zh'
        ? ['#', '产品', 'ID', '件数', `销售额 (${t.currency})`]
        : ['#', 'product', 'id', 'units', `revenue (${t.currency})`];
  const rows = t.items.map((i) =>
    kind === 'categories'
      ? [i.rank, i.name, i.units, i.revenue, i.previousUnits ?? 0, i.previousRevenue ?? 0]
      : [i.rank, i.name, i.id, i.units, i.revenue],
  );
  const axis = INSIGHT_TEXTS[lang].axis;
  return {
    text,
    table: { columns, rows, moneyColumns: kind === 'categories' ? [3, 5] : [4] },
    chart:
      t.items.length > 0
        ? {
            kind: 'bar',
            title: `${kind === 'products' ? (lang === 'zh' ? '畅销产品' : 'Top products') : lang === 'zh' ? '品类' : 'Categories'} ${span(t.period, lang)}`,
            labels: t.items.map((i) => i.name),
            values: t.items.map((i) => (t.by === 'units' ? i.units : i.revenue)),
            valueLabel: t.by === 'units' ? axis.units : axis.revenue(t.currency),
          }
        : undefined,
  };
}

export function viewTrend(t: Trend, lang: Language): ReportView {
  const best = [...t.points].sort((a, b) => b.revenue - a.revenue)[0];
  const text =
    !best || best.revenue === 0
      ? lang === 'zh'
        ? `${periodName(t.period, lang)} 没有销售记录。`
        : `No sales ${periodName(t.period, lang)}.`
      : lang === 'zh'
        ? `${periodName(t.period, lang)} 每日营收走势：最高的一天是 ${best.date}（${formatMoney(best.revenue, t.currency)}）。`
        : `Daily revenue ${periodName(t.period, lang)}: the best day was ${best.date} (${formatMoney(best.revenue, t.currency)}).`;
  return {
    text,
    table: {
      columns:
        lang === 'zh'
          ? ['日期', '订单', '件数', `营收 (${t.currency})`]
          : ['date', 'orders', 'units', `revenue (${t.currency})`],
      rows: t.points.map((p) => [p.date, p.orders, p.units, p.revenue]),
      moneyColumns: [3],
    },
    chart: {
      kind: 'line',
      title: `${lang === 'zh' ? '每日营收' : 'Daily revenue'} ${span(t.period, lang)}`,
      labels: t.points.map((p) => p.date.slice(5)),
      values: t.points.map((p) => p.revenue),
      valueLabel: INSIGHT_TEXTS[lang].axis.revenue(t.currency),
    },
  };
}

export function viewLowStock(l: LowStock, lang: Language): ReportView {
  const top = l.items.slice(0, 3);
  const text =
    l.items.length === 0
      ? lang === 'zh'
        ? `没有库存不超过 ${l.stockThreshold} 件且仍有需求的产品。`
        : `No product with ${l.stockThreshold} or fewer in stock is still in demand.`
      : lang === 'zh'
        ? `库存紧张但仍有需求：${top.map((i) => `${i.name}（库存 ${i.stock}，${span(l.period, lang)} 售出 ${i.unitsSold}）`).join('、')}。`
        : `Running low but still in demand: ${top.map((i) => `${i.name} (${i.stock} left, ${i.unitsSold} sold ${span(l.period, lang)})`).join(', ')}.`;
  return {
    text,
    table: {
      columns:
        lang === 'zh'
          ? ['#', '产品', 'ID', '库存', '售出', '关注', '可售天数']
          : ['#', 'product', 'id', 'stock', 'sold', 'interest', 'days of cover'],
      rows: l.items.map((i) => [i.rank, i.name, i.id, i.stock, i.unitsSold, i.interest, i.daysOfCover ?? '']),
    },
    chart:
      l.items.length > 0
        ? {
            kind: 'bar',
            title: lang === 'zh' ? '库存紧张的产品（售出件数）' : 'Low stock, ranked by units sold',
            labels: l.items.map((i) => i.name),
            values: l.items.map((i) => i.unitsSold),
            valueLabel: INSIGHT_TEXTS[lang].axis.unitsSold,
          }
        : undefined,
  };
}

export function viewLatentDemand(d: LatentDemand, lang: Language): ReportView {
  const top = d.clusters.slice(0, 3);
  const demand =
    d.clusters.length === 0
      ? lang === 'zh'
        ? `${periodName(d.period, lang)} 没有未回答的顾客问题。`
        : `No unanswered shopper questions ${periodName(d.period, lang)}.`
      : lang === 'zh'
        ? `顾客在找但目录里没有的（${INSIGHT_TEXTS.zh.unansweredQuestions(d.unansweredQuestions)}）：${top.map((c) => `「${c.name}」${c.count} 次`).join('、')}。`
        : `Shoppers asked for things the catalog lacks (${INSIGHT_TEXTS.en.unansweredQuestions(d.unansweredQuestions)}): ${top.map((c) => `"${c.name}" (${c.count}×)`).join(', ')}.`;
  const text = [demand, knowledgeLine(d, lang)].filter(Boolean).join('\n');
  return {
    text,
    table: {
      columns: lang === 'zh' ? ['需求', '次数', '例子'] : ['demand', 'questions', 'examples'],
      rows: d.clusters.map((c) => [c.name, c.count, c.examples.join(' | ')]),
    },
    chart:
      d.clusters.length > 0
        ? {
            kind: 'bar',
            title: lang === 'zh' ? '潜在需求' : 'Latent demand',
            labels: d.clusters.map((c) => c.name),
            values: d.clusters.map((c) => c.count),
            valueLabel: INSIGHT_TEXTS[lang].axis.questions,
          }
        : undefined,
  };
}

function funnelRows(f: Funnel, lang: Language): (string | number)[][] {
  return [
    [lang === 'zh' ? '提问' : 'asked', f.asked, ''],
    [lang === 'zh' ? '看到产品' : 'shown products', f.shown, f.shownRate ?? ''],
    [lang === 'zh' ? '点击' : 'clicked', f.clicked, f.clickRate ?? ''],
    [lang === 'zh' ? '购买' : 'bought', f.bought, f.buyRate ?? ''],
  ];
}

export function viewFunnel(f: Funnel, lang: Language): ReportView {
  const text =
    lang === 'zh'
      ? `${periodName(f.period, lang)} 对话漏斗：${f.asked} 个提问 → ${f.shown} 个看到产品 → ${f.clicked} 个点击 → ${f.bought} 个购买。`
      : `Conversation funnel ${periodName(f.period, lang)}: ${f.asked} asked → ${f.shown} shown products → ${f.clicked} clicked → ${f.bought} bought.`;
  return {
    text,
    table: {
      columns: lang === 'zh' ? ['步骤', '对话数', '转化%'] : ['step', 'conversations', 'step rate %'],
      rows: funnelRows(f, lang),
    },
    chart: {
      kind: 'bar',
      title: lang === 'zh' ? '对话漏斗' : 'Conversation funnel',
      labels: funnelRows(f, lang).map((r) => String(r[0])),
      values: [f.asked, f.shown, f.clicked, f.bought],
      valueLabel: INSIGHT_TEXTS[lang].axis.conversations,
    },
  };
}

export function viewBotPerformance(b: BotPerformance, lang: Language): ReportView {
  const percent = (n: number | null) =>
    n === null ? (lang === 'zh' ? '无数据' : 'n/a') : `${formatNumber(n)}%`;
  const text =
    b.conversations === 0
      ? lang === 'zh'
        ? `${periodName(b.period, lang)} 还没有对话记录。`
        : `No bot conversations ${periodName(b.period, lang)} yet.`
      : lang === 'zh'
        ? `${periodName(b.period, lang)} 共 ${b.conversations} 个对话：满意度 ${percent(b.csat)}（👍 ${b.thumbsUp} / 👎 ${b.thumbsDown}），转人工率 ${percent(b.handoffRate)}，解决率 ${percent(b.resolutionRate)}，${b.funnel.bought} 个对话带来购买，归因订单 / 收入：${b.attributedOrders} / ${formatNumber(b.attributedRevenue)}。`
        : `${b.conversations} conversations ${periodName(b.period, lang)}: CSAT ${percent(b.csat)} (${b.thumbsUp} up, ${b.thumbsDown} down), handoff rate ${percent(b.handoffRate)}, resolution rate ${percent(b.resolutionRate)}; ${b.funnel.bought} led to a purchase; attributed orders / revenue: ${b.attributedOrders} / ${formatNumber(b.attributedRevenue)}.`;
  return {
    text,
    table: {
      columns: lang === 'zh' ? ['指标', '数值'] : ['metric', 'value'],
      rows: [
        [lang === 'zh' ? '对话' : 'conversations', b.conversations],
        ['CSAT %', b.csat ?? ''],
        [lang === 'zh' ? '👍' : 'thumbs up', b.thumbsUp],
        [lang === 'zh' ? '👎' : 'thumbs down', b.thumbsDown],
        [lang === 'zh' ? '转人工' : 'handoffs', b.handoffs],
        [lang === 'zh' ? '转人工率 %' : 'handoff rate %', b.handoffRate ?? ''],
        [lang === 'zh' ? '已解决' : 'resolved', b.resolved],
        [lang === 'zh' ? '解决率 %' : 'resolution rate %', b.resolutionRate ?? ''],
        ...funnelRows(b.funnel, lang).map((r) => [`${lang === 'zh' ? '漏斗' : 'funnel'}: ${r[0]}`, r[1]]),
        [lang === 'zh' ? '归因订单' : 'attributed orders', b.attributedOrders],
        [lang === 'zh' ? '归因收入' : 'attributed revenue', b.attributedRevenue],
      ],
    },
    chart: viewFunnel(b.funnel, lang).chart,
  };
}

/** The templated answer, table and chart of one report's tool output. */
export function viewFor(intent: InsightIntent, data: unknown, lang: Language): ReportView {
  switch (intent) {
    case 'sales_summary':
      return viewSalesSummary(data as SalesSummary, lang);
    case 'top_products':
      return viewTopList(data as TopList, 'products', lang);
    case 'top_categories':
      return viewTopList(data as TopList, 'categories', lang);
    case 'trend':
      return viewTrend(data as Trend, lang);
    case 'low_stock':
      return viewLowStock(data as LowStock, lang);
    case 'latent_demand':
      return viewLatentDemand(data as LatentDemand, lang);
    case 'funnel':
      return viewFunnel(data as Funnel, lang);
    case 'bot_performance':
      return viewBotPerformance(data as BotPerformance, lang);
  }
}

/** A plain-text table with aligned columns, for terminals. Wide characters count double. */
export function formatTextTable(table: InsightTable): string {
  const width = (s: string) => Array.from(s).reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cells = [table.columns, ...tableCells(table, 'display')];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((row) => width(String(row[i] ?? '')))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => {
        const s = String(cell ?? '');
        const pad = ' '.repeat(widths[i] - width(s));
        return typeof table.rows[0]?.[i] === 'number' ? pad + s : s + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function toCsv(table: InsightTable): string {
  const numeric = table.rows.map((row) => row.map((value) => typeof value === 'number'));
  const cell = (text: string, isNumber: boolean) => {
    let s = text;
    if (!isNumber && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [
      table.columns.map((c) => cell(c, false)).join(','),
      ...tableCells(table, 'csv').map((row, r) => row.map((c, i) => cell(c, numeric[r][i])).join(',')),
    ].join('\r\n') + '\r\n'
  );
}

/** The knowledge loop's line: questions the store FAQ answered, and the clusters still waiting for an answer. */
function knowledgeLine(d: LatentDemand, lang: Language): string | undefined {
  const answeredCount = d.faqAnswered ?? 0;
  const open = (d.openClusters ?? []).slice(0, 3);
  if (answeredCount === 0 && open.length === 0) return undefined;
  if (lang === 'zh') {
    const answered = `店铺常见问题解答${periodName(d.period, lang)}回答了 ${formatNumber(answeredCount)} 个顾客问题`;
    return open.length
      ? `${answered}；仍待回答：${open.map((c) => `「${c.question}」${c.count} 次`).join('、')}。`
      : `${answered}。`;
  }
  const answered = `The store FAQ answered ${formatNumber(answeredCount)} shopper ${answeredCount === 1 ? 'question' : 'questions'} ${periodName(d.period, lang)}`;
  return open.length
    ? `${answered}; still open: ${open.map((c) => `"${c.question}" (${c.count}×)`).join(', ')}.`
    : `${answered}.`;
}
