import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CatalogImportError, detectFormat, parseProducts } from '../../functions/catalog/import';
import { ShopGuideError } from '../../functions/errors/errors';

const demoFile = path.join(__dirname, '..', '..', 'data', 'demo-store', 'products.json');

describe('parseProducts: demo store JSON', () => {
  it('imports all 194 demo products without errors and maps the DummyJSON field names', () => {
    // Prepare
    const content = readFileSync(demoFile, 'utf8');

    // Act
    const { products, errors } = parseProducts(content, 'json', 'usd');

    // Assess
    expect(errors).toEqual([]);
    expect(products).toHaveLength(194);
    const iphone = products.find((product) => product.id === '121');
    expect(iphone).toMatchObject({
      id: '121',
      title: 'iPhone 5s',
      category: 'smartphones',
      brand: 'Apple',
      price: 199.99,
      currency: 'USD',
      stock: 25,
      tags: ['smartphones', 'apple'],
      sku: expect.any(String),
      warranty: expect.stringMatching(/warranty/i),
      shipping: expect.stringMatching(/ship/i),
      returnPolicy: expect.stringMatching(/return/i),
    });
  });

  it('accepts the demo shape wrapped in {"products": [...]} and leaves brand absent where the source has none', () => {
    // Prepare
    const content = JSON.stringify({
      products: [
        {
          id: 16,
          title: 'Apple',
          description: 'Fresh apples',
          category: 'groceries',
          price: 1.99,
          stock: 8,
          tags: ['fruits'],
          warrantyInformation: '1 month warranty',
          shippingInformation: 'Ships overnight',
          returnPolicy: '7 days return policy',
          reviews: [{ rating: 5 }],
        },
      ],
      total: 1,
    });

    // Act
    const { products, errors } = parseProducts(content, 'json', 'USD');

    // Assess
    expect(errors).toEqual([]);
    expect(products).toEqual([
      {
        id: '16',
        title: 'Apple',
        description: 'Fresh apples',
        category: 'groceries',
        price: 1.99,
        currency: 'USD',
        stock: 8,
        tags: ['fruits'],
        warranty: '1 month warranty',
        shipping: 'Ships overnight',
        returnPolicy: '7 days return policy',
      },
    ]);
  });
});

describe('parseProducts: generic JSON', () => {
  it('reads the documented fields, splits ;-separated tags and keeps a row currency over the default', () => {
    // Prepare
    const content = JSON.stringify([
      {
        id: 'sku-1',
        title: 'Trail Runner',
        description: 'Light running shoe',
        category: 'Running Shoes',
        brand: 'Contoso',
        price: '89.50',
        currency: 'eur',
        stock: 4,
        tags: 'shoes; running ;',
        rating: 4.5,
        warranty: '1 year',
      },
      { id: 'sku-2', title: 'Sock', description: '', category: 'socks', price: 5, stock: 0, tags: ['wool'] },
    ]);

    // Act
    const { products, errors } = parseProducts(content, 'json', 'USD');

    // Assess
    expect(errors).toEqual([]);
    expect(products[0]).toEqual({
      id: 'sku-1',
      title: 'Trail Runner',
      description: 'Light running shoe',
      category: 'running-shoes',
      brand: 'Contoso',
      price: 89.5,
      currency: 'EUR',
      stock: 4,
      tags: ['shoes', 'running'],
      rating: 4.5,
      warranty: '1 year',
    });
    expect(products[1]).toMatchObject({ id: 'sku-2', currency: 'USD', stock: 0, tags: ['wool'] });
  });

  it('reports each bad row with its 1-based position and keeps the good rows', () => {
    // Prepare
    const content = JSON.stringify([
      { id: 1, title: 'Good', description: 'ok', category: 'misc', price: 1, stock: 1 },
      { id: 2, description: 'no title', category: 'misc', price: 1, stock: 1 },
      { id: 3, title: 'Negative', description: '', category: 'misc', price: -5, stock: 1 },
      'not an object',
      { id: 5, title: 'Fractional stock', description: '', category: 'misc', price: 5, stock: 1.5 },
      { id: 1, title: 'Duplicate', description: '', category: 'misc', price: 1, stock: 1 },
      { id: 7, title: 'Also good', description: '', category: 'misc', price: 0, stock: 0 },
    ]);

    // Act
    const { products, errors } = parseProducts(content, 'json', 'USD');

    // Assess
    expect(products.map((product) => product.id)).toEqual(['1', '7']);
    expect(errors.map((error) => error.row)).toEqual([2, 3, 4, 5, 6]);
    expect(errors[0].message).toMatch(/title/);
    expect(errors[1].message).toMatch(/price/);
    expect(errors[3].message).toMatch(/stock/);
    expect(errors[4].message).toMatch(/duplicate id 1/);
  });
});

