import type { DocAttributes } from './doc-attributes';
import type { RankingWeights, SearchQuery } from './search-query';
import type { DocComparator } from './top-docs';

/** Added to normalised relevance when the product is in a category the query names. */
export const CATEGORY_MATCH_BONUS = 0.4;
const OUT_OF_STOCK_PENALTY = 0.3;
/** Text hits below this share of the best hit are noise (a word shared with one description). */
export const RELEVANCE_FLOOR = 0.15;

/** What a product is worth apart from the text: rating, popularity, stock and the feedback loop's boost. */
export function qualityScore(
  attributes: DocAttributes,
  doc: number,
  weights: RankingWeights,
  boosts: Map<number, number> | undefined,
): number {
  const rating = attributes.rating[doc];
  const ratingShare = Number.isNaN(rating) ? 0 : Math.min(Math.max(rating / 5, 0), 1);
  const stockPenalty = attributes.stock[doc] > 0 ? 0 : OUT_OF_STOCK_PENALTY;
  return (
    weights.rating * ratingShare +
    weights.popularity * attributes.popularity[doc] -
    stockPenalty +
    (boosts?.get(doc) ?? 0)
  );
}

/**
 * "a ranks before b" for the requested order, over the final scores in `final` (by doc); ties fall back to
 * score, then catalog order.
 */
export function comparatorFor(
  sort: NonNullable<SearchQuery['sort']>,
  attributes: DocAttributes,
  final: Float64Array,
): DocComparator {
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
      return thenByScore(attributes.price, 1);
    case 'price_desc':
      return thenByScore(attributes.price, -1);
    case 'rating':
      return thenByScore(attributes.rating, -1);
    default:
      return byScore;
  }
}
