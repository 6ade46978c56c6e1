import type { VariantStock } from '../storage/shopify-inventory-repository';

/**
 * Shopify's product JSON (REST Admin API `Product`, as in `products/create|update` webhooks and
 * `products.json`) mapped to ShopGuide's import format. Only the fields used are typed; unknown ones are
 * ignored.
 */
export interface ShopifyProduct {
  id: number | string;
  title?: string;
  body_html?: string | null;
  vendor?: string | null;
  product_type?: string | null;
  /** Comma-separated. */
  tags?: string | string[] | null;
  status?: string | null;
  handle?: string;
  variants?: ShopifyVariant[];
  image?: { src?: string } | null;
  images?: { src?: string; position?: number }[];
}

interface ShopifyVariant {
  id?: number | string;
  price?: string | number | null;
  compare_at_price?: string | number | null;
  sku?: string | null;
  inventory_quantity?: number | null;
  inventory_item_id?: number | string | null;
}

export function isShopifyProduct(value: unknown): value is ShopifyProduct {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    Array.isArray((value as { variants?: unknown }).variants)
  );
}

/** A record in the import format (validated afterwards like any import row) and the variants' stock. */
export function fromShopifyProduct(product: ShopifyProduct): {
  record: Record<string, unknown>;
  variants: VariantStock[];
} {
  const variants = product.variants ?? [];
  const prices = variants.map((v) => Number(v.price)).filter((p) => Number.isFinite(p) && p >= 0);
  const price = prices.length > 0 ? Math.min(...prices) : undefined;
  const cheapest = variants.find((v) => Number(v.price) === price);
  const compareAt = Number(cheapest?.compare_at_price);
  const stock = variants.reduce((sum, v) => sum + Math.max(0, Number(v.inventory_quantity) || 0), 0);
  const tags = Array.isArray(product.tags) ? product.tags : (product.tags ?? '').split(',');
  const image = product.image?.src ?? [...(product.images ?? [])].sort(byPosition)[0]?.src;
  const record: Record<string, unknown> = {
    id: String(product.id),
    title: product.title,
    description: htmlToText(product.body_html ?? ''),
    category: product.product_type?.trim() || 'uncategorized',
    brand: product.vendor?.trim() || undefined,
    price,
    stock,
    tags: tags.map((t) => t.trim()).filter(Boolean),
    sku: variants.find((v) => v.sku)?.sku ?? undefined,
    thumbnail: image,
  };
  // A sale price: Shopify's compare-at price is the list price, and the variant price the discounted one.
  if (price !== undefined && Number.isFinite(compareAt) && compareAt > price) {
    record.price = compareAt;
    record.discountPercentage = Math.round((1 - price / compareAt) * 10000) / 100;
  }
  // Drafts and archived products are not for sale: kept, never offered.
  if (product.status && product.status !== 'active') record.available = false;
  return {
    record,
    variants: variants
      .filter((v) => v.inventory_item_id !== undefined && v.inventory_item_id !== null)
      .map((v) => ({
        inventoryItemId: String(v.inventory_item_id),
        total: Math.max(0, Number(v.inventory_quantity) || 0),
      })),
  };
}

function byPosition(a: { position?: number }, b: { position?: number }): number {
  return (a.position ?? 0) - (b.position ?? 0);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Product descriptions arrive as HTML; shoppers and the search index get plain text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** A variant's stock: the per-location levels heard since the last product payload, else Shopify's total. */
export function variantQuantity(variant: VariantStock): number {
  const levels = Object.values(variant.locations ?? {});
  return levels.length > 0 ? levels.reduce((sum, n) => sum + Math.max(0, n), 0) : variant.total;
}
