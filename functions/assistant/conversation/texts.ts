import { attributeLabel, categoryLabel } from '../../catalog/lexicon';
import { tokenize } from '../../catalog/tokenize';
import { containsChinese } from '../../language/language';
import type { Product } from '../../catalog/product';
import type { Language } from '../../conversations/conversation';
import { formatPrice } from '../format';
import { productLine } from '../reply-templates';
import type { ActiveConstraints } from './constraints';

/** Templated lines of the conversation behaviours. They interpolate catalog values only. */

export type ListRelation =
  | 'fresh'
  | 'refined'
  | 'budget'
  | 'cheaper'
  | 'pricier'
  | 'different_brand'
  | 'brand'
  | 'in_stock'
  | 'better_rated'
  | 'more'
  | 'attribute';

const MAX_NAMED_KINDS = 3;

export function labelOf(constraints: ActiveConstraints, language: Language): string {
  const kinds = kindLabelOf(constraints, language);
  if (!constraints.attributes?.length) return kinds;
  const attributes = constraints.attributes.map((a) => attributeLabel(a, language));
  return language === 'zh' ? `${attributes.join('、')}的${kinds}` : `${attributes.join(', ')} ${kinds}`;
}

function kindLabelOf(constraints: ActiveConstraints, language: Language): string {
  const zh = language === 'zh';
  const brand = constraints.brands?.length === 1 ? constraints.brands[0] : undefined;
  // Past a few kinds (gift ideas across the catalog) a list of names reads worse than a plain word.
  if (constraints.categories.length > MAX_NAMED_KINDS) return zh ? '商品' : 'products';
  if (constraints.categories.length) {
    const labels = constraints.categories.map((c) => categoryLabel(c, zh ? 'zh' : 'en'));
    const label = zh ? labels.join('、') : labels.map((l) => l.toLowerCase()).join(', ');
    return brand ? (zh ? `${brand} 的${label}` : `${brand} ${label}`) : label;
  }
  if (brand) return zh ? `${brand} 的商品` : `${brand} products`;
  return zh ? '商品' : 'products';
}

const HEADINGS: Record<ListRelation, { en: (label: string) => string; zh: (label: string) => string }> = {
  fresh: { en: (l) => `Here are ${l} I found:`, zh: (l) => `为您找到这些${l}：` },
  refined: { en: (l) => `Here are ${l}:`, zh: (l) => `这些${l}符合您的要求：` },
  budget: { en: (l) => `Here are ${l} within your new budget:`, zh: (l) => `按新的预算，这些${l}合适：` },
  cheaper: { en: (l) => `Here are cheaper ${l}:`, zh: (l) => `更便宜的${l}：` },
  pricier: { en: (l) => `Here are more premium ${l}:`, zh: (l) => `更高端的${l}：` },
  different_brand: { en: (l) => `Here are ${l} from other brands:`, zh: (l) => `其他品牌的${l}：` },
  brand: { en: (l) => `Here are ${l}:`, zh: (l) => `这些是${l}：` },
  in_stock: { en: (l) => `Here are ${l} in stock now:`, zh: (l) => `现在有货的${l}：` },
  better_rated: { en: (l) => `Here are better-rated ${l}:`, zh: (l) => `评分更高的${l}：` },
  more: { en: (l) => `Here are more ${l}:`, zh: (l) => `更多${l}：` },
  attribute: { en: (l) => `Here are ${l}:`, zh: (l) => `这些是${l}：` },
};

export function listText(
  relation: ListRelation,
  label: string,
  products: Product[],
  reasons: Record<string, string>,
  language: Language,
  closing?: string,
): string {
  const heading = HEADINGS[relation][language === 'zh' ? 'zh' : 'en'](label);
  const lines = products.map((p) => withReason(productLine(p, language), reasons[p.id]));
  return [heading, ...lines, ...(closing ? ['', closing] : [])].join('\n');
}

export function withReason(line: string, reason: string | undefined): string {
  return reason ? `${line} — ${reason}` : line;
}

