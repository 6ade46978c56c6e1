import { productHasAttribute } from '../../catalog/lexicon';
import type { Product } from '../../catalog/product';
import type { ActiveConstraints } from '../../conversations/conversation';

export type { ActiveConstraints };

/** The conversation's memory of the last list, the product in focus, and everything shown so far. */
export interface ShownContext {
  /** Ordered ids of the last list shown (two or more products): "the first one" points here. */
  lastProductIds: string[];
  /** The product of the last one-product reply: "it". */
  focusProductId?: string;
  /** Every product shown since the constraints last started afresh, so "show more" never repeats. */
  shownIds: string[];
  constraints?: ActiveConstraints;
}

/** True when a product satisfies every hard constraint (words are ranking, not a filter). */
export function satisfies(product: Product, constraints: ActiveConstraints): boolean {
  if (constraints.categories.length && !constraints.categories.includes(product.category)) return false;
  if (constraints.budgetMin !== undefined && product.price < constraints.budgetMin) return false;
  if (constraints.budgetMax !== undefined && product.price > constraints.budgetMax) return false;
  const brand = product.brand?.toLowerCase();
  if (constraints.brands?.length && !constraints.brands.some((b) => b.toLowerCase() === brand)) return false;
  if (brand && constraints.excludeBrands?.some((b) => b.toLowerCase() === brand)) return false;
  if (constraints.inStock && product.stock <= 0) return false;
  if (constraints.minRating !== undefined && !((product.rating ?? 0) >= constraints.minRating)) return false;
  if (constraints.attributes?.some((attribute) => !productHasAttribute(product, attribute))) return false;
  return true;
}

/** A short, language-neutral description for the LLM prompt: "categories=laptops; budget<=1500; in stock". */
export function describeConstraints(constraints: ActiveConstraints | undefined): string {
  if (!constraints) return '';
  const parts: string[] = [];
  if (constraints.categories.length) parts.push(`categories=${constraints.categories.join(',')}`);
  if (constraints.budgetMin !== undefined) parts.push(`budget>=${constraints.budgetMin}`);
  if (constraints.budgetMax !== undefined) parts.push(`budget<=${constraints.budgetMax}`);
  if (constraints.brands?.length) parts.push(`brands=${constraints.brands.join(',')}`);
  if (constraints.excludeBrands?.length) parts.push(`not brands=${constraints.excludeBrands.join(',')}`);
  if (constraints.inStock) parts.push('in stock only');
  if (constraints.minRating !== undefined) parts.push(`rating>=${constraints.minRating}`);
  if (constraints.attributes?.length) parts.push(`must be ${constraints.attributes.join(', ')}`);
  if (constraints.words) parts.push(`words="${constraints.words.slice(0, 60)}"`);
  return parts.join('; ');
}

/**
 * Adds a reply's products to the shown memory. A list of two or more replaces the last list; a single
 * product (a detail, a pick, the closest option) becomes the focus and the list stays, so "the first
 * one" keeps meaning what the shopper saw in the list. A fresh search restarts "shown".
 */
export function rememberShown(
  previous: ShownContext,
  shownNow: string[],
  constraints: ActiveConstraints | undefined,
  fresh: boolean,
): ShownContext {
  const nextConstraints = constraints ?? previous.constraints;
  if (!shownNow.length) return { ...previous, constraints: nextConstraints };
  // Bounded: the state item stays small however long the conversation runs.
  const shownIds = [...new Set([...(fresh ? [] : previous.shownIds), ...shownNow])].slice(-60);
  if (shownNow.length === 1 && previous.lastProductIds.length > 1)
    return {
      lastProductIds: previous.lastProductIds,
      focusProductId: shownNow[0],
      shownIds,
      constraints: nextConstraints,
    };
  return {
    lastProductIds: shownNow,
    focusProductId: shownNow.length === 1 ? shownNow[0] : undefined,
    shownIds,
    constraints: nextConstraints,
  };
}
