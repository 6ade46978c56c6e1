import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { storeCommand } from '../../bin/cli/store';
import { pullStoreFeed, runFeedPulls } from '../../functions/catalog-sync/feed-pull';
import { fetchFeed, isPublicAddress, type FeedFetchOptions } from '../../functions/catalog-sync/safe-fetch';
import type { Store } from '../../functions/stores/store';
import { startTestEnv, type TestEnv } from '../support/test-env';
import { WAIT_DEADLINE_MS } from '../support/wait-for';

const tls = (name: string) => readFileSync(path.join(__dirname, '../fixtures/tls', name), 'utf8');
const shopifyProduct = readFileSync(path.join(__dirname, '../fixtures/shopify/product.json'), 'utf8');

describe('the scheduled feed pull', () => {
  let env: TestEnv;
  let server: Server;
  let base: string;
  let feed: unknown = [];
  const hits: string[] = [];
  const options: FeedFetchOptions = {
    maxBytes: 64 * 1024,
    // Servers that answer are never given up on, however loaded the machine; only `/slow` times out.
    timeoutMs: WAIT_DEADLINE_MS,
    testOnlyLoopback: { ca: tls('cert.pem') },
  };
  const store = async () => (await env.services.stores.get('feedshop', { fresh: true })) as Store;
  const product = (id: string) => env.services.products.get('feedshop', id);
  const setFeed = (url: string) => env.services.stores.updateSync('feedshop', { feed: { url } });

  beforeAll(async () => {
    env = await startTestEnv();
    await env.services.stores.create({
      id: 'feedshop',
      name: 'Feed Shop',
      currency: 'EUR',
      locale: 'en-GB',
      timezone: 'Europe/Dublin',
      policies: { shipping: 's', returns: 'r', warranty: 'w' },
      secret: 'feed-shop-secret-123',
      catalogVersion: 0,
      createdAt: new Date().toISOString(),
    });
    const item = (id: string, price: number) => ({
      id,
      title: `Trail item ${id}`,
      description: '',
      category: 'outdoor',
      price,
      currency: 'EUR',
      stock: 5,
      tags: [],
    });
    await env.services.products.putMany('feedshop', [item('a', 10), item('b', 20), item('c', 30)]);
    server = createServer({ key: tls('key.pem'), cert: tls('cert.pem') }, (req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/feed.json') return res.end(JSON.stringify(feed));
      if (req.url === '/feed.csv') {
        res.setHeader('content-type', 'text/csv');
        return res.end(
          'id,title,category,price,stock\na,Trail item a,outdoor,12.5,4\ne,Camp stove,outdoor,45,2\n',
        );
      }
      if (req.url === '/products.json') return res.end(`{"products":[${shopifyProduct}]}`);
      if (req.url === '/big.json')
        return res.end(JSON.stringify(Array.from({ length: 5000 }, (_, i) => item(`x${i}`, i))));
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'https://169.254.169.254/latest/meta-data/' });
        return res.end();
      }
      if (req.url === '/slow') return; // never answers
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await env.close();
  });

  test('a full JSON feed upserts what it lists and marks a product it no longer lists unavailable', async () => {
    feed = [
      { id: 'a', title: 'Trail item a', category: 'outdoor', price: 11, stock: 5 },
      { id: 'b', title: 'Trail item b', category: 'outdoor', price: 20, stock: 5 },
      { id: 'd', title: 'Trail lantern', category: 'outdoor', price: 15, stock: 9 },
      { id: 'bad', title: 'No price', category: 'outdoor', stock: 1 },
    ];
    await setFeed(`${base}/feed.json`);
    const result = await pullStoreFeed(env.services, await store(), options);
    expect(result).toMatchObject({
      upserted: 2,
      markedUnavailable: 1,
      errors: [expect.objectContaining({ row: 4 })],
    });
    expect(await product('a')).toMatchObject({ price: 11 });
    expect(await product('d')).toMatchObject({ title: 'Trail lantern' });
    expect(await product('c')).toMatchObject({ available: false, price: 30 });
    const index = await env.services.catalog.getIndex('feedshop');
    expect(index.get('c')).toBeUndefined();
    expect(index.get('d')).toBeDefined();
    expect((await store()).feed).toMatchObject({
      lastOk: true,
      lastResult: expect.stringContaining('1 now unavailable'),
    });

    // The same feed again changes nothing; a product back in the feed is available again.
    const version = (await store()).catalogVersion;
    expect(await pullStoreFeed(env.services, await store(), options)).toMatchObject({
      upserted: 0,
      markedUnavailable: 0,
    });
    expect((await store()).catalogVersion).toBe(version);
    feed = [
      ...(feed as object[]),
      { id: 'c', title: 'Trail item c', category: 'outdoor', price: 30, stock: 5 },
    ];
    await pullStoreFeed(env.services, await store(), options);
    expect((await product('c'))?.available).toBeUndefined();
  });

  test('CSV feeds and Shopify products.json feeds are read too', async () => {
    await setFeed(`${base}/feed.csv`);
    await pullStoreFeed(env.services, await store(), options);
    expect(await product('e')).toMatchObject({ title: 'Camp stove', price: 45, currency: 'EUR' });
    expect(await product('d')).toMatchObject({ available: false });

    await setFeed(`${base}/products.json`);
    const result = await pullStoreFeed(env.services, await store(), options);
    expect(result.upserted).toBe(1);
    expect(await product('788032119674292922')).toMatchObject({ brand: 'Northpeak', stock: 10 });
    expect(await product('e')).toMatchObject({ available: false });
  });

  test('the loopback test server is refused without the explicit test-only option', async () => {
    const before = hits.length;
    await expect(fetchFeed(`${base}/feed.json`, { maxBytes: 1000, timeoutMs: 1000 })).rejects.toThrow(
      /private, loopback or link-local/,
    );
    expect(hits.length).toBe(before);
  });

  test.each([
    ['http://shop.example.com/feed.json', /must use https/],
    ['https://10.1.2.3/feed.json', /private/],
    ['https://169.254.169.254/latest/meta-data/', /private/],
    ['https://[::ffff:192.168.1.1]/feed.json', /private/],
    ['https://user:pw@shop.example.com/feed.json', /credentials/],
  ])('%s is refused before any connection', async (url, reason) => {
    await expect(fetchFeed(url, options)).rejects.toThrow(reason);
  });

  test('a host name is re-checked after DNS resolution: any private address refuses it', async () => {
    const resolvesTo =
      (...addresses: string[]) =>
      async () =>
        addresses.map((address) => ({ address, family: 4 }));
    await expect(
      fetchFeed('https://feeds.example.com/p.json', { ...options, resolve: resolvesTo('192.168.7.7') }),
    ).rejects.toThrow(/feeds.example.com resolves to a private/);
    await expect(
      fetchFeed('https://feeds.example.com/p.json', {
        ...options,
        resolve: resolvesTo('93.184.215.14', '10.0.0.8'),
      }),
    ).rejects.toThrow(/private/);
    expect(isPublicAddress('93.184.215.14')).toBe(true);
    expect(
      ['127.0.0.1', '::1', 'fe80::1', 'fd00::1', '100.64.1.1', '0.0.0.0', '::ffff:a00:1'].map(
        isPublicAddress,
      ),
    ).toEqual(Array(7).fill(false));
    expect(isPublicAddress('::ffff:5db8:d70e')).toBe(true);
  });

  test('size cap, timeout, redirects and an empty feed fail the pull without touching the catalog', async () => {
    const version = (await store()).catalogVersion;
    // `/slow` never answers, so its short timeout cannot be met by chance: it only bounds the test's length.
    for (const [url, reason, timeoutMs] of [
      [`${base}/big.json`, /larger than/, options.timeoutMs],
      [`${base}/slow`, /did not answer within/, 500],
      [`${base}/redirect`, /redirects/, options.timeoutMs],
    ] as const) {
      await setFeed(url);
      await expect(pullStoreFeed(env.services, await store(), { ...options, timeoutMs })).rejects.toThrow(
        reason,
      );
      expect((await store()).feed).toMatchObject({
        lastOk: false,
        lastResult: expect.stringMatching(reason),
      });
    }
    feed = [];
    await setFeed(`${base}/feed.json`);
    await expect(pullStoreFeed(env.services, await store(), options)).rejects.toThrow(/no valid products/);
    expect((await store()).catalogVersion).toBe(version);
    // The last good feed listed only the Shopify product: it stays available.
    expect((await product('788032119674292922'))?.available).toBeUndefined();
  });

  test('runFeedPulls goes through every store with a feed and records failures per store', async () => {
    feed = [{ id: 'a', title: 'Trail item a', category: 'outdoor', price: 9, stock: 5 }];
    await setFeed(`${base}/feed.json`);
    expect(await runFeedPulls(env.services, options)).toEqual([
      { storeId: 'feedshop', ok: true, result: expect.any(String) },
    ]);
    expect(await product('a')).toMatchObject({ price: 9 });
  });

  test('shopguide store set checks the feed URL and saves Shopify settings', async () => {
    const io = { out: jest.fn(), err: jest.fn() };
    await expect(
      storeCommand(['set', '--store', 'feedshop', '--feed-url', 'http://x.example/f.json'], io, env.services),
    ).rejects.toThrow(/https/);
    await expect(
      storeCommand(
        ['set', '--store', 'feedshop', '--feed-url', 'https://192.168.0.2/f.json'],
        io,
        env.services,
      ),
    ).rejects.toThrow(/private/);
    expect(
      await storeCommand(
        [
          'set',
          '--store',
          'feedshop',
          '--feed-url',
          'https://feeds.example.com/f.json',
          '--shopify-secret',
          'shpss_0123456789abcdef',
        ],
        io,
        env.services,
      ),
    ).toBe(0);
    expect(await store()).toMatchObject({
      feed: { url: 'https://feeds.example.com/f.json' },
      shopify: { webhookSecret: 'shpss_0123456789abcdef' },
    });
  });
});
