import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importProductsCommand } from '../../bin/cli/import';
import { importOrdersCommand } from '../../bin/cli/import-orders';
import { parseProducts } from '../../functions/catalog/import';
import { parseCsvOrders } from '../../functions/orders/import';
import { startTestEnv, type TestEnv } from '../support/test-env';

const HEADER = 'id,title,category,price,stock';

describe('import errors say what is wrong', () => {
  test('a negative price is not "not a number", a fractional stock is not a whole number', () => {
    const { errors } = parseProducts(`${HEADER}\n1,Mug,kitchen,-4,3\n2,Cup,kitchen,3,2.5\n`, 'csv', 'USD');
    expect(errors).toEqual([
      { row: 2, message: 'price must be 0 or more' },
      { row: 3, message: 'stock must be a whole number' },
    ]);
  });

  test('a broken CSV quote names its line, for products and for orders', () => {
    expect(() =>
      parseProducts(`${HEADER}\n1,Mug,kitchen,4,3\n2,"Broken,kitchen,1,1\n`, 'csv', 'USD'),
    ).toThrow(/not valid CSV \(line \d+\): .*quote/i);
    expect(() =>
      parseCsvOrders(
        'id,customerId,createdAt,productId,title,price,quantity\n1,2,x,3,"Bad,1,1\n',
        'demo',
        'USD',
      ),
    ).toThrow(/not valid CSV \(line \d+\)/);
  });
});

describe('orders CSV columns', () => {
  const camel = [
    'id,customerId,createdAt,status,productId,title,price,quantity,trackingNumber',
    '7001,42,2026-03-10T12:00:00Z,shipped,121,iPhone 5s,199.99,1,1Z999',
    '7001,42,2026-03-10T12:00:00Z,shipped,6,CK One,49.99,2,1Z999',
    '7002,43,2026-03-10T12:00:00Z,paid,7,Coco Noir,-5,1,',
  ].join('\n');

  test('take the products CSV naming (camelCase)', () => {
    const { orders, errors } = parseCsvOrders(camel, 'demo', 'USD');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      id: '7001',
      customerId: '42',
      status: 'shipped',
      trackingNumber: '1Z999',
      total: 299.97,
      items: [{ productId: '121' }, { productId: '6', quantity: 2 }],
    });
    expect(errors).toEqual([{ row: 4, message: 'price: must be 0 or more' }]);
  });

  test('row errors name the column as the file spells it, on the line of the bad item', () => {
    const snake = [
      'order_id,customer_id,created_at,product_id,title,price,quantity',
      '8001,42,2026-03-10T12:00:00Z,1,Mug,3,1',
      '8001,42,2026-03-10T12:00:00Z,2,Cup,3,2.5',
      '8002,,yesterday,3,Pen,1,1',
    ].join('\n');
    const { orders, errors } = parseCsvOrders(snake, 'demo', 'USD');
    expect(orders).toEqual([]);
    expect(errors).toEqual([
      { row: 3, message: 'quantity: must be a whole number' },
      { row: 4, message: expect.stringMatching(/^customer_id: is required/) },
      { row: 4, message: 'created_at: must be an ISO 8601 date-time such as 2026-03-10T12:00:00Z' },
    ]);
  });

  test('a header without a required column is refused as a whole, naming it', () => {
    expect(() => parseCsvOrders('id,customerId,title,price,quantity\n1,2,Mug,3,1', 'demo', 'USD')).toThrow(
      'The orders CSV header lacks: createdAt, productId',
    );
  });
});

describe('shopguide import: files and counts', () => {
  let env: TestEnv;
  const dir = mkdtempSync(path.join(tmpdir(), 'shopguide-import-'));
  const run = async (command: typeof importProductsCommand, args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    return { code: await command(args, io, env.services), out, err };
  };

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true });
  });
  afterAll(async () => {
    await env.close();
  });

  test('a .txt file that exists is the wrong kind of file; a missing file is missing', async () => {
    const txt = path.join(dir, 'catalog.txt');
    writeFileSync(txt, HEADER);
    await expect(run(importProductsCommand, [txt, '--store', 'demo'])).rejects.toThrow(
      'use a .json or .csv file',
    );
    await expect(run(importProductsCommand, [path.join(dir, 'nope.csv'), '--store', 'demo'])).rejects.toThrow(
      `No such file: ${path.join(dir, 'nope.csv')}`,
    );
  });

  test('one product and one rejected row read as singular', async () => {
    const csv = path.join(dir, 'one.csv');
    writeFileSync(csv, `${HEADER}\nsolo-1,Solo Mug,kitchen,4,3\nsolo-2,Bad Mug,kitchen,-4,3\n`);
    const { out, err } = await run(importProductsCommand, [csv, '--store', 'demo']);
    expect(err).toContain('row 3: price must be 0 or more');
    expect(out[0]).toMatch(/^Imported 1 product into demo \(1 row rejected\)\. Catalog version \d+\.$/);

    const orders = path.join(dir, 'one-order.csv');
    writeFileSync(
      orders,
      'id,customerId,createdAt,productId,title,price,quantity\no-1,c-1,2026-03-10T12:00:00Z,solo-1,Solo Mug,4,1\n',
    );
    const imported = await run(importOrdersCommand, [orders, '--store', 'demo']);
    expect(imported.out).toEqual(['Imported 1 order into demo; 0 already present, 0 rows rejected.']);
  });
});
