import type { ProductCard } from '../catalog/product';
import type { Channel, ConversationMode, Language } from '../conversations/conversation';

export { MAX_MESSAGE_CHARS } from '../conversations/message-text';

export interface ShopperTurnInput {
  storeId: string;
  /** Stable per channel conversation: a web chat session id, `slack:T1:C1:threadTs`, `teams:<conversation id>`. */
  conversationId: string;
  channel: Channel;
  text: string;
  /** A verified shopper identity (signed by the store's backend); order lookups are limited to it. */
  customerId?: string;
  /** Idempotency key of the shopper message; a retry with the same id gets the same reply. */
  messageId?: string;
  /** Display name of the shopper, for merchant-facing relays. Never logged. */
  shopperName?: string;
  /**
   * Messages accepted per conversation per minute (the channel's limit), counted atomically before the
   * message is stored or answered.
   */
  rateLimitPerMinute?: number;
}

export interface ShopperReply {
  replyId: string;
  text: string;
  products: ProductCard[];
  /** True when this turn asked for a person (or one is already on the way). */
  handoff: boolean;
  suggestions: string[];
  language: Language;
  mode: ConversationMode;
  variantId: string;
  /** `llm` when the model answered, `offline` for the deterministic assistant or a fallback to it. */
  source: 'llm' | 'offline' | 'silent';
  /** Why the LLM answer was replaced, when it was. */
  fallbackReason?: string;
  /** The store FAQ entry the reply quotes: its text is the merchant's, shown as plain text in every channel. */
  faqEntryId?: string;
}
