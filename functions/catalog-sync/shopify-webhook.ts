import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import type { Composition } from '../app/compose';
import { NotFoundError, UnauthorizedError, ValidationError } from '../errors/errors';
import type { HttpRequest, Route } from '../http/http-types';
import { json } from '../http/respond';
import type { ShopifyInventoryRepository } from '../storage/shopify-inventory-repository';
import { applyCatalogChanges, type CatalogChangeResult } from './catalog-changes';
import { storeFromPath, type CatalogSyncServices } from './product-webhook';
import { fromShopifyProduct, isShopifyProduct, variantQuantity } from './shopify-product';

/**
 * `POST /stores/{storeId}/shopify/webhooks`: Shopify's `products/create`, `products/update`,
 * `products/delete` and `inventory_levels/update`, verified with the store's Shopify webhook secret and
 * deduplicated on `X-Shopify-Webhook-Id` (Shopify delivers at least once). Other topics are acknowledged
 * and ignored, so a broad subscription does not make Shopify retry.
 */

export const SHOPIFY_HMAC_HEADER = 'x-shopify-hmac-sha256';
const TOPIC_HEADER = 'x-shopify-topic';
const WEBHOOK_ID_HEADER = 'x-shopify-webhook-id';
/** Shopify retries for up to 48 hours; a delivery id is remembered a little longer. */
const DEDUPE_TTL_SECONDS = 3 * 24 * 3600;
const MAX_SHOPIFY_BODY_BYTES = 1024 * 1024;

export type ShopifyWebhookServices = CatalogSyncServices &
  Pick<Composition, 'claims'> & { shopifyInventory: ShopifyInventoryRepository };

/** Base64 HMAC-SHA256 of the raw body, as Shopify signs webhooks. */
export function signShopifyPayload(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

function verifyShopifyHmac(request: HttpRequest, secret: string): void {
  const given = Buffer.from(request.headers[SHOPIFY_HMAC_HEADER]?.trim() ?? '', 'base64');
  const expected = Buffer.from(signShopifyPayload(secret, request.body), 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UnauthorizedError('Bad Shopify signature');
  }
}

const inventoryLevel = z.object({
  inventory_item_id: z.union([z.number(), z.string()]),
  location_id: z.union([z.number(), z.string()]),
  available: z.nullable(z.number()),
});

/**
 * Shopify ids are 64-bit integers, beyond what a JS number holds exactly (788032119674292922 would come out
 * as ...900): id fields are read as strings before parsing.
 */
export function parseShopifyJson(raw: Buffer | string): unknown {
  const text = raw.toString().replace(/("(?:[a-z_]*_)?id"\s*:\s*)(-?\d{16,})/g, '$1"$2"');
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('Body is not valid JSON');
  }
}

export function createShopifyWebhookRoutes(services: ShopifyWebhookServices): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/stores/:storeId/shopify/webhooks',
      maxBodyBytes: MAX_SHOPIFY_BODY_BYTES,
      handler: async (request, params) => {
        const store = await storeFromPath(services, params.storeId ?? '');
        if (!store.shopify) throw new NotFoundError('Shopify is not connected for this store');
        verifyShopifyHmac(request, store.shopify.webhookSecret);
        const webhookId = request.headers[WEBHOOK_ID_HEADER]?.trim();
        const topic = request.headers[TOPIC_HEADER]?.trim() ?? '';
        if (!webhookId) throw new ValidationError('Missing X-Shopify-Webhook-Id');
        const body = parseShopifyJson(request.body);

        const claimId = `${store.id}:${webhookId}`;
        if (!(await services.claims.claim('shopify-webhook', claimId, DEDUPE_TTL_SECONDS))) {
          return json(200, { duplicate: true });
        }
        try {
          const result = await handleTopic(services, store, topic, body);
          services.logger.info('shopify webhook', {
            storeId: store.id,
            topic,
            ...(result ?? { ignored: true }),
          });
          if (!result) return json(200, { ignored: topic });
          const { errors, ...counts } = result;
          return json(200, { topic, ...counts, rejected: errors.length, errors });
        } catch (error) {
          // Not processed: let Shopify's retry through.
          await services.claims.release('shopify-webhook', claimId);
          throw error;
        }
      },
    },
  ];
}

async function handleTopic(
  services: ShopifyWebhookServices,
  store: { id: string; currency: string; catalogVersion?: number },
  topic: string,
  body: unknown,
): Promise<CatalogChangeResult | undefined> {
  switch (topic) {
    case 'products/create':
    case 'products/update': {
      if (!isShopifyProduct(body)) throw new ValidationError('Expected a Shopify product with variants');
      const { record, variants } = fromShopifyProduct(body);
      const result = await applyCatalogChanges(services, store, { upsert: [record] });
      if (result.errors.length === 0)
        await services.shopifyInventory.saveVariants(store.id, String(body.id), variants);
      return result;
    }
    case 'products/delete': {
      const id = (body as { id?: unknown } | null)?.id;
      if (typeof id !== 'number' && typeof id !== 'string') throw new ValidationError('Expected {"id": ...}');
      return applyCatalogChanges(services, store, { delete: [String(id)] });
    }
    case 'inventory_levels/update': {
      const parsed = inventoryLevel.safeParse(body);
      if (!parsed.success) throw new ValidationError('Expected an inventory level');
      const itemId = String(parsed.data.inventory_item_id);
      const productId = await services.shopifyInventory.productOf(store.id, itemId);
      // Levels can arrive before the product: its products/create carries the totals anyway.
      if (!productId) return undefined;
      const variants = await services.shopifyInventory.variants(store.id, productId);
      const variant = variants.find((v) => v.inventoryItemId === itemId);
      if (!variant) return undefined;
      variant.locations = {
        ...variant.locations,
        [String(parsed.data.location_id)]: parsed.data.available ?? 0,
      };
      await services.shopifyInventory.saveVariants(store.id, productId, variants);
      const stock = variants.reduce((sum, v) => sum + variantQuantity(v), 0);
      return applyCatalogChanges(services, store, { patch: [{ id: productId, stock }] });
    }
    default:
      return undefined;
  }
}
