import { checkGrounding } from '../../functions/assistant/grounding';
import { estimateTokens } from '../../functions/assistant/memory';
import { ShopperAssistant } from '../../functions/assistant/shopper-assistant';
import { TurnLedger } from '../../functions/assistant/turn-ledger';
import type { OpenAiStub } from '../support/openai-stub';
import { startLlmTestEnv, type LlmTestEnv } from '../support/llm-env';
import type { TestEnv } from '../support/test-env';

type ToolMessage = { role: string; content?: string | null };

describe('a shopping conversation through the LLM (loopback OpenAI-compatible server)', () => {
  let llm: LlmTestEnv;
  let env: TestEnv;
  let stub: OpenAiStub;
  let assistant: ShopperAssistant;
  let n = 0;
  const ask = (text: string, conversationId: string) =>
    assistant.handleMessage({ storeId: 'demo', conversationId, channel: 'webchat', text });
  const toolResult = (requestIndex: number) => {
    const message = stub.requests[requestIndex]?.body.messages.findLast(
      (m: ToolMessage) => m.role === 'tool',
    );
    return JSON.parse(message?.content ?? '{}') as Record<string, unknown>;
  };
  const systemPrompt = (requestIndex: number) => stub.requests[requestIndex]?.body.messages[0]?.content ?? '';

  beforeAll(async () => {
    llm = await startLlmTestEnv({ seedDemo: true });
    ({ env, stub } = llm);
    assistant = new ShopperAssistant({ ...env.services, chatModel: llm.chatModel });
  });
  afterAll(async () => llm?.close());
  beforeEach(() => {
    stub.reset();
    stub.setFallback({ kind: 'status', status: 500 });
  });

  test('a follow-up sees the shown list and the active constraints in the prompt', async () => {
    const conversationId = `llm-conv-${++n}`;
    stub.enqueue(
      {
        kind: 'reply',
        toolCalls: [{ name: 'search_products', arguments: { category: 'smartphones', price_max: 600 } }],
      },
      { kind: 'reply', content: 'Here are some phones within your budget.' },
    );
    const first = await ask('smartphones under $600', conversationId);
    expect(first.source).toBe('llm');
    expect(first.products.length).toBeGreaterThan(1);
    expect(first.products.every((p) => p.reason)).toBe(true);
    stub.reset();
    stub.enqueue({ kind: 'reply', content: 'Sure, which one interests you?' });
    await ask('tell me about the second one', conversationId);
    const prompt = systemPrompt(0);
    const second = first.products[1];
    expect(prompt).toContain(`2) id ${second?.id}: ${second?.title}`);
    expect(prompt).toMatch(/Active constraints[^\n]*categories=smartphones[^\n]*budget<=600/);
  });

  test('compare_products: the reply carries the side-by-side of exactly those products', async () => {
    const conversationId = `llm-conv-${++n}`;
    stub.enqueue(
      {
        kind: 'reply',
        toolCalls: [{ name: 'compare_products', arguments: { product_ids: ['130', '127'] } }],
      },
      {
        kind: 'reply',
        content: 'The Realme XT ($349.99) is rated higher; the Oppo K1 ($299.99) costs less.',
      },
    );
    const reply = await ask('compare the Realme XT and the Oppo K1', conversationId);
    expect(reply.source).toBe('llm');
    expect(reply.comparison?.productIds).toEqual(['130', '127']);
    expect(reply.comparison?.rows.map((r) => r.label)).toEqual(
      expect.arrayContaining(['Price', 'Rating', 'Stock', 'Brand', 'Warranty', 'Shipping', 'Returns']),
    );
    expect(reply.products.map((p) => p.id)).toEqual(['130', '127']);
    const result = toolResult(1) as { rows: { label: string; values: string[] }[] };
    expect(result.rows[0]?.values).toEqual(['$349.99', '$299.99']);
  });

  test('a comparison whose text misquotes a price is rejected like any ungrounded answer', async () => {
    stub.enqueue(
      {
        kind: 'reply',
        toolCalls: [{ name: 'compare_products', arguments: { product_ids: ['130', '127'] } }],
      },
      { kind: 'reply', content: 'The Realme XT is $199.99.' },
      { kind: 'reply', content: 'The Realme XT is $199.99.' },
    );
    const reply = await ask('compare the Realme XT and the Oppo K1', `llm-conv-${++n}`);
    expect(reply.source).toBe('offline');
    expect(reply.fallbackReason).toBe('ungrounded');
    // The offline floor still compares them.
    expect(reply.comparison?.productIds).toEqual(['130', '127']);
  });

  test('add_to_cart: a product of the shown list is added, the action and the event are recorded', async () => {
    const conversationId = `llm-conv-${++n}`;
    stub.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'search_products', arguments: { category: 'tablets' } }] },
      { kind: 'reply', content: 'Here are our tablets.' },
    );
    const first = await ask('tablets', conversationId);
    const second = first.products[1];
    expect(second).toBeDefined();
    stub.reset();
    stub.enqueue(
      {
        kind: 'reply',
        toolCalls: [{ name: 'add_to_cart', arguments: { product_id: second?.id, quantity: 2 } }],
      },
      { kind: 'reply', content: `Done: the ${second?.title} is in your cart.` },
    );
    const reply = await ask('add the second one to my cart, two please', conversationId);
    expect(reply.source).toBe('llm');
    expect(reply.actions).toEqual([{ type: 'add_to_cart', productId: second?.id, quantity: 2 }]);
    expect(reply.products.map((p) => p.id)).toEqual([second?.id]);
    const events = await env.services.events.listRange('demo', '', '~');
    const cart = events.filter((e) => e.type === 'add_to_cart' && e.conversationId === conversationId);
    expect(cart.map((e) => [e.productId, e.replyId])).toEqual([[second?.id, reply.replyId]]);
  });

  test('add_to_cart refuses a product the shopper was never shown', async () => {
    stub.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'add_to_cart', arguments: { product_id: '78' } }] },
      { kind: 'reply', content: 'Which product would you like?' },
    );
    const reply = await ask('add something to my cart', `llm-conv-${++n}`);
    expect(toolResult(1)).toEqual(expect.objectContaining({ error: 'not_shown' }));
    expect(reply.actions).toEqual([]);
  });

  test('"Apple": an answer about Apple-brand products is grounded, though a catalog product is titled "Apple"', async () => {
    stub.enqueue(
      {
        kind: 'reply',
        toolCalls: [{ name: 'search_products', arguments: { category: 'laptops', brand: 'Apple' } }],
      },
      {
        kind: 'reply',
        content: 'Our Apple laptop is the Apple MacBook Pro 14 Inch Space Grey at $1,999.99. Apple makes it.',
      },
    );
    const reply = await ask('any Apple laptops?', `llm-conv-${++n}`);
    expect(reply.source).toBe('llm');
    expect(reply.fallbackReason).toBeUndefined();
    expect(reply.products.map((p) => p.title)).toEqual(['Apple MacBook Pro 14 Inch Space Grey']);
  });

  test('"Apple" offline: Apple-brand replies pass the grounding check; the fruit named unasked still fails', async () => {
    const index = await env.services.catalog.getIndex('demo');
    const macbook = index.search({ text: 'MacBook', limit: 1 })[0]?.product;
    const ledger = new TurnLedger();
    if (macbook) ledger.addProducts([macbook]);
    const brands = index.brands();
    const ok = checkGrounding({
      reply: `Apple makes the ${macbook?.title}: $1,999.99.`,
      ledger,
      catalogTitles: index.titles(),
      catalogBrands: brands,
      shopperText: 'what about Apple?',
    });
    expect(ok).toEqual({ ok: true, problems: [] });
    const fruit = checkGrounding({
      reply: 'Try the Green Bell Pepper.',
      ledger,
      catalogTitles: index.titles(),
      catalogBrands: brands,
      shopperText: 'laptops',
    });
    expect(fruit.ok).toBe(false);
  });

  test('prompt stays within 3,000 tokens over 20 turns of follow-ups, comparisons and cart actions', async () => {
    const conversationId = `llm-conv-${++n}`;
    const turns = [
      'laptops under $1500',
      'cheaper ones',
      'compare the first two',
      'what about Apple?',
      'add it to my cart',
    ];
    stub.setFallback({ kind: 'reply', content: 'Tell me more about what you need.' });
    for (let turn = 0; turn < 20; turn++) {
      stub.enqueue(
        {
          kind: 'reply',
          toolCalls: [{ name: 'search_products', arguments: { category: 'smartphones', limit: 8 } }],
        },
        {
          kind: 'reply',
          toolCalls: [{ name: 'compare_products', arguments: { product_ids: ['130', '127', '128', '123'] } }],
        },
      );
      await ask(`${turns[turn % turns.length]} ${'please '.repeat(20)}`, conversationId);
    }
    for (const request of stub.requests) {
      const text = JSON.stringify(request.body.messages) + JSON.stringify(request.body.tools ?? []);
      expect(estimateTokens(text)).toBeLessThanOrEqual(3000);
    }
  });
});
