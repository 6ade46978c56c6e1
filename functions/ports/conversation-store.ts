import type { ConversationState, Message } from '../conversations/conversation';
import type { OutcomeEvent } from '../feedback/outcome-event';

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
  /** A reply that is written once by construction, together with the signals it raised, in one batch. */
  appendReply(input: NewMessage & { id: string }, signals: OutcomeEvent[]): Promise<Message>;
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
}
