/** What the feedback loop needs from storage to verify signals and attribute purchases. */

export type Rating = 'up' | 'down';

/** What one reply of a conversation showed: written with the reply, read to verify signals about it. */
export interface ReplyRecord {
  replyId: string;
  /** Product ids the reply showed, in order. */
  productIds: string[];
  variantId?: string;
  at: string;
}

export interface ReplyRecords {
  get(storeId: string, conversationId: string, replyId: string): Promise<ReplyRecord | undefined>;
  /** Every reply record of a conversation, oldest first. */
  list(storeId: string, conversationId: string): Promise<ReplyRecord[]>;
  /**
   * Sets the reply's rating atomically. Returns the rating it replaced and how many times it was rated, or
   * undefined when the conversation has no such reply.
   */
  rate(
    storeId: string,
    conversationId: string,
    replyId: string,
    rating: Rating,
  ): Promise<{ previous?: Rating; count: number } | undefined>;
}

/** A click or add-to-cart of a verified customer, kept for purchase attribution. */
export interface CustomerSignal {
  eventId: string;
  type: 'click' | 'add_to_cart';
  productId: string;
  conversationId: string;
  replyId: string;
  variantId?: string;
  at: string;
}

export interface CustomerSignals {
  record(storeId: string, customerId: string, signal: CustomerSignal): Promise<void>;
  /** Signals in [fromIso, toIso], oldest first. */
  listBetween(storeId: string, customerId: string, fromIso: string, toIso: string): Promise<CustomerSignal[]>;
}
