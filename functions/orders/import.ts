import { parse as parseCsv } from 'csv-parse/sync';
import * as z from 'zod/mini';
import { ValidationError } from '../errors/errors';
import type { Order, OrderStatus } from './order';
import type { OrderWriter } from '../ports/commerce';
import type { StoreDirectory } from '../ports/stores';

/**
 * Order import for `shopguide import orders` and the signed order webhook. Input is validated with zod; every
 * bad record is reported with its row and reason, and good records are stored once per order id.
 */

const ORDER_STATUSES = [
  'placed',
  'paid',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
] as const satisfies readonly OrderStatus[];

const id = z.pipe(
  z.pipe(
    z.union([
      z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
      z.number().check(z.int(), z.nonnegative()),
    ]),
    z.transform((value: string | number) => String(value)),
  ),
  z.string().check(z.regex(/^[^#\s]+$/, { error: 'ids cannot contain # or spaces' })),
);
const money = z.coerce.number().check(z.nonnegative());

export const orderLineSchema = z.object({
  productId: id,
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
  price: money,
  quantity: z.coerce.number().check(z.int(), z.positive(), z.maximum(100_000)),
});

export const orderInputSchema = z.object({
  id,
  customerId: id,
  createdAt: z.pipe(
    z.iso.datetime({ offset: true }),
    z.transform((s: string) => new Date(s).toISOString()),
  ),
  status: z._default(z.enum(ORDER_STATUSES), 'paid'),
  items: z.array(orderLineSchema).check(z.minLength(1), z.maxLength(500)),
  /** Defaults to the sum of the lines. */
  total: z.optional(money),
  currency: z.optional(
    z.string().check(z.regex(/^[A-Z]{3}$/, { error: 'currency must be an ISO 4217 code like USD' })),
  ),
  carrier: z.optional(z.string().check(z.maxLength(60))),
  trackingNumber: z.optional(z.string().check(z.maxLength(80))),
  estimatedDelivery: z.optional(z.string().check(z.maxLength(40))),
});

export type OrderInput = z.input<typeof orderInputSchema>;

export interface RowError {
  /** 1-based record number (JSON) or line number (CSV). */
  row: number;
  message: string;
}

export interface ParsedOrders {
  orders: Order[];
  errors: RowError[];
}

export function toOrder(storeId: string, currency: string, input: z.output<typeof orderInputSchema>): Order {
  const lineTotal = input.items.reduce((sum, line) => sum + line.price * line.quantity, 0);
  return {
    id: input.id,
    storeId,
    customerId: input.customerId,
    createdAt: input.createdAt,
    status: input.status,
    items: input.items,
    total: Math.round((input.total ?? lineTotal) * 100) / 100,
    currency: input.currency ?? currency,
    ...(input.carrier ? { carrier: input.carrier } : {}),
    ...(input.trackingNumber ? { trackingNumber: input.trackingNumber } : {}),
    ...(input.estimatedDelivery ? { estimatedDelivery: input.estimatedDelivery } : {}),
  };
}

function describe(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`)
    .join('; ');
}

/** Validates order records (already parsed JSON values). */
export function validateOrders(
  records: unknown[],
  storeId: string,
  currency: string,
  rowOf = (i: number) => i + 1,
): ParsedOrders {
  const orders: Order[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  records.forEach((record, i) => {
    const parsed = orderInputSchema.safeParse(record);
    if (!parsed.success) {
      errors.push({ row: rowOf(i), message: describe(parsed.error) });
      return;
    }
    if (seen.has(parsed.data.id)) {
      errors.push({ row: rowOf(i), message: `order ${parsed.data.id} appears twice in the file` });
      return;
    }
    seen.add(parsed.data.id);
    orders.push(toOrder(storeId, currency, parsed.data));
  });
  return { orders, errors };
}

/** JSON: an array of orders, or `{ "orders": [...] }`. */
export function parseJsonOrders(content: string, storeId: string, currency: string): ParsedOrders {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    throw new ValidationError('The file is not valid JSON');
  }
  const records = Array.isArray(value) ? value : (value as { orders?: unknown })?.orders;
  if (!Array.isArray(records))
    throw new ValidationError('Expected a JSON array of orders or {"orders": [...]}');
  return validateOrders(records, storeId, currency);
}

/**
 * CSV: one row per order line, with a header. Columns: order_id, customer_id, created_at, status, product_id,
 * title, price, quantity, and optionally total, currency, carrier, tracking_number, estimated_delivery.
 * Rows of one order share its order-level columns.
 */
export function parseCsvOrders(content: string, storeId: string, currency: string): ParsedOrders {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(content, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw new ValidationError(
      `The file is not valid CSV: ${error instanceof Error ? error.message : 'parse error'}`,
    );
  }
  const byOrder = new Map<string, { line: number; record: Record<string, unknown> }>();
  const errors: RowError[] = [];
  rows.forEach((row, i) => {
    const line = i + 2; // the header is line 1
    const orderId = row.order_id;
    if (!orderId) {
      errors.push({ row: line, message: 'order_id: required' });
      return;
    }
    const item = { productId: row.product_id, title: row.title, price: row.price, quantity: row.quantity };
    const existing = byOrder.get(orderId);
    if (existing) {
      (existing.record.items as unknown[]).push(item);
      return;
    }
    const optional = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
    byOrder.set(orderId, {
      line,
      record: {
        id: orderId,
        customerId: row.customer_id,
        createdAt: row.created_at,
        status: optional(row.status),
        items: [item],
        total: optional(row.total),
        currency: optional(row.currency),
        carrier: optional(row.carrier),
        trackingNumber: optional(row.tracking_number),
        estimatedDelivery: optional(row.estimated_delivery),
      },
    });
  });
  const entries = [...byOrder.values()];
  const parsed = validateOrders(
    entries.map((e) => e.record),
    storeId,
    currency,
    (i) => entries[i].line,
  );
  return { orders: parsed.orders, errors: [...errors, ...parsed.errors].sort((a, b) => a.row - b.row) };
}

export function parseOrderFile(
  content: string,
  format: 'json' | 'csv',
  storeId: string,
  currency: string,
): ParsedOrders {
  return format === 'csv'
    ? parseCsvOrders(content, storeId, currency)
    : parseJsonOrders(content, storeId, currency);
}

export interface ImportResult {
  stored: number;
  duplicates: number;
  errors: RowError[];
}

/** Stores validated orders once each (a re-import changes nothing), reporting progress as it goes. */
export async function storeOrders(
  services: { orders: OrderWriter },
  orders: Order[],
  onProgress?: (done: number, total: number) => void,
): Promise<Omit<ImportResult, 'errors'>> {
  let stored = 0;
  let duplicates = 0;
  const batch = 10;
  for (let i = 0; i < orders.length; i += batch) {
    const results = await Promise.all(orders.slice(i, i + batch).map((o) => services.orders.putIfAbsent(o)));
    for (const created of results) {
      if (created) stored++;
      else duplicates++;
    }
    onProgress?.(Math.min(orders.length, i + batch), orders.length);
  }
  return { stored, duplicates };
}

/** Parses, validates and stores an order file for a store. Bad rows are reported and skipped. */
export async function importOrders(
  services: { orders: OrderWriter; stores: Pick<StoreDirectory, 'get'> },
  storeId: string,
  content: string,
  format: 'json' | 'csv',
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  const store = await services.stores.get(storeId);
  if (!store) throw new ValidationError(`Unknown store ${storeId}`);
  const { orders, errors } = parseOrderFile(content, format, store.id, store.currency);
  const result = await storeOrders(services, orders, onProgress);
  return { ...result, errors };
}
