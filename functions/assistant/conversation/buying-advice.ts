import { categoryLabel } from '../../catalog/lexicon';
import type { Product } from '../../catalog/product';
import { tokenize } from '../../catalog/tokenize';
import type { Language } from '../../conversations/conversation';
import { formatPrice } from '../format';

export interface BuyingAdvice {
  text: string;
  /** Two or three picks spanning the store's price bands, cheapest band first. */
  picks: Product[];
  reasons: Record<string, string>;
}

const PICK_REASONS = [
  'best rated at a budget price',
  'best rated in the mid-range',
  'best rated premium pick',
];
const BAND_NAMES = {
  en: ['Budget', 'Mid-range', 'Premium'],
  zh: ['入门', '中端', '高端'],
} as const;

/**
 * A short buying guide for one category, grounded in this store's catalog: the price range and bands it
 * really has, the brands it carries, what differs between its products (rating, stock, warranty,
 * shipping, returns, words of the descriptions), then the best-rated pick of each price band. Every
 * number is a catalog value; nothing is said about specifications the data does not hold.
 */
export function buildBuyingAdvice(
  products: Product[],
  category: string,
  language: Language,
): BuyingAdvice | undefined {
  if (!products.length) return undefined;
  const zh = language === 'zh';
  const lang = zh ? 'zh' : 'en';
  const label = categoryLabel(category, lang);
  const sorted = [...products].sort((a, b) => a.price - b.price);
  const price = (p: Product) => formatPrice(p.price, p.currency, language);
  const bands = priceBands(sorted);
  const lines: string[] = [];

  const cheapest = sorted[0];
  const priciest = sorted[sorted.length - 1];
  const bandText = bands
    .map((band, i) => {
      const name = BAND_NAMES[lang][bands.length === 2 ? i * 2 : i] ?? '';
      const first = band[0];
      const last = band[band.length - 1];
      const range = first === last ? price(first) : `${price(first)}–${price(last)}`;
      return zh ? `${name} ${range}（${band.length} 款）` : `${name} ${range} (${band.length})`;
    })
    .join(zh ? '，' : ', ');
  lines.push(
    zh
      ? `• 价格：本店${label}从 ${price(cheapest)} 到 ${price(priciest)}。${bands.length > 1 ? `${bandText}。` : ''}`
      : `• Price: our ${label.toLowerCase()} run from ${price(cheapest)} to ${price(priciest)}.${bands.length > 1 ? ` ${bandText}.` : ''}`,
  );

  const brands = countBy(products.map((p) => p.brand).filter((b): b is string => !!b));
  if (brands.length)
    lines.push(
      zh
        ? `• 品牌：${brands
            .slice(0, 6)
            .map(([b, n]) => `${b}（${n}）`)
            .join('、')}。`
        : `• Brands we carry: ${brands
            .slice(0, 6)
            .map(([b, n]) => `${b} (${n})`)
            .join(', ')}.`,
    );

  const differences = differencesOf(products, language);
  if (differences.length)
    lines.push(zh ? `• 差别在于：${differences.join('；')}。` : `• What differs: ${differences.join('; ')}.`);
  const words = distinctiveWords(products);
  if (words.length)
    lines.push(
      zh
        ? `• 描述里常见的区别点：${words.join('、')}。`
        : `• Words that set them apart in the descriptions: ${words.join(', ')}.`,
    );

  const picks = bands.map((band) => band.reduce((a, b) => ((b.rating ?? 0) > (a.rating ?? 0) ? b : a)));
  const reasons: Record<string, string> = {};
  picks.forEach((pick, i) => {
    const name = BAND_NAMES[lang][bands.length === 2 ? i * 2 : i] ?? '';
    reasons[pick.id] = zh ? `${name}价位里评分最高` : (PICK_REASONS[bands.length === 2 ? i * 2 : i] ?? '');
  });
  const heading = zh
    ? `如何挑选${label}（按本店的商品）：`
    : `How to choose ${label.toLowerCase()} (from what we carry):`;
  const pickLines = picks.map((p) =>
    zh
      ? `• ${p.title}：${price(p)}${p.rating ? `，评分 ${p.rating.toFixed(1)}` : ''} — ${reasons[p.id]}`
      : `• ${p.title}: ${price(p)}${p.rating ? `, rated ${p.rating.toFixed(1)}/5` : ''} — ${reasons[p.id]}`,
  );
  const text = [
    heading,
    ...lines,
    '',
    zh ? '不同预算的推荐：' : 'Picks across budgets:',
    ...pickLines,
    '',
    zh
      ? '先定预算，再看您在意的品牌和售后。告诉我预算，我帮您缩小范围。'
      : 'Set a budget first, then weigh brand and after-sales terms. Tell me your budget and I will narrow it down.',
  ].join('\n');
  return { text, picks, reasons };
}

/** Up to three price bands of about equal size (two for small categories, one for one or two products). */
function priceBands(sorted: Product[]): Product[][] {
  const count = sorted.length >= 6 ? 3 : sorted.length >= 3 ? 2 : 1;
  const bands: Product[][] = [];
  for (let i = 0; i < count; i++) {
    const band = sorted.slice(
      Math.round((i * sorted.length) / count),
      Math.round(((i + 1) * sorted.length) / count),
    );
    if (band.length) bands.push(band);
  }
  return bands;
}

function differencesOf(products: Product[], language: Language): string[] {
  const zh = language === 'zh';
  const out: string[] = [];
  const ratings = products.map((p) => p.rating).filter((r): r is number => r !== undefined);
  if (ratings.length > 1) {
    const low = Math.min(...ratings).toFixed(1);
    const high = Math.max(...ratings).toFixed(1);
    if (low !== high) out.push(zh ? `评分从 ${low} 到 ${high}` : `ratings from ${low} to ${high}`);
  }
  const inStock = products.filter((p) => p.stock > 0).length;
  // Worded so no count sits right before "in stock", where it would read as a stock figure.
  out.push(
    zh ? `${products.length} 款中 ${inStock} 款有货` : `in stock now: ${inStock} of ${products.length}`,
  );
  const terms: [string, string, (p: Product) => string | undefined][] = [
    ['warranty', '保修', (p) => p.warranty],
    ['shipping', '配送', (p) => p.shipping],
    ['returns', '退货', (p) => p.returnPolicy],
  ];
  for (const [en, zhName, get] of terms) {
    const values = countBy(products.map(get).filter((v): v is string => !!v)).map(([v]) => v);
    if (values.length > 1) out.push(`${zh ? zhName : en}: ${values.slice(0, 3).join(zh ? ' / ' : ' / ')}`);
  }
  return out;
}

const COMMON = new Set(
  'the and for with this that your you are from its has have into all our can any each more most very also will not but designed perfect ideal great high quality features feature product products offers offer made provides provide best new style stylish use used'.split(
    ' ',
  ),
);

/** Description words found in several products but not all: the features that tell them apart. */
function distinctiveWords(products: Product[]): string[] {
  if (products.length < 3) return [];
  const counts = new Map<string, number>();
  for (const product of products) {
    const words = new Set(
      tokenize(product.description).filter((w) => /^[a-z]{4,}$/.test(w) && !COMMON.has(w)),
    );
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts.entries()]
    .filter(([, n]) => n >= 2 && n < products.length)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([w]) => w);
}

function countBy(values: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
