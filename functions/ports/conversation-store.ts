import type { ConversationState, Message } from '../conversations/conversation';
import type { OutcomeEvent } from '../feedback/outcome-event';
import type { ReplyRecord } from './signal-records';

export type NewMessage = Omit<Message, 'id' | 'at' | 'cursor'> & { id?: string; at?: string };

/** Messages and the per-conversation state (optimistic concurrency on `version`). */
export interface ConversationStore {
  /** Stores a message once per id; returns the stored copy (the earlier one for a duplicate). */
  appendMessage(input: NewMessage, options?: { retryable?: boolean }): Promise<Message>;
  /** Like `appendMessage`, and tells whether this call stored it. */
  appendMessageOnce(
    input: NewMessage,
    options?: { retryable?: boolean },
  ): Promise<{ message: Message; isNew: boolean }>;
  /**
   * A reply that is written once by construction, together with the signals it raised and its reply record
   * (what it showed, for verifying feedback and events), in one batch.
   */
  appendReply(input: NewMessage & { id: string }, signals: OutcomeEvent[]): Promise<Message>;
  /** The reply record of a reply stored another way (handoff notices), so it can be rated too. */
  recordReply(storeId: string, conversationId: string, record: ReplyRecord): Promise<void>;
  listAfter(storeId: string, conversationId: string, cursor?: string, limit?: number): Promise<Message[]>;
  /** The most recent `count` messages, oldest first. */
  lastMessages(storeId: string, conversationId: string, count: number): Promise<Message[]>;
  /** The state and the last `count` messages (oldest first) in one read. */
  recent(
    storeId: string,
    conversationId: string,
    count: number,
  ): Promise<{ state?: ConversationState; messages: Message[] }>;
  getState(storeId: string, conversationId: string): Promise<ConversationState | undefined>;
  /** Read-modify-write; `change` is re-applied to a fresh copy when another writer won. */
  updateState(
    storeId: string,
    conversationId: string,
    create: () => ConversationState,
    change: (state: ConversationState) => ConversationState,
    attempts?: number,
    known?: ConversationState,
  ): Promise<ConversationState>;
  /**
   * Read-modify-write of an existing conversation where `change` may decline (undefined): nothing is written
   * then, and undefined is returned, as it is for an unknown conversation.
   */
  changeState(
    storeId: string,
    conversationId: string,
    change: (state: ConversationState) => ConversationState | undefined,
    attempts?: number,
  ): Promise<ConversationState | undefined>;
}
