/** The templated answer, table and chart of the sales and stock reports. */
import type { Language } from '../language/language';
import { INSIGHT_TEXTS } from './texts';
import type { LowStock, SalesSummary, TopList, Trend } from './insight-results';
import { formatMoney, formatNumber } from './report-table';
import { barChartOf, formatChange, periodName, span, type ReportView } from './report-view';

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
    chart: barChartOf(t.items, {
      title: `${kind === 'products' ? (lang === 'zh' ? '畅销产品' : 'Top products') : lang === 'zh' ? '品类' : 'Categories'} ${span(t.period, lang)}`,
      label: (i) => i.name,
      value: (i) => (t.by === 'units' ? i.units : i.revenue),
      valueLabel: t.by === 'units' ? axis.units : axis.revenue(t.currency),
    }),
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
    chart: barChartOf(l.items, {
      title: lang === 'zh' ? '库存紧张的产品（售出件数）' : 'Low stock, ranked by units sold',
      label: (i) => i.name,
      value: (i) => i.unitsSold,
      valueLabel: INSIGHT_TEXTS[lang].axis.unitsSold,
    }),
  };
}
