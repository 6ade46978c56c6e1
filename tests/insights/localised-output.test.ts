import { insightsCommand } from '../../bin/cli/insights';
import { merchantAnswerBlocks, tableText } from '../../functions/channels/slack/blocks';
import { insightCard } from '../../functions/channels/teams/cards';
import type { InsightIntent } from '../../functions/insights/intent';
import { InsightTools } from '../../functions/insights/insight-tools';
import type { LatentDemand, TopList } from '../../functions/insights/insight-results';
import { resolvePeriod } from '../../functions/insights/period';
import { viewLatentDemand } from '../../functions/insights/engagement-views';
import { viewFor } from '../../functions/insights/present';
import { formatTextTable, toCsv } from '../../functions/insights/report-table';
import { viewTopList } from '../../functions/insights/sales-views';
import { runIntent } from '../../functions/insights/tool-calls';
import { startTestEnv, type TestEnv } from '../support/test-env';

const NOW = new Date('2026-03-18T15:00:00Z');
const INTENTS: InsightIntent[] = [
  'top_products',
  'top_categories',
  'sales_summary',
  'trend',
  'low_stock',
  'latent_demand',
  'funnel',
  'bot_performance',
];
/** English words in a Chinese answer's fixed parts; currency codes, `ID` and `CSAT` are not words to translate. */
const englishWords = (text: string) =>
  (text.replace(/\b(?:USD|EUR|CNY|ID|CSAT)\b/g, '').match(/[A-Za-z]{2,}/g) ?? []).join(' ');

// `to` is exclusive, as the insight tools write it: last week is 9–15 March.
const PERIOD = { label: 'last week', labelZh: '上周', from: '2026-03-09', to: '2026-03-16' };

describe('merchant answers in the question’s language', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true, overrides: { now: () => NOW } });
  });
  afterAll(async () => {
    await env.close();
  });

  test.each(INTENTS)(
    '%s in Chinese: table headers, chart title and axis, and sources are Chinese',
    async (intent) => {
      const store = await env.services.stores.get('demo');
      if (!store) throw new Error('no demo store');
      const tools = new InsightTools(env.services, store, 'zh');
      const period = resolvePeriod('last_n_days', NOW, store.timezone, 90);
      const output = await runIntent(tools, intent, period, 'revenue');
      const view = viewFor(intent, output.data, 'zh');
      expect(englishWords(view.table?.columns.join(' ') ?? '')).toBe('');
      if (view.chart) expect(englishWords(`${view.chart.title} ${view.chart.valueLabel}`)).toBe('');
      expect(englishWords(output.sources.join(' '))).toBe('');
    },
  );

  test('a Chinese question in the CLI prints Chinese text, headers and "数据来源"', async () => {
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: () => {} };
    expect(await insightsCommand(['--store', 'demo', '过去90天卖得最好的产品'], io, env.services)).toBe(0);
    const printed = out.join('\n');
    expect(printed).toContain('\n数据来源:\n  订单 ');
    expect(printed).not.toMatch(/Sources|orders|units|revenue|product/);
  });

  test('Slack blocks and Teams cards label the sources in the answer’s language', () => {
    const answer = {
      ...ANSWER_FIELDS,
      text: '上周营收',
      table: { columns: ['产品', '件数'], rows: [['蓝牙音箱', 3]] },
      sources: ['订单 2026-03-09..2026-03-15（3 笔）'],
      language: 'zh' as const,
    };
    expect(JSON.stringify(merchantAnswerBlocks(answer))).toContain('数据来源: 订单');
    expect(JSON.stringify(merchantAnswerBlocks(answer))).not.toContain('Sources');
    expect(JSON.stringify(insightCard(answer))).toContain('数据来源: 订单');
  });
});

/** The report fields every answer carries; these tests are about the labels around them. */
const ANSWER_FIELDS = {
  intent: 'sales_summary' as const,
  period: { from: '2026-03-09', to: '2026-03-15' },
  by: 'revenue' as const,
  heading: '',
};

describe('money in tables and CSV', () => {
  const top: TopList = {
    currency: 'USD',
    period: PERIOD,
    by: 'revenue',
    items: [
      { rank: 1, id: '1', name: 'Laptop', units: 9, revenue: 17155.71 },
      { rank: 2, id: '2', name: 'Phone', units: 3, revenue: 2292.2 },
      { rank: 3, id: '3', name: 'Mug', units: 1200, revenue: 1213.6 },
    ],
  };

  test('every amount has two decimals in the text table, Slack and Teams; counts stay whole', () => {
    const view = viewTopList(top, 'products', 'en');
    const table = view.table;
    if (!table) throw new Error('no table');
    const text = formatTextTable(table);
    expect(text).toMatch(/17,155\.71/);
    expect(text).toMatch(/2,292\.20/);
    expect(text).toMatch(/1,213\.60/);
    expect(text).toMatch(/1,200 +1,213\.60/);
    expect(tableText(table)).toContain('2,292.20');
    expect(
      JSON.stringify(insightCard({ ...ANSWER_FIELDS, text: '', table, sources: [], language: 'en' })),
    ).toContain('"2,292.20"');
    expect(view.text).toBe(
      'Best sellers last week (9–15 Mar 2026) by revenue: Laptop (17,155.71 USD), Phone (2,292.20 USD), Mug (1,213.60 USD).',
    );
  });

  test('CSV has plain numbers: two decimals for money, no thousands separators', () => {
    const table = viewTopList(top, 'products', 'en').table;
    if (!table) throw new Error('no table');
    expect(toCsv(table).split('\r\n')).toEqual([
      '#,product,id,units,revenue (USD)',
      '1,Laptop,1,9,17155.71',
      '2,Phone,2,3,2292.20',
      '3,Mug,3,1200,1213.60',
      '',
    ]);
  });

  test('a EUR store shows 48.00 and 89.50, in the text and in a summary table', () => {
    const eur: TopList = {
      ...top,
      currency: 'EUR',
      items: [
        { rank: 1, id: '7', name: 'Scarf', units: 2, revenue: 89.5 },
        { rank: 2, id: '8', name: 'Hat', units: 1, revenue: 48 },
      ],
    };
    const view = viewTopList(eur, 'products', 'en');
    expect(view.text).toContain('Scarf (89.50 EUR), Hat (48.00 EUR)');
    expect(formatTextTable(view.table ?? { columns: [], rows: [] })).toMatch(/89\.50[\s\S]*48\.00/);
    const summary = viewFor(
      'sales_summary',
      {
        currency: 'EUR',
        period: PERIOD,
        current: {
          revenue: 137.5,
          orders: 3,
          units: 3,
          averageOrderValue: 45.83,
          customers: 2,
          cancelledOrders: 0,
        },
        previous: {
          revenue: 48,
          orders: 1,
          units: 1,
          averageOrderValue: 48,
          customers: 1,
          cancelledOrders: 0,
        },
        changePercent: { revenue: 186.46, orders: 200, units: 200 },
      },
      'en',
    );
    const csv = toCsv(summary.table ?? { columns: [], rows: [] });
    expect(csv).toContain('revenue,137.50,48.00,186.46');
    expect(csv).toContain('orders,3,1,200');
    expect(csv).toContain('average order,45.83,48.00,');
  });
});

describe('plurals', () => {
  test('one unanswered question is one question', () => {
    const demand: LatentDemand = {
      period: PERIOD,
      unansweredQuestions: 1,
      clusters: [{ name: 'gift cards', count: 1, examples: ['do you sell gift cards'] }],
    };
    expect(viewLatentDemand(demand, 'en').text).toContain('(1 unanswered question)');
  });
});
