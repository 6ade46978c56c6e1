import type { Product } from './product';
import type { PriceStats, SearchFilters } from './search-query';

/** Stock at which popularity saturates. */
const POPULARITY_STOCK_SCALE = Math.log1p(100);

/** A query's filters resolved against the catalog's interned categories and brands. */
export interface CompiledFilter {
  impossible: boolean;
  categoryMask?: Uint8Array;
  brandId?: number;
  priceMin: number;
  priceMax: number;
  inStock: boolean;
  minRating: number;
}

/**
 * The products' filterable and rankable attributes as columns indexed by doc number (the product's position),
 * with categories and brands interned to small ids: filtering and scoring a doc reads numbers, never strings.
 */
export class DocAttributes {
  private readonly idToDoc = new Map<string, number>();
  private readonly categoryIds: string[] = [];
  private readonly categoryIdByName = new Map<string, number>();
  private readonly brandIdByKey = new Map<string, number>();
  private readonly brandNames: string[] = [];
  readonly categoryOf: Int32Array;
  private readonly brandOf: Int32Array;
  readonly price: Float64Array;
  readonly stock: Float64Array;
  /** NaN for a product without a rating. */
  readonly rating: Float64Array;
  /** Stock depth on a 0..1 scale. */
  readonly popularity: Float64Array;
  private readonly priceStatsCache = new Map<string, PriceStats>();

  constructor(products: readonly Product[]) {
    const size = products.length;
    this.categoryOf = new Int32Array(size);
    this.brandOf = new Int32Array(size);
    this.price = new Float64Array(size);
    this.stock = new Float64Array(size);
    this.rating = new Float64Array(size);
    this.popularity = new Float64Array(size);
    products.forEach((product, doc) => this.index(product, doc));
  }

  get size(): number {
    return this.price.length;
  }

  docOf(id: string): number | undefined {
    return this.idToDoc.get(id);
  }

  /** Category ids present in the catalog, sorted. */
  categories(): string[] {
    return [...this.categoryIds].sort();
  }

  /** Brands present in the catalog, as first spelled, sorted. */
  brands(): string[] {
    return [...this.brandNames].sort((a, b) => a.localeCompare(b));
  }

  /** Price range of the catalog or of one category; zeros when it has no products. */
  priceStats(category?: string): PriceStats {
    const key = category?.trim().toLowerCase() ?? '';
    const cached = this.priceStatsCache.get(key);
    if (cached) return cached;
    const categoryId = key === '' ? undefined : this.categoryIdByName.get(key);
    const prices: number[] = [];
    if (key === '' || categoryId !== undefined) {
      for (let doc = 0; doc < this.size; doc += 1) {
        if (categoryId === undefined || this.categoryOf[doc] === categoryId) prices.push(this.price[doc]);
      }
    }
    const stats = statsOf(prices.sort((a, b) => a - b));
    this.priceStatsCache.set(key, stats);
    return stats;
  }

  compileFilter(filters: SearchFilters | undefined): CompiledFilter {
    const compiled: CompiledFilter = {
      impossible: false,
      priceMin: finiteOr(filters?.priceMin, Number.NEGATIVE_INFINITY),
      priceMax: finiteOr(filters?.priceMax, Number.POSITIVE_INFINITY),
      inStock: filters?.inStock === true,
      minRating: finiteOr(filters?.minRating, Number.NEGATIVE_INFINITY),
    };
    if (compiled.priceMin > compiled.priceMax) compiled.impossible = true;
    const categories = filters?.categories ?? [];
    if (categories.length > 0) {
      const mask = this.categoryMaskOf(categories.map((category) => category.trim().toLowerCase()));
      compiled.categoryMask = mask;
      if (!mask.includes(1)) compiled.impossible = true;
    }
    const brandKey = filters?.brand?.trim().toLowerCase() ?? '';
    if (brandKey !== '') {
      compiled.brandId = this.brandIdByKey.get(brandKey);
      if (compiled.brandId === undefined) compiled.impossible = true;
    }
    return compiled;
  }

  passes(doc: number, filter: CompiledFilter): boolean {
    if (filter.categoryMask && filter.categoryMask[this.categoryOf[doc]] !== 1) return false;
    if (filter.brandId !== undefined && this.brandOf[doc] !== filter.brandId) return false;
    const price = this.price[doc];
    if (price < filter.priceMin || price > filter.priceMax) return false;
    if (filter.inStock && this.stock[doc] <= 0) return false;
    // NaN (no rating) fails any minimum.
    if (filter.minRating !== Number.NEGATIVE_INFINITY && !(this.rating[doc] >= filter.minRating))
      return false;
    return true;
  }

  /** A mask over interned category ids with a 1 for each of the (lower-case) categories the catalog has. */
  categoryMaskOf(categories: readonly string[]): Uint8Array {
    const mask = new Uint8Array(this.categoryIds.length);
    for (const category of categories) {
      const id = this.categoryIdByName.get(category);
      if (id !== undefined) mask[id] = 1;
    }
    return mask;
  }

  /** The feedback loop's boosts by doc number; unknown ids and non-finite boosts are dropped. */
  boostsByDoc(boosts: Record<string, number> | undefined): Map<number, number> | undefined {
    if (!boosts) return undefined;
    const byDoc = new Map<number, number>();
    for (const [id, boost] of Object.entries(boosts)) {
      const doc = this.idToDoc.get(id);
      if (doc !== undefined && Number.isFinite(boost)) byDoc.set(doc, boost);
    }
    return byDoc.size > 0 ? byDoc : undefined;
  }

  private index(product: Product, doc: number): void {
    this.idToDoc.set(product.id, doc);
    this.categoryOf[doc] = this.internCategory(product.category);
    this.brandOf[doc] = this.internBrand(product.brand);
    this.price[doc] = product.price;
    this.stock[doc] = product.stock;
    this.rating[doc] = product.rating ?? Number.NaN;
    this.popularity[doc] =
      product.stock > 0 ? Math.min(1, Math.log1p(product.stock) / POPULARITY_STOCK_SCALE) : 0;
  }

  private internCategory(category: string): number {
    const key = category.trim().toLowerCase();
    let id = this.categoryIdByName.get(key);
    if (id === undefined) {
      id = this.categoryIds.length;
      this.categoryIds.push(key);
      this.categoryIdByName.set(key, id);
    }
    return id;
  }

  private internBrand(brand: string | undefined): number {
    const key = brand?.trim().toLowerCase() ?? '';
    if (key === '') return -1;
    let id = this.brandIdByKey.get(key);
    if (id === undefined) {
      id = this.brandNames.length;
      this.brandNames.push(brand?.trim() ?? key);
      this.brandIdByKey.set(key, id);
    }
    return id;
  }
}

function statsOf(sortedPrices: readonly number[]): PriceStats {
  const count = sortedPrices.length;
  if (count === 0) return { min: 0, median: 0, max: 0 };
  const middle = count >> 1;
  const median =
    count % 2 === 1 ? sortedPrices[middle] : (sortedPrices[middle - 1] + sortedPrices[middle]) / 2;
  return { min: sortedPrices[0], median, max: sortedPrices[count - 1] };
}

function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}
