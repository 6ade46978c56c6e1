import type { ProductCard } from '../catalog/product';
import type { Channel, HandoffTrigger, MessageRole } from '../conversations/conversation';
import { ShopGuideError } from '../errors/errors';

/** The merchant-side platforms a handoff card can be posted to. */
export type HandoffPlatform = 'slack' | 'teams';

/** Default minutes when a store has no `handoff` settings. */
export const DEFAULT_HANDOFF_TIMING = { unclaimedMinutes: 5, idleMinutes: 30 } as const;

/** Base of the handoff errors: a refused transition is an expected outcome, mapped by the caller. */
export class HandoffError extends ShopGuideError {
  override name = 'HandoffError';
  override readonly status: number = 409;
}

/** A relay was attempted before its card exists on that platform: the queue retries it. */
export class HandoffNotReadyError extends HandoffError {
  override name = 'HandoffNotReadyError';
  override readonly status = 503;
}

/** Who acts on a handoff: a platform identity (`slack:T1:U1`) and the name people see. */
export interface HandoffActor {
  id: string;
  name: string;
}

/** The conversation summary a merchant sees on the card. Products and preferences come from stored data. */
export interface HandoffSummary {
  text: string;
  /** The shopper's main intent, in words ("looking for smartphones"). */
  intent: string;
  products: ProductCard[];
  preferences: string[];
  lastMessages: { role: MessageRole; author?: string; text: string }[];
  source: 'llm' | 'extractive';
}

/** Everything a notifier needs to draw (or redraw) the handoff card. */
export interface HandoffCardContent {
  storeId: string;
  storeName: string;
  conversationId: string;
  /** The shopper's channel (web chat, Teams, Slack). */
  channel: Channel;
  requestId: string;
  trigger: HandoffTrigger;
  status: 'requested' | 'claimed' | 'released';
  claimedByName?: string;
  releaseReason?: 'merchant' | 'idle';
  requestedAt: string;
  email?: string;
  summary: HandoffSummary;
}

/** Where a card was posted on one platform; `address` is the platform's own (Slack team/channel/ts...). */
export interface HandoffThreadRef {
  platform: HandoffPlatform;
  requestId: string;
  address: Record<string, string>;
  /** The summary the card was drawn with, so later redraws show the same one. */
  summary?: HandoffSummary;
}

/** A conversation message (or a status note) to write into the merchant thread. */
export interface RelayMessage {
  id: string;
  role: MessageRole;
  text: string;
  author?: string;
}

/**
 * The merchant side of a handoff on one platform (the port; Slack and Teams implement it). `postCard`
 * returns undefined when the store has no place for cards on that platform, which is not an error.
 */
export interface HandoffNotifier {
  readonly platform: HandoffPlatform;
  postCard(card: HandoffCardContent): Promise<HandoffThreadRef | undefined>;
  updateCard(thread: HandoffThreadRef, card: HandoffCardContent): Promise<void>;
  postMessage(thread: HandoffThreadRef, message: RelayMessage): Promise<void>;
}

/** The `handoff.deliver` job: one item to deliver to every platform the request was posted to. */
export type HandoffDelivery =
  | { op: 'card'; storeId: string; conversationId: string; requestId: string }
  | { op: 'update'; storeId: string; conversationId: string; requestId: string; version: number }
  | { op: 'message'; storeId: string; conversationId: string; requestId: string; message: RelayMessage };

export const HANDOFF_DELIVERY_JOB = 'handoff.deliver';

/** The reason the assistant passes when two unanswered questions in a row asked for a person. */
export const UNANSWERED_HANDOFF_REASON = 'two unanswered questions in a row';