describe('parseProducts: CSV', () => {
  it('reads Chinese text, quoted commas, quoted line breaks and ;-separated tags', () => {
    // Prepare
    const content = [
      'id,title,description,category,brand,price,currency,stock,tags,rating',
      '1,华为手机 Mate,"大屏幕, 长续航",smartphones,Huawei,"1,299.00",,12,手机;华为,4.6',
      '2,"Desk Lamp, LED","Warm light,',
      'two lines",home-decoration,,19.99,USD,3,,',
    ].join('\n');

    // Act
    const { products, errors } = parseProducts(content, 'csv', 'CNY');

    // Assess
    expect(errors).toEqual([]);
    expect(products).toEqual([
      {
        id: '1',
        title: '华为手机 Mate',
        description: '大屏幕, 长续航',
        category: 'smartphones',
        brand: 'Huawei',
        price: 1299,
        currency: 'CNY',
        stock: 12,
        tags: ['手机', '华为'],
        rating: 4.6,
      },
      {
        id: '2',
        title: 'Desk Lamp, LED',
        description: 'Warm light,\ntwo lines',
        category: 'home-decoration',
        price: 19.99,
        currency: 'USD',
        stock: 3,
        tags: [],
      },
    ]);
  });

  it('reports bad rows by the file line where they start, after multi-line records and blank lines', () => {
    // Prepare
    const content = [
      'id,title,description,category,price,stock', // line 1
      '1,Good,"first line', // line 2
      'second line",misc,1,1', // line 3
      '2,Bad price,x,misc,abc,1', // line 4
      '', // line 5
      '3,,x,misc,1,1', // line 6
      '4,Short row', // line 7
      '5,Fine,x,misc,2,2', // line 8
    ].join('\n');

    // Act
    const { products, errors } = parseProducts(content, 'csv', 'USD');

    // Assess
    expect(products.map((product) => product.id)).toEqual(['1', '5']);
    expect(errors.map((error) => error.row)).toEqual([4, 6, 7]);
    expect(errors[0].message).toMatch(/price/);
    expect(errors[1].message).toMatch(/title/);
    expect(errors[2].message).toMatch(/category/);
  });
});

describe('parseProducts: unreadable files', () => {
  it.each([
    ['invalid JSON', '{"products": [', 'json'],
    ['JSON that is neither an array nor {products}', '{"items": []}', 'json'],
    ['CSV with an unclosed quote', 'id,title,category,price,stock\n1,"Broken,misc,1,1', 'csv'],
    ['CSV whose header lacks required columns', 'id,name,price\n1,Thing,3', 'csv'],
    ['an empty CSV file', '', 'csv'],
  ] as const)('throws a 400 CatalogImportError for %s', (_case, content, format) => {
    // Prepare
    const parse = () => parseProducts(content, format, 'USD');

    // Act
    let thrown: unknown;
    try {
      parse();
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(CatalogImportError);
    expect(thrown).toBeInstanceOf(ShopGuideError);
    expect((thrown as CatalogImportError).status).toBe(400);
    expect((thrown as CatalogImportError).name).toBe('CatalogImportError');
  });
});

describe('detectFormat', () => {
  it.each([
    ['products.json', 'json'],
    ['exports/Catalog.CSV', 'csv'],
    ['  spaced.csv ', 'csv'],
  ] as const)('reads %s as %s', (fileName, format) => {
    // Act
    const detected = detectFormat(fileName);

    // Assess
    expect(detected).toBe(format);
  });

  it('rejects other extensions with a CatalogImportError naming the file', () => {
    // Act
    const detect = () => detectFormat('catalog.xlsx');

    // Assess
    expect(detect).toThrow(CatalogImportError);
    expect(detect).toThrow(/catalog\.xlsx/);
  });
});
