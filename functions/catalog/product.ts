/** A catalog product as ShopGuide stores it. Ids are the imported catalog's ids, as strings. */
export interface Product {
  id: string;
  title: string;
  description: string;
  category: string;
  brand?: string;
  /** List price in the store's currency. */
  price: number;
  currency: string;
  discountPercentage?: number;
  rating?: number;
  stock: number;
  tags: string[];
  sku?: string;
  warranty?: string;
  shipping?: string;
  returnPolicy?: string;
  thumbnail?: string;
  /**
   * False once the store's full feed stops listing the product: kept for order history and insights, never
   * offered to shoppers. Absent means available.
   */
  available?: boolean;
}

/** Products a shopper may be offered. */
export function isAvailable(product: Product): boolean {
  return product.available !== false;
}

/** What a reply shows of a product: every field here must come from a tool result of that turn. */
export interface ProductCard {
  id: string;
  title: string;
  price: number;
  currency: string;
  inStock: boolean;
  stock: number;
  rating?: number;
  category: string;
  brand?: string;
  /** Why the reply recommends it ("best rated under your budget"). */
  reason?: string;
}

export function toCard(product: Product): ProductCard {
  return {
    id: product.id,
    title: product.title,
    price: product.price,
    currency: product.currency,
    inStock: product.stock > 0,
    stock: product.stock,
    rating: product.rating,
    category: product.category,
    brand: product.brand,
  };
}
