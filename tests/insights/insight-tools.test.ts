import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Product } from '../../functions/catalog/product';
import { InsightTools } from '../../functions/insights/insight-tools';
import { answerMerchantQuestion } from '../../functions/insights/merchant-assistant';
import { parseQuestion } from '../../functions/insights/intent';
import { resolvePeriod } from '../../functions/insights/period';
import { AuditTrail } from '../../functions/storage/audit-trail';
import { demoOrdersFromCarts } from '../../functions/orders/demo-orders';
import type { Order } from '../../functions/orders/order';
import { startTestEnv, type TestEnv } from '../support/test-env';

const NOW = new Date('2026-03-18T15:00:00Z');
const DATA = path.resolve(__dirname, '../../data/demo-store');

/** Figures computed here with plain loops from the demo orders, not with the code under test. */
function expectedFor(orders: Order[], from: Date, to: Date, categoryOf: Map<string, string>) {
  const inPeriod = orders.filter(
    (o) =>
      Date.parse(o.createdAt) >= from.getTime() &&
      Date.parse(o.createdAt) < to.getTime() &&
      o.status !== 'cancelled' &&
      o.status !== 'refunded',
  );
  const products: Record<string, { units: number; revenue: number }> = {};
  const categories: Record<string, number> = {};
  let revenue = 0;
  for (const order of inPeriod) {
    revenue += order.total;
    for (const line of order.items) {
      products[line.productId] ??= { units: 0, revenue: 0 };
      products[line.productId].units += line.quantity;
      products[line.productId].revenue += line.price * line.quantity;
      const category = categoryOf.get(line.productId) as string;
      categories[category] = (categories[category] ?? 0) + line.price * line.quantity;
    }
  }
  return { orders: inPeriod.length, revenue: Math.round(revenue * 100) / 100, products, categories };
}

