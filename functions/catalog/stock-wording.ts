import type { Language } from '../language/language';
/**
 * How every channel words a product's stock: the CLI, templated replies, Slack and Teams cards and the web
 * chat widget all call these, so the same product never reads "Only 10 left" in one place and "in stock"
 * in another. Browser-safe (the widget bundles it): no Node imports.
 */

/** At or below this many units, shoppers are told how many are left. */
export const LOW_STOCK_THRESHOLD = 5;

export type StockLevel = 'out' | 'low' | 'in';

export function stockLevel(stock: number): StockLevel {
  if (!(stock > 0)) return 'out';
  return stock <= LOW_STOCK_THRESHOLD ? 'low' : 'in';
}

const WORDING: Record<Language, Record<StockLevel, (stock: number) => string>> = {
  en: { out: () => 'out of stock', low: (n) => `only ${n} left`, in: () => 'in stock' },
  zh: { out: () => '缺货', low: (n) => `仅剩 ${n} 件`, in: () => '有货' },
};

/** The stock as a phrase inside a sentence: `only 3 left`, `in stock`, `仅剩 3 件`. */
export function stockLabel(stock: number, language: Language): string {
  return WORDING[language][stockLevel(stock)](stock);
}

/** The same wording standing alone, as a badge or a field value: `Only 3 left`, `In stock`. */
export function stockBadge(stock: number, language: Language): string {
  const label = stockLabel(stock, language);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
