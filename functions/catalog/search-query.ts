/** What a catalog search is asked and what it answers: the contract of `SearchIndex`. */
import type { Product } from './product';

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