describe('insight tools on the imported demo orders', () => {
  let env: TestEnv;
  let tools: InsightTools;
  let orders: Order[];
  const categoryOf = new Map<string, string>();

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true, overrides: { now: () => NOW } });
    const store = await env.services.stores.get('demo');
    tools = new InsightTools(env.services, store!);
    orders = demoOrdersFromCarts(JSON.parse(readFileSync(path.join(DATA, 'carts.json'), 'utf8')), {
      storeId: 'demo',
      currency: 'USD',
      now: NOW,
    });
    // products.json is a plain array of dummyjson products.
    const products = JSON.parse(readFileSync(path.join(DATA, 'products.json'), 'utf8')) as (Product & {
      id: number;
    })[];
    for (const p of products) categoryOf.set(String(p.id), p.category);
  });
  afterAll(() => env.close());

  test('the demo import dates every cart in the 90 days before the import, keeping userId as the customer', () => {
    const carts = JSON.parse(readFileSync(path.join(DATA, 'carts.json'), 'utf8')) as {
      id: number;
      userId: number;
    }[];
    expect(orders).toHaveLength(carts.length);
    for (const order of orders) {
      const age = NOW.getTime() - Date.parse(order.createdAt);
      expect(age).toBeGreaterThan(0);
      expect(age).toBeLessThanOrEqual(90 * 86_400_000);
    }
    expect(orders[0].customerId).toBe(String(carts[0].userId));
    // Deterministic: the same carts and import time give the same orders.
    expect(demoOrdersFromCarts(carts, { storeId: 'demo', currency: 'USD', now: NOW })).toEqual(orders);
  });

  test('top products by units and by revenue match figures computed from the orders', async () => {
    const period = resolvePeriod('last_n_days', NOW, 'America/New_York', 30);
    const expected = expectedFor(orders, period.from, period.to, categoryOf);
    const byUnits = await tools.topProducts(period, 'units', 5);
    const byRevenue = await tools.topProducts(period, 'revenue', 5);

    const maxUnits = Math.max(...Object.values(expected.products).map((p) => p.units));
    expect(byUnits.data.items[0].units).toBe(maxUnits);
    for (const item of byUnits.data.items) {
      expect(item.units).toBe(expected.products[item.id].units);
      expect(item.revenue).toBeCloseTo(expected.products[item.id].revenue, 2);
    }
    const revenueRanking = Object.entries(expected.products)
      .sort((a, b) => b[1].revenue - a[1].revenue)
      .slice(0, 5)
      .map(([id]) => id);
    expect(byRevenue.data.items.map((i) => i.id)).toEqual(revenueRanking);
    expect(byUnits.sources[0]).toMatch(/^orders \d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2} \(\d+ orders\)$/);
  });

  test('revenue per category matches figures computed from the orders and the catalog', async () => {
    const period = parseQuestion('revenue by category this month vs last', NOW, 'America/New_York').period;
    const expected = expectedFor(orders, period.from, period.to, categoryOf);
    const previous = expectedFor(orders, period.previous.from, period.previous.to, categoryOf);
    const result = await tools.topCategories(period, 'revenue', 50);
    expect(result.data.items.length).toBe(Object.keys(expected.categories).length);
    for (const item of result.data.items) {
      expect(item.revenue).toBeCloseTo(expected.categories[item.id], 2);
      expect(item.previousRevenue).toBeCloseTo(previous.categories[item.id] ?? 0, 2);
    }
  });

  test('the sales summary compares with the previous comparable period', async () => {
    const period = resolvePeriod('last_n_days', NOW, 'America/New_York', 30);
    const current = expectedFor(orders, period.from, period.to, categoryOf);
    const previous = expectedFor(orders, period.previous.from, period.previous.to, categoryOf);
    const summary = await tools.salesSummary(period);
    expect(summary.data.current.orders).toBe(current.orders);
    expect(summary.data.current.revenue).toBeCloseTo(current.revenue, 2);
    expect(summary.data.previous.orders).toBe(previous.orders);
    expect(summary.data.previous.revenue).toBeCloseTo(previous.revenue, 2);
    const change = Math.round(((current.revenue - previous.revenue) / previous.revenue) * 10000) / 100;
    expect(summary.data.changePercent.revenue).toBeCloseTo(change, 2);
    expect(summary.sources).toHaveLength(2);
  });

  test('the daily trend has a point per local day and adds up to the period revenue', async () => {
    const period = resolvePeriod('last_n_days', NOW, 'America/New_York', 30);
    const trend = await tools.trend(period);
    expect(trend.data.points).toHaveLength(30);
    const total = trend.data.points.reduce((sum, p) => sum + p.revenue, 0);
    expect(total).toBeCloseTo(expectedFor(orders, period.from, period.to, categoryOf).revenue, 2);
  });

  test('low stock lists only low-stock products that sold, ranked by units sold', async () => {
    const period = resolvePeriod('last_n_days', NOW, 'America/New_York', 30);
    const low = await tools.lowStock(period, 10, 50);
    const sold = expectedFor(orders, period.from, period.to, categoryOf).products;
    for (const item of low.data.items) {
      expect(item.stock).toBeLessThanOrEqual(10);
      expect(item.unitsSold).toBe(sold[item.id]?.units ?? 0);
    }
    const units = low.data.items.map((i) => i.unitsSold);
    expect(units).toEqual([...units].sort((a, b) => b - a));
  });

  test('funnel, latent demand and bot performance come from outcome events', async () => {
    const ctx = (conversationId: string) => ({
      storeId: 'demo',
      conversationId,
      channel: 'webchat' as const,
    });
    const sys = env.services.feedback;
    await sys.recordSystemEvent(ctx('c1'), 'shown', 'r1', { replyId: 'r1', productIds: ['121'] });
    await env.services.feedback.recordOutcome(ctx('c1'), { type: 'click', productId: '121', replyId: 'r1' });
    // Only purchases attributed from the signed order webhook count; a browser's report does not.
    await env.services.feedback.recordOutcome(ctx('c1'), {
      type: 'purchase',
      productId: '121',
      replyId: 'r1',
    });
    await sys.recordSystemEvent(ctx('c1'), 'purchase', 'o1|121', {
      replyId: 'r1',
      productId: '121',
      orderId: 'o1',
      revenue: 199.99,
    });
    await env.services.feedback.recordFeedback(ctx('c1'), { replyId: 'r1', rating: 'up' });
    await sys.recordSystemEvent(ctx('c2'), 'unanswered', 'r2', {
      replyId: 'r2',
      query: 'do you sell gaming chairs?',
    });
    await sys.recordSystemEvent(ctx('c3'), 'unanswered', 'r3', {
      replyId: 'r3',
      query: 'gaming chair with footrest',
    });
    await sys.recordSystemEvent(ctx('c4'), 'unanswered', 'r4', { replyId: 'r4', query: '有没有宠物粮' });
    await sys.recordSystemEvent(ctx('c3'), 'handoff', 'r3b', { replyId: 'r3b' });
    await env.services.feedback.recordFeedback(ctx('c4'), { replyId: 'r4', rating: 'down' });

    const period = resolvePeriod('last_n_days', NOW, 'America/New_York', 7);
    const funnel = await tools.funnel(period);
    expect(funnel.data).toMatchObject({ asked: 4, shown: 1, clicked: 1, bought: 1 });
    const demand = await tools.latentDemand(period);
    expect(demand.data.unansweredQuestions).toBe(3);
    expect(demand.data.clusters[0]).toMatchObject({ name: 'gaming chair', count: 2 });
    const bot = await tools.botPerformance(period);
    expect(bot.data).toMatchObject({
      conversations: 4,
      thumbsUp: 1,
      thumbsDown: 1,
      csat: 50,
      handoffs: 1,
      handoffRate: 25,
      resolved: 1,
      resolutionRate: 25,
    });
  });

  test('answerMerchantQuestion answers offline with text, table, chart, CSV and sources, and audits the question', async () => {
    const answer = await answerMerchantQuestion(env.services, {
      storeId: 'demo',
      question: 'what were my best sellers last week?',
      caller: { platform: 'slack', userId: 'U1', displayName: 'Ana' },
      wantCsv: true,
    });
    const period = parseQuestion('last week', NOW, 'America/New_York').period;
    const expected = expectedFor(orders, period.from, period.to, categoryOf);
    const top = Object.values(expected.products).sort((a, b) => b.units - a.units)[0];
    expect(answer.language).toBe('en');
    expect(answer.text).toContain(`(${top.units} units)`);
    expect(answer.table?.rows[0][3]).toBe(top.units);
    expect(answer.csv?.split('\r\n')[0]).toBe('#,product,id,units,revenue (USD)');
    expect(answer.chartPng?.subarray(1, 4).toString()).toBe('PNG');
    expect(answer.sources).toEqual([
      `orders 2026-03-09..2026-03-16 (${orders.filter((o) => Date.parse(o.createdAt) >= period.from.getTime() && Date.parse(o.createdAt) < period.to.getTime()).length} orders)`,
    ]);
    const [entry] = await new AuditTrail(env.services.table).list('demo', 1);
    expect(entry).toMatchObject({
      action: 'question',
      platform: 'slack',
      userId: 'U1',
      detail: 'what were my best sellers last week?',
      intent: 'top_products',
      mode: 'offline',
    });

    const zh = await answerMerchantQuestion(env.services, {
      storeId: 'demo',
      question: '上周卖得最好的产品',
      caller: { platform: 'teams', userId: 'T1' },
      wantChart: false,
    });
    expect(zh.language).toBe('zh');
    expect(zh.text).toContain('上周');
    expect(zh.text).toContain(`${top.units} 件`);
  });
});
