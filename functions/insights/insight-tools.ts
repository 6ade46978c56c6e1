import type { Language } from '../language/language';
import type { Product } from '../catalog/product';
import { askersOf, examplesOf } from '../faq/clustering';
import type { ClusterStore } from '../faq/ports';
import type { OutcomeEvent } from '../feedback/outcome-event';
import type { Order } from '../orders/order';
import type { Store } from '../stores/store';
import { clusterQueries } from './latent-demand';
import { describeInterval, localDateString, type Interval, type Period } from './period';
import { INSIGHT_TEXTS } from './texts';
import type { OrderHistory, ProductCatalogReader } from '../ports/commerce';
import type { EventLog } from '../ports/event-log';
import type {
  PeriodRef,
  SalesFigures,
  SalesSummary,
  RankedItem,
  TopList,
  TrendPoint,
  Trend,
  LowStock,
  Funnel,
  LatentDemand,
  BotPerformance,
  ToolOutput,
} from './insight-results';

/**
 * The read-only insight tools. An instance is bound to one store when it is built, from the caller's binding;
 * no method takes a store id, so neither a prompt nor a model's tool call can point it at another store.
 */

/** Cancelled and refunded orders are not sales: they count in `cancelledOrders` only. */
const NOT_SALES = new Set<Order['status']>(['cancelled', 'refunded']);

export const round2 = (n: number): number => Math.round(n * 100) / 100;
const pct = (part: number, whole: number): number | null => (whole > 0 ? round2((part / whole) * 100) : null);
const change = (current: number, previous: number): number | null =>
  previous > 0 ? round2(((current - previous) / previous) * 100) : null;

/** The ports the insight tools read: orders, products and events of one store. */
export interface InsightToolsDeps {
  orders: Pick<OrderHistory, 'listBetween'>;
  products: ProductCatalogReader;
  events: EventLog;
  /** The knowledge loop's clusters, for the FAQ's open questions; absent where the loop is not wired. */
  faqRepository?: Pick<ClusterStore, 'listClusters'>;
}

export class InsightTools {
  private productCache?: Promise<Map<string, Product>>;

  /** Category ids the sales and stock reports keep; undefined keeps all. */
  private readonly categories?: ReadonlySet<string>;

  constructor(
    private readonly services: InsightToolsDeps,
    readonly store: Store,
    /** The language of the source lines (the merchant's question's language). */
    readonly language: Language = 'en',
    categories?: readonly string[],
  ) {
    this.categories = categories && categories.length > 0 ? new Set(categories) : undefined;
  }

  /** The same tools, narrowed to some of the store's categories ("only phones"). */
  forCategories(categories: readonly string[] | undefined): InsightTools {
    return new InsightTools(this.services, this.store, this.language, categories);
  }

  /** The store's category ids, for matching "only phones" against what the store sells. */
  async categoryIds(): Promise<string[]> {
    return [...new Set([...(await this.catalog()).values()].map((p) => p.category).filter(Boolean))].sort();
  }

  private get texts() {
    return INSIGHT_TEXTS[this.language].source;
  }

  get storeId(): string {
    return this.store.id;
  }

  private ref(interval: Interval, label: string, labelZh?: string): PeriodRef {
    const [from, to] = describeInterval(interval, this.store.timezone).split('..');
    return { label, ...(labelZh ? { labelZh } : {}), from, to };
  }

  private async orders(interval: Interval): Promise<{ orders: Order[]; source: string }> {
    const orders = await this.services.orders.listBetween(
      this.store.id,
      interval.from.toISOString(),
      interval.to.toISOString(),
    );
    const span = describeInterval(interval, this.store.timezone);
    if (!this.categories) return { orders, source: this.texts.orders(span, orders.length) };
    // Keep the lines of the asked categories; an order's figures become those lines' figures.
    const catalog = await this.catalog();
    const keep = this.categories;
    const narrowed = orders.flatMap((order) => {
      const items = order.items.filter((line) => keep.has(catalog.get(line.productId)?.category ?? ''));
      if (items.length === 0) return [];
      return [{ ...order, items, total: round2(items.reduce((sum, l) => sum + l.price * l.quantity, 0)) }];
    });
    return {
      orders: narrowed,
      source: this.texts.ordersIn(span, orders.length, narrowed.length, [...keep].join(', ')),
    };
  }

