import type { Composition } from '../app/compose';
import { parseProducts, validateProductRecords, type CatalogImportResult } from '../catalog/import';
import type { Store } from '../stores/store';
import { applyCatalogChanges, type CatalogChangeResult } from './catalog-changes';
import type { CatalogSyncServices } from './product-webhook';
import { fetchFeed, FeedFetchError, type FeedFetchOptions } from './safe-fetch';
import { fromShopifyProduct, isShopifyProduct } from './shopify-product';
import { parseShopifyJson } from './shopify-webhook';

/**
 * The scheduled feed pull: a store's HTTPS feed (JSON or CSV in the import format, or a Shopify
 * `products.json`) is the whole catalog. Products it lists are upserted (unchanged ones cost no write);
 * products it no longer lists are marked unavailable, kept for history but never offered.
 */

export type FeedPullServices = CatalogSyncServices & Pick<Composition, 'stores'>;

export interface FeedPullResult extends CatalogChangeResult {
  storeId: string;
  /** Products the feed no longer lists, now unavailable. */
  markedUnavailable: number;
}

export function parseFeed(
  body: Buffer,
  contentType: string,
  url: string,
  currency: string,
): CatalogImportResult {
  const text = body.toString('utf8');
  const csv = /csv/i.test(contentType) || /\.csv$/i.test(new URL(url).pathname);
  if (csv) return parseProducts(text, 'csv', currency);
  let document: unknown;
  try {
    document = parseShopifyJson(text);
  } catch {
    throw new FeedFetchError('The feed is neither valid JSON nor CSV');
  }
  const list = Array.isArray(document) ? document : (document as { products?: unknown } | null)?.products;
  if (!Array.isArray(list))
    throw new FeedFetchError('A JSON feed must be a list of products or {"products": [...]}');
  const records = (list as unknown[]).map((item) =>
    isShopifyProduct(item) ? fromShopifyProduct(item).record : item,
  );
  return validateProductRecords(records, currency);
}

export async function pullStoreFeed(
  services: FeedPullServices,
  store: Store,
  options: FeedFetchOptions,
): Promise<FeedPullResult> {
  if (!store.feed) throw new FeedFetchError(`Store ${store.id} has no feed URL`);
  const at = services.now().toISOString();
  try {
    const fetched = await fetchFeed(store.feed.url, options);
    const { products, errors } = parseFeed(fetched.body, fetched.contentType, store.feed.url, store.currency);
    // An empty or unreadable feed would otherwise mark the whole catalog unavailable.
    if (products.length === 0)
      throw new FeedFetchError('The feed has no valid products; the catalog is unchanged');
    const current = new Map((await services.products.list(store.id)).map((p) => [p.id, p]));
    const listed = new Set(products.map((p) => p.id));
    const gone = [...current.values()].filter((p) => !listed.has(p.id) && p.available !== false);
    const result = await applyCatalogChanges(
      services,
      store,
      { upsert: products, patch: gone.map((p) => ({ id: p.id, available: false })) },
      current,
    );
    result.errors.unshift(
      ...errors.map((e) => ({ section: 'upsert' as const, row: e.row, message: e.message })),
    );
    const summary = `${products.length} products: ${result.upserted} new or changed, ${gone.length} now unavailable, ${result.errors.length} rejected`;
    await services.stores.updateSync(store.id, {
      feed: { url: store.feed.url, lastPulledAt: at, lastResult: summary, lastOk: true },
    });
    services.logger.info('feed pulled', { storeId: store.id, summary });
    return { ...result, storeId: store.id, markedUnavailable: gone.length };
  } catch (error) {
    const reason = error instanceof FeedFetchError ? error.publicMessage : 'the feed could not be processed';
    await services.stores.updateSync(store.id, {
      feed: { url: store.feed.url, lastPulledAt: at, lastResult: reason, lastOk: false },
    });
    services.logger.warn('feed pull failed', { storeId: store.id, reason, error: String(error) });
    throw error;
  }
}

/** Every store with a feed, one after another; one store's failure is recorded and the others still run. */
export async function runFeedPulls(
  services: FeedPullServices,
  options: FeedFetchOptions,
): Promise<{ storeId: string; ok: boolean; result?: string }[]> {
  const outcomes: { storeId: string; ok: boolean; result?: string }[] = [];
  for (const store of await services.stores.list()) {
    if (!store.feed) continue;
    try {
      const result = await pullStoreFeed(services, store, options);
      outcomes.push({
        storeId: store.id,
        ok: true,
        result: `${result.upserted} upserted, ${result.markedUnavailable} unavailable`,
      });
    } catch (error) {
      outcomes.push({
        storeId: store.id,
        ok: false,
        result: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcomes;
}
