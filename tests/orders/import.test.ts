import { importOrders, parseCsvOrders, parseJsonOrders } from '../../functions/orders/import';
import { startTestEnv, type TestEnv } from '../support/test-env';

const CSV = [
  'order_id,customer_id,created_at,status,product_id,title,price,quantity',
  '5001,42,2026-03-10T12:00:00Z,paid,121,iPhone 5s,199.99,1',
  '5001,42,2026-03-10T12:00:00Z,paid,6,Calvin Klein CK One,49.99,2',
  '5002,43,not-a-date,paid,7,Chanel Coco Noir,129.99,1',
  "5003,44,2026-03-11T08:30:00+08:00,shipped,8,Dior J'adore,89.99,0",
  '5004,45,2026-03-12T09:00:00Z,,9,Gucci Bloom,79.99,1',
].join('\n');

describe('order import', () => {
  test('CSV rows of one order are grouped, and bad rows are reported with their line', () => {
    const { orders, errors } = parseCsvOrders(CSV, 'demo', 'USD');
    expect(orders.map((o) => o.id)).toEqual(['5001', '5004']);
    expect(orders[0]).toMatchObject({
      customerId: '42',
      total: 299.97,
      items: [{ productId: '121' }, { productId: '6' }],
    });
    expect(orders[1].status).toBe('paid');
    expect(errors.map((e) => e.row)).toEqual([4, 5]);
    // Errors name the column as the file's header spells it.
    expect(errors[0].message).toContain('created_at');
    expect(errors[1].message).toContain('quantity');
  });

  test('JSON accepts an array or {orders}, and reports duplicates within the file', () => {
    const one = {
      id: 1,
      customerId: 2,
      createdAt: '2026-03-10T12:00:00Z',
      items: [{ productId: 3, title: 'X', price: 1, quantity: 1 }],
    };
    expect(parseJsonOrders(JSON.stringify({ orders: [one] }), 'demo', 'USD').orders[0].id).toBe('1');
    const { errors } = parseJsonOrders(JSON.stringify([one, one]), 'demo', 'USD');
    expect(errors).toEqual([{ row: 2, message: 'order 1 appears twice in the file' }]);
    expect(() => parseJsonOrders('not json', 'demo', 'USD')).toThrow('not valid JSON');
  });

  describe('into the store', () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await startTestEnv({ seedDemo: true });
    });
    afterAll(() => env.close());

    test('a re-import stores nothing twice and reports progress', async () => {
      const progress: number[] = [];
      const first = await importOrders(env.services, 'demo', CSV, 'csv', (done) => progress.push(done));
      expect(first).toMatchObject({ stored: 2, duplicates: 0 });
      expect(progress.at(-1)).toBe(2);
      const second = await importOrders(env.services, 'demo', CSV, 'csv');
      expect(second).toMatchObject({ stored: 0, duplicates: 2 });
    });
  });
});
