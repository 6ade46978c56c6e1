import * as z from 'zod/mini';
import type { Composition } from '../app/compose';
import { NotFoundError } from '../errors/errors';
import type { Route } from '../http/http-types';
import { parseJsonBody } from '../http/parse-json';
import { json } from '../http/respond';
import { verifyOrderSignature } from '../orders/order-webhook';
import { STORE_ID_PATTERN, type Store } from '../stores/store';
import { applyCatalogChanges, parseCatalogChanges } from './catalog-changes';
import type { CatalogWriterPorts } from './catalog-writer';

/**
 * `POST /stores/{storeId}/products`: a store's backend keeps its catalog in sync, signed exactly like the
 * order webhook (docs/catalog-sync.md). Invalid items are reported one by one; the valid ones are applied.
 */

/** 1,000 full products of a few hundred bytes each fit with room to spare. */
export const MAX_PRODUCT_WEBHOOK_BYTES = 1024 * 1024;

export type CatalogSyncServices = Pick<Composition, 'stores' | 'products' | 'logger' | 'now' | 'catalog'> &
  Pick<CatalogWriterPorts, 'snapshots'>;

/** The store named in the path, or 404 (the same answer for a malformed id and an unknown one). */
export async function storeFromPath(services: Pick<Composition, 'stores'>, storeId: string): Promise<Store> {
  const store = STORE_ID_PATTERN.test(storeId) ? await services.stores.get(storeId) : undefined;
  if (!store) throw new NotFoundError('Unknown store');
  return store;
}

export function createProductWebhookRoutes(services: CatalogSyncServices): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/stores/:storeId/products',
      maxBodyBytes: MAX_PRODUCT_WEBHOOK_BYTES,
      handler: async (request, params) => {
        const store = await storeFromPath(services, params.storeId ?? '');
        verifyOrderSignature(request, store.secret, Math.floor(services.now().getTime() / 1000));
        const changes = parseCatalogChanges(parseJsonBody(request, z.unknown()));
        const result = await applyCatalogChanges(services, store, changes);
        services.logger.info('catalog changes received', {
          storeId: store.id,
          upserted: result.upserted,
          patched: result.patched,
          deleted: result.deleted,
          unchanged: result.unchanged,
          rejected: result.errors.length,
          catalogVersion: result.catalogVersion,
        });
        const { errors, ...counts } = result;
        return json(200, { ...counts, rejected: errors.length, errors: errors.slice(0, 50) });
      },
    },
  ];
}
