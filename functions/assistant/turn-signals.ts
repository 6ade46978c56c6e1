import type { FeedbackService } from '../feedback/feedback-service';
import type { OutcomeEvent } from '../feedback/outcome-event';
import { redactString } from '../observability/redact';
import type { DraftReply } from './offline-assistant';
import type { TurnLedger } from './turn-ledger';
import type { ShopperTurnInput } from './types';

/** Signals a reply raises for the feedback loop: what it showed, what it could not answer, a handoff. */
export function turnSignals(
  feedback: Pick<FeedbackService, 'systemEvent'>,
  turn: {
    storeId: string;
    input: Pick<ShopperTurnInput, 'conversationId' | 'channel'>;
    replyId: string;
    variantId: string;
    draft: DraftReply;
    ledger: TurnLedger;
    text: string;
  },
): OutcomeEvent[] {
  const { replyId, draft, ledger } = turn;
  const context = {
    storeId: turn.storeId,
    conversationId: turn.input.conversationId,
    channel: turn.input.channel,
    variantId: turn.variantId,
  };
  const events: OutcomeEvent[] = [];
  if (draft.products.length) {
    events.push(
      feedback.systemEvent(context, 'shown', replyId, {
        replyId,
        productIds: draft.products.map((p) => p.id),
      }),
    );
  }
  // The cart action is an outcome of this reply, for a product this reply shows.
  for (const action of draft.actions ?? []) {
    events.push(
      feedback.systemEvent(context, 'add_to_cart', `${replyId}|${action.productId}`, {
        replyId,
        productId: action.productId,
      }),
    );
  }
  if (ledger.unanswered) {
    events.push(
      // Kept for latent demand: the question, never the shopper's e-mail address or phone number.
      feedback.systemEvent(context, 'unanswered', replyId, {
        replyId,
        query: redactString(turn.text).slice(0, 200),
      }),
    );
  }
  if (ledger.handoffRequested) events.push(feedback.systemEvent(context, 'handoff', replyId, { replyId }));
  if (ledger.faqEntryIds.length > 0) {
    events.push(
      feedback.systemEvent(context, 'faq_answered', replyId, { replyId, entryId: ledger.faqEntryIds[0] }),
    );
  }
  return events;
}
