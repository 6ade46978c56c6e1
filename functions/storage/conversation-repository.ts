import { randomUUID } from 'node:crypto';
import { ShopGuideError } from '../errors/errors';
import type { ConversationState, Message } from '../conversations/conversation';
import type { OutcomeEvent } from '../feedback/outcome-event';
import type { ReplyRecord } from '../ports/signal-records';
import type { ConversationStore, NewMessage } from '../ports/conversation-store';
import { eventItem } from './event-repository';
import { keys } from './keys';
import { expiresInDays, isConditionalCheckFailed, type Table } from './table';

/** Another writer updated the conversation state first; reload and retry. */
export class ConcurrencyConflictError extends ShopGuideError {
  override name = 'ConcurrencyConflictError';
  override readonly status = 409;
}

type MessageItem = Message & { pk: string; sk: string; expiresAt: number; entity?: string };
type StateItem = ConversationState & { pk: string; sk: string; expiresAt: number };

export type { NewMessage };

export class ConversationRepository implements ConversationStore {
  constructor(
    private readonly table: Table,
    private readonly ttlDays: number,
  ) {}

  /**
   * Stores a message once per id, even when a retry of an explicit id comes with a later timestamp
   * (`retryable`, the default for explicit ids). Returns the stored message (the earlier copy for a duplicate).
   */
  async appendMessage(input: NewMessage, options: { retryable?: boolean } = {}): Promise<Message> {
    return (await this.appendMessageOnce(input, options)).message;
  }

  /**
   * Like `appendMessage`, and tells whether this call stored it (`isNew`) or found it already stored. With
   * `retryable`, the id is one a client may send again later (with a new timestamp): the first timestamp is
   * pinned by a marker item so the retry lands on the same message.
   */
  async appendMessageOnce(
    input: NewMessage,
    options: { retryable?: boolean } = {},
  ): Promise<{ message: Message; isNew: boolean }> {
    const id = input.id ?? randomUUID();
    let at = input.at ?? new Date().toISOString();
    // An explicit id is usually a platform's or client's id, which can come again: retryable unless told.
    if (options.retryable ?? input.id !== undefined) {
      const marker = keys.messageIdMarker(input.storeId, input.conversationId, id);
      const claimed = await this.table.putIfAbsent({
        ...marker,
        entity: 'message-id',
        at,
        expiresAt: expiresInDays(this.ttlDays),
      });
      if (!claimed) {
        const existing = await this.table.get<{ at: string }>(marker);
        if (existing?.at) at = existing.at;
      }
    }
    const key = keys.message(input.storeId, input.conversationId, at, id);
    const message: Message = { ...input, id, at, cursor: key.sk };
    const written = await this.table.putIfAbsent({
      ...key,
      entity: 'message',
      expiresAt: expiresInDays(this.ttlDays),
      ...message,
    });
    if (!written) {
      const existing = await this.table.get<MessageItem>(key);
      if (existing) return { message: strip(existing), isNew: false };
    }
    return { message, isNew: written };
  }

  /**
   * The item for a message that is written once by construction (a reply whose turn is exactly-once), so
   * callers can batch it with other writes of the same step.
   */
  messageItem(input: NewMessage & { id: string }): { message: Message; item: MessageItem } {
    const at = input.at ?? new Date().toISOString();
    const key = keys.message(input.storeId, input.conversationId, at, input.id);
    const message: Message = { ...input, at, cursor: key.sk };
    return {
      message,
      item: { ...key, entity: 'message', expiresAt: expiresInDays(this.ttlDays), ...message },
    };
  }

  /** The reply and the signals it raised, in one batch write (the reply's id makes it exactly-once). */
  async appendReply(input: NewMessage & { id: string }, signals: OutcomeEvent[]): Promise<Message> {
    const reply = this.messageItem(input);
    const record = this.replyRecordItem(input.storeId, input.conversationId, {
      replyId: input.replyId ?? input.id,
      productIds: (input.products ?? []).map((p) => p.id),
      variantId: input.variantId,
      at: reply.message.at,
    });
    await this.table.putMany([reply.item, record, ...signals.map(eventItem)]);
    return reply.message;
  }

  async recordReply(storeId: string, conversationId: string, record: ReplyRecord): Promise<void> {
    await this.table.put(this.replyRecordItem(storeId, conversationId, record));
  }

  /** Reply records share the conversation's partition and TTL, so they expire and are erased with it. */
  private replyRecordItem(storeId: string, conversationId: string, record: ReplyRecord) {
    return {
      ...keys.replyRecord(storeId, conversationId, record.replyId),
      entity: 'reply',
      ...record,
      expiresAt: expiresInDays(this.ttlDays),
    };
  }

