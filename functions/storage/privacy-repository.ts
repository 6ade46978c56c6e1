import { createHash, randomUUID } from 'node:crypto';
import type { OutcomeEvent } from '../feedback/outcome-event';
import type { Order } from '../orders/order';
import { auditKeys, handoffKeys, keys, privacyKeys, subjectKeys, teamsKeys, type ItemKey } from './keys';
import { expiresInDays, type Table } from './table';

type Item = ItemKey & Record<string, unknown>;

/** Rate-limit scopes keyed by `<store>|<conversation>`: their counters name the session. */
const CONVERSATION_RATE_SCOPES = ['conversation', 'webchat-signals'];
/** Event fields that carry a person's words. */
const PERSONAL_EVENT_FIELDS = ['comment', 'query'] as const;
/** Erasure audit records outlive the data they describe, as evidence the request was honoured. */
const AUDIT_RETENTION_DAYS = 365 * 3;

export interface ConversationData {
  conversationId: string;
  /** State, messages and reply records, as stored (keys removed). */
  items: Record<string, unknown>[];
  events: OutcomeEvent[];
}

/**
 * Finds and erases what the table holds about one conversation or one verified customer. Every place a
 * session or customer id is written is listed here; tests/privacy scans the whole table to prove it.
 */
export class PrivacyRepository {
  constructor(private readonly table: Table) {}

  async isRevoked(storeId: string, sessionId: string): Promise<boolean> {
    return (await this.table.get(privacyKeys.revokedSession(sessionHash(storeId, sessionId)))) !== undefined;
  }

  /** Until the token would have expired anyway; then TTL removes the marker. */
  async revoke(storeId: string, sessionId: string, tokenExpiresAt: number): Promise<void> {
    await this.table.put({
      ...privacyKeys.revokedSession(sessionHash(storeId, sessionId)),
      entity: 'revoked-session',
      expiresAt: tokenExpiresAt,
    });
  }

  async conversation(storeId: string, conversationId: string): Promise<ConversationData> {
    const items = await this.table.query<Item>(keys.conversationPartition(storeId, conversationId));
    const events = await this.conversationEvents(storeId, conversationId, items);
    return {
      conversationId,
      items: items.filter((i) => i.entity !== 'message-id').map(withoutKeys),
      events: events.map((e) => withoutKeys(e) as unknown as OutcomeEvent),
    };
  }

  /** Deletes the conversation and everything keyed by it; its events stay for the figures, without the person. */
  async eraseConversation(storeId: string, conversationId: string): Promise<number> {
    const items = await this.table.query<Item>(keys.conversationPartition(storeId, conversationId));
    const events = await this.conversationEvents(storeId, conversationId, items);
    const anonymous = `erased-${randomUUID()}`;
    for (const event of events) {
      const scrubbed: Item = { ...event, conversationId: anonymous };
      for (const field of PERSONAL_EVENT_FIELDS) delete scrubbed[field];
      await this.table.put(scrubbed);
    }
    const doomed: ItemKey[] = items.map(keyOf);
    const customerId = items.find((i) => i.sk === 'STATE')?.customerId;
    if (typeof customerId === 'string') {
      doomed.push(subjectKeys.conversation(storeId, customerId, conversationId));
      const signals = await this.table.query<Item>(subjectKeys.partition(storeId, customerId), {
        beginsWith: subjectKeys.signalPrefix,
      });
      doomed.push(...signals.filter((s) => s.conversationId === conversationId).map(keyOf));
    }
    doomed.push(...(await this.handoffKeysOf(storeId, conversationId)));
    for (const scope of CONVERSATION_RATE_SCOPES) {
      const windows = await this.table.query<Item>(`RATE#${scope}#${storeId}|${conversationId}`);
      doomed.push(...windows.map(keyOf));
    }
    await this.table.deleteMany(doomed);
    return doomed.length + events.length;
  }

