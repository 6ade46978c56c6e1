/**
 * Where a Teams conversation can be written to later (proactive replies, digests, handoff relays): the core
 * and storage know these shapes; only the Teams adapter knows botbuilder, whose types they are compatible with.
 */
export interface ChannelAccountRef {
  id: string;
  name?: string;
  aadObjectId?: string;
  role?: string;
}

export interface ConversationAccountRef {
  id: string;
  conversationType?: string;
  tenantId?: string;
  isGroup?: boolean;
  name?: string;
}

/** Enough to write to a conversation later (botbuilder's `ConversationReference`). */
export interface ConversationRef {
  activityId?: string;
  bot: ChannelAccountRef;
  user?: ChannelAccountRef;
  conversation: ConversationAccountRef;
  channelId: string;
  serviceUrl: string;
  locale?: string;
}

/** A handoff request's reply chain in a merchant channel, pointing at the shopper's conversation. */
export interface HandoffThread {
  storeId: string;
  /** The shopper's ShopGuide conversation id (`teams:...`, a web chat session id...). */
  conversationId: string;
  postedAt: string;
}

/** Conversation references kept so that any process can reach a Teams conversation. */
export interface TeamsReferenceStore {
  save(storeId: string, conversationId: string, reference: ConversationRef, now?: Date): Promise<void>;
  get(storeId: string, conversationId: string): Promise<ConversationRef | undefined>;
  setNotifyTarget(storeId: string, reference: ConversationRef, now?: Date): Promise<void>;
  getNotifyTarget(storeId: string): Promise<ConversationRef | undefined>;
  saveHandoffThread(rootActivityId: string, thread: HandoffThread): Promise<void>;
  getHandoffThread(storeId: string, rootActivityId: string): Promise<HandoffThread | undefined>;
}
