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
  return product as Product;
}