  async customerConversations(storeId: string, customerId: string): Promise<string[]> {
    const items = await this.table.query<Item>(subjectKeys.partition(storeId, customerId), {
      beginsWith: subjectKeys.conversationPrefix,
    });
    return items.map((i) => String(i.conversationId));
  }

  async customerSignals(storeId: string, customerId: string): Promise<Record<string, unknown>[]> {
    const items = await this.table.query<Item>(subjectKeys.partition(storeId, customerId), {
      beginsWith: subjectKeys.signalPrefix,
    });
    return items.map(withoutKeys);
  }

  /** The customer's subject index, and their id on their orders (the sales stay, without the person). */
  async eraseCustomerRecords(storeId: string, customerId: string, orders: Order[]): Promise<number> {
    const index = await this.table.query<Item>(subjectKeys.partition(storeId, customerId));
    await this.table.deleteMany(index.map(keyOf));
    for (const order of orders) {
      const item = await this.table.get<Item>(keys.order(storeId, order.id));
      if (!item) continue;
      const { gsi2pk: _pk, gsi2sk: _sk, ...rest } = item;
      await this.table.put({ ...rest, customerId: 'erased' });
    }
    return index.length + orders.length;
  }

  /** An audit record with no personal data: what kind of erasure, when, by which route, how many items. */
  async recordErasure(
    storeId: string,
    at: Date,
    detail: { scope: 'session' | 'customer'; via: string; items: number },
  ) {
    await this.table.put({
      ...auditKeys.entry(storeId, at.toISOString(), randomUUID()),
      entity: 'audit',
      storeId,
      action: 'privacy_erase',
      at: at.toISOString(),
      platform: detail.via,
      userId: '-',
      detail: `erased one ${detail.scope} (${detail.items} items)`,
      expiresAt: expiresInDays(AUDIT_RETENTION_DAYS, at.getTime()),
    });
  }

  /** A conversation's events arrive after it starts: read the store's events from then on only. */
  private async conversationEvents(storeId: string, conversationId: string, items: Item[]) {
    const times = items.map((i) => i.at ?? i.createdAt).filter((t): t is string => typeof t === 'string');
    if (times.length === 0) return [];
    const start = times.reduce((a, b) => (a < b ? a : b));
    const events = await this.table.query<Item & OutcomeEvent>(keys.eventPartition(storeId), {
      after: start.slice(0, 19),
    });
    return events.filter((e) => e.conversationId === conversationId);
  }

  private async handoffKeysOf(storeId: string, conversationId: string): Promise<ItemKey[]> {
    const found: ItemKey[] = [handoffKeys.open(storeId, conversationId)];
    const threads = await this.table.query<Item>(`HANDOFFCONV#${storeId}#${conversationId}`);
    for (const thread of threads) {
      found.push(keyOf(thread));
      const address = thread.address as { teamId?: string; channel?: string; ts?: string } | undefined;
      if (thread.platform === 'slack' && address?.teamId && address.channel && address.ts)
        found.push(handoffKeys.slackThread(address.teamId, address.channel, address.ts));
    }
    if (threads.some((t) => t.platform === 'teams')) {
      const teamsThreads = await this.table.query<Item>(teamsKeys.notifyTarget(storeId).pk, {
        beginsWith: 'THREAD#',
      });
      found.push(...teamsThreads.filter((t) => t.conversationId === conversationId).map(keyOf));
    }
    const relays = await this.table.query<Item>(`HANDOFFRELAY#${storeId}#${conversationId}`);
    found.push(...relays.map(keyOf));
    return found;
  }
}

function sessionHash(storeId: string, sessionId: string): string {
  return createHash('sha256').update(`${storeId}|${sessionId}`).digest('base64url');
}

function keyOf(item: ItemKey): ItemKey {
  return { pk: item.pk, sk: item.sk };
}

function withoutKeys(item: Item): Record<string, unknown> {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...rest } = item;
  return rest;
}
