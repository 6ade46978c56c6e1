/** The templated answer, table and chart of the shopper-conversation reports: latent demand, funnel, bot performance. */
import type { Language } from '../language/language';
import { INSIGHT_TEXTS } from './texts';
import type { BotPerformance, Funnel, LatentDemand } from './insight-results';
import { formatNumber } from './report-table';
import { barChartOf, periodName, type ReportView } from './report-view';

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
    chart: barChartOf(d.clusters, {
      title: lang === 'zh' ? '潜在需求' : 'Latent demand',
      label: (c) => c.name,
      value: (c) => c.count,
      valueLabel: INSIGHT_TEXTS[lang].axis.questions,
    }),
  };
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
