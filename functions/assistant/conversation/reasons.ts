import type { Product } from '../../catalog/product';
import { tokenize } from '../../catalog/tokenize';
import type { Language } from '../../conversations/conversation';
import type { ActiveConstraints } from './constraints';

export interface ReasonInput {
  constraints?: ActiveConstraints;
  /** Product id → title of a product it is often bought with (from orders). */
  boughtWith?: Map<string, string>;
  language: Language;
}

const TEXT = {
  boughtWith: { en: (t: string) => `often bought with the ${t}`, zh: (t: string) => `常与 ${t} 一起购买` },
  bestRatedBudget: { en: 'best rated under your budget', zh: '预算内评分最高' },
  bestRated: { en: 'best rated of these', zh: '这几款里评分最高' },
  cheapestInStock: { en: 'cheapest in stock', zh: '有货的里面最便宜' },
  cheapest: { en: 'the lowest price here', zh: '这里价格最低' },
  brand: { en: (b: string) => `from ${b}, as you asked`, zh: (b: string) => `您想要的 ${b}` },
  otherBrand: { en: (b: string) => `a different brand: ${b}`, zh: (b: string) => `换个品牌：${b}` },
  matches: { en: (w: string) => `matches "${w}"`, zh: (w: string) => `符合“${w}”` },
  rated: { en: (r: string) => `rated ${r}/5`, zh: (r: string) => `评分 ${r}` },
  inBudget: { en: 'within your budget and in stock', zh: '在预算内且有货' },
  inStock: { en: 'in stock now', zh: '现在有货' },
  premium: { en: 'the premium choice here', zh: '这里最高端的一款' },
} as const;

/**
 * Why each product is on the list, from the catalog and the shopper's constraints only: the best rated
 * under the budget, the cheapest in stock, a word of the request it matches, a brand asked for, what it
 * is often bought with. One short reason per product, each list position getting the most specific one.
 */
export function reasonsFor(products: Product[], input: ReasonInput): Record<string, string> {
  const { language, constraints } = input;
  const lang = language === 'zh' ? 'zh' : 'en';
  const reasons: Record<string, string> = {};
  if (!products.length) return reasons;
  const hasBudget = constraints?.budgetMax !== undefined || constraints?.budgetMin !== undefined;
  const bestRated = products.length > 1 ? maxBy(products, (p) => p.rating ?? 0) : undefined;
  const inStock = products.filter((p) => p.stock > 0);
  const cheapestInStock = inStock.length ? maxBy(inStock, (p) => -p.price) : undefined;
  const priciest = products.length > 2 ? maxBy(products, (p) => p.price) : undefined;
  const words = requestWords(constraints?.words);

  for (const product of products) {
    const options: (string | undefined)[] = [
      input.boughtWith?.has(product.id)
        ? TEXT.boughtWith[lang](input.boughtWith.get(product.id) ?? '')
        : undefined,
      product === bestRated && (product.rating ?? 0) > 0
        ? hasBudget
          ? TEXT.bestRatedBudget[lang]
          : TEXT.bestRated[lang]
        : undefined,
      product === cheapestInStock && products.length > 1 ? TEXT.cheapestInStock[lang] : undefined,
      matchedWord(product, words) !== undefined
        ? TEXT.matches[lang](matchedWord(product, words) ?? '')
        : undefined,
      constraints?.brands?.length && product.brand ? TEXT.brand[lang](product.brand) : undefined,
      constraints?.excludeBrands?.length && product.brand ? TEXT.otherBrand[lang](product.brand) : undefined,
      product === priciest && !hasBudget ? TEXT.premium[lang] : undefined,
      (product.rating ?? 0) >= 4.5 ? TEXT.rated[lang]((product.rating ?? 0).toFixed(1)) : undefined,
      hasBudget && product.stock > 0 ? TEXT.inBudget[lang] : undefined,
      product.stock > 0 ? TEXT.inStock[lang] : undefined,
      product.rating ? TEXT.rated[lang](product.rating.toFixed(1)) : undefined,
    ];
    // Prefer a reason no other product on the list has already taken.
    const taken = new Set(Object.values(reasons));
    const fresh = options.find((o): o is string => !!o && !taken.has(o));
    reasons[product.id] =
      fresh ??
      options.find((o): o is string => !!o) ??
      (lang === 'zh' ? '符合您的要求' : 'fits your request');
  }
  return reasons;
}

const STOP = new Set([
  'a',
  'an',
  'the',
  'for',
  'with',
  'and',
  'or',
  'me',
  'my',
  'i',
  'to',
  'of',
  'in',
  'on',
  'show',
  'want',
  'need',
  'some',
  'any',
  'find',
  'looking',
  'get',
  'buy',
]);

function requestWords(words: string | undefined): string[] {
  if (!words) return [];
  return [...new Set(tokenize(words).filter((w) => w.length >= 3 && !STOP.has(w)))];
}

/** A request word found in the product's title, tags or description (not just its category). */
function matchedWord(product: Product, words: string[]): string | undefined {
  if (!words.length) return undefined;
  const own = new Set(tokenize([product.title, ...product.tags, product.description].join(' ')));
  const category = new Set(tokenize(product.category));
  return words.find((w) => own.has(w) && !category.has(w));
}

function maxBy<T>(items: T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    const s = score(item);
    if (s > bestScore) {
      best = item;
      bestScore = s;
    }
  }
  return best;
}
