import { parse as parseCsv } from 'csv-parse/sync';
import * as z from 'zod/mini';
import { ShopGuideError } from '../errors/errors';
import type { Product } from './product';

/**
 * Catalog import: the demo store's JSON (DummyJSON), a documented generic JSON shape and CSV with the
 * generic field names as header. Each row is validated on its own: good rows are kept and bad rows are
 * reported with their row number. See docs/catalog-import.md.
 */

export type CatalogFormat = 'json' | 'csv';

export interface CatalogRowError {
  /** JSON: 1-based position in the product array. CSV: line of the file where the record starts (the header is line 1). */
  row: number;
  message: string;
}

export interface CatalogImportResult {
  products: Product[];
  errors: CatalogRowError[];
}

/** The file cannot be read as a catalog at all (not JSON, broken CSV, wrong top-level shape). */
export class CatalogImportError extends ShopGuideError {
  override name = 'CatalogImportError';
  override readonly status = 400;
}

const REQUIRED_CSV_COLUMNS = ['id', 'title', 'category', 'price', 'stock'] as const;

/** Accepts numbers, and numeric strings such as "1,299.00" or "$12" as spreadsheets write them. */
function numberFrom(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const cleaned = value
    .trim()
    .replace(/^[$€£¥]/, '')
    .replace(/,/g, '');
  return cleaned === '' ? undefined : Number(cleaned);
}

/** `z.preprocess` of the full build: clean the value up, then validate it. */
const fromNumberish = <T extends z.ZodMiniType>(schema: T) => z.pipe(z.transform(numberFrom), schema);

const NOT_NEGATIVE = { error: 'must be 0 or more' };
const price = fromNumberish(z.number({ error: 'must be a number' }).check(z.nonnegative(NOT_NEGATIVE)));
const optionalNumber = (min: number, max: number) =>
  fromNumberish(
    z.optional(
      z
        .number({ error: 'must be a number' })
        .check(
          z.minimum(min, { error: `must be ${min} or more` }),
          z.maximum(max, { error: `must be ${max} or less` }),
        ),
    ),
  );
const optionalText = z.optional(z.string().check(z.trim(), z.minLength(1)));

/** Each product field's rule, shared by imports, the product webhook's patches and feeds. */
export const productFields = {
  id: z.pipe(
    z.union([z.string().check(z.trim(), z.minLength(1)), z.number()], {
      error: 'must be a string or number',
    }),
    z.transform((id: string | number) => String(id)),
  ),
  title: z.string({ error: 'is required' }).check(z.trim(), z.minLength(1, { error: 'is required' })),
  description: z.string().check(z.trim()),
  category: z.pipe(
    z.string({ error: 'is required' }).check(z.trim(), z.minLength(1, { error: 'is required' })),
    z.transform((category: string) => category.toLowerCase().replace(/\s+/g, '-')),
  ),
  brand: optionalText,
  price,
  currency: z.optional(
    z.pipe(
      z.string().check(z.trim(), z.regex(/^[A-Za-z]{3}$/, { error: 'must be a three-letter currency code' })),
      z.transform((code: string) => code.toUpperCase()),
    ),
  ),
  stock: fromNumberish(
    z
      .number({ error: 'must be a number' })
      .check(z.int({ error: 'must be a whole number' }), z.nonnegative(NOT_NEGATIVE)),
  ),
  tags: z.pipe(
    z.optional(
      z.union([z.array(z.string()), z.string()], { error: 'must be a list or a ;-separated string' }),
    ),
    z.transform(tagList),
  ),
  rating: optionalNumber(0, 5),
  discountPercentage: optionalNumber(0, 100),
  sku: optionalText,
  warranty: optionalText,
  shipping: optionalText,
  returnPolicy: optionalText,
  thumbnail: optionalText,
  /** `false` keeps the product for history but never offers it (a draft, a product a feed dropped). */
  available: z.optional(
    z.pipe(
      z.union([z.boolean(), z.enum(['true', 'false'])], { error: 'must be true or false' }),
      z.transform((v: boolean | 'true' | 'false') => v === true || v === 'true'),
    ),
  ),
};

const productRow = z.object({
  ...productFields,
  description: z._default(productFields.description, ''),
});

function tagList(tags: string | string[] | undefined): string[] {
  const list = typeof tags === 'string' ? tags.split(';') : (tags ?? []);
  return [...new Set(list.map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}

/** The demo store's field names become the generic ones; blank cells count as absent. */
function normaliseRow(raw: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === '' || value === null) continue;
    row[key] = value;
  }
  row.warranty ??= row.warrantyInformation;
  row.shipping ??= row.shippingInformation;
  return row;
}

