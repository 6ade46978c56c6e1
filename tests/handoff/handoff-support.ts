import type { Composition } from '../../functions/app/compose';
import { waitFor } from '../support/wait-for';
import type {
  HandoffCardContent,
  HandoffNotifier,
  HandoffThreadRef,
  RelayMessage,
} from '../../functions/handoff/handoff-types';

/** An in-memory merchant platform for core tests: records cards, redraws and relayed messages. */
export class RecordingNotifier implements HandoffNotifier {
  readonly platform = 'slack' as const;
  readonly cards: HandoffCardContent[] = [];
  readonly updates: HandoffCardContent[] = [];
  readonly messages: RelayMessage[] = [];
  /** Calls of `postMessage` that should fail before it works again. */
  failMessages = 0;
  private counter = 0;

  async postCard(card: HandoffCardContent): Promise<HandoffThreadRef> {
    this.cards.push(card);
    this.counter += 1;
    return {
      platform: 'slack',
      requestId: card.requestId,
      address: { teamId: 'T1', channel: 'CHANDOFF', ts: `1.${this.counter}` },
    };
  }

  async updateCard(_thread: HandoffThreadRef, card: HandoffCardContent): Promise<void> {
    this.updates.push(card);
  }

  async postMessage(_thread: HandoffThreadRef, message: RelayMessage): Promise<void> {
    if (this.failMessages > 0) {
      this.failMessages -= 1;
      throw new Error('platform hiccup');
    }
    this.messages.push(message);
  }
}

/** Resolves once `predicate` holds (the shared `waitFor`, kept under the name these suites use). */
export async function eventually(predicate: () => boolean | Promise<boolean>, timeoutMs?: number) {
  await waitFor(predicate, 'the condition', { timeoutMs });
}

/** The handoff events of a store, by type. */
export async function handoffEvents(services: Composition, storeId: string) {
  const events = await services.events.listRange(storeId, '', '\uffff');
  return events
    .filter((e) => e.type.startsWith('handoff'))
    .map((e) => ({ type: e.type, reason: e.reason, conversationId: e.conversationId }));
}
