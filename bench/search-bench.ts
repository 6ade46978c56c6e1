import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseProducts } from '../functions/catalog/import';
import type { Product } from '../functions/catalog/product';
import type { SearchQuery } from '../functions/catalog/search-query';
import { SearchIndex } from '../functions/catalog/search-index';
import type { BenchRow } from './bench-row';
import { percentile, round } from './stats';

const CATALOG_SIZE = 10_000;
const QUERY_COUNT = 500;
const MEASURED_PASSES = 3;
const BUILD_RUNS = 3;
const SEARCH_P95_BAR_MS = 5;
const BUILD_BAR_MS = 1000;

const VARIANTS = ['Plus', 'Lite', 'Pro', 'Max', 'Mini', 'Air', 'Ultra', 'Classic', 'Sport', 'Edition'];
const COLOURS = ['Black', 'White', 'Red', 'Blue', 'Green', 'Silver', 'Gold', 'Grey', 'Pink', 'Navy'];
const LINES = ['Studio', 'Outdoor', 'Home', 'Select', 'Essentials'];
const HOUSE_BRANDS = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Litware', 'Adatum', 'Proseware'];

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so every run benchmarks the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

/** The demo store's products, as the importer reads them. */
export function loadDemoProducts(): Product[] {
  const file = path.join(__dirname, '..', 'data', 'demo-store', 'products.json');
  return parseProducts(readFileSync(file, 'utf8'), 'json', 'USD').products;
}

function brandVariant(brand: string | undefined, random: () => number): string | undefined {
  const roll = random();
  if (brand) return roll < 0.7 ? brand : `${brand} ${pick(LINES, random)}`;
  return roll < 0.5 ? undefined : pick(HOUSE_BRANDS, random);
}

/**
 * A catalog of `size` products made by varying the demo products: titles, brands, prices, stock and
 * ratings are jittered deterministically from `seed`.
 */
export function generateCatalog(
  size: number,
  seed = 42,
  base: readonly Product[] = loadDemoProducts(),
): Product[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, i) => {
    const original = base[i % base.length];
    const price = Math.max(0.99, Math.round(original.price * (0.7 + random() * 0.6)) - 0.01);
    const rating = Math.min(5, Math.max(1, (original.rating ?? 3) + (random() - 0.5)));
    const product: Product = {
      ...original,
      id: String(i + 1),
      title: `${original.title} ${pick(VARIANTS, random)} ${pick(COLOURS, random)}`,
      price: round(price),
      stock: random() < 0.1 ? 0 : Math.floor(random() * 150),
      rating: round(rating),
      sku: `${original.sku ?? 'SKU'}-${i}`,
    };
    const brand = brandVariant(original.brand, random);
    if (brand) product.brand = brand;
    else delete product.brand;
    return product;
  });
}

const ENGLISH_QUERIES = [
  'cheap smartphone',
  'phone',
  'laptop',
  'wireless earphones',
  'perfume',
  'red lipstick',
  'women watch',
  'mens shirt',
  'running shoes',
  'sofa',
  'kitchen knife',
  'fresh fruit',
  'sunglasses',
  'leather bag',
  'gold earring',
  'motorcycle',
  'tablet',
  'apple',
  'samsung galaxy',
  'dress',
  'basketball',
  'charger',
  'phone case',
  'table lamp',
  'blender',
];
const CHINESE_QUERIES = [
  '手机',
  '便宜的手机',
  '笔记本电脑',
  '耳机',
  '香水',
  '口红',
  '女士手表',
  '衬衫',
  '运动鞋',
  '沙发',
  '厨房刀具',
  '水果',
  '墨镜',
  '包包',
  '项链',
  '摩托车',
  '平板电脑',
  '苹果手机',
  '三星',
  '连衣裙',
  '篮球',
  '充电器',
  '手机壳',
  '台灯',
  '蓝牙音箱',
];

/** Mixed English and Chinese queries; about half carry filters, a few are filter-only. */
export function generateQueries(index: SearchIndex, count: number, seed = 7): SearchQuery[] {
  const random = seededRandom(seed);
  const categories = index.categories();
  const brands = index.brands();
  const sorts: SearchQuery['sort'][] = ['relevance', 'price_asc', 'price_desc', 'rating'];
  return Array.from({ length: count }, (_, i) => {
    const text = i % 10 === 9 ? '' : pick(i % 2 === 0 ? ENGLISH_QUERIES : CHINESE_QUERIES, random);
    if (random() < 0.5 && text !== '') return { text, limit: 10 };
    const priceMax = random() < 0.5 ? Math.round(50 + random() * 2000) : undefined;
    return {
      text,
      limit: 10,
      sort: pick(sorts, random),
      filters: {
        categories: random() < 0.6 ? [pick(categories, random)] : undefined,
        brand: random() < 0.15 ? pick(brands, random) : undefined,
        priceMax,
        priceMin: priceMax !== undefined && random() < 0.3 ? Math.round(priceMax / 4) : undefined,
        inStock: random() < 0.5,
        minRating: random() < 0.3 ? 3.5 : undefined,
      },
    };
  });
}

function timeBuilds(products: Product[]): { first: number; median: number; index: SearchIndex } {
  const durations: number[] = [];
  let index: SearchIndex | undefined;
  for (let run = 0; run < BUILD_RUNS; run += 1) {
    const started = performance.now();
    index = SearchIndex.build(products);
    durations.push(performance.now() - started);
  }
  return { first: durations[0], median: percentile(durations, 50), index: index as SearchIndex };
}

function timeSearches(index: SearchIndex, queries: readonly SearchQuery[]): number[] {
  for (const query of queries) index.search(query);
  const durations: number[] = [];
  for (let pass = 0; pass < MEASURED_PASSES; pass += 1) {
    for (const query of queries) {
      const started = performance.now();
      index.search(query);
      durations.push(performance.now() - started);
    }
  }
  return durations;
}

/**
 * Catalog search on a generated 10,000-product catalog: index build time (the first build, as a cold
 * process pays it, and the median of three) and search latency over 500 mixed English and Chinese queries,
 * with and without filters, after one warm-up pass.
 */
export async function benchSearch(): Promise<BenchRow[]> {
  const products = generateCatalog(CATALOG_SIZE);
  const build = timeBuilds(products);
  const queries = generateQueries(build.index, QUERY_COUNT);
  const durations = timeSearches(build.index, queries);
  const p95 = percentile(durations, 95);
  const area = 'catalog search';
  return [
    {
      area,
      metric: `index build, ${CATALOG_SIZE.toLocaleString('en-US')} products (first)`,
      value: round(build.first),
      unit: 'ms',
      bar: `≤ ${BUILD_BAR_MS} ms`,
      pass: build.first <= BUILD_BAR_MS,
    },
    { area, metric: 'index build (median of 3)', value: round(build.median), unit: 'ms' },
    {
      area,
      metric: `search p50 (${durations.length} queries)`,
      value: round(percentile(durations, 50), 3),
      unit: 'ms',
    },
    {
      area,
      metric: 'search p95',
      value: round(p95, 3),
      unit: 'ms',
      bar: `≤ ${SEARCH_P95_BAR_MS} ms`,
      pass: p95 <= SEARCH_P95_BAR_MS,
    },
    { area, metric: 'search p99', value: round(percentile(durations, 99), 3), unit: 'ms' },
  ];
}