export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')} ${issue.message}` : issue.message))
    .join('; ');
}

function toProduct(row: z.infer<typeof productRow>, defaultCurrency: string): Product {
  const product: Product = {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    price: row.price,
    currency: row.currency ?? defaultCurrency,
    stock: row.stock,
    tags: row.tags,
  };
  const optional = {
    brand: row.brand,
    discountPercentage: row.discountPercentage,
    rating: row.rating,
    sku: row.sku,
    warranty: row.warranty,
    shipping: row.shipping,
    returnPolicy: row.returnPolicy,
    thumbnail: row.thumbnail,
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) Object.assign(product, { [key]: value });
  // Available is the default, stored as absence.
  if (row.available === false) product.available = false;
  return product;
}

interface RawRow {
  row: number;
  value: unknown;
}

function validateRows(rows: readonly RawRow[], currency: string): CatalogImportResult {
  const products: Product[] = [];
  const errors: CatalogRowError[] = [];
  const seenIds = new Set<string>();
  for (const { row, value } of rows) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ row, message: 'expected an object with product fields' });
      continue;
    }
    const parsed = productRow.safeParse(normaliseRow(value as Record<string, unknown>));
    if (!parsed.success) {
      errors.push({ row, message: describeIssues(parsed.error) });
      continue;
    }
    if (seenIds.has(parsed.data.id)) {
      errors.push({ row, message: `duplicate id ${parsed.data.id}` });
      continue;
    }
    seenIds.add(parsed.data.id);
    products.push(toProduct(parsed.data, currency));
  }
  return { products, errors };
}

function jsonRows(content: string): RawRow[] {
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch (error) {
    throw new CatalogImportError('The catalog file is not valid JSON.', { cause: error });
  }
  const list: unknown[] | undefined = Array.isArray(document)
    ? (document as unknown[])
    : typeof document === 'object' &&
        document !== null &&
        Array.isArray((document as { products?: unknown }).products)
      ? (document as { products: unknown[] }).products
      : undefined;
  if (!list)
    throw new CatalogImportError(
      'Catalog JSON must be an array of products or an object with a "products" array.',
    );
  return list.map((value, index) => ({ row: index + 1, value }));
}

/** A CSV that cannot be parsed at all, with the line csv-parse stopped at. */
export function csvSyntaxError(what: string, error: unknown): string {
  const line = (error as { lines?: unknown } | null)?.lines;
  const reason = error instanceof Error ? error.message.replace(/\s*\(line \d+\)\.?$/, '') : 'parse error';
  return `${what} is not valid CSV${typeof line === 'number' ? ` (line ${line})` : ''}: ${reason}`;
}

function csvRows(content: string): RawRow[] {
  let columns: string[] = [];
  let records: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    records = parseCsv(content, {
      columns: (header: string[]) => (columns = header.map((name) => name.trim())),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      raw: true,
    });
  } catch (error) {
    throw new CatalogImportError(`${csvSyntaxError('The catalog file', error)}.`, { cause: error });
  }
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0)
    throw new CatalogImportError(`The catalog CSV header lacks: ${missing.join(', ')}.`);
  return records.map(({ record, raw, info }) => ({
    // info.lines is where the record ends; a quoted field may span lines.
    row: info.lines - (raw.trim().match(/\n/g)?.length ?? 0),
    value: record,
  }));
}

/**
 * Parses a catalog file. Rows that fail validation are reported in `errors` with their row number and
 * the others are kept. `currency` applies to rows without their own currency.
 *
 * @throws CatalogImportError when the content cannot be parsed as the format at all.
 */
export function parseProducts(content: string, format: CatalogFormat, currency: string): CatalogImportResult {
  const rows = format === 'json' ? jsonRows(content) : csvRows(content);
  return validateRows(rows, currency.trim().toUpperCase());
}

/**
 * The format of a catalog file from its name.
 *
 * @throws CatalogImportError for other extensions.
 */
/** Validates already-parsed product records (a webhook's `upsert` list, a JSON feed): rows are 1-based positions. */
export function validateProductRecords(records: readonly unknown[], currency: string): CatalogImportResult {
  return validateRows(
    records.map((value, index) => ({ row: index + 1, value })),
    currency.trim().toUpperCase(),
  );
}

export function detectFormat(fileName: string): CatalogFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'csv') return 'csv';
  throw new CatalogImportError(`Cannot import "${fileName}": use a .json or .csv file.`);
}