const NOTHING: Record<
  ListRelation,
  { en: (l: string, brands: string) => string; zh: (l: string, brands: string) => string }
> = {
  fresh: {
    en: (l) => `I couldn't find ${l} that fit all of that.`,
    zh: (l) => `抱歉，没有找到完全符合条件的${l}。`,
  },
  refined: {
    en: (l) => `I couldn't find ${l} that fit all of that.`,
    zh: (l) => `抱歉，没有找到完全符合条件的${l}。`,
  },
  budget: { en: (l) => `No ${l} fit that budget.`, zh: (l) => `这个预算内没有${l}。` },
  cheaper: { en: () => 'There is nothing cheaper than what I showed.', zh: () => '没有比刚才更便宜的了。' },
  pricier: {
    en: () => 'There is nothing more premium than what I showed.',
    zh: () => '没有比刚才更高端的了。',
  },
  different_brand: {
    en: (l, b) => `All the ${l} that fit are from ${b}.`,
    zh: (l, b) => `符合条件的${l}都是 ${b} 的。`,
  },
  brand: { en: (l) => `We have no ${l} that fit.`, zh: (l) => `没有符合条件的${l}。` },
  in_stock: { en: (l) => `None of those ${l} is in stock right now.`, zh: (l) => `这些${l}目前都没有货。` },
  better_rated: { en: () => 'None rates higher than those.', zh: () => '没有评分更高的了。' },
  more: { en: (l) => `That's every one of our ${l} that fits.`, zh: (l) => `符合条件的${l}都给您看过了。` },
  attribute: { en: (l) => `We have no ${l} that fit.`, zh: (l) => `没有符合条件的${l}。` },
};

export function nothingText(
  relation: ListRelation,
  label: string,
  brands: string[],
  language: Language,
): string {
  return NOTHING[relation][language === 'zh' ? 'zh' : 'en'](
    label,
    brands.join(language === 'zh' ? '、' : ', '),
  );
}

/** Words that describe rather than name what is wanted ("a new mattress" names a mattress, not "new"). */
export const DESCRIBING_WORDS = new Set(
  'new good nice great best cool pretty beautiful quality decent cheap affordable something thing'.split(' '),
);

/** Verbs of asking that are not what was asked for ("do you sell bicycles" looked for bicycles). */
const REQUEST_VERBS = new Set([
  'sell',
  'carry',
  'stock',
  'offer',
  'buy',
  'purchase',
  'order',
  'got',
  'have',
  'any',
]);

/** Nothing in the catalog matches what the shopper named: say what was looked for, in their words. */
export function notCarriedText(words: string, language: Language): string {
  const content = tokenize(words).filter(
    (t) => !containsChinese(t) && !REQUEST_VERBS.has(t) && !DESCRIBING_WORDS.has(t),
  );
  const asked =
    language === 'en' && content.length > 0
      ? content.join(' ')
      : words
          .replace(/^(?:请问|你们|你家|这里|店里)*(?:有没有|有|卖|想买|要买|想要|我想要|我要)?/u, '')
          .replace(/(?:吗|呢|么|没有)?[?？!！.。]*$/u, '')
          .trim() || words;
  return language === 'zh'
    ? `抱歉，我们的商品里没有找到与“${asked}”相关的。您可以换个说法，或者看看我们有什么。`
    : `Sorry, I couldn't find anything matching "${asked}" in our catalog. Try other words, or ask what we sell.`;
}

export type ClosestKind = 'cheapest' | 'priciest' | 'best_rated' | 'closest';

