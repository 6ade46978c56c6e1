import type { ChatModel } from '../llm/chat-model';
import type { Logger } from '../observability/logger';
import type { ConversationStore } from '../ports/conversation-store';
import type { HandoffStore } from '../ports/handoff-store';
import type { StoreDirectory } from '../ports/stores';
import type { JobConsumer } from '../ports/work-queue';
import {
  HANDOFF_DELIVERY_JOB,
  HandoffNotReadyError,
  type HandoffCardContent,
  type HandoffDelivery,
  type HandoffNotifier,
  type HandoffSummary,
} from './handoff-types';
import { summarizeConversation } from './summary';

const SUMMARY_MESSAGES = 30;

/** The ports a delivery uses: the relay ledger, and what the card shows. */
export interface DeliveryDeps {
  handoffs: HandoffStore;
  conversations: Pick<ConversationStore, 'getState' | 'lastMessages'>;
  stores: Pick<StoreDirectory, 'get'>;
  /** Writes the card's summary when present; the summary is extractive without it. */
  chatModel?: ChatModel;
  logger: Logger;
}

/**
 * Delivers one handoff item to every platform. Each (platform, item) pair goes through the relay ledger:
 * leased, sent, marked done, so a redelivered job never posts twice, and a failure releases the lease and
 * throws for the queue to retry. Relays wait (by failing) until their card exists on that platform.
 */
export async function deliverHandoff(
  deps: DeliveryDeps,
  notifiers: HandoffNotifier[],
  delivery: HandoffDelivery,
): Promise<void> {
  const repository = deps.handoffs;
  const failures: unknown[] = [];
  for (const notifier of notifiers) {
    try {
      await deliverTo(deps, repository, notifier, delivery);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

/** The worker's `handoff.deliver` consumer. */
export function createHandoffConsumers(
  deps: DeliveryDeps,
  notifiers: HandoffNotifier[],
): Record<string, JobConsumer> {
  return {
    [HANDOFF_DELIVERY_JOB]: async (job) => deliverHandoff(deps, notifiers, job.payload as HandoffDelivery),
  };
}

function deliveryIdOf(delivery: HandoffDelivery): string {
  switch (delivery.op) {
    case 'card':
      return `card-${delivery.requestId}`;
    case 'update':
      return `update-${delivery.requestId}-${delivery.version}`;
    case 'message':
      return `msg-${delivery.message.id}`;
  }
}

async function deliverTo(
  deps: DeliveryDeps,
  repository: HandoffStore,
  notifier: HandoffNotifier,
  delivery: HandoffDelivery,
) {
  const { storeId, conversationId } = delivery;
  const platform = notifier.platform;
  const deliveryId = deliveryIdOf(delivery);
  if (delivery.op !== 'card') {
    const card = await repository.relayStatus(
      storeId,
      conversationId,
      platform,
      `card-${delivery.requestId}`,
    );
    if (card !== 'done') throw new HandoffNotReadyError(`The ${platform} card is not posted yet`);
  }
  if (!(await repository.beginRelay(storeId, conversationId, platform, deliveryId))) {
    if ((await repository.relayStatus(storeId, conversationId, platform, deliveryId)) === 'done') return;
    throw new HandoffNotReadyError(`Another run is delivering ${deliveryId}`);
  }
  try {
    if (delivery.op === 'card') {
      const content = await loadCardContent(deps, storeId, conversationId);
      if (content && content.requestId === delivery.requestId) {
        const thread = await notifier.postCard(content);
        if (thread) {
          await repository.saveThread(storeId, conversationId, { ...thread, summary: content.summary });
        }
      }
    } else {
      const thread = await repository.getThread(storeId, conversationId, platform);
      // No thread: this platform had no place for the card; an older request's thread is not this one.
      if (thread && thread.requestId === delivery.requestId) {
        if (delivery.op === 'update') {
          const content = await loadCardContent(deps, storeId, conversationId, thread.summary);
          if (content) await notifier.updateCard(thread, content);
        } else {
          await notifier.postMessage(thread, delivery.message);
        }
      }
    }
  } catch (error) {
    await repository.releaseRelay(storeId, conversationId, platform, deliveryId).catch(() => undefined);
    throw error;
  }
  await repository.completeRelay(storeId, conversationId, platform, deliveryId);
}

/**
 * The card as of now: status from the conversation state, the summary from `summary` (a redraw) or freshly
 * written. Undefined when the conversation or its request is gone.
 */
export async function loadCardContent(
  deps: DeliveryDeps,
  storeId: string,
  conversationId: string,
  summary?: HandoffSummary,
): Promise<HandoffCardContent | undefined> {
  const [state, store] = await Promise.all([
    deps.conversations.getState(storeId, conversationId),
    deps.stores.get(storeId),
  ]);
  const info = state?.handoff;
  if (!state || !store || !info) return undefined;
  const written =
    summary ??
    (await summarizeConversation({
      state,
      messages: await deps.conversations.lastMessages(storeId, conversationId, SUMMARY_MESSAGES),
      trigger: info.trigger,
      chatModel: deps.chatModel,
      logger: deps.logger,
    }));
  return {
    storeId,
    storeName: store.name,
    conversationId,
    channel: state.channel,
    requestId: info.requestId,
    trigger: info.trigger,
    status: state.mode === 'claimed' ? 'claimed' : state.mode === 'bot' ? 'released' : 'requested',
    claimedByName: info.claimedByName,
    releaseReason: info.releaseReason,
    requestedAt: info.requestedAt,
    email: info.email,
    summary: written,
  };
}