  private async catalog(): Promise<Map<string, Product>> {
    this.productCache ??= this.services.products
      .list(this.store.id)
      .then((products) => new Map(products.map((p) => [p.id, p])));
    return this.productCache;
  }

  private async events(interval: Interval): Promise<{ events: OutcomeEvent[]; source: string }> {
    // Event sort keys are `receivedAt#eventId`, so this range is [from, to) by arrival time.
    const events = await this.services.events.listRange(
      this.store.id,
      interval.from.toISOString(),
      interval.to.toISOString(),
    );
    const source = this.texts.events(describeInterval(interval, this.store.timezone), events.length);
    return { events, source };
  }

  async salesSummary(period: Period): Promise<ToolOutput<SalesSummary>> {
    const [current, previous] = await Promise.all([this.orders(period), this.orders(period.previous)]);
    const a = salesFigures(current.orders);
    const b = salesFigures(previous.orders);
    return {
      data: {
        currency: this.store.currency,
        period: this.ref(period, period.label.en, period.label.zh),
        current: a,
        previousPeriod: this.ref(period.previous, 'previous period', '上期'),
        previous: b,
        changePercent: {
          orders: change(a.orders, b.orders),
          units: change(a.units, b.units),
          revenue: change(a.revenue, b.revenue),
        },
      },
      sources: [current.source, previous.source],
    };
  }

  async topProducts(period: Period, by: 'units' | 'revenue', limit = 10): Promise<ToolOutput<TopList>> {
    const { orders, source } = await this.orders(period);
    const totals = new Map<string, { name: string; units: number; revenue: number }>();
    for (const order of sales(orders)) {
      for (const line of order.items) {
        const entry = totals.get(line.productId) ?? { name: line.title, units: 0, revenue: 0 };
        entry.units += line.quantity;
        entry.revenue += line.price * line.quantity;
        totals.set(line.productId, entry);
      }
    }
    const items = rank(
      [...totals].map(([id, t]) => ({ id, name: t.name, units: t.units, revenue: round2(t.revenue) })),
      by,
      limit,
    );
    return {
      data: {
        currency: this.store.currency,
        period: this.ref(period, period.label.en, period.label.zh),
        by,
        items,
      },
      sources: [source],
    };
  }

  async topCategories(period: Period, by: 'units' | 'revenue', limit = 10): Promise<ToolOutput<TopList>> {
    const [current, previous, catalog] = await Promise.all([
      this.orders(period),
      this.orders(period.previous),
      this.catalog(),
    ]);
    const sum = (orders: Order[]) => {
      const totals = new Map<string, { units: number; revenue: number }>();
      for (const order of sales(orders)) {
        for (const line of order.items) {
          const category = catalog.get(line.productId)?.category ?? 'uncategorised';
          const entry = totals.get(category) ?? { units: 0, revenue: 0 };
          entry.units += line.quantity;
          entry.revenue += line.price * line.quantity;
          totals.set(category, entry);
        }
      }
      return totals;
    };
    const now = sum(current.orders);
    const before = sum(previous.orders);
    const items = rank(
      [...now].map(([id, t]) => ({
        id,
        name: id,
        units: t.units,
        revenue: round2(t.revenue),
        previousUnits: before.get(id)?.units ?? 0,
        previousRevenue: round2(before.get(id)?.revenue ?? 0),
      })),
      by,
      limit,
    );
    return {
      data: {
        currency: this.store.currency,
        period: this.ref(period, period.label.en, period.label.zh),
        previousPeriod: this.ref(period.previous, 'previous period', '上期'),
        by,
        items,
      },
      sources: [current.source, previous.source, this.texts.catalogCategories(catalog.size)],
    };
  }

