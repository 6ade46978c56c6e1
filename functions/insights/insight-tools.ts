import type { Language } from '../language/language';
import type { Product } from '../catalog/product';
import { askersOf, examplesOf } from '../faq/clustering';
import type { ClusterStore } from '../faq/ports';
import type { OutcomeEvent } from '../feedback/outcome-event';
import type { Order } from '../orders/order';
import type { Store } from '../stores/store';
import { clusterQueries } from './latent-demand';
import { describeInterval, type Interval, type Period } from './period';
import { INSIGHT_TEXTS } from './texts';
import type { OrderHistory, ProductCatalogReader } from '../ports/commerce';
import type { EventLog } from '../ports/event-log';
import { botPerformanceOf, funnelOf, interestByProduct } from './engagement-figures';
import {
  dailyPoints,
  lineTotals,
  ordersInCategories,
  rank,
  salesFigures,
  unitsSoldByProduct,
} from './order-figures';
import { percentChange, round2 } from './percent';
import type {
  PeriodRef,
  SalesSummary,
  TopList,
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
    const narrowed = ordersInCategories(orders, await this.catalog(), this.categories);
    return {
      orders: narrowed,
      source: this.texts.ordersIn(span, orders.length, narrowed.length, [...this.categories].join(', ')),
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
          orders: percentChange(a.orders, b.orders),
          units: percentChange(a.units, b.units),
          revenue: percentChange(a.revenue, b.revenue),
        },
      },
      sources: [current.source, previous.source],
    };
  }

  async topProducts(period: Period, by: 'units' | 'revenue', limit = 10): Promise<ToolOutput<TopList>> {
    const { orders, source } = await this.orders(period);
    const totals = lineTotals(orders, (line) => line.productId);
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
    const categoryOf = (line: Order['items'][number]) =>
      catalog.get(line.productId)?.category ?? 'uncategorised';
    const sum = (orders: Order[]) => lineTotals(orders, categoryOf);
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
    const points = dailyPoints(orders, period, this.store.timezone);
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
    const sold = unitsSoldByProduct(orders);
    const interest = interestByProduct(events);
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
    return {
      data: botPerformanceOf(events, this.ref(period, period.label.en, period.label.zh)),
      sources: [source],
    };
  }
}
