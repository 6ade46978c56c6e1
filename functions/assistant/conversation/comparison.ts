import type { Product } from '../../catalog/product';
import type { Language } from '../../conversations/conversation';
import { stockLabel } from '../../catalog/stock-wording';
import { formatPrice } from '../format';

/** A side-by-side of exactly the products compared, one row per attribute, values in product order. */
export interface Comparison {
  productIds: string[];
  rows: { label: string; values: string[] }[];
}

export interface ComparisonResult {
  comparison: Comparison;
  /** One line: the best value, the best rated, what is available now. */
  verdict: string;
  /** Per product, the verdict tags that apply to it. */
  tags: Record<string, string[]>;
}

const LABELS = {
  en: {
    price: 'Price',
    rating: 'Rating',
    stock: 'Stock',
    brand: 'Brand',
    warranty: 'Warranty',
    shipping: 'Shipping',
    returns: 'Returns',
    verdict: 'Verdict',
    bestValue: 'best value',
    bestRated: 'best rated',
    availableNow: 'available now',
    none: '—',
  },
  zh: {
    price: '价格',
    rating: '评分',
    stock: '库存',
    brand: '品牌',
    warranty: '保修',
    shipping: '配送',
    returns: '退货',
    verdict: '结论',
    bestValue: '性价比最高',
    bestRated: '评分最高',
    availableNow: '现在有货',
    none: '—',
  },
} as const;

/**
 * Compares products on what the catalog knows: price, rating, stock, brand, warranty, shipping and
 * returns. The verdict names the best value (the cheapest within half a star of the best rating), the
 * best rated, and which are available now.
 */
export function buildComparison(products: Product[], language: Language): ComparisonResult {
  const l = LABELS[language === 'zh' ? 'zh' : 'en'];
  const value = (text: string | undefined) => text?.trim() || l.none;
  const tags: Record<string, string[]> = Object.fromEntries(products.map((p) => [p.id, []]));
  const topRating = Math.max(...products.map((p) => p.rating ?? 0));
  const rated = products.filter((p) => (p.rating ?? 0) > 0);
  const bestRated = rated.length
    ? rated.reduce((a, b) => ((b.rating ?? 0) > (a.rating ?? 0) ? b : a))
    : undefined;
  const nearTop = products.filter((p) => (p.rating ?? 0) >= topRating - 0.5 && p.stock > 0);
  const bestValue = (nearTop.length ? nearTop : products).reduce((a, b) => (b.price < a.price ? b : a));
  const available = products.filter((p) => p.stock > 0);
  tags[bestValue.id]?.push(l.bestValue);
  if (bestRated) tags[bestRated.id]?.push(l.bestRated);
  // "Available now" only says something when not every product is.
  if (available.length && available.length < products.length)
    for (const p of available) tags[p.id]?.push(l.availableNow);

  const rows = [
    { label: l.price, values: products.map((p) => formatPrice(p.price, p.currency, language)) },
    { label: l.rating, values: products.map((p) => (p.rating ? `${p.rating.toFixed(1)}/5` : l.none)) },
    { label: l.stock, values: products.map((p) => stockLabel(p.stock, language)) },
    { label: l.brand, values: products.map((p) => value(p.brand)) },
    { label: l.warranty, values: products.map((p) => value(p.warranty)) },
    { label: l.shipping, values: products.map((p) => value(p.shipping)) },
    { label: l.returns, values: products.map((p) => value(p.returnPolicy)) },
    { label: l.verdict, values: products.map((p) => (tags[p.id] ?? []).join(', ') || l.none) },
  ];
  const verdict =
    language === 'zh'
      ? [
          `性价比最高：${bestValue.title}`,
          bestRated ? `评分最高：${bestRated.title}` : '',
          available.length === products.length
            ? '都有现货'
            : available.length
              ? `现在有货：${available.map((p) => p.title).join('、')}`
              : '目前都缺货',
        ]
          .filter(Boolean)
          .join('；') + '。'
      : [
          `Best value: ${bestValue.title}`,
          bestRated ? `best rated: ${bestRated.title}` : '',
          available.length === products.length
            ? 'all available now'
            : available.length
              ? `available now: ${available.map((p) => p.title).join(', ')}`
              : 'none in stock right now',
        ]
          .filter(Boolean)
          .join('; ') + '.';
  return { comparison: { productIds: products.map((p) => p.id), rows }, verdict, tags };
}

/** The comparison as a text table (CLI, logs, plain-text channels). */
export function comparisonTextTable(comparison: Comparison, titles: string[]): string {
  const header = ['', ...titles.map((t) => (t.length > 28 ? `${t.slice(0, 27)}…` : t))];
  const body = comparison.rows.map((row) => [
    row.label,
    ...row.values.map((v) => (v.length > 28 ? `${v.slice(0, 27)}…` : v)),
  ]);
  const table = [header, ...body];
  const widths = header.map((_, column) => Math.max(...table.map((row) => displayWidth(row[column] ?? ''))));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - displayWidth(cell))))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line)].join('\n');
}

/** CJK characters take two columns in a terminal. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\u9fff\uff00-\uffef]/u.test(ch) ? 2 : 1;
  return width;
}
