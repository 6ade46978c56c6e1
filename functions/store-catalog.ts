import { compose } from './app/compose';
import { createCatalogSyncRoutes } from './catalog-sync/routes';
import { loadConfig } from './config/config';
import { lambdaHttpHandler } from './http/lambda-adapter';
import { Router } from './http/router';

/** Lambda entry for catalog sync: `POST /stores/{storeId}/products` and `/stores/{storeId}/shopify/webhooks`. */
const services = compose(loadConfig());
const router = new Router(createCatalogSyncRoutes(services), services.logger);

export const handler = lambdaHttpHandler((request) => router.handle(request));
