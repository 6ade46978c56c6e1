import type { Order } from '../orders/order';
import type { OutcomeEvent } from '../feedback/outcome-event';

/** What privacy needs from storage (implemented by storage/privacy-repository.ts). */
export interface PrivacyStore {
  isRevoked(storeId: string, sessionId: string): Promise<boolean>;
  revoke(storeId: string, sessionId: string, tokenExpiresAt: number): Promise<void>;
  conversation(
    storeId: string,
    conversationId: string,
  ): Promise<{ conversationId: string; items: Record<string, unknown>[]; events: OutcomeEvent[] }>;
  eraseConversation(storeId: string, conversationId: string): Promise<number>;
  customerConversations(storeId: string, customerId: string): Promise<string[]>;
  customerSignals(storeId: string, customerId: string): Promise<Record<string, unknown>[]>;
  eraseCustomerRecords(storeId: string, customerId: string, orders: Order[]): Promise<number>;
  recordErasure(
    storeId: string,
    at: Date,
    detail: { scope: 'session' | 'customer'; via: string; items: number },
  ): Promise<void>;
}

export interface CustomerExport {
  storeId: string;
  customerId: string;
  exportedAt: string;
  orders: Order[];
  conversations: {
    conversationId: string;
    messages: Record<string, unknown>[];
    state?: Record<string, unknown>;
    replies: Record<string, unknown>[];
    events: OutcomeEvent[];
  }[];
  signals: Record<string, unknown>[];
}

/** Every order of one customer, however many: an export or erase must not stop at a page. */
const ALL_ORDERS = 100_000;

/**
 * A shopper's right to see and erase their data. A web chat session is erased by its own token; a verified
 * customer (every session and order tied to their id) by the store, through `shopguide privacy`.
 * Each erase leaves an audit record without personal data.
 */
export class PrivacyService {
  constructor(
    private readonly deps: {
      store: PrivacyStore;
      orders: { listByCustomer(storeId: string, customerId: string, limit?: number): Promise<Order[]> };
      now: () => Date;
      /** How long a web chat token lives: revocations are kept that long. */
      tokenTtlSeconds: number;
    },
  ) {}

  isRevoked(storeId: string, sessionId: string): Promise<boolean> {
    return this.deps.store.isRevoked(storeId, sessionId);
  }

  /** Revokes the token first, so it stops working even if the erase is interrupted (and can be redone). */
  async eraseSession(storeId: string, session: { sessionId: string; exp: number }, via: string) {
    const { store, now } = this.deps;
    await store.revoke(storeId, session.sessionId, session.exp);
    const items = await store.eraseConversation(storeId, session.sessionId);
    await store.recordErasure(storeId, now(), { scope: 'session', via, items });
    return { items };
  }

  async exportCustomer(storeId: string, customerId: string): Promise<CustomerExport> {
    const { store, orders, now } = this.deps;
    const conversationIds = await store.customerConversations(storeId, customerId);
    const conversations = [];
    for (const conversationId of conversationIds) {
      const data = await store.conversation(storeId, conversationId);
      conversations.push({
        conversationId,
        state: data.items.find((i) => i.entity === 'conversation'),
        messages: data.items.filter((i) => i.entity === 'message'),
        replies: data.items.filter((i) => i.entity === 'reply'),
        events: data.events,
      });
    }
    return {
      storeId,
      customerId,
      exportedAt: now().toISOString(),
      orders: await orders.listByCustomer(storeId, customerId, ALL_ORDERS),
      conversations,
      signals: await store.customerSignals(storeId, customerId),
    };
  }

  async eraseCustomer(storeId: string, customerId: string, via: string) {
    const { store, orders, now, tokenTtlSeconds } = this.deps;
    const conversationIds = await store.customerConversations(storeId, customerId);
    const revokeUntil = Math.floor(now().getTime() / 1000) + tokenTtlSeconds;
    let items = 0;
    for (const conversationId of conversationIds) {
      await store.revoke(storeId, conversationId, revokeUntil);
      items += await store.eraseConversation(storeId, conversationId);
    }
    const held = await orders.listByCustomer(storeId, customerId, ALL_ORDERS);
    items += await store.eraseCustomerRecords(storeId, customerId, held);
    await store.recordErasure(storeId, now(), { scope: 'customer', via, items });
    return { conversations: conversationIds.length, orders: held.length, items };
  }
}
