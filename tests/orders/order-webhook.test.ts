import type { HttpRequest } from '../../functions/http/http-types';
import { Router } from '../../functions/http/router';
import { createOrderRoutes, signOrderPayload } from '../../functions/orders/order-webhook';
import type { Store } from '../../functions/stores/store';
import { startTestEnv, type TestEnv } from '../support/test-env';

const NOW = new Date('2026-03-18T15:00:00Z');
const SECRET = 'shop-secret-123';

const order = {
  id: 'W-1001',
  customerId: '42',
  createdAt: '2026-03-18T10:00:00Z',
  status: 'paid',
  items: [{ productId: 121, title: 'iPhone 5s', price: 199.99, quantity: 2 }],
};

function request(storeId: string, body: string, headers: Record<string, string> = {}): HttpRequest {
  return {
    method: 'POST',
    path: `/stores/${storeId}/orders`,
    headers: { 'content-type': 'application/json', ...headers },
    query: {},
    body: Buffer.from(body, 'utf8'),
  };
}

function signed(storeId: string, body: string, timestamp = Math.floor(NOW.getTime() / 1000)) {
  const ts = String(timestamp);
  return request(storeId, body, {
    'x-shopguide-timestamp': ts,
    'x-shopguide-signature': signOrderPayload(SECRET, ts, Buffer.from(body, 'utf8')),
  });
}

describe('POST /stores/{storeId}/orders', () => {
  let env: TestEnv;
  let router: Router;
  const countOrders = () =>
    env.services.orders.listBetween('shop', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');

  beforeAll(async () => {
    env = await startTestEnv({ overrides: { now: () => NOW } });
    const store: Store = {
      id: 'shop',
      name: 'Shop',
      currency: 'EUR',
      locale: 'en-GB',
      timezone: 'Europe/Berlin',
      policies: { shipping: 's', returns: 'r', warranty: 'w' },
      secret: SECRET,
      catalogVersion: 0,
      createdAt: NOW.toISOString(),
    };
    await env.services.stores.create(store);
    router = new Router(createOrderRoutes(env.services), env.services.logger);
  });
  afterAll(() => env.close());

  test('a signed order is stored with string product ids and the store currency', async () => {
    const response = await router.handle(signed('shop', JSON.stringify(order)));
    expect(response.status).toBe(200);
    expect(JSON.parse(String(response.body))).toEqual({ stored: 1, duplicates: 0, orderIds: ['W-1001'] });
    const stored = await env.services.orders.get('shop', 'W-1001');
    expect(stored).toMatchObject({ total: 399.98, currency: 'EUR', items: [{ productId: '121' }] });
  });

  test('a replayed order (a retry, signed again) is stored once', async () => {
    const response = await router.handle(
      signed('shop', JSON.stringify({ orders: [order] }), Math.floor(NOW.getTime() / 1000) + 30),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(String(response.body))).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await countOrders()).toHaveLength(1);
  });

  test.each([
    ['a wrong signature', { 'x-shopguide-signature': `sha256=${'0'.repeat(64)}` }],
    [
      'a signature made with another secret',
      { 'x-shopguide-signature': signOrderPayload('other', '1773846000', '{}') },
    ],
    ['no signature', { 'x-shopguide-signature': '' }],
  ])('%s → 401 and nothing stored', async (_name, override) => {
    const body = JSON.stringify({ ...order, id: 'W-EVIL' });
    const req = signed('shop', body);
    const response = await router.handle({ ...req, headers: { ...req.headers, ...override } });
    expect(response.status).toBe(401);
    expect(await env.services.orders.get('shop', 'W-EVIL')).toBeUndefined();
  });

  test('a body changed after signing → 401', async () => {
    const req = signed('shop', JSON.stringify({ ...order, id: 'W-2' }));
    const response = await router.handle({
      ...req,
      body: Buffer.from(JSON.stringify({ ...order, id: 'W-3' })),
    });
    expect(response.status).toBe(401);
  });

  test('a timestamp older than 5 minutes → 401, even with a valid signature', async () => {
    const stale = Math.floor(NOW.getTime() / 1000) - 301;
    const response = await router.handle(signed('shop', JSON.stringify({ ...order, id: 'W-OLD' }), stale));
    expect(response.status).toBe(401);
    expect(await env.services.orders.get('shop', 'W-OLD')).toBeUndefined();
  });

  test('a malformed body → 400 with the reason, and nothing stored', async () => {
    expect((await router.handle(signed('shop', '{"id": '))).status).toBe(400);
    const invalid = await router.handle(
      signed(
        'shop',
        JSON.stringify([
          { ...order, id: 'W-4' },
          { ...order, id: 'W-5', items: [] },
        ]),
      ),
    );
    expect(invalid.status).toBe(400);
    expect(JSON.parse(String(invalid.body)).details[0]).toMatchObject({
      row: 2,
      message: expect.stringContaining('items'),
    });
    expect(await env.services.orders.get('shop', 'W-4')).toBeUndefined();
  });

  test('an unknown store → 404', async () => {
    expect((await router.handle(signed('nope', JSON.stringify(order)))).status).toBe(404);
  });
});
