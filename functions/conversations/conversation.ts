import type { ProductCard } from '../catalog/product';

export type Channel = 'webchat' | 'slack' | 'teams' | 'cli';
export type Language = 'en' | 'zh';
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
}

export interface Preferences {
  budgetMin?: number;
  budgetMax?: number;
  brands?: string[];
  categories?: string[];
  size?: string;
  language?: Language;
}

export type ConversationMode = 'bot' | 'handoff_requested' | 'claimed';

export interface ConversationState {
  storeId: string;
  conversationId: string;
  channel: Channel;
  /** Incremented on every write; writes are conditional on the version they read. */
  version: number;
  mode: ConversationMode;
  claimedBy?: string;
  handoffRequestedAt?: string;
  /** Rolling summary of turns that fell out of the history window. */
  summary: string;
  preferences: Preferences;
  /** Product ids shown in the last reply, for "the first one", "that one". */
  lastProductIds: string[];
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
