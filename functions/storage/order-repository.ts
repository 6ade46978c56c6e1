import type { Order } from '../orders/order';
import type { OrderHistory, OrderWriter } from '../ports/commerce';
import { keys } from './keys';
import type { Table } from './table';

type OrderItem = Order & {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
};

export class OrderRepository implements OrderHistory, OrderWriter {
  constructor(private readonly table: Table) {}

  async get(storeId: string, orderId: string): Promise<Order | undefined> {
    const item = await this.table.get<OrderItem>(keys.order(storeId, orderId));
    return item ? strip(item) : undefined;
  }

  /** Stores the order once: a replayed webhook or re-import of the same order id changes nothing. */
  async putIfAbsent(order: Order): Promise<boolean> {
    return this.table.putIfAbsent(toItem(order));
  }

  async putMany(orders: Order[]): Promise<void> {
    await this.table.putMany(orders.map(toItem));
  }

  /** Orders created in [fromIso, toIso). */
  async listBetween(storeId: string, fromIso: string, toIso: string): Promise<Order[]> {
    const items = await this.table.query<OrderItem>(keys.ordersByDate(storeId), {
      index: 'gsi1',
      between: [fromIso, `${toIso}`],
    });
    return items.filter((o) => o.createdAt < toIso).map(strip);
  }

  async listByCustomer(storeId: string, customerId: string, limit = 20): Promise<Order[]> {
    const items = await this.table.query<OrderItem>(keys.ordersByCustomer(storeId, customerId), {
      index: 'gsi2',
      descending: true,
      limit,
    });
    return items.map(strip);
  }
}

function toItem(order: Order): OrderItem {
  return {
    ...keys.order(order.storeId, order.id),
    gsi1pk: keys.ordersByDate(order.storeId),
    gsi1sk: `${order.createdAt}#${order.id}`,
    gsi2pk: keys.ordersByCustomer(order.storeId, order.customerId),
    gsi2sk: `${order.createdAt}#${order.id}`,
    entity: 'order',
    ...order,
  } as OrderItem;
}

function strip(item: OrderItem): Order {
  const {
    pk: _a,
    sk: _b,
    gsi1pk: _c,
    gsi1sk: _d,
    gsi2pk: _e,
    gsi2sk: _f,
    ...rest
  } = item as OrderItem & {
    entity?: string;
  };
  delete (rest as { entity?: string }).entity;
  return rest;
}
