import type { OrderHistory } from '../ports/commerce';

export interface BoughtTogether {
  /** Products most often in the same order as any of `productIds`, most frequent first. */
  forProducts(storeId: string, productIds: string[]): Promise<{ productId: string; count: number }[]>;
}

const WINDOW_DAYS = 90;
const CACHE_MS = 10 * 60 * 1000;

/**
 * Co-purchase counts over the last 90 days of orders, computed once per store per warm process and kept
 * for ten minutes, so a turn costs no extra reads after the first.
 */
export class OrderBoughtTogether implements BoughtTogether {
  private readonly cache = new Map<string, { at: number; pairs: Map<string, Map<string, number>> }>();

  constructor(
    private readonly orders: OrderHistory,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async forProducts(storeId: string, productIds: string[]) {
    if (productIds.length === 0) return [];
    const pairs = await this.pairsFor(storeId);
    const totals = new Map<string, number>();
    for (const id of productIds) {
      for (const [other, count] of pairs.get(id) ?? []) {
        if (!productIds.includes(other)) totals.set(other, (totals.get(other) ?? 0) + count);
      }
    }
    return [...totals.entries()]
      .map(([productId, count]) => ({ productId, count }))
      .sort((a, b) => b.count - a.count || a.productId.localeCompare(b.productId));
  }

  private async pairsFor(storeId: string) {
    const cached = this.cache.get(storeId);
    const nowMs = this.now().getTime();
    if (cached && nowMs - cached.at < CACHE_MS) return cached.pairs;
    const from = new Date(nowMs - WINDOW_DAYS * 86400_000).toISOString();
    const orders = await this.orders.listBetween(storeId, from, new Date(nowMs + 1000).toISOString());
    const pairs = new Map<string, Map<string, number>>();
    for (const order of orders) {
      const ids = [...new Set(order.items.map((i) => i.productId))];
      for (const a of ids) {
        for (const b of ids) {
          if (a === b) continue;
          const row = pairs.get(a) ?? new Map<string, number>();
          row.set(b, (row.get(b) ?? 0) + 1);
          pairs.set(a, row);
        }
      }
    }
    this.cache.set(storeId, { at: nowMs, pairs });
    return pairs;
  }
}
