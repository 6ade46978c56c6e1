import type { Channel } from '../conversations/conversation';

/** Signals that tell the store whether a reply helped. Each is tied to the reply and variant that caused it. */
export type OutcomeType =
  | 'feedback'
  | 'click'
  | 'add_to_cart'
  | 'purchase'
  | 'handoff'
  | 'shown'
  | 'unanswered'
  | 'faq_answered'
  | HandoffTransition;

/** Handoff state-machine transitions, one event each (`handoff` stays the reply that asked for a person). */
export type HandoffTransition =
  'handoff_requested' | 'handoff_claimed' | 'handoff_released' | 'handoff_unclaimed' | 'handoff_email';

export interface OutcomeEvent {
  /** Deterministic id, so a retried signal is stored once. */
  eventId: string;
  storeId: string;
  type: OutcomeType;
  conversationId?: string;
  replyId?: string;
  variantId?: string;
  productId?: string;
  rating?: 'up' | 'down';
  comment?: string;
  /** For `unanswered`: the shopper's question, kept for latent-demand clustering. */
  query?: string;
  /** For `faq_answered`: the store FAQ entry the reply quoted. */
  entryId?: string;
  /** For `shown`: the products a reply showed, in order. */
  productIds?: string[];
  /** For handoff transitions: the trigger (`explicit`, `unanswered`, `downvotes`) or why it was released. */
  reason?: string;
  channel?: Channel;
  occurredAt: string;
  receivedAt: string;
}