  async trend(period: Period): Promise<ToolOutput<Trend>> {
    const { orders, source } = await this.orders(period);
    const days = new Map<string, TrendPoint>();
    // Every local day of the period gets a point, so quiet days show as zero rather than vanish.
    for (let t = period.from.getTime(); t < period.to.getTime(); t += 3_600_000) {
      const date = localDateString(new Date(t), this.store.timezone);
      if (!days.has(date)) days.set(date, { date, orders: 0, units: 0, revenue: 0 });
    }
    for (const order of sales(orders)) {
      const date = localDateString(new Date(order.createdAt), this.store.timezone);
      const point = days.get(date) ?? { date, orders: 0, units: 0, revenue: 0 };
      point.orders += 1;
      point.units += order.items.reduce((n, line) => n + line.quantity, 0);
      point.revenue = round2(point.revenue + order.total);
      days.set(date, point);
    }
    const points = [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
    return {
      data: {
        currency: this.store.currency,
        period: this.ref(period, period.label.en, period.label.zh),
        points,
      },
      sources: [source],
    };
  }

  async lowStock(period: Period, stockThreshold = 10, limit = 10): Promise<ToolOutput<LowStock>> {
    const [{ orders, source }, catalog, { events, source: eventSource }] = await Promise.all([
      this.orders(period),
      this.catalog(),
      this.events(period),
    ]);
    const sold = new Map<string, number>();
    for (const order of sales(orders)) {
      for (const line of order.items)
        sold.set(line.productId, (sold.get(line.productId) ?? 0) + line.quantity);
    }
    const interest = new Map<string, number>();
    const bump = (id: string | undefined) => {
      if (id) interest.set(id, (interest.get(id) ?? 0) + 1);
    };
    for (const event of events) {
      if (event.type === 'shown') for (const id of event.productIds ?? []) bump(id);
      if (event.type === 'click' || event.type === 'add_to_cart') bump(event.productId);
    }
    const days = Math.max(1, (period.to.getTime() - period.from.getTime()) / 86_400_000);
    const candidates = [...catalog.values()]
      .filter((p) => !this.categories || this.categories.has(p.category))
      .filter(
        (p) => p.stock <= stockThreshold && ((sold.get(p.id) ?? 0) > 0 || (interest.get(p.id) ?? 0) > 0),
      )
      .map((p) => {
        const unitsSold = sold.get(p.id) ?? 0;
        return {
          id: p.id,
          name: p.title,
          stock: p.stock,
          unitsSold,
          interest: interest.get(p.id) ?? 0,
          daysOfCover: unitsSold > 0 ? Math.round((p.stock / unitsSold) * days * 10) / 10 : null,
        };
      })
      // Demand first: units sold, then interest; ties go to the product that runs out sooner.
      .sort(
        (a, b) =>
          b.unitsSold - a.unitsSold ||
          b.interest - a.interest ||
          a.stock - b.stock ||
          a.id.localeCompare(b.id),
      )
      .slice(0, limit)
      .map((item, i) => ({ rank: i + 1, ...item }));
    return {
      data: { period: this.ref(period, period.label.en, period.label.zh), stockThreshold, items: candidates },
      sources: [source, eventSource, this.texts.catalogStock(catalog.size, stockThreshold)],
    };
  }

  async funnel(period: Period): Promise<ToolOutput<Funnel>> {
    const { events, source } = await this.events(period);
    return { data: funnelOf(events, this.ref(period, period.label.en, period.label.zh)), sources: [source] };
  }

  async latentDemand(period: Period, limit = 10): Promise<ToolOutput<LatentDemand>> {
    const { events, source } = await this.events(period);
    const queries = events.filter((e) => e.type === 'unanswered' && e.query).map((e) => e.query as string);
    const faqAnswered = events.filter((e) => e.type === 'faq_answered').length;
    const stored = (await this.services.faqRepository?.listClusters(this.store.id)) ?? [];
    const openClusters = stored
      .filter((c) => c.status === 'open' || c.status === 'delivered')
      .map((c) => ({ question: examplesOf(c)[0] ?? '', count: c.count, askers: askersOf(c) }))
      .slice(0, limit);
    return {
      data: {
        period: this.ref(period, period.label.en, period.label.zh),
        unansweredQuestions: queries.length,
        clusters: clusterQueries(queries).slice(0, limit),
        faqAnswered,
        openClusters,
      },
      sources: [
        this.texts.unanswered(source, queries.length),
        ...(faqAnswered > 0 ? [this.texts.faqAnswered(faqAnswered)] : []),
        ...(this.services.faqRepository ? [this.texts.faqOpenClusters(openClusters.length)] : []),
      ],
    };
  }

  async botPerformance(period: Period): Promise<ToolOutput<BotPerformance>> {
    const { events, source } = await this.events(period);
    const ref = this.ref(period, period.label.en, period.label.zh);
    const conversations = new Map<string, Set<OutcomeEvent['type'] | 'down'>>();
    // The last rating of a reply wins: a change names the rating it replaces.
    const finalRatings = new Map<string, 'up' | 'down'>();
    const attributedOrders = new Set<string>();
    let attributedRevenue = 0;
    for (const event of events) {
      const key = conversationKey(event);
      const kinds = conversations.get(key) ?? new Set();
      kinds.add(event.type);
      if (event.type === 'feedback' && event.rating) {
        finalRatings.set(`${key}|${event.replyId ?? event.eventId}`, event.rating);
      }
      if (event.type === 'purchase' && event.orderId) {
        attributedOrders.add(event.orderId);
        attributedRevenue += event.revenue ?? 0;
      }
      conversations.set(key, kinds);
    }
    let up = 0;
    let down = 0;
    for (const [replyKey, rating] of finalRatings) {
      if (rating === 'up') up += 1;
      else {
        down += 1;
        conversations.get(replyKey.slice(0, replyKey.lastIndexOf('|')))?.add('down');
      }
    }
    const total = conversations.size;
    const handoffs = [...conversations.values()].filter((k) => k.has('handoff')).length;
    const resolved = [...conversations.values()].filter(
      (k) => !k.has('handoff') && !k.has('unanswered') && !k.has('down'),
    ).length;
    return {
      data: {
        period: ref,
        conversations: total,
        thumbsUp: up,
        thumbsDown: down,
        csat: pct(up, up + down),
        handoffs,
        handoffRate: pct(handoffs, total),
        resolved,
        resolutionRate: pct(resolved, total),
        funnel: funnelOf(events, ref),
        attributedOrders: attributedOrders.size,
        attributedRevenue: round2(attributedRevenue),
      },
      sources: [source],
    };
  }
}

function sales(orders: Order[]): Order[] {
  return orders.filter((o) => !NOT_SALES.has(o.status));
}

export function salesFigures(orders: Order[]): SalesFigures {
  const sold = sales(orders);
  const revenue = round2(sold.reduce((sum, o) => sum + o.total, 0));
  return {
    orders: sold.length,
    cancelledOrders: orders.length - sold.length,
    units: sold.reduce((n, o) => n + o.items.reduce((m, line) => m + line.quantity, 0), 0),
    revenue,
    averageOrderValue: sold.length > 0 ? round2(revenue / sold.length) : 0,
    customers: new Set(sold.map((o) => o.customerId)).size,
  };
}

function rank(items: Omit<RankedItem, 'rank'>[], by: 'units' | 'revenue', limit: number): RankedItem[] {
  const other = by === 'units' ? 'revenue' : 'units';
  return items
    .sort((a, b) => b[by] - a[by] || b[other] - a[other] || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((item, i) => ({ rank: i + 1, ...item }));
}

function conversationKey(event: OutcomeEvent): string {
  return event.conversationId ?? event.replyId ?? event.eventId;
}

function funnelOf(events: OutcomeEvent[], period: PeriodRef): Funnel {
  const steps = {
    asked: new Set<string>(),
    shown: new Set<string>(),
    clicked: new Set<string>(),
    bought: new Set<string>(),
  };
  for (const event of events) {
    const key = conversationKey(event);
    if (event.type === 'shown' || event.type === 'unanswered' || event.type === 'handoff')
      steps.asked.add(key);
    if (event.type === 'shown') steps.shown.add(key);
    if (event.type === 'click' || event.type === 'add_to_cart') steps.clicked.add(key);
    if (event.type === 'purchase') steps.bought.add(key);
  }
  const asked = steps.asked.size;
  return {
    period,
    asked,
    shown: steps.shown.size,
    clicked: steps.clicked.size,
    bought: steps.bought.size,
    shownRate: pct(steps.shown.size, asked),
    clickRate: pct(steps.clicked.size, steps.shown.size),
    buyRate: pct(steps.bought.size, steps.clicked.size),
  };
}
