import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateCatalog } from '../../bench/search-bench';
import { parseProducts } from '../../functions/catalog/import';
import type { Product } from '../../functions/catalog/product';
import { SearchIndex } from '../../functions/catalog/search-index';

const demoFile = path.join(__dirname, '..', '..', 'data', 'demo-store', 'products.json');

function loadDemoCatalog(): Product[] {
  return parseProducts(readFileSync(demoFile, 'utf8'), 'json', 'USD').products;
}

function product(overrides: Partial<Product> & Pick<Product, 'id' | 'title'>): Product {
  return { description: '', category: 'misc', price: 10, currency: 'USD', stock: 5, tags: [], ...overrides };
}

describe('SearchIndex over the demo catalog', () => {
  let products: Product[];
  let index: SearchIndex;

  beforeAll(() => {
    products = loadDemoCatalog();
    index = SearchIndex.build(products);
  });

  it('indexes every product and exposes its categories and brands', () => {
    // Act
    const categories = index.categories();

    // Assess
    expect(index.size).toBe(194);
    expect(categories).toHaveLength(24);
    expect(categories).toContain('smartphones');
    expect(index.brands()).toEqual(expect.arrayContaining(['Apple', 'Samsung', 'Dolce & Gabbana']));
    expect(index.get('121')?.title).toBe('iPhone 5s');
    expect(index.get('no-such-id')).toBeUndefined();
  });

  it('"cheap smartphone" within smartphones and priceMax 300 returns only smartphones at or under 300, all of them', () => {
    // Prepare
    const expected = products.filter((p) => p.category === 'smartphones' && p.price <= 300).map((p) => p.id);

    // Act
    const hits = index.search({
      text: 'cheap smartphone',
      filters: { categories: ['smartphones'], priceMax: 300 },
      limit: 50,
    });

    // Assess
    expect(hits.map((hit) => hit.product.id).sort()).toEqual(expected.sort());
    for (const { product: hit } of hits) {
      expect(hit.category).toBe('smartphones');
      expect(hit.price).toBeLessThanOrEqual(300);
    }
  });

  it('ranks smartphones first for "cheap smartphone" under 300 even without a category filter', () => {
    // Act
    const hits = index.search({ text: 'cheap smartphone', filters: { priceMax: 300 }, limit: 5 });

    // Assess
    expect(hits).toHaveLength(5);
    expect(hits.every((hit) => hit.product.category === 'smartphones' && hit.product.price <= 300)).toBe(
      true,
    );
  });

  it.each([
    ['手机', 'smartphones'],
    ['香水', 'fragrances'],
    ['perfume', 'fragrances'],
    ['fragrance', 'fragrances'],
    ['laptop', 'laptops'],
    ['笔记本电脑', 'laptops'],
    ['notebook', 'laptops'],
    ['沙发', 'furniture'],
    ['墨镜', 'sunglasses'],
    ['摩托车', 'motorcycle'],
  ])('"%s" finds %s first', (text, category) => {
    // Act
    const hits = index.search({ text, limit: 5 });

    // Assess
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.product.category === category)).toBe(true);
  });

  it('"耳机" finds the earphones and headphones (AirPods, AirPods Max, Beats) and nothing else', () => {
    // Act
    const titles = index.search({ text: '耳机' }).map((hit) => hit.product.title);

    // Assess
    expect(titles.sort()).toEqual([
      'Apple AirPods Max Silver',
      'Apple Airpods',
      'Beats Flex Wireless Earphones',
    ]);
  });

  it('finds a Chinese-titled product from its English synonym, via the lexicon applied to documents', () => {
    // Prepare
    const bilingual = SearchIndex.build([
      product({ id: 'zh-1', title: '无线蓝牙耳机', category: '数码' }),
      product({ id: 'zh-2', title: '不锈钢炒锅', category: '厨房' }),
    ]);

    // Act
    const english = bilingual.search({ text: 'wireless headphones' });
    const chinese = bilingual.search({ text: '耳机' });

    // Assess
    expect(english.map((hit) => hit.product.id)).toEqual(['zh-1']);
    expect(chinese.map((hit) => hit.product.id)).toEqual(['zh-1']);
  });

  it('reports which query terms matched, lexicon expansions included', () => {
    // Act
    const [top] = index.search({ text: '香水', limit: 1 });

    // Assess
    expect(top.matched).toEqual(expect.arrayContaining(['perfume', 'fragrance']));
  });

  it('keeps to the brand filter, case-insensitively', () => {
    // Act
    const hits = index.search({ text: 'phone', filters: { brand: 'samsung' }, limit: 50 });

    // Assess
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.product.brand === 'Samsung')).toBe(true);
  });

  it('drops out-of-stock products with the inStock filter and ranks them last without it', () => {
    // Prepare
    const outOfStock = products.find((p) => p.category === 'smartphones' && p.stock === 0);
    expect(outOfStock).toBeDefined();

    // Act
    const filtered = index.search({ text: 'smartphone', filters: { inStock: true }, limit: 50 });
    const unfiltered = index.search({
      text: 'smartphone',
      filters: { categories: ['smartphones'] },
      limit: 50,
    });

    // Assess
    expect(filtered.every((hit) => hit.product.stock > 0)).toBe(true);
    expect(filtered.some((hit) => hit.product.id === outOfStock?.id)).toBe(false);
    expect(unfiltered.at(-1)?.product.id).toBe(outOfStock?.id);
  });

  it('keeps to minRating', () => {
    // Act
    const hits = index.search({ text: 'watch', filters: { minRating: 4 }, limit: 50 });

    // Assess
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => (hit.product.rating ?? 0) >= 4)).toBe(true);
  });

  it('returns nothing for a filter no product can meet', () => {
    // Act
    const unknownCategory = index.search({ text: 'phone', filters: { categories: ['spaceships'] } });
    const unknownBrand = index.search({ filters: { brand: 'Nokia' } });
    const emptyRange = index.search({ filters: { priceMin: 100, priceMax: 50 } });

    // Assess
    expect([unknownCategory, unknownBrand, emptyRange]).toEqual([[], [], []]);
  });

  it('a boost lifts a product above better text matches', () => {
    // Prepare
    const baseline = index.search({
      text: 'smartphone',
      filters: { categories: ['smartphones'] },
      limit: 16,
    });
    const lastId = baseline.at(-1)?.product.id as string;

    // Act
    const boosted = index.search({
      text: 'smartphone',
      filters: { categories: ['smartphones'] },
      limit: 16,
      boosts: { [lastId]: 1 },
    });

    // Assess
    expect(baseline[0].product.id).not.toBe(lastId);
    expect(boosted[0].product.id).toBe(lastId);
  });

  it('with no text returns the filtered products ranked by rating and stock', () => {
    // Act
    const hits = index.search({ filters: { categories: ['laptops'] }, limit: 10 });

    // Assess
    expect(hits).toHaveLength(5);
    expect(hits.every((hit) => hit.product.category === 'laptops')).toBe(true);
    expect(hits[0].product.title).toBe('Huawei Matebook X Pro'); // rated 4.98, the best of the five
  });

  it.each([
    ['price_asc', (a: Product, b: Product) => a.price <= b.price],
    ['price_desc', (a: Product, b: Product) => a.price >= b.price],
    ['rating', (a: Product, b: Product) => (a.rating ?? 0) >= (b.rating ?? 0)],
  ] as const)('sorts by %s', (sort, inOrder) => {
    // Act
    const hits = index.search({ text: 'phone', filters: { categories: ['smartphones'] }, sort, limit: 16 });

    // Assess
    expect(hits).toHaveLength(16);
    for (let i = 1; i < hits.length; i += 1) expect(inOrder(hits[i - 1].product, hits[i].product)).toBe(true);
  });

  it('honours the limit and returns nothing for words no product contains', () => {
    // Act
    const limited = index.search({ text: 'phone', limit: 3 });
    const none = index.search({ text: 'zyzzyva' });

    // Assess
    expect(limited).toHaveLength(3);
    expect(none).toEqual([]);
  });

  it('gives price statistics for the catalog and for one category', () => {
    // Act
    const smartphones = index.priceStats('smartphones');
    const missing = index.priceStats('spaceships');

    // Assess
    expect(smartphones).toEqual({ min: 149.99, median: 299.99, max: 1099.99 });
    expect(index.priceStats().min).toBe(0.79);
    expect(missing).toEqual({ min: 0, median: 0, max: 0 });
  });

  it('lists every product id and title', () => {
    // Act
    const titles = [...index.titles()];

    // Assess
    expect(titles).toHaveLength(194);
    expect(titles).toContainEqual({ id: '121', title: 'iPhone 5s' });
  });
});

describe('SearchIndex at scale', () => {
  it('builds a 10,000-product catalog and answers filtered English and Chinese queries within the filters', () => {
    // Prepare
    const catalog = generateCatalog(10_000);

    // Act
    const index = SearchIndex.build(catalog);
    const english = index.search({ text: 'laptop', filters: { priceMax: 1500, inStock: true }, limit: 20 });
    const chinese = index.search({ text: '手机', filters: { categories: ['smartphones'] }, limit: 20 });

    // Assess
    expect(index.size).toBe(10_000);
    expect(english).toHaveLength(20);
    expect(
      english.every(
        (hit) => hit.product.category === 'laptops' && hit.product.price <= 1500 && hit.product.stock > 0,
      ),
    ).toBe(true);
    expect(chinese).toHaveLength(20);
    expect(chinese.every((hit) => hit.product.category === 'smartphones')).toBe(true);
  });
});
