import type { Order } from '../orders/order';
import type { FeedbackService } from './feedback-service';
import type { CustomerSignals } from '../ports/signal-records';

/** A purchase counts for a conversation when it follows a click or add-to-cart by at most this long. */
export const ATTRIBUTION_WINDOW_DAYS = 7;
const WINDOW_MS = ATTRIBUTION_WINDOW_DAYS * 86_400_000;
/** Orders that were never sales are not rewards. */
const NOT_SALES = new Set(['cancelled', 'refunded']);

/**
 * Attributes an order from the signed webhook to the shopper's conversation: for each line, the latest click
 * or add-to-cart of that product by the same verified customer in the 7 days before the order (last touch).
 * The purchase event id is derived from the order and product, so a resent webhook counts once.
 * Returns how many lines were attributed. See docs/feedback-loop.md.
 */
export async function attributeOrder(
  order: Order,
  deps: { signals: CustomerSignals; feedback: Pick<FeedbackService, 'recordSystemEvent'> },
): Promise<number> {
  if (!order.customerId || NOT_SALES.has(order.status)) return 0;
  const placed = Date.parse(order.createdAt);
  const from = new Date(placed - WINDOW_MS).toISOString();
  const signals = await deps.signals.listBetween(order.storeId, order.customerId, from, order.createdAt);
  let attributed = 0;
  for (const line of order.items) {
    const touch = signals.filter((s) => s.productId === line.productId).at(-1);
    if (!touch) continue;
    await deps.feedback.recordSystemEvent(
      {
        storeId: order.storeId,
        conversationId: touch.conversationId,
        channel: 'webchat',
        variantId: touch.variantId,
      },
      'purchase',
      `${order.id}|${line.productId}`,
      {
        replyId: touch.replyId,
        productId: line.productId,
        orderId: order.id,
        revenue: Math.round(line.price * line.quantity * 100) / 100,
      },
    );
    attributed += 1;
  }
  return attributed;
}
