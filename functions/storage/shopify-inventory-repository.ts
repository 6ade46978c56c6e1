import { keys } from './keys';
import type { Table } from './table';

/** Stock of one Shopify variant: Shopify's own total, then per-location levels as they arrive. */
export interface VariantStock {
  inventoryItemId: string;
  /** `inventory_quantity` of the last product payload. */
  total: number;
  /** `available` per location from `inventory_levels/update`, since the last product payload. */
  locations?: Record<string, number>;
}

/**
 * Maps Shopify inventory items to ShopGuide products, so an `inventory_levels/update` (which names only an
 * inventory item and a location) can update the right product's stock.
 */
export class ShopifyInventoryRepository {
  constructor(private readonly table: Table) {}

  async productOf(storeId: string, inventoryItemId: string): Promise<string | undefined> {
    const item = await this.table.get<{ pk: string; sk: string; productId: string }>(
      keys.shopifyInventoryItem(storeId, inventoryItemId),
    );
    return item?.productId;
  }

  async variants(storeId: string, productId: string): Promise<VariantStock[]> {
    const item = await this.table.get<{ pk: string; sk: string; variants: VariantStock[] }>(
      keys.shopifyVariants(storeId, productId),
    );
    return item?.variants ?? [];
  }

  async saveVariants(storeId: string, productId: string, variants: VariantStock[]): Promise<void> {
    await this.table.put({
      ...keys.shopifyVariants(storeId, productId),
      entity: 'shopifyVariants',
      variants,
    });
    await this.table.putMany(
      variants.map((v) => ({
        ...keys.shopifyInventoryItem(storeId, v.inventoryItemId),
        entity: 'shopifyInventoryItem',
        productId,
      })),
    );
  }
}
