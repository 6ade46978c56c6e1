import type { ConversationState, MessageRole } from '../conversations/conversation';
import type { FeedbackService } from '../feedback/feedback-service';
import type { HandoffTransition } from '../feedback/outcome-event';
import type { Logger } from '../observability/logger';
import type { ConversationStore } from '../ports/conversation-store';
import { isRefusal, nextHandoffState, type HandoffCommand, type HandoffStep } from './transitions';

/**
 * Writes handoff transitions and what each leaves behind: the state (conditionally on the version it was
 * decided on), the event the feedback loop counts, the note the shopper reads, and a log line.
 */
export class HandoffTransitionWriter {
  constructor(
    private readonly deps: {
      conversations: Pick<ConversationStore, 'changeState' | 'appendMessage'>;
      feedback: Pick<FeedbackService, 'recordSystemEvent'>;
    },
    private readonly logger: Logger,
  ) {}

  /**
   * Applies a command to the stored state: `nextHandoffState` decides, and the result is written only if
   * nobody wrote since it was read (re-deciding on the fresh state otherwise). A refusal writes nothing.
   */
  async apply(storeId: string, conversationId: string, command: HandoffCommand): Promise<HandoffStep> {
    const unknown: HandoffStep = { refused: 'not_in_handoff', reason: 'Unknown conversation' };
    const decided: { step: HandoffStep } = { step: unknown };
    const saved = await this.deps.conversations.changeState(
      storeId,
      conversationId,
      (current) => {
        decided.step = nextHandoffState(current, command);
        return isRefusal(decided.step) ? undefined : decided.step.next;
      },
      10,
    );
    const { step } = decided;
    return saved && !isRefusal(step) ? { next: saved, changed: step.changed } : step;
  }

  /** A status message in the shopper's conversation; its id makes a retried transition write it once. */
  async note(state: ConversationState, id: string, role: MessageRole, text: () => string) {
    await this.deps.conversations.appendMessage({
      id,
      storeId: state.storeId,
      conversationId: state.conversationId,
      role,
      text: text(),
    });
  }

  /** The transition's outcome event, keyed by the request so a retried transition counts once. */
  async record(state: ConversationState, type: HandoffTransition, reason: string) {
    const requestId = state.handoff?.requestId ?? 'none';
    await this.deps.feedback.recordSystemEvent(
      {
        storeId: state.storeId,
        conversationId: state.conversationId,
        channel: state.channel,
        variantId: state.variantId,
      },
      type,
      requestId,
      { reason },
    );
  }

  log(state: ConversationState) {
    return this.logger.child({
      storeId: state.storeId,
      conversationId: state.conversationId,
      channel: state.channel,
    });
  }
}
