import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CatalogService } from '../../functions/catalog/catalog-service';
import { loadConfig } from '../../functions/config/config';
import { startLocalServer, type LocalServer } from '../../functions/local/server';
import { signOrderPayload } from '../../functions/orders/order-webhook';
import { FileSnapshotStore } from '../../functions/storage/file-snapshot-store';

describe('POST /stores/{storeId}/products on the local server', () => {
  let server: LocalServer;
  let secret: string;
  const clock = Date.now();
  const nowSeconds = () => Math.floor(clock / 1000);

  const send = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/stores/demo/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const signedHeaders = (body: string, timestamp = nowSeconds()) => ({
    'x-shopguide-timestamp': String(timestamp),
    'x-shopguide-signature': signOrderPayload(secret, String(timestamp), Buffer.from(body)),
  });
  const sendSigned = async (changes: unknown) => {
    const body = JSON.stringify(changes);
    const response = await send(body, signedHeaders(body));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const version = async () => (await server.services.stores.get('demo', { fresh: true }))?.catalogVersion;
  const ask = async (text: string) => {
    const session = (await (
      await fetch(`${server.url}/webchat/demo/sessions`, { method: 'POST', body: '{}' })
    ).json()) as { token: string };
    const response = await fetch(`${server.url}/webchat/demo/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ text }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { text: string; products: { id: string; price: number }[] };
  };

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sg-products-'));
    const config = loadConfig({
      SHOPGUIDE_RUNTIME: 'test',
      LOG_LEVEL: 'SILENT',
      PORT: '0',
      DATA_DIR: dataDir,
    });
    server = await startLocalServer({
      config,
      overrides: {
        now: () => new Date(clock),
        snapshotStore: new FileSnapshotStore(path.join(dataDir, 'snapshots')),
      },
    });
    secret = (await server.services.stores.get('demo'))!.secret;
  });
  afterAll(async () => server.close());

  test('a patched price is what the web chat quotes next, and the snapshot holds the new version', async () => {
    const before = await ask('how much is the iPhone 5s?');
    expect(before.products.find((p) => p.id === '121')?.price).toBe(199.99);
    const startVersion = (await version()) ?? 0;

    const result = await sendSigned({ patch: [{ id: '121', price: 149.5, stock: 3 }] });
    expect(result).toEqual({
      status: 200,
      body: expect.objectContaining({ patched: 1, upserted: 0, deleted: 0, rejected: 0 }),
    });
    expect(await version()).toBe(startVersion + 1);

    const after = await ask('how much is the iPhone 5s?');
    expect(after.products.find((p) => p.id === '121')?.price).toBe(149.5);
    expect(after.text).toContain('149.50');
    expect(after.text).not.toContain('199.99');

    const snapshot = await server.services.snapshots!.load('demo', startVersion + 1);
    expect(snapshot?.find((p) => p.id === '121')).toMatchObject({ price: 149.5, stock: 3 });
  });

  test('another warm process picks the new price up within its 30 s version check, from the snapshot', async () => {
    let now = 0;
    const loads: string[] = [];
    const warm = new CatalogService({
      loadProducts: async (storeId) => {
        loads.push('table');
        return server.services.products.list(storeId);
      },
      loadSnapshot: async (storeId, v) => {
        const products = await server.services.snapshots!.load(storeId, v);
        if (products) loads.push('snapshot');
        return products;
      },
      loadCatalogVersion: async (storeId) =>
        (await server.services.stores.get(storeId, { fresh: true }))?.catalogVersion,
      now: () => now,
    });
    const priceOf = async () => (await warm.getIndex('demo')).get('122')?.price;
    expect(await priceOf()).toBe(299.99);
    expect(loads).toEqual(['snapshot']);

    expect((await sendSigned({ patch: [{ id: '122', price: 259 }] })).status).toBe(200);
    now += 10_000;
    expect(await priceOf()).toBe(299.99); // trusted for 30 s
    now += 20_001;
    expect(await priceOf()).toBe(259);
    expect(loads).toEqual(['snapshot', 'snapshot']);
  });

  test('upsert adds a product shoppers can find; delete removes it; per-item errors are reported', async () => {
    const product = {
      id: 'sync-1',
      title: 'Zephyr Z9 Phone',
      description: 'A 6.1 inch smartphone with a week of battery',
      category: 'smartphones',
      brand: 'Zephyr',
      price: 89,
      stock: 12,
    };
    const result = await sendSigned({
      upsert: [product, { id: 'bad-1', title: 'No price', category: 'x', stock: 1 }],
      patch: [
        { id: 'does-not-exist', price: 1 },
        { id: '1', price: 'free' },
      ],
      delete: [{}],
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ upserted: 1, patched: 0, rejected: 4 });
    expect(result.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ section: 'upsert', row: 2, message: expect.stringContaining('price') }),
        expect.objectContaining({ section: 'patch', row: 1, id: 'does-not-exist' }),
        expect.objectContaining({ section: 'patch', row: 2, message: expect.stringContaining('price') }),
        expect.objectContaining({ section: 'delete', row: 1 }),
      ]),
    );
    expect((await ask('do you have the Zephyr Z9 phone?')).products.map((p) => p.id)).toContain('sync-1');

    const deleted = await sendSigned({ delete: ['sync-1'] });
    expect(deleted.body).toMatchObject({ deleted: 1 });
    expect(await server.services.products.get('demo', 'sync-1')).toBeUndefined();
    expect((await ask('do you have the Zephyr Z9 phone?')).products.map((p) => p.id)).not.toContain('sync-1');
  });

  test('a replayed request changes nothing and bumps no version', async () => {
    const body = JSON.stringify({ patch: [{ id: '2', price: 17.99 }], delete: ['no-such-id'] });
    const headers = signedHeaders(body);
    const first = (await (await send(body, headers)).json()) as Record<string, unknown>;
    expect(first).toMatchObject({ patched: 1, unchanged: 1 });
    const afterFirst = await version();
    const replay = (await (await send(body, headers)).json()) as Record<string, unknown>;
    expect(replay).toMatchObject({ patched: 0, unchanged: 2, catalogVersion: afterFirst });
    expect(await version()).toBe(afterFirst);
  });

  test.each([
    ['no signature', (_body: string) => ({})],
    [
      'a wrong signature',
      (body: string) => ({ ...signedHeaders(body), 'x-shopguide-signature': `sha256=${'0'.repeat(64)}` }),
    ],
    ['a stale timestamp', (body: string) => signedHeaders(body, nowSeconds() - 301)],
  ])('%s → 401 and nothing changed', async (_name, headers) => {
    const body = JSON.stringify({ patch: [{ id: '3', price: 0.01 }] });
    const response = await send(body, headers(body));
    expect(response.status).toBe(401);
    expect((await server.services.products.get('demo', '3'))?.price).not.toBe(0.01);
  });

  test('an oversized body → 413, too many items → 400, malformed → 400; the server keeps serving', async () => {
    const huge = JSON.stringify({ upsert: [{ id: 'x', title: 'y'.repeat(1024 * 1024 + 10) }] });
    expect((await send(huge, signedHeaders(huge))).status).toBe(413);
    const many = await sendSigned({ delete: Array.from({ length: 1001 }, (_, i) => `id-${i}`) });
    expect(many.status).toBe(400);
    expect((await sendSigned({ upsert: 'nope' })).status).toBe(400);
    const broken = '{"patch": [';
    expect((await send(broken, signedHeaders(broken))).status).toBe(400);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
