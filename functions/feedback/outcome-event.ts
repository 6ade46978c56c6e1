import type { Channel } from '../conversations/conversation';

/** Signals that tell the store whether a reply helped. Each is tied to the reply and variant that caused it. */
export type OutcomeType =
  | 'feedback'
  | 'click'
  | 'add_to_cart'
  /** Attributed from the signed order webhook: the only purchase that counts as reward or conversion. */
  | 'purchase'
  /** Reported by a browser: kept, but proves nothing, so it never counts. */
  | 'purchase_unverified'
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
  /** For feedback: the rating of the same reply this one replaces (the last rating wins). */
  replaces?: 'up' | 'down';
  /** For attributed purchases: the order and the revenue of this product's line in it. */
  orderId?: string;
  revenue?: number;
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
