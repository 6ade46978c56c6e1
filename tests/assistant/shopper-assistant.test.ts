import { ShopperAssistant } from '../../functions/assistant/shopper-assistant';
import { DEFAULT_VARIANTS, type GuidanceVariant } from '../../functions/strategy/strategy';
import { startTestEnv, type TestEnv } from '../support/test-env';

const PRICE = /(?:US)?\$\s?(\d[\d,]*(?:\.\d+)?)/g;
function pricesIn(text: string): number[] {
  return [...text.matchAll(PRICE)].map((m) => Number((m[1] ?? '').replace(/,/g, '')));
}

describe('shopper assistant, offline mode, over the demo store', () => {
  let env: TestEnv;
  let assistant: ShopperAssistant;
  let counter = 0;
  const ask = (
    text: string,
    extra: { conversationId?: string; customerId?: string; messageId?: string } = {},
  ) =>
    assistant.handleMessage({
      storeId: 'demo',
      conversationId: extra.conversationId ?? `c${++counter}`,
      channel: 'webchat',
      text,
      customerId: extra.customerId,
      messageId: extra.messageId,
    });

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true });
    assistant = new ShopperAssistant(env.services);
  });
  afterAll(async () => env.close());

  test('"cheap smartphone under $300" returns only smartphones at $300 or less', async () => {
    const reply = await ask('I need a cheap smartphone under $300');
    expect(reply.products.length).toBeGreaterThan(0);
    for (const p of reply.products) {
      expect(p.category).toBe('smartphones');
      expect(p.price).toBeLessThanOrEqual(300);
    }
    expect(reply.language).toBe('en');
    expect(reply.source).toBe('offline');
  });

  test('the Chinese request "推荐一款300美元以内的手机" returns only smartphones at $300 or less, in Chinese', async () => {
    const reply = await ask('推荐一款300美元以内的手机');
    expect(reply.products.length).toBeGreaterThan(0);
    for (const p of reply.products) {
      expect(p.category).toBe('smartphones');
      expect(p.price).toBeLessThanOrEqual(300);
    }
    expect(reply.language).toBe('zh');
    expect(reply.text).toMatch(/[\u4e00-\u9fff]/);
  });

  test('no reply mentions a price that is absent from its products', async () => {
    const questions = [
      'best rated perfume',
      'laptops under $1500',
      'show me sunglasses',
      '香水',
      '便宜的耳机',
      'womens dresses in stock',
      'kitchen accessories under $20',
      'Apple products',
      '有货的手表',
      'furniture over $500',
    ];
    for (const question of questions) {
      const reply = await ask(question);
      const allowed = new Set(reply.products.map((p) => p.price));
      const budget = (question.match(/\d+/g) ?? []).map(Number);
      for (const price of pricesIn(reply.text)) {
        expect(allowed.has(price) || budget.includes(price)).toBe(true);
      }
    }
  });

  test('a follow-up about returns answers for the product shown first', async () => {
    const first = await ask('Samsung smartphones', { conversationId: 'follow-up' });
    const top = first.products[0];
    expect(top).toBeDefined();
    const reply = await ask("what's the return policy for the first one?", { conversationId: 'follow-up' });
    expect(reply.text).toContain(top?.title);
    expect(reply.text.toLowerCase()).toContain('return');
  });

  test('the shopper message is stored even when answering fails', async () => {
    const failing = new ShopperAssistant({
      ...env.services,
      catalog: { getIndex: async () => Promise.reject(new Error('index unavailable')) },
    });
    await expect(
      failing.handleMessage({
        storeId: 'demo',
        conversationId: 'lost?',
        channel: 'webchat',
        text: 'hello there',
      }),
    ).rejects.toThrow('index unavailable');
    const stored = await env.services.conversations.listAfter('demo', 'lost?');
    expect(stored.map((m) => [m.role, m.text])).toEqual([['shopper', 'hello there']]);
  });

  test('a retried message gets the same reply and is stored once', async () => {
    const a = await ask('show me laptops', { conversationId: 'retry', messageId: 'client-msg-0001' });
    const b = await ask('show me laptops', { conversationId: 'retry', messageId: 'client-msg-0001' });
    expect(b.replyId).toBe(a.replyId);
    expect(b.text).toBe(a.text);
    const stored = await env.services.conversations.listAfter('demo', 'retry');
    expect(stored.filter((m) => m.role === 'assistant')).toHaveLength(1);
    expect(stored.filter((m) => m.role === 'shopper')).toHaveLength(1);
  });

  test('order status needs a verified shopper and never reveals another shopper’s order', async () => {
    const orders = await env.services.orders.listByCustomer('demo', '33', 5);
    const own = orders[0];
    expect(own).toBeDefined();
    const anonymous = await ask(`where is my order ${own?.id}?`);
    expect(anonymous.text).toMatch(/sign(ed)? in/i);
    const mine = await ask(`where is my order ${own?.id}?`, { customerId: '33' });
    expect(mine.text).toContain(`#${own?.id}`);
    const stranger = await ask(`where is my order ${own?.id}?`, { customerId: '1' });
    expect(stranger.text).not.toContain(`#${own?.id}`);
    expect(stranger.text).toMatch(/couldn't find/);
  });

  test('asking for a person moves the conversation to handoff and records the signal', async () => {
    const reply = await ask('I want to talk to a person', { conversationId: 'human' });
    expect(reply.handoff).toBe(true);
    expect(reply.mode).toBe('handoff_requested');
    const state = await env.services.conversations.getState('demo', 'human');
    expect(state?.mode).toBe('handoff_requested');
    const events = await env.services.events.listRange('demo', '', '~');
    expect(events.some((e) => e.type === 'handoff' && e.conversationId === 'human')).toBe(true);
  });

  test('转人工 asks for a person in Chinese', async () => {
    const reply = await ask('转人工');
    expect(reply.handoff).toBe(true);
    expect(reply.text).toMatch(/人工/);
  });

  test('the bot stays silent while a person owns the conversation', async () => {
    const first = await ask('hello', { conversationId: 'claimed' });
    const state = await env.services.conversations.getState('demo', 'claimed');
    await env.services.conversations.saveState({
      ...(state as NonNullable<typeof state>),
      mode: 'claimed',
      claimedBy: 'U1',
    });
    const reply = await ask('are you there?', { conversationId: 'claimed' });
    expect(first.source).toBe('offline');
    expect(reply.source).toBe('silent');
    expect(reply.text).toBe('');
  });

  test('captured preferences carry the budget into a follow-up', async () => {
    await ask('smartphones under $300', { conversationId: 'prefs' });
    const state = await env.services.conversations.getState('demo', 'prefs');
    expect(state?.preferences.budgetMax).toBe(300);
    expect(state?.preferences.categories).toEqual(['smartphones']);
    const cheaper = await ask('only in stock ones', { conversationId: 'prefs' });
    for (const p of cheaper.products) {
      expect(p.category).toBe('smartphones');
      expect(p.price).toBeLessThanOrEqual(300);
      expect(p.inStock).toBe(true);
    }
  });

  test('the consultative variant asks about budget for a bare category, but answers a specific request', async () => {
    const consultative = DEFAULT_VARIANTS.find((v) => v.clarifyFirst) as GuidanceVariant;
    const pinned = new ShopperAssistant({
      ...env.services,
      strategies: { planFor: async () => ({ variant: consultative, boosts: {}, strategyVersion: 0 }) },
    });
    const turn = (text: string) =>
      pinned.handleMessage({
        storeId: 'demo',
        conversationId: `clarify-${++counter}`,
        channel: 'webchat',
        text,
      });
    const bare = await turn('perfume');
    expect(bare.products).toHaveLength(0);
    expect(bare.text).toMatch(/budget/);
    expect(bare.suggestions.length).toBe(3);
    const bareZh = await turn('推荐一款手机');
    expect(bareZh.products).toHaveLength(0);
    expect(bareZh.text).toMatch(/预算/);
    const specific = await turn('red lipstick');
    expect(specific.products.length).toBeGreaterThan(0);
    const budgeted = await turn('perfume under $100');
    expect(budgeted.products.every((p) => p.category === 'fragrances' && p.price <= 100)).toBe(true);
  });
});
