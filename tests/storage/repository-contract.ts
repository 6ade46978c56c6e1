import type { Order } from '../../functions/orders/order';
import { newConversationState } from '../../functions/conversations/conversation';
import { ConcurrencyConflictError } from '../../functions/storage/conversation-repository';
import type { Store } from '../../functions/stores/store';
import { startTestEnv, type TestEnv } from '../support/test-env';

const store: Store = {
  id: 'acme',
  name: 'Acme',
  currency: 'USD',
  locale: 'en-US',
  timezone: 'UTC',
  policies: { shipping: 'Ships in 2 days.', returns: '30 days.', warranty: '1 year.' },
  secret: 'acme-secret-acme-secret',
  catalogVersion: 0,
  createdAt: '2026-11-01T00:00:00.000Z',
};

function order(id: string, customerId: string, createdAt: string, total = 10): Order {
  return {
    id,
    storeId: 'acme',
    customerId,
    createdAt,
    status: 'paid',
    items: [{ productId: '1', title: 'Thing', price: total, quantity: 1 }],
    total,
    currency: 'USD',
  };
}

/**
 * The storage contract, run against every DynamoDB engine we support (dynalite, DynamoDB Local), so the
 * repositories only rely on behaviour real DynamoDB has.
 */
export function repositoryContract(engine: string, endpoint: () => string | undefined) {
  describe(`repositories on ${engine}`, () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await startTestEnv({ endpoint: endpoint() });
      await env.services.stores.create(store);
    });
    afterAll(async () => env?.close());

    test('a store is created once and its catalog version bumps atomically', async () => {
      expect(await env.services.stores.create(store)).toBe(false);
      const versions = await Promise.all([1, 2, 3].map(() => env.services.stores.bumpCatalogVersion('acme')));
      expect(versions.sort()).toEqual([1, 2, 3]);
      expect((await env.services.stores.list()).map((s) => s.id)).toContain('acme');
    });

    test('products round-trip and list by store only', async () => {
      await env.services.products.putMany('acme', [
        {
          id: '1',
          title: 'Red shoe',
          description: 'A shoe',
          category: 'shoes',
          price: 50,
          currency: 'USD',
          stock: 3,
          tags: [],
        },
        {
          id: '2',
          title: '蓝色衬衫',
          description: '衬衫',
          category: 'shirts',
          price: 20,
          currency: 'USD',
          stock: 0,
          tags: ['衬衫'],
        },
      ]);
      await env.services.products.putMany('other', [
        {
          id: '9',
          title: 'Other',
          description: '',
          category: 'x',
          price: 1,
          currency: 'USD',
          stock: 1,
          tags: [],
        },
      ]);
      const listed = await env.services.products.list('acme');
      expect(listed.map((p) => p.id).sort()).toEqual(['1', '2']);
      expect((await env.services.products.get('acme', '2'))?.title).toBe('蓝色衬衫');
      expect(await env.services.products.get('acme', '9')).toBeUndefined();
    });

    test('orders are stored once per id and queried by date range and by customer', async () => {
      expect(await env.services.orders.putIfAbsent(order('o1', 'c1', '2026-11-10T10:00:00.000Z'))).toBe(true);
      expect(await env.services.orders.putIfAbsent(order('o1', 'c1', '2026-11-10T10:00:00.000Z', 99))).toBe(
        false,
      );
      await env.services.orders.putMany([
        order('o2', 'c2', '2026-11-12T10:00:00.000Z'),
        order('o3', 'c1', '2026-11-20T10:00:00.000Z'),
      ]);
      const range = await env.services.orders.listBetween(
        'acme',
        '2026-11-10T00:00:00.000Z',
        '2026-11-13T00:00:00.000Z',
      );
      expect(range.map((o) => o.id).sort()).toEqual(['o1', 'o2']);
      expect((await env.services.orders.get('acme', 'o1'))?.total).toBe(10);
      const mine = await env.services.orders.listByCustomer('acme', 'c1');
      expect(mine.map((o) => o.id)).toEqual(['o3', 'o1']);
    });

    test('messages keep their order, dedupe by id and page by cursor', async () => {
      const conv = env.services.conversations;
      const first = await conv.appendMessage({
        id: 'm1',
        storeId: 'acme',
        conversationId: 'c1',
        role: 'shopper',
        text: 'hi',
        at: '2026-11-01T00:00:01.000Z',
      });
      const again = await conv.appendMessage({
        id: 'm1',
        storeId: 'acme',
        conversationId: 'c1',
        role: 'shopper',
        text: 'hi',
        at: '2026-11-01T00:00:01.000Z',
      });
      expect(again.cursor).toBe(first.cursor);
      await conv.appendMessage({
        id: 'm2',
        storeId: 'acme',
        conversationId: 'c1',
        role: 'assistant',
        text: 'hello',
        at: '2026-11-01T00:00:02.000Z',
      });
      await conv.appendMessage({
        id: 'm3',
        storeId: 'acme',
        conversationId: 'c1',
        role: 'merchant',
        text: '你好',
        at: '2026-11-01T00:00:03.000Z',
      });
      expect((await conv.listAfter('acme', 'c1')).map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
      expect((await conv.listAfter('acme', 'c1', first.cursor)).map((m) => m.id)).toEqual(['m2', 'm3']);
      expect((await conv.lastMessages('acme', 'c1', 2)).map((m) => m.text)).toEqual(['hello', '你好']);
    });

    test('conversation state uses optimistic concurrency: a stale write is rejected', async () => {
      const conv = env.services.conversations;
      const created = await conv.saveState(
        newConversationState('acme', 'c2', 'webchat', '2026-11-01T00:00:00.000Z'),
      );
      expect(created.version).toBe(1);
      const updated = await conv.saveState({ ...created, turns: 1 });
      expect(updated.version).toBe(2);
      await expect(conv.saveState({ ...created, turns: 5 })).rejects.toBeInstanceOf(ConcurrencyConflictError);
      expect((await conv.getState('acme', 'c2'))?.turns).toBe(1);
    });

    test('one query returns the conversation state with its latest messages', async () => {
      const recent = await env.services.conversations.recent('acme', 'c1', 2);
      expect(recent.messages.map((m) => m.id)).toEqual(['m2', 'm3']);
      expect(recent.state).toBeUndefined();
      const withState = await env.services.conversations.recent('acme', 'c2', 5);
      expect(withState.state?.conversationId).toBe('c2');
      expect(withState.messages).toEqual([]);
    });

    test('concurrent read-modify-write updates all land', async () => {
      const conv = env.services.conversations;
      const fresh = () => newConversationState('acme', 'c3', 'webchat', '2026-11-01T00:00:00.000Z');
      await Promise.all(
        Array.from({ length: 6 }, () =>
          conv.updateState('acme', 'c3', fresh, (s) => ({ ...s, turns: s.turns + 1 }), 20),
        ),
      );
      expect((await conv.getState('acme', 'c3'))?.turns).toBe(6);
    });

    test('conversation items carry a TTL and expired items are not returned', async () => {
      const item = await env.services.table.get<{ expiresAt: number }>({ pk: 'CONV#acme#c2', sk: 'STATE' });
      const days = ((item?.expiresAt ?? 0) - Date.now() / 1000) / 86400;
      expect(days).toBeGreaterThan(89);
      expect(days).toBeLessThanOrEqual(90);
      await env.services.table.put({
        pk: 'CONV#acme#old',
        sk: 'STATE',
        expiresAt: Math.floor(Date.now() / 1000) - 10,
      });
      expect(await env.services.conversations.getState('acme', 'old')).toBeUndefined();
    });

    test('events are recorded once per id, even when retried concurrently', async () => {
      const event = {
        eventId: 'e1',
        storeId: 'acme',
        type: 'feedback' as const,
        rating: 'up' as const,
        occurredAt: '2026-11-01T00:00:00.000Z',
        receivedAt: '2026-11-01T00:00:00.000Z',
      };
      const results = await Promise.all([1, 2, 3].map(() => env.services.events.record(event)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await env.services.events.listRange('acme', '', '~');
      expect(stored.filter((e) => e.eventId === 'e1')).toHaveLength(1);
    });

    test('claims are granted once and rate limits count per window', async () => {
      const claims = env.services.claims;
      const granted = await Promise.all([1, 2, 3, 4].map(() => claims.claim('slack', 'Ev1', 60)));
      expect(granted.filter(Boolean)).toHaveLength(1);
      const now = Date.UTC(2026, 10, 1, 0, 0, 5);
      const hits = [];
      for (let i = 0; i < 4; i++) hits.push(await claims.hit('msg', 's1', 3, 60, now));
      expect(hits.map((h) => h.allowed)).toEqual([true, true, true, false]);
      expect((await claims.hit('msg', 's1', 3, 60, now + 60_000)).allowed).toBe(true);
    });
  });
}

export { store as contractStore };
