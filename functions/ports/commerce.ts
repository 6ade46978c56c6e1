import type { Product } from '../catalog/product';
import type { Order } from '../orders/order';

/** Orders as the assistant and insights read them. */
export interface OrderHistory {
  get(storeId: string, orderId: string): Promise<Order | undefined>;
  listBetween(storeId: string, fromIso: string, toIso: string): Promise<Order[]>;
  listByCustomer(storeId: string, customerId: string, limit?: number): Promise<Order[]>;
}

/** Where imported and webhook orders are written; `putIfAbsent` is false for a duplicate. */
export interface OrderWriter {
  putIfAbsent(order: Order): Promise<boolean>;
}

export interface ProductCatalogReader {
  list(storeId: string): Promise<Product[]>;
}
