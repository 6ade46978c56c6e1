import type { Route } from '../http/http-types';
import { createProductWebhookRoutes } from './product-webhook';
import { createShopifyWebhookRoutes, type ShopifyWebhookServices } from './shopify-webhook';

/** Every catalog-sync route: the signed product webhook and Shopify's product and inventory webhooks. */
export function createCatalogSyncRoutes(services: ShopifyWebhookServices): Route[] {
  return [...createProductWebhookRoutes(services), ...createShopifyWebhookRoutes(services)];
}
