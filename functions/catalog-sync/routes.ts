import type { Route } from '../http/http-types';
import { createProductWebhookRoutes, type CatalogSyncServices } from './product-webhook';

/** Every catalog-sync route: the signed product webhook and Shopify's product and inventory webhooks. */
export function createCatalogSyncRoutes(services: CatalogSyncServices): Route[] {
  return [...createProductWebhookRoutes(services)];
}