  /** Messages strictly after `cursor`, oldest first. */
  async listAfter(storeId: string, conversationId: string, cursor?: string, limit = 100): Promise<Message[]> {
    const items = await this.table.query<MessageItem>(keys.conversationPartition(storeId, conversationId), {
      ...(cursor ? { after: cursor } : { beginsWith: keys.messagePrefix }),
      limit,
      consistent: true,
    });
    return items.filter((i) => i.sk.startsWith(keys.messagePrefix)).map(strip);
  }

  /** The most recent `count` messages, oldest first. */
  async lastMessages(storeId: string, conversationId: string, count: number): Promise<Message[]> {
    const items = await this.table.query<MessageItem>(keys.conversationPartition(storeId, conversationId), {
      beginsWith: keys.messagePrefix,
      descending: true,
      limit: count,
      consistent: true,
    });
    return items.map(strip).reverse();
  }

  /**
   * The conversation state and its last `count` messages (oldest first) in one query: the state's sort key
   * (`STATE`) sorts just after the messages (`MSG#...`), so a descending read starts with it.
   */
  async recent(
    storeId: string,
    conversationId: string,
    count: number,
  ): Promise<{ state?: ConversationState; messages: Message[] }> {
    const items = await this.table.query<(MessageItem | StateItem) & { sk: string }>(
      keys.conversationPartition(storeId, conversationId),
      { descending: true, limit: count + 1, consistent: true },
    );
    const stateItem = items.find((item) => item.sk === 'STATE') as StateItem | undefined;
    const messages = items
      .filter((item): item is MessageItem => item.sk.startsWith(keys.messagePrefix))
      .slice(0, count)
      .map(strip)
      .reverse();
    return { state: stateItem ? stripState(stateItem) : undefined, messages };
  }

  async getState(storeId: string, conversationId: string): Promise<ConversationState | undefined> {
    const item = await this.table.get<StateItem>(keys.conversationState(storeId, conversationId));
    return item ? stripState(item) : undefined;
  }

  /**
   * Saves state if nobody wrote since it was read (`state.version` is the version read).
   * Returns the saved state with its new version; throws ConcurrencyConflictError on a lost race.
   */
  async saveState(state: ConversationState): Promise<ConversationState> {
    const next: ConversationState = {
      ...state,
      version: state.version + 1,
      updatedAt: new Date().toISOString(),
    };
    const item = {
      ...keys.conversationState(state.storeId, state.conversationId),
      entity: 'conversation',
      expiresAt: expiresInDays(this.ttlDays),
      ...next,
    };
    try {
      await this.table.put(item, {
        condition: state.version === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
        values: state.version === 0 ? undefined : { ':expected': state.version },
      });
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new ConcurrencyConflictError('The conversation changed, please retry', { cause: error });
      }
      throw error;
    }
    return next;
  }

  /**
   * Read-modify-write with optimistic concurrency: `change` is re-applied to a fresh copy on conflict.
   */
  async updateState(
    storeId: string,
    conversationId: string,
    create: () => ConversationState,
    change: (state: ConversationState) => ConversationState,
    attempts = 5,
    /** The state as the caller just read it: the first attempt writes on top of it without reading again. */
    known?: ConversationState,
  ): Promise<ConversationState> {
    const saved = await this.writeRetrying(
      async (attempt) =>
        attempt === 1 && known ? known : ((await this.getState(storeId, conversationId)) ?? create()),
      change,
      attempts,
    );
    return saved as ConversationState;
  }

  async changeState(
    storeId: string,
    conversationId: string,
    change: (state: ConversationState) => ConversationState | undefined,
    attempts = 5,
  ): Promise<ConversationState | undefined> {
    return this.writeRetrying(() => this.getState(storeId, conversationId), change, attempts);
  }

  /** Reads, changes and saves; a lost race reads again and re-applies `change`, up to `attempts` times. */
  private async writeRetrying(
    read: (attempt: number) => Promise<ConversationState | undefined>,
    change: (state: ConversationState) => ConversationState | undefined,
    attempts: number,
  ): Promise<ConversationState | undefined> {
    for (let attempt = 1; ; attempt++) {
      const current = await read(attempt);
      const next = current && change(structuredClone(current));
      if (!next) return undefined;
      try {
        return await this.saveState(next);
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= attempts) throw error;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
      }
    }
  }
}

function strip(item: MessageItem): Message {
  const { pk: _pk, sk: _sk, expiresAt: _e, ...message } = item;
  delete (message as { entity?: string }).entity;
  return message;
}

function stripState(item: StateItem): ConversationState {
  const { pk: _pk, sk: _sk, expiresAt: _e, ...state } = item;
  delete (state as { entity?: string }).entity;
  return state;
}
