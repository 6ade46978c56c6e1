/** Pure folds over a store's orders: the sales figures, rankings and daily points the insight tools report. */
import type { Product } from '../catalog/product';
import type { Order } from '../orders/order';
import { localDateString, type Interval } from './period';
import { round2 } from './percent';
import type { RankedItem, SalesFigures, TrendPoint } from './insight-results';

/** Cancelled and refunded orders are not sales: they count in `cancelledOrders` only. */
const NOT_SALES = new Set<Order['status']>(['cancelled', 'refunded']);

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

/** Sold units and revenue per key of an order line (its product, its category, ...). */
export function lineTotals(
  orders: Order[],
  keyOf: (line: Order['items'][number]) => string,
): Map<string, { name: string; units: number; revenue: number }> {
  const totals = new Map<string, { name: string; units: number; revenue: number }>();
  for (const order of sales(orders)) {
    for (const line of order.items) {
      const key = keyOf(line);
      const entry = totals.get(key) ?? { name: line.title, units: 0, revenue: 0 };
      entry.units += line.quantity;
      entry.revenue += line.price * line.quantity;
      totals.set(key, entry);
    }
  }
  return totals;
}

/** Units sold per product id. */
export function unitsSoldByProduct(orders: Order[]): Map<string, number> {
  return new Map([...lineTotals(orders, (line) => line.productId)].map(([id, t]) => [id, t.units]));
}

/** The best `limit` items by one measure; ties go to the other measure, then the id. */
export function rank(
  items: Omit<RankedItem, 'rank'>[],
  by: 'units' | 'revenue',
  limit: number,
): RankedItem[] {
  const other = by === 'units' ? 'revenue' : 'units';
  return items
    .sort((a, b) => b[by] - a[by] || b[other] - a[other] || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((item, i) => ({ rank: i + 1, ...item }));
}

/** One point per local day of the interval, oldest first. */
export function dailyPoints(orders: Order[], interval: Interval, timezone: string): TrendPoint[] {
  const days = new Map<string, TrendPoint>();
  // Every local day of the period gets a point, so quiet days show as zero rather than vanish.
  for (let t = interval.from.getTime(); t < interval.to.getTime(); t += 3_600_000) {
    const date = localDateString(new Date(t), timezone);
    if (!days.has(date)) days.set(date, { date, orders: 0, units: 0, revenue: 0 });
  }
  for (const order of sales(orders)) {
    const date = localDateString(new Date(order.createdAt), timezone);
    const point = days.get(date) ?? { date, orders: 0, units: 0, revenue: 0 };
    point.orders += 1;
    point.units += order.items.reduce((n, line) => n + line.quantity, 0);
    point.revenue = round2(point.revenue + order.total);
    days.set(date, point);
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Keeps the lines of the given categories; an order's figures become those lines' figures. */
export function ordersInCategories(
  orders: Order[],
  catalog: ReadonlyMap<string, Product>,
  categories: ReadonlySet<string>,
): Order[] {
  return orders.flatMap((order) => {
    const items = order.items.filter((line) => categories.has(catalog.get(line.productId)?.category ?? ''));
    if (items.length === 0) return [];
    return [{ ...order, items, total: round2(items.reduce((sum, l) => sum + l.price * l.quantity, 0)) }];
  });
}
