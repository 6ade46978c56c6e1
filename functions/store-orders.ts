import { compose } from './app/compose';
import { loadConfig } from './config/config';
import { lambdaHttpHandler } from './http/lambda-adapter';
import { Router } from './http/router';
import { createOrderRoutes } from './orders/order-webhook';

/** Lambda entry for `POST /stores/{storeId}/orders`: the signed order webhook. */
const app = compose(loadConfig());
const router = new Router(createOrderRoutes(app), app.logger);

export const handler = lambdaHttpHandler((request) => router.handle(request));
