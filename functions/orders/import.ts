import { parse as parseCsv } from 'csv-parse/sync';
import * as z from 'zod/mini';
import { csvSyntaxError } from '../catalog/import';
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
    z.union(
      [
        z
          .string()
          .check(
            z.trim(),
            z.minLength(1, { error: 'is required' }),
            z.maxLength(64, { error: 'must be at most 64 characters' }),
          ),
        z.number().check(z.int(), z.nonnegative()),
      ],
      { error: 'is required: text or a whole number, at most 64 characters' },
    ),
    z.transform((value: string | number) => String(value)),
  ),
  z.string().check(z.regex(/^[^#\s]+$/, { error: 'ids cannot contain # or spaces' })),
);
const money = z.coerce
  .number({ error: 'must be a number' })
  .check(z.nonnegative({ error: 'must be 0 or more' }));

export const orderLineSchema = z.object({
  productId: id,
  title: z
    .string({ error: 'is required' })
    .check(z.trim(), z.minLength(1, { error: 'is required' }), z.maxLength(300)),
  price: money,
  quantity: z.coerce
    .number({ error: 'must be a number' })
    .check(
      z.int({ error: 'must be a whole number' }),
      z.positive({ error: 'must be 1 or more' }),
      z.maximum(100_000, { error: 'must be 100000 or less' }),
    ),
});

export const orderInputSchema = z.object({
  id,
  customerId: id,
  createdAt: z.pipe(
    z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-03-10T12:00:00Z' }),
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

/** The CSV columns, named as in the JSON shape (and the products CSV); snake_case names are accepted too. */
const ORDER_COLUMNS = [
  'id',
  'customerId',
  'createdAt',
  'status',
  'productId',
  'title',
  'price',
  'quantity',
  'total',
  'currency',
  'carrier',
  'trackingNumber',
  'estimatedDelivery',
] as const;
type OrderColumn = (typeof ORDER_COLUMNS)[number];
const REQUIRED_ORDER_COLUMNS: readonly OrderColumn[] = [
  'id',
  'customerId',
  'createdAt',
  'productId',
  'title',
  'price',
  'quantity',
];
const COLUMN_ALIASES: Record<string, OrderColumn> = {
  order_id: 'id',
  orderid: 'id',
  customer_id: 'customerId',
  created_at: 'createdAt',
  product_id: 'productId',
  tracking_number: 'trackingNumber',
  estimated_delivery: 'estimatedDelivery',
};

/** The canonical column a CSV header cell names (`customer_id`, `customerId`, `CustomerID` → `customerId`). */
function orderColumn(header: string): OrderColumn | undefined {
  const name = header.trim();
  const lower = name.toLowerCase();
  return ORDER_COLUMNS.find((c) => c.toLowerCase() === lower) ?? COLUMN_ALIASES[lower];
}

/**
 * CSV: one row per order line, with a header; see docs/order-import.md. Columns use the JSON field names
 * (`id, customerId, createdAt, status, productId, title, price, quantity`, optionally `total, currency,
 * carrier, trackingNumber, estimatedDelivery`), or their snake_case forms (`order_id, customer_id, …`). Rows of
 * one order share its order-level columns. Row errors give the line and the column as the header wrote it.
 */
export function parseCsvOrders(content: string, storeId: string, currency: string): ParsedOrders {
  const headerOf = new Map<OrderColumn, string>();
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(content, {
      columns: (header: string[]) =>
        header.map((h) => {
          const column = orderColumn(h);
          if (!column) return h.trim();
          headerOf.set(column, h.trim());
          return column;
        }),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw new ValidationError(csvSyntaxError('The file', error));
  }
  const missing = REQUIRED_ORDER_COLUMNS.filter((c) => !headerOf.has(c));
  if (rows.length > 0 && missing.length > 0)
    throw new ValidationError(`The orders CSV header lacks: ${missing.join(', ')}`);
  const byOrder = new Map<string, { lines: number[]; record: Record<string, unknown> }>();
  const errors: RowError[] = [];
  const optional = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  rows.forEach((row, i) => {
    const line = i + 2; // the header is line 1
    const orderId = row.id;
    if (!orderId) {
      errors.push({ row: line, message: `${headerOf.get('id') ?? 'id'}: required` });
      return;
    }
    const item = { productId: row.productId, title: row.title, price: row.price, quantity: row.quantity };
    const existing = byOrder.get(orderId);
    if (existing) {
      (existing.record.items as unknown[]).push(item);
      existing.lines.push(line);
      return;
    }
    byOrder.set(orderId, {
      lines: [line],
      record: {
        id: orderId,
        customerId: row.customerId,
        createdAt: row.createdAt,
        status: optional(row.status),
        items: [item],
        total: optional(row.total),
        currency: optional(row.currency),
        carrier: optional(row.carrier),
        trackingNumber: optional(row.trackingNumber),
        estimatedDelivery: optional(row.estimatedDelivery),
      },
    });
  });
  const entries = [...byOrder.values()];
  const orders: Order[] = [];
  const seen = new Set<string>();
  entries.forEach(({ lines, record }) => {
    const parsed = orderInputSchema.safeParse(record);
    if (parsed.success) {
      if (!seen.has(parsed.data.id)) orders.push(toOrder(storeId, currency, parsed.data));
      seen.add(parsed.data.id);
      return;
    }
    // Each issue is reported on the line it came from, naming the column as the file's header does.
    for (const issue of parsed.error.issues.slice(0, 3)) {
      const [first, index, field] = issue.path;
      const onLine = first === 'items' && typeof index === 'number' && typeof field === 'string';
      const column = (onLine ? field : String(first ?? 'id')) as OrderColumn;
      errors.push({
        row: onLine ? (lines[index] ?? lines[0]) : lines[0],
        message: `${headerOf.get(column) ?? column}: ${issue.message}`,
      });
    }
  });
  return { orders, errors: errors.sort((a, b) => a.row - b.row) };
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
