import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { Order, OrderStatus } from './order';

/**
 * The demo store's orders, made from the dummyjson carts in data/demo-store/carts.json. Each cart gets a date
 * in the 90 days before the import, derived from a hash of its id, so the same carts always give the same
 * orders relative to the import time; the cart's `userId` stays the customer.
 */

const cartSchema = z.object({
  id: z.number().check(z.int()),
  userId: z.number().check(z.int()),
  products: z
    .array(
      z.object({
        id: z.number().check(z.int()),
        title: z.string(),
        price: z.number(),
        quantity: z.number().check(z.int(), z.positive()),
        discountedTotal: z.optional(z.number()),
      }),
    )
    .check(z.minLength(1)),
});

export type DemoCart = z.infer<typeof cartSchema>;

export const DEMO_ORDER_WINDOW_DAYS = 90;
const MINUTE_MS = 60_000;
const CARRIERS = ['UPS', 'DHL', 'FedEx'] as const;

function hashOf(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The demo order id of a cart: `1000 + cart id`, short enough for a shopper to type. */
export function demoOrderId(cartId: number): string {
  return String(1000 + cartId);
}

function statusFor(ageDays: number, roll: number): OrderStatus {
  if (ageDays < 1) return roll % 2 === 0 ? 'placed' : 'paid';
  if (ageDays < 3) return roll % 2 === 0 ? 'paid' : 'shipped';
  if (ageDays < 7) return 'shipped';
  if (roll % 20 === 0) return 'cancelled';
  if (roll % 20 === 1) return 'refunded';
  return 'delivered';
}

/** Converts carts into orders dated within the 90 days before `importTime`. Deterministic for a given time. */
export function buildDemoOrders(
  carts: DemoCart[],
  options: { storeId: string; currency: string; importTime: Date },
): Order[] {
  const windowMinutes = DEMO_ORDER_WINDOW_DAYS * 24 * 60;
  return carts.map((cart) => {
    const hash = hashOf(`shopguide-demo-cart:${cart.id}`);
    const minutesBack = 1 + (hash.readUInt32BE(0) % (windowMinutes - 1));
    const created = new Date(
      Math.floor((options.importTime.getTime() - minutesBack * MINUTE_MS) / 1000) * 1000,
    );
    const ageDays = minutesBack / (24 * 60);
    const roll = hash.readUInt16BE(4);
    const status = statusFor(ageDays, roll);
    // The price paid is the cart's discounted price, so line totals add up to the order total.
    const items = cart.products.map((p) => ({
      productId: String(p.id),
      title: p.title,
      price: Math.round(((p.discountedTotal ?? p.price * p.quantity) / p.quantity) * 100) / 100,
      quantity: p.quantity,
    }));
    const total = Math.round(items.reduce((sum, line) => sum + line.price * line.quantity, 0) * 100) / 100;
    const shipped = status === 'shipped' || status === 'delivered';
    return {
      id: demoOrderId(cart.id),
      storeId: options.storeId,
      customerId: String(cart.userId),
      createdAt: created.toISOString(),
      status,
      items,
      total,
      currency: options.currency,
      ...(shipped
        ? {
            carrier: CARRIERS[hash[6] % CARRIERS.length],
            trackingNumber: `SG${hash.subarray(8, 13).toString('hex').toUpperCase()}`,
            estimatedDelivery: new Date(created.getTime() + 5 * 86_400_000).toISOString().slice(0, 10),
          }
        : {}),
    };
  });
}

function parseCarts(value: unknown): DemoCart[] {
  const list = Array.isArray(value) ? value : (value as { carts?: unknown } | null)?.carts;
  return z.array(cartSchema).parse(list);
}

/** Demo orders from a parsed carts file (`[...]` or `{ "carts": [...] }`), dated before `now`. */
export function demoOrdersFromCarts(
  value: unknown,
  options: { storeId: string; currency: string; now: Date },
): Order[] {
  return buildDemoOrders(parseCarts(value), {
    storeId: options.storeId,
    currency: options.currency,
    importTime: options.now,
  });
}
