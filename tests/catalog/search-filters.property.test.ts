import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseProducts } from '../../functions/catalog/import';
import type { Product } from '../../functions/catalog/product';
import type { SearchFilters } from '../../functions/catalog/search-query';
import { SearchIndex } from '../../functions/catalog/search-index';

const demoFile = path.join(__dirname, '..', '..', 'data', 'demo-store', 'products.json');
const products = parseProducts(readFileSync(demoFile, 'utf8'), 'json', 'USD').products;
const index = SearchIndex.build(products);

const QUERY_WORDS = [
  'phone',
  'laptop',
  'red',
  'watch',
  'women',
  'apple',
  'cheap',
  '手机',
  '香水',
  '耳机',
  '鞋',
  'the',
  '',
];

function satisfies(product: Product, filters: SearchFilters): boolean {
  const { categories, brand, priceMin, priceMax, inStock, minRating } = filters;
  if (categories && categories.length > 0 && !categories.includes(product.category)) return false;
  if (brand !== undefined && product.brand?.toLowerCase() !== brand.toLowerCase()) return false;
  if (priceMin !== undefined && product.price < priceMin) return false;
  if (priceMax !== undefined && product.price > priceMax) return false;
  if (inStock && product.stock <= 0) return false;
  if (minRating !== undefined && !((product.rating ?? Number.NaN) >= minRating)) return false;
  return true;
}

const filtersArbitrary: fc.Arbitrary<SearchFilters> = fc.record(
  {
    categories: fc.subarray(index.categories()),
    brand: fc.constantFrom(...index.brands()),
    priceMin: fc.double({ min: 0, max: 2000, noNaN: true }),
    priceMax: fc.double({ min: 0, max: 40000, noNaN: true }),
    inStock: fc.boolean(),
    minRating: fc.double({ min: 0, max: 5, noNaN: true }),
  },
  { requiredKeys: [] },
);

const textArbitrary = fc.oneof(
  fc.array(fc.constantFrom(...QUERY_WORDS), { maxLength: 4 }).map((words) => words.join(' ')),
  fc.string({ maxLength: 12 }),
  fc.constant(undefined),
);

describe('SearchIndex filters (property)', () => {
  it('never returns a product outside the filters, whatever the text, sort and limit', () => {
    fc.assert(
      fc.property(
        filtersArbitrary,
        textArbitrary,
        fc.constantFrom('relevance', 'price_asc', 'price_desc', 'rating'),
        fc.integer({ min: 1, max: 200 }),
        (filters, text, sort, limit) => {
          // Act
          const hits = index.search({ text, filters, sort: sort, limit });

          // Assess
          expect(hits.length).toBeLessThanOrEqual(limit);
          for (const { product } of hits) expect(satisfies(product, filters)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('returns every matching product when the text is empty and the limit is large', () => {
    fc.assert(
      fc.property(filtersArbitrary, (filters) => {
        // Prepare
        const expected = products.filter((product) => satisfies(product, filters)).length;

        // Act
        const hits = index.search({ filters, limit: products.length });

        // Assess
        expect(hits).toHaveLength(expected);
      }),
      { numRuns: 200 },
    );
  });
});