export function closestText(kind: ClosestKind, product: Product, label: string, language: Language): string {
  const price = formatPrice(product.price, product.currency, language);
  const rating = product.rating?.toFixed(1);
  if (language === 'zh') {
    switch (kind) {
      case 'cheapest':
        return `${product.title}（${price}）是我们最便宜的${label}。`;
      case 'priciest':
        return `${product.title}（${price}）是我们最高端的${label}。`;
      case 'best_rated':
        return `${product.title}（评分 ${rating}，${price}）是我们评分最高的${label}。`;
      default:
        return `最接近的是 ${product.title}（${price}）。`;
    }
  }
  switch (kind) {
    case 'cheapest':
      return `The ${product.title} at ${price} is the cheapest of our ${label}.`;
    case 'priciest':
      return `The ${product.title} at ${price} is the most premium of our ${label}.`;
    case 'best_rated':
      return `The ${product.title} (${rating}/5, ${price}) is the best rated of our ${label}.`;
    default:
      return `The closest we have is the ${product.title} at ${price}.`;
  }
}

export function pickText(
  by: 'price_asc' | 'price_desc' | 'rating',
  product: Product,
  language: Language,
): string {
  const price = formatPrice(product.price, product.currency, language);
  const rating = product.rating !== undefined ? product.rating.toFixed(1) : undefined;
  if (language === 'zh') {
    const what = by === 'rating' ? `评分最高（${rating}）` : by === 'price_asc' ? '最便宜' : '最贵';
    return `这几款里 ${product.title} ${what}：${price}。需要的话我可以把它加入购物车。`;
  }
  const what =
    by === 'rating'
      ? `has the best rating (${rating}/5)`
      : by === 'price_asc'
        ? 'is the cheapest'
        : 'is the most expensive';
  return `Of those, the ${product.title} ${what}, at ${price}. Want me to add it to your cart?`;
}

export const CONVERSATION_TEXT = {
  compareIntro: { en: 'Here is how they compare:', zh: '对比如下：' },
  compareNeedTwo: {
    en: 'Tell me which two products to compare, for example "compare the first two" after a list.',
    zh: '请告诉我要比较哪两款，比如列表之后说“比较前两个”。',
  },
  cartAdded: {
    en: (title: string, quantity: number) =>
      `Added ${quantity > 1 ? `${quantity} × ` : ''}the ${title} to your cart.`,
    zh: (title: string, quantity: number) =>
      `已把${quantity > 1 ? ` ${quantity} 件` : ''} ${title} 加入购物车。`,
  },
  cartCheckout: { en: 'You can check out from the cart link.', zh: '可以点击购物车链接去结算。' },
  cartWhich: {
    en: 'Which product should I add to your cart? Say "the first one" after a list, or its name.',
    zh: '要把哪一款加入购物车？列表之后可以说“第一个”，或者告诉我商品名称。',
  },
  adviceWhich: {
    en: 'Happy to help you choose. Which kind of product is it, for example phones, laptops or perfume?',
    zh: '很乐意帮您挑选。您想买哪一类商品？比如手机、笔记本电脑或香水。',
  },
  clarify: {
    en: (label: string) => `A few ${label} to start with. What matters most: budget, brand or rating?`,
    zh: (label: string) => `先给您看几款${label}。您最看重什么：预算、品牌还是评分？`,
  },
} as const;

/** Chips that refine the current list, in the shopper's language. */
export function refinementChips(language: Language, hasBrands: boolean): string[] {
  return language === 'zh'
    ? ['便宜一点的', '评分高一点的', ...(hasBrands ? ['别的牌子'] : []), '只要有货的', '比较前两个']
    : [
        'Cheaper ones',
        'Better rated',
        ...(hasBrands ? ['A different brand'] : []),
        'Only in stock',
        'Compare the first two',
      ];
}

/** Budget chips around the category's median, for a bare category ("perfume"). Chips, never claims. */
export function priceBandChips(
  stats: { min: number; median: number; max: number },
  currency: string,
  language: Language,
): string[] {
  const round = (n: number) => Math.max(1, Math.round(n / 10) * 10);
  const low = round(stats.median * 0.75);
  const high = round(stats.median * 1.5);
  const f = (n: number) => formatPrice(n, currency, language).replace(/\.00$/, '');
  return language === 'zh'
    ? [`${f(low)}以内`, `${f(low)}到${f(high)}之间`, `${f(high)}以上`]
    : [`Under ${f(low)}`, `Between ${f(low)} and ${f(high)}`, `Over ${f(high)}`];
}
