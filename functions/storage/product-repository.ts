import type { Product } from '../catalog/product';
import type { ProductCatalogReader } from '../ports/commerce';
import { keys } from './keys';
import type { Table } from './table';

export class ProductRepository implements ProductCatalogReader {
  constructor(private readonly table: Table) {}

  async get(storeId: string, productId: string): Promise<Product | undefined> {
    const item = await this.table.get<Product & { pk: string; sk: string }>(keys.product(storeId, productId));
    return item ? strip(item) : undefined;
  }

  /** The products of these ids that exist, a few reads at a time. */
  async getMany(storeId: string, productIds: readonly string[]): Promise<Map<string, Product>> {
    const found = new Map<string, Product>();
    const ids = [...new Set(productIds)];
    const parallel = 16;
    for (let i = 0; i < ids.length; i += parallel) {
      const batch = await Promise.all(ids.slice(i, i + parallel).map((id) => this.get(storeId, id)));
      for (const product of batch) if (product) found.set(product.id, product);
    }
    return found;
  }

  async delete(storeId: string, productId: string): Promise<void> {
    await this.table.delete(keys.product(storeId, productId));
  }

  async list(storeId: string): Promise<Product[]> {
    const items = await this.table.query<Product & { pk: string; sk: string }>(
      keys.catalogPartition(storeId),
      {
        beginsWith: keys.productPrefix,
      },
    );
    return items.map(strip);
  }

  async putMany(storeId: string, products: Product[], onProgress?: (written: number) => void): Promise<void> {
    const chunk = 100;
    for (let i = 0; i < products.length; i += chunk) {
      const slice = products.slice(i, i + chunk);
      await this.table.putMany(
        slice.map((p) => ({ ...keys.product(storeId, p.id), entity: 'product', ...p })),
      );
      onProgress?.(Math.min(products.length, i + chunk));
    }
  }
}

function strip(item: Product & { pk: string; sk: string; entity?: string }): Product {
  const { pk: _pk, sk: _sk, entity: _type, ...product } = item;
  return product;
}
