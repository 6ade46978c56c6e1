import { categoriesFor, expandTokens } from './lexicon';
import type { Product } from './product';
import { tokenize } from './tokenize';
import { buildPostings, type Postings } from './bm25-postings';
import { TopDocs, type DocComparator } from './top-docs';

/** Hard constraints: a search never returns a product outside them. */
export interface SearchFilters {
  /** Category ids; an empty list means any category. */
  categories?: string[];
  /** Brand, case-insensitive. */
  brand?: string;
  priceMin?: number;
  priceMax?: number;
  inStock?: boolean;
  /** Products without a rating fail this filter. */
  minRating?: number;
}

/** How relevance, rating and popularity (stock depth) blend into a hit's score. */
export interface RankingWeights {
  relevance: number;
  rating: number;
  popularity: number;
}

export const DEFAULT_RANKING_WEIGHTS: Readonly<RankingWeights> = {
  relevance: 1,
  rating: 0.15,
  popularity: 0.1,
};

export interface SearchQuery {
  /** Free text in English or Chinese. Empty or absent: the filtered products ranked by rating and popularity. */
  text?: string;
  filters?: SearchFilters;
  /** Maximum number of hits; default 10. */
  limit?: number;
  weights?: RankingWeights;
  /**
   * Additive score per product id, from the feedback loop. The best text match scores about 1 with the
   * default weights, so a boost of 0.1 is worth a tenth of the top relevance.
   */
  boosts?: Record<string, number>;
  sort?: 'relevance' | 'price_asc' | 'price_desc' | 'rating';
}

export interface SearchHit {
  product: Product;
  score: number;
  /** Query terms (after lexicon expansion) found in the product. */
  matched: string[];
}

export interface PriceStats {
  min: number;
  median: number;
  max: number;
}

/** Lexicon expansions count less than the shopper's own words. */
const EXPANSION_WEIGHT = 0.6;
/** Added to normalised relevance when the product is in a category the query names. */
const CATEGORY_MATCH_BONUS = 0.4;
const OUT_OF_STOCK_PENALTY = 0.3;
/** Text hits below this share of the best hit are noise (a word shared with one description). */
const RELEVANCE_FLOOR = 0.15;
/** Matched terms are tracked as bits of a 32-bit mask. */
const MAX_QUERY_TERMS = 31;
const DEFAULT_LIMIT = 10;
/** Stock at which popularity saturates. */
const POPULARITY_STOCK_SCALE = Math.log1p(100);

interface QueryTerm {
  term: string;
  weight: number;
  postings: Postings;
}

interface CompiledFilter {
  impossible: boolean;
  categoryMask?: Uint8Array;
  brandId?: number;
  priceMin: number;
  priceMax: number;
  inStock: boolean;
  minRating: number;
}

/**
 * In-memory full-text index of one store's catalog: BM25F over title, brand, category, tags and
 * description, with bilingual lexicon expansion of queries (and of Chinese documents, so English queries
 * find them). Built once per catalog version; a query only touches the postings of its terms, and scratch
 * buffers are reused so a query allocates nothing proportional to the catalog.
 */
export class SearchIndex {
  private readonly idToDoc = new Map<string, number>();
  private readonly categoryIds: string[] = [];
  private readonly categoryIdByName = new Map<string, number>();
  private readonly brandIdByKey = new Map<string, number>();
  private readonly brandNames: string[] = [];
  private readonly categoryOf: Int32Array;
  private readonly brandOf: Int32Array;
  private readonly price: Float64Array;
  private readonly stock: Float64Array;
  private readonly rating: Float64Array;
  private readonly popularity: Float64Array;
  private readonly priceStatsCache = new Map<string, PriceStats>();
  private readonly postings: Map<string, Postings>;
  private readonly scratchScores: Float64Array;
  private readonly scratchFinal: Float64Array;
  private readonly scratchMask: Uint32Array;
  private readonly scratchTouched: Int32Array;

  private constructor(private readonly products: readonly Product[]) {
    const size = products.length;
    this.categoryOf = new Int32Array(size);
    this.brandOf = new Int32Array(size);
    this.price = new Float64Array(size);
    this.stock = new Float64Array(size);
    this.rating = new Float64Array(size);
    this.popularity = new Float64Array(size);
    this.scratchScores = new Float64Array(size);
    this.scratchFinal = new Float64Array(size);
    this.scratchMask = new Uint32Array(size);
    this.scratchTouched = new Int32Array(size);
    products.forEach((product, doc) => this.indexAttributes(product, doc));
    this.postings = buildPostings(products);
  }

