import { createHash } from 'node:crypto';
import type { ConversationState, Message } from '../conversations/conversation';
import type { Logger } from '../observability/logger';
import type { WorkQueue } from '../ports/work-queue';
import { deliverHandoff, type DeliveryDeps } from './delivery';
import { HANDOFF_DELIVERY_JOB, type HandoffDelivery, type HandoffNotifier } from './handoff-types';

/**
 * Sends handoff deliveries (cards, redraws, relayed messages) to the merchant side: through the work queue,
 * where they are retried, or inline through `notifiers` where there is no queue (tests, single-process
 * tools). The shopper's side never waits on it: a failure is logged, the messages are stored either way.
 */
export class HandoffDispatcher {
  constructor(
    private readonly deps: DeliveryDeps & { queue?: WorkQueue; logger: Logger },
    private readonly notifiers?: HandoffNotifier[],
  ) {}

  /** Relays a shopper's message into the request's merchant thread. */
  async relayShopperMessage(state: ConversationState, message: Message) {
    const requestId = state.handoff?.requestId;
    if (!requestId) return;
    await this.dispatch({
      op: 'message',
      storeId: state.storeId,
      conversationId: state.conversationId,
      requestId,
      message: { id: message.id, role: 'shopper', text: message.text, author: message.author },
    });
  }

  /** Redraws the request's card with the state as saved. */
  async update(state: ConversationState) {
    const requestId = state.handoff?.requestId;
    if (!requestId) return;
    await this.dispatch({
      op: 'update',
      storeId: state.storeId,
      conversationId: state.conversationId,
      requestId,
      version: state.version,
    });
  }

  async dispatch(delivery: HandoffDelivery) {
    const { queue, logger } = this.deps;
    try {
      if (queue) {
        await queue.enqueue({ kind: HANDOFF_DELIVERY_JOB, id: deliveryJobId(delivery), payload: delivery });
      } else if (this.notifiers) {
        await deliverHandoff(this.deps, this.notifiers, delivery);
      } else {
        logger.warn('Handoff delivery skipped: no work queue configured', { op: delivery.op });
      }
    } catch (error) {
      // The message is stored and the shopper is answered either way; the merchant side is best effort here.
      logger.error('Handoff delivery failed', {
        op: delivery.op,
        storeId: delivery.storeId,
        conversationId: delivery.conversationId,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  }
}

/** One job id per delivery, so a retried transition enqueues the same job. */
function deliveryJobId(delivery: HandoffDelivery): string {
  const base = `${delivery.storeId}|${delivery.conversationId}|${delivery.requestId}|${delivery.op}`;
  const detail =
    delivery.op === 'message'
      ? delivery.message.id
      : delivery.op === 'update'
        ? String(delivery.version)
        : '';
  return createHash('sha256').update(`${base}|${detail}`).digest('base64url').slice(0, 32);
}
