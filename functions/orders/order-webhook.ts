import { createHmac, timingSafeEqual } from 'node:crypto';
import { attributeOrder } from '../feedback/attribution';
import type { FeedbackService } from '../feedback/feedback-service';
import type { CustomerSignals } from '../ports/signal-records';
import { NotFoundError, UnauthorizedError, ValidationError } from '../errors/errors';
import type { HttpRequest, Route } from '../http/http-types';
import { json } from '../http/respond';
import { STORE_ID_PATTERN } from '../stores/store';
import { storeOrders, validateOrders } from './import';
import type { Logger } from '../observability/logger';
import type { OrderWriter } from '../ports/commerce';
import type { Clock, StoreDirectory } from '../ports/stores';

/**
 * `POST /stores/{storeId}/orders`: a store's backend pushes orders, signed with the store's secret.
 * See docs/order-webhook.md for the signature scheme.
 */

export const SIGNATURE_HEADER = 'x-shopguide-signature';
export const TIMESTAMP_HEADER = 'x-shopguide-timestamp';
/** Requests older or newer than this are refused, so a captured request cannot be replayed later. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
export const MAX_ORDERS_PER_REQUEST = 100;
const MAX_BODY_BYTES = 512 * 1024;

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${rawBody}`). */
export function signOrderPayload(secret: string, timestamp: string, body: Buffer | string): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `sha256=${mac.digest('hex')}`;
}

/** Throws UnauthorizedError unless the request is signed with `secret` within the replay window. */
export function verifyOrderSignature(request: HttpRequest, secret: string, nowSeconds: number): void {
  const timestamp = request.headers[TIMESTAMP_HEADER];
  const signature = request.headers[SIGNATURE_HEADER];
  if (!timestamp || !signature) throw new UnauthorizedError('Missing signature');
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    throw new UnauthorizedError('Stale or invalid timestamp');
  }
  const expected = Buffer.from(signOrderPayload(secret, timestamp, request.body));
  const given = Buffer.from(signature.trim());
  // Length first: timingSafeEqual throws on different lengths, and the expected length is public anyway.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UnauthorizedError('Bad signature');
  }
}

/** The ports the order webhook uses. */
export interface OrderWebhookDeps {
  stores: Pick<StoreDirectory, 'get'>;
  orders: OrderWriter;
  logger: Logger;
  now: Clock;
  /** Clicks of verified customers, to attribute webhook purchases to conversations. */
  subjects: CustomerSignals;
  feedback: Pick<FeedbackService, 'recordSystemEvent'>;
}

export function createOrderRoutes(services: OrderWebhookDeps): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/stores/:storeId/orders',
      maxBodyBytes: MAX_BODY_BYTES,
      handler: async (request, params) => {
        const storeId = params.storeId ?? '';
        if (!STORE_ID_PATTERN.test(storeId)) throw new NotFoundError('Unknown store');
        const store = await services.stores.get(storeId);
        if (!store) throw new NotFoundError('Unknown store');
        verifyOrderSignature(request, store.secret, Math.floor(services.now().getTime() / 1000));

        let body: unknown;
        try {
          body = JSON.parse(request.body.toString('utf8'));
        } catch {
          throw new ValidationError('Body must be JSON: an order, an array of orders, or {"orders": [...]}');
        }
        const records = Array.isArray(body)
          ? body
          : typeof body === 'object' && body !== null && Array.isArray((body as { orders?: unknown }).orders)
            ? (body as { orders: unknown[] }).orders
            : [body];
        if (records.length === 0 || records.length > MAX_ORDERS_PER_REQUEST) {
          throw new ValidationError(`Send between 1 and ${MAX_ORDERS_PER_REQUEST} orders per request`);
        }
        const { orders, errors } = validateOrders(records, store.id, store.currency);
        // All or nothing: a backend that sent a bad record fixes and resends the batch.
        if (errors.length > 0) {
          return json(400, { error: 'Invalid orders', details: errors.slice(0, 20) });
        }
        const { stored, duplicates } = await storeOrders(services, orders);
        // Signed by the store, so these purchases may reward the conversations that led to them.
        // Resent orders are attributed again harmlessly (event ids come from order and product).
        let attributed = 0;
        for (const order of orders) {
          attributed += await attributeOrder(order, {
            signals: services.subjects,
            feedback: services.feedback,
          });
        }
        services.logger.info('orders received', { storeId: store.id, stored, duplicates, attributed });
        return json(200, { stored, duplicates, orderIds: orders.map((o) => o.id) });
      },
    },
  ];
}