  /** Builds the index. Products with a duplicate id are skipped after the first. */
  static build(products: Product[]): SearchIndex {
    const seen = new Set<string>();
    const unique = products.filter((product) => !seen.has(product.id) && seen.add(product.id));
    return new SearchIndex(unique);
  }

  /** Number of products indexed. */
  get size(): number {
    return this.products.length;
  }

  get(id: string): Product | undefined {
    const doc = this.idToDoc.get(id);
    return doc === undefined ? undefined : this.products[doc];
  }

  /** Every product's id and title, for checking that a reply names only real products. */
  *titles(): IterableIterator<{ id: string; title: string }> {
    for (const { id, title } of this.products) yield { id, title };
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

  /** Ranked products matching the text within the filters. Filters are hard constraints. */
  search(query: SearchQuery): SearchHit[] {
    const limit = Math.min(Math.max(Math.floor(query.limit ?? DEFAULT_LIMIT), 0), this.size);
    const filter = this.compileFilter(query.filters);
    if (limit === 0 || filter.impossible) return [];
    const text = query.text?.trim() ?? '';
    const tokens = text === '' ? [] : tokenize(text);
    const weights = query.weights ?? DEFAULT_RANKING_WEIGHTS;
    const boosts = this.boostsByDoc(query.boosts);
    const compare = this.comparatorFor(query.sort ?? 'relevance');
    if (tokens.length === 0) return this.browse(filter, weights, boosts, compare, limit);
    const terms = this.queryTerms(tokens);
    if (terms.length === 0) return [];
    return this.textSearch(text, terms, filter, weights, boosts, compare, limit);
  }

  private indexAttributes(product: Product, doc: number): void {
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

  private queryTerms(tokens: string[]): QueryTerm[] {
    const ownWords = new Set(tokens);
    const terms: QueryTerm[] = [];
    const seen = new Set<string>();
    for (const term of expandTokens(tokens)) {
      if (seen.has(term)) continue;
      seen.add(term);
      const postings = this.postings.get(term);
      if (!postings) continue;
      terms.push({ term, weight: ownWords.has(term) ? 1 : EXPANSION_WEIGHT, postings });
      if (terms.length === MAX_QUERY_TERMS) break;
    }
    return terms;
  }

  private compileFilter(filters: SearchFilters | undefined): CompiledFilter {
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
      const mask = new Uint8Array(this.categoryIds.length);
      for (const category of categories) {
        const id = this.categoryIdByName.get(category.trim().toLowerCase());
        if (id !== undefined) mask[id] = 1;
      }
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

  private passes(doc: number, filter: CompiledFilter): boolean {
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

  private qualityScore(
    doc: number,
    weights: RankingWeights,
    boosts: Map<number, number> | undefined,
  ): number {
    const rating = this.rating[doc];
    const ratingShare = Number.isNaN(rating) ? 0 : Math.min(Math.max(rating / 5, 0), 1);
    const stockPenalty = this.stock[doc] > 0 ? 0 : OUT_OF_STOCK_PENALTY;
    return (
      weights.rating * ratingShare +
      weights.popularity * this.popularity[doc] -
      stockPenalty +
      (boosts?.get(doc) ?? 0)
    );
  }

  private browse(
    filter: CompiledFilter,
    weights: RankingWeights,
    boosts: Map<number, number> | undefined,
    compare: DocComparator,
    limit: number,
  ): SearchHit[] {
    const top = new TopDocs(limit, compare);
    for (let doc = 0; doc < this.size; doc += 1) {
      if (!this.passes(doc, filter)) continue;
      this.scratchFinal[doc] = this.qualityScore(doc, weights, boosts);
      top.offer(doc);
    }
    return top
      .ranked()
      .map((doc) => ({ product: this.products[doc], score: this.scratchFinal[doc], matched: [] }));
  }

  private textSearch(
    text: string,
    terms: QueryTerm[],
    filter: CompiledFilter,
    weights: RankingWeights,
    boosts: Map<number, number> | undefined,
    compare: DocComparator,
    limit: number,
  ): SearchHit[] {
    const touchedCount = this.accumulate(terms);
    const touched = this.scratchTouched;
    try {
      let bestRelevance = 0;
      for (let i = 0; i < touchedCount; i += 1) {
        const doc = touched[i];
        if (this.passes(doc, filter)) bestRelevance = Math.max(bestRelevance, this.scratchScores[doc]);
        else this.scratchScores[doc] = 0;
      }
      if (bestRelevance === 0) return [];
      const namedCategories = this.categoryMaskOf(categoriesFor(text));
      const top = new TopDocs(limit, compare);
      for (let i = 0; i < touchedCount; i += 1) {
        const doc = touched[i];
        const relevance = this.scratchScores[doc] / bestRelevance;
        if (relevance < RELEVANCE_FLOOR) continue;
        const categoryBonus = namedCategories?.[this.categoryOf[doc]] === 1 ? CATEGORY_MATCH_BONUS : 0;
        this.scratchFinal[doc] =
          weights.relevance * (relevance + categoryBonus) + this.qualityScore(doc, weights, boosts);
        top.offer(doc);
      }
      return top.ranked().map((doc) => ({
        product: this.products[doc],
        score: this.scratchFinal[doc],
        matched: terms.filter((_, bit) => (this.scratchMask[doc] & (1 << bit)) !== 0).map(({ term }) => term),
      }));
    } finally {
      for (let i = 0; i < touchedCount; i += 1) {
        const doc = touched[i];
        this.scratchScores[doc] = 0;
        this.scratchMask[doc] = 0;
      }
    }
  }

  /** Adds each term's weighted postings into the scratch scores; returns how many docs were touched. */
  private accumulate(terms: QueryTerm[]): number {
    let touchedCount = 0;
    terms.forEach(({ weight, postings }, bit) => {
      const termWeight = weight * postings.idf;
      const flag = 1 << bit;
      const { docs, weights } = postings;
      for (let i = 0; i < docs.length; i += 1) {
        const doc = docs[i];
        if (this.scratchMask[doc] === 0) {
          this.scratchTouched[touchedCount] = doc;
          touchedCount += 1;
        }
        this.scratchScores[doc] += termWeight * weights[i];
        this.scratchMask[doc] |= flag;
      }
    });
    return touchedCount;
  }

  private categoryMaskOf(categories: string[]): Uint8Array | undefined {
    if (categories.length === 0) return undefined;
    const mask = new Uint8Array(this.categoryIds.length);
    for (const category of categories) {
      const id = this.categoryIdByName.get(category);
      if (id !== undefined) mask[id] = 1;
    }
    return mask;
  }

  private boostsByDoc(boosts: Record<string, number> | undefined): Map<number, number> | undefined {
    if (!boosts) return undefined;
    const byDoc = new Map<number, number>();
    for (const [id, boost] of Object.entries(boosts)) {
      const doc = this.idToDoc.get(id);
      if (doc !== undefined && Number.isFinite(boost)) byDoc.set(doc, boost);
    }
    return byDoc.size > 0 ? byDoc : undefined;
  }

  /** "a ranks before b" for the requested order; ties fall back to score, then catalog order. */
  private comparatorFor(sort: NonNullable<SearchQuery['sort']>): DocComparator {
    const final = this.scratchFinal;
    const byScore: DocComparator = (a, b) => (final[a] !== final[b] ? final[a] > final[b] : a < b);
    const thenByScore =
      (key: Float64Array, direction: 1 | -1): DocComparator =>
      (a, b) => {
        // Unknown values (a product without a rating) go last in either direction.
        const keyA = Number.isNaN(key[a]) ? Infinity * direction : key[a];
        const keyB = Number.isNaN(key[b]) ? Infinity * direction : key[b];
        if (keyA !== keyB) return direction === 1 ? keyA < keyB : keyA > keyB;
        return byScore(a, b);
      };
    switch (sort) {
      case 'price_asc':
        return thenByScore(this.price, 1);
      case 'price_desc':
        return thenByScore(this.price, -1);
      case 'rating':
        return thenByScore(this.rating, -1);
      default:
        return byScore;
    }
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
