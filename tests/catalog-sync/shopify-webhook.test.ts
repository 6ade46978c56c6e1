import { readFileSync } from 'node:fs';
import path from 'node:path';
import { htmlToText } from '../../functions/catalog-sync/shopify-product';
import { parseShopifyJson, signShopifyPayload } from '../../functions/catalog-sync/shopify-webhook';
import { loadConfig } from '../../functions/config/config';
import { startLocalServer, type LocalServer } from '../../functions/local/server';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/shopify', name), 'utf8');
const SECRET = 'shpss_test_webhook_secret';

describe('POST /stores/{storeId}/shopify/webhooks', () => {
  let server: LocalServer;
  let delivery = 0;
  const deliver = async (topic: string, body: string, options: { id?: string; hmac?: string } = {}) => {
    const response = await fetch(`${server.url}/stores/demo/shopify/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': options.hmac ?? signShopifyPayload(SECRET, body),
        'x-shopify-webhook-id': options.id ?? `delivery-${++delivery}`,
        'x-shopify-shop-domain': 'demo.myshopify.com',
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const merino = () => server.services.products.get('demo', '788032119674292922');

  beforeAll(async () => {
    const config = loadConfig({ SHOPGUIDE_RUNTIME: 'test', LOG_LEVEL: 'SILENT', PORT: '0' });
    server = await startLocalServer({ config });
    const demo = (await server.services.stores.get('demo'))!;
    await server.services.stores.save({ ...demo, shopify: { webhookSecret: SECRET } });
  });
  afterAll(async () => server.close());

  test('products/create maps title, HTML, vendor, type, variant prices and stock, tags and image', async () => {
    const result = await deliver('products/create', fixture('product.json'));
    expect(result).toMatchObject({ status: 200, body: { upserted: 1, rejected: 0 } });
    expect(await merino()).toEqual({
      id: '788032119674292922',
      title: 'Alpine Merino T-Shirt',
      description:
        'A lightweight merino tee for trail days.\nOdour resistant\nMade in Portugal & dyed locally',
      category: 'mens-shirts',
      brand: 'Northpeak',
      // The cheapest variant is 48.00 on a 64.00 compare-at price: list price 64 with a 25% discount.
      price: 64,
      discountPercentage: 25,
      currency: 'USD',
      stock: 10,
      tags: ['merino', 'hiking', 'mens'],
      sku: 'AMT-S',
      thumbnail: 'https://cdn.shopify.com/s/files/1/0000/0001/products/alpine-merino.jpg',
    });
  });

  test('the same delivery id twice is processed once', async () => {
    const body = JSON.stringify({
      ...(parseShopifyJson(fixture('product.json')) as object),
      title: 'Alpine Merino Tee',
    });
    const first = await deliver('products/update', body, { id: 'dup-1' });
    expect(first.body).toMatchObject({ upserted: 1 });
    const version = (await server.services.stores.get('demo', { fresh: true }))?.catalogVersion;
    const again = await deliver('products/update', body, { id: 'dup-1' });
    expect(again).toEqual({ status: 200, body: { duplicate: true } });
    expect((await server.services.stores.get('demo', { fresh: true }))?.catalogVersion).toBe(version);
  });

  test('inventory_levels/update changes the product stock through its inventory item', async () => {
    const result = await deliver('inventory_levels/update', fixture('inventory-level.json'));
    expect(result.body).toMatchObject({ patched: 1 });
    // The small variant's location now has 0; the medium variant still has Shopify's total of 6.
    expect((await merino())?.stock).toBe(6);
    const unknownItem = JSON.stringify({ inventory_item_id: 1, location_id: 2, available: 3 });
    expect((await deliver('inventory_levels/update', unknownItem)).body).toEqual({
      ignored: 'inventory_levels/update',
    });
  });

  test('a draft is kept but not offered; products/delete removes the product', async () => {
    const draft = JSON.stringify({
      ...(parseShopifyJson(fixture('product.json')) as object),
      status: 'draft',
    });
    await deliver('products/update', draft);
    expect((await merino())?.available).toBe(false);
    expect((await server.services.catalog.getIndex('demo')).get('788032119674292922')).toBeUndefined();

    expect((await deliver('products/delete', fixture('product-delete.json'))).body).toMatchObject({
      deleted: 1,
    });
    expect(await merino()).toBeUndefined();
  });

  test('a bad or missing HMAC → 401 and nothing stored; a failed delivery can be retried', async () => {
    const body = JSON.stringify({
      ...(parseShopifyJson(fixture('product.json')) as object),
      id: 9042,
      title: 'Forged',
    });
    expect((await deliver('products/create', body, { hmac: signShopifyPayload('wrong', body) })).status).toBe(
      401,
    );
    expect((await deliver('products/create', body, { hmac: '' })).status).toBe(401);
    expect(await server.services.products.get('demo', '9042')).toBeUndefined();

    const broken = JSON.stringify({ id: 9043, title: 'No variants' });
    expect((await deliver('products/create', broken, { id: 'retry-1' })).status).toBe(400);
    const fixed = JSON.stringify({ ...(parseShopifyJson(fixture('product.json')) as object), id: 9043 });
    expect((await deliver('products/create', fixed, { id: 'retry-1' })).body).toMatchObject({ upserted: 1 });
  });

  test('other topics are acknowledged and ignored', async () => {
    expect((await deliver('orders/create', '{"id": 1}')).body).toEqual({ ignored: 'orders/create' });
  });

  test('HTML to text keeps line structure and decodes entities', () => {
    expect(htmlToText('<p>Caf&eacute; &#x4E2D;&#25991;<br>two</p><script>x()</script>')).toBe(
      'Caf&eacute; 中文\ntwo',
    );
  });
});
