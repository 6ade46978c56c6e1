import type { ProductCard } from '../catalog/product';
import type { Language } from '../language/language';

export type Channel = 'webchat' | 'slack' | 'teams' | 'cli';
/** The languages live in `language/`; conversations carry one. */
export type { Language };
export type MessageRole = 'shopper' | 'assistant' | 'merchant' | 'system';

export interface Message {
  id: string;
  storeId: string;
  conversationId: string;
  role: MessageRole;
  text: string;
  at: string;
  /** Opaque, ordered position of the message in its conversation; used as a polling cursor. */
  cursor: string;
  products?: ProductCard[];
  /** Set on assistant replies: feedback and outcomes refer to it. */
  replyId?: string;
  variantId?: string;
  /** Who wrote a merchant message (display name only). */
  author?: string;
  /** Actions a reply carried (add to cart), kept so a replayed reply is the same reply. */
  actions?: { type: 'add_to_cart'; productId: string; quantity: number; url?: string }[];
  /** The side-by-side a reply showed. */
  comparison?: { productIds: string[]; rows: { label: string; values: string[] }[] };
}

export interface Preferences {
  budgetMin?: number;
  budgetMax?: number;
  brands?: string[];
  categories?: string[];
  size?: string;
  language?: Language;
}

/**
 * What the shopper is looking for right now. Each constraint holds until the shopper changes or drops it:
 * "a different brand" keeps the budget, "under $1000" keeps the category, a new category starts afresh.
 */
export interface ActiveConstraints {
  categories: string[];
  budgetMin?: number;
  budgetMax?: number;
  /** Only these brands ("what about Apple?"). */
  brands?: string[];
  /** Never these brands ("a different brand", "not Samsung"). */
  excludeBrands?: string[];
  inStock?: boolean;
  minRating?: number;
  /** Words of the request that still apply ("wireless"), searched as text. */
  words?: string;
  /** Properties every product must have ("black"), from a follow-up that narrows a list. */
  attributes?: string[];
  sort?: 'price_asc' | 'price_desc' | 'rating';
}

export type ConversationMode = 'bot' | 'handoff_requested' | 'claimed';

/** What asked for a person: the shopper, two unanswered questions in a row, or two thumbs-down in a row. */
export type HandoffTrigger = 'explicit' | 'unanswered' | 'downvotes';

/** The current (or last) handoff request of a conversation; kept after the return to the bot, for context. */
export interface HandoffInfo {
  /** Derived from the conversation and request time: cards, events and relays of one request share it. */
  requestId: string;
  trigger: HandoffTrigger;
  reason?: string;
  requestedAt: string;
  /** Display name of the person who claimed it (`claimedBy` holds their platform identity). */
  claimedByName?: string;
  claimedAt?: string;
  /** Last message of the shopper or the person: the idle timer counts from here. */
  lastActivityAt: string;
  /** When the shopper was told nobody has claimed it yet (the unclaimed timer fires once per request). */
  unclaimedNoticeAt?: string;
  /** An address the shopper left for a reply by email. */
  email?: string;
  releasedAt?: string;
  releaseReason?: 'merchant' | 'idle';
}

export interface ConversationState {
  storeId: string;
  conversationId: string;
  channel: Channel;
  /** Incremented on every write; writes are conditional on the version they read. */
  version: number;
  mode: ConversationMode;
  claimedBy?: string;
  handoffRequestedAt?: string;
  handoff?: HandoffInfo;
  /** Rolling summary of turns that fell out of the history window. */
  summary: string;
  preferences: Preferences;
  /** Product ids shown in the last reply, for "the first one", "that one". */
  lastProductIds: string[];
  /** The product a one-product reply was about ("it"), while the list stays the last list. */
  focusProductId?: string;
  /** What the shopper is looking for now; each constraint holds until changed or dropped. */
  constraints?: ActiveConstraints;
  /** Every product shown since the constraints last started afresh: "show more" never repeats them. */
  shownIds?: string[];
  turns: number;
  unansweredStreak: number;
  downvoteStreak: number;
  customerId?: string;
  variantId?: string;
  createdAt: string;
  updatedAt: string;
}

export function newConversationState(storeId: string, conversationId: string, channel: Channel, now: string) {
  const state: ConversationState = {
    storeId,
    conversationId,
    channel,
    version: 0,
    mode: 'bot',
    summary: '',
    preferences: {},
    lastProductIds: [],
    turns: 0,
    unansweredStreak: 0,
    downvoteStreak: 0,
    createdAt: now,
    updatedAt: now,
  };
  return state;
}
