import { ShopperAssistant } from '../../functions/assistant/shopper-assistant';
import { estimateTokens } from '../../functions/assistant/memory';
import { loadChatModel } from '../../functions/llm/load-chat-model';
import { silentLogger } from '../../functions/observability/logger';
import { Gate, type OpenAiStub } from '../support/openai-stub';
import { startLlmTestEnv, type LlmTestEnv } from '../support/llm-env';
import type { TestEnv } from '../support/test-env';

describe('shopper assistant against a loopback OpenAI-compatible server', () => {
  let llm: LlmTestEnv;
  let env: TestEnv;
  let stub: OpenAiStub;
  let assistant: ShopperAssistant;
  let n = 0;
  const ask = (text: string, conversationId = `llm-${++n}`) =>
    assistant.handleMessage({ storeId: 'demo', conversationId, channel: 'webchat', text });

  beforeAll(async () => {
    llm = await startLlmTestEnv({ seedDemo: true, maxRetries: 2 });
    ({ env, stub } = llm);
    assistant = new ShopperAssistant({ ...env.services, chatModel: llm.chatModel });
  });
  afterAll(async () => llm?.close());
  beforeEach(() => stub.reset());

  test('a tool call round trip: the model searches, then answers from the results', async () => {
    stub.enqueue(
      {
        kind: 'reply',
        toolCalls: [{ name: 'search_products', arguments: { category: 'smartphones', price_max: 300 } }],
      },
      { kind: 'reply', content: 'The Realme C35 is a great value at $149.99 and it is in stock.' },
    );
    const reply = await ask('cheap phone?');
    expect(reply.source).toBe('llm');
    expect(reply.text).toContain('Realme C35');
    expect(reply.products.map((p) => p.title)).toEqual(['Realme C35']);
    expect(stub.requests).toHaveLength(2);
    const toolMessage = stub.requests[1]?.body.messages.find((m) => m.role === 'tool');
    const result = JSON.parse(toolMessage?.content ?? '{}') as {
      products: { category: string; price: number }[];
    };
    expect(result.products.length).toBeGreaterThan(0);
    expect(result.products.every((p) => p.category === 'smartphones' && p.price <= 300)).toBe(true);
    expect(stub.requests[0]?.body.tools?.map((t) => t.function.name)).toEqual(
      expect.arrayContaining([
        'search_products',
        'get_product',
        'get_policy',
        'order_status',
        'recommend',
        'request_human',
      ]),
    );
  });

  test('a hallucinated price is rejected, regenerated once, then replaced by the offline answer', async () => {
    stub.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'search_products', arguments: { query: 'iPhone 6' } }] },
      { kind: 'reply', content: 'The iPhone 6 is only $99.00 today!' },
      { kind: 'reply', content: 'Sorry, the iPhone 6 is $89.00.' },
    );
    const reply = await ask('how much is the iPhone 6?');
    expect(reply.source).toBe('offline');
    expect(reply.fallbackReason).toBe('ungrounded');
    expect(reply.text).not.toContain('$99.00');
    expect(reply.text).not.toContain('$89.00');
    const correction = stub.requests[2]?.body.messages.at(-1)?.content ?? '';
    expect(correction).toContain('rejected');
  });

  test('an ungrounded answer that is corrected on regeneration is used', async () => {
    stub.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'search_products', arguments: { query: 'iPhone 6' } }] },
      { kind: 'reply', content: 'The iPhone 6 costs $99.00.' },
      { kind: 'reply', content: 'The iPhone 6 costs $299.99.' },
    );
    const reply = await ask('price of iPhone 6');
    expect(reply.source).toBe('llm');
    expect(reply.text).toBe('The iPhone 6 costs $299.99.');
  });

  test('a product named without a tool result is rejected', async () => {
    stub.enqueue(
      { kind: 'reply', content: 'You will love the Gucci Bloom Eau de perfume.' },
      { kind: 'reply', content: 'Try the Gucci Bloom Eau de.' },
    );
    const reply = await ask('any perfume idea?');
    expect(reply.source).toBe('offline');
    expect(reply.fallbackReason).toBe('ungrounded');
  });

  test('429 then success: the SDK retries and the model answers', async () => {
    stub.enqueue(
      { kind: 'status', status: 429, retryAfter: '0' },
      { kind: 'reply', content: 'Hello! What are you shopping for today?' },
    );
    const reply = await ask('hi');
    expect(reply.source).toBe('llm');
    expect(reply.text).toBe('Hello! What are you shopping for today?');
    expect(stub.requests).toHaveLength(2);
  });

  test('500 on every attempt: bounded retries, then the offline answer', async () => {
    stub.setFallback({ kind: 'status', status: 500 });
    const reply = await ask('I need a cheap smartphone under $300');
    expect(reply.source).toBe('offline');
    expect(reply.fallbackReason).toBe('server_error');
    expect(stub.requests).toHaveLength(3);
    expect(reply.products.every((p) => p.category === 'smartphones' && p.price <= 300)).toBe(true);
  });

  test('a slow response hits the timeout and falls back without waiting for it', async () => {
    // The model never answers while the test runs: the reply can only come from the timeout, which can
    // therefore be short without depending on how busy the machine is.
    const model = new Gate();
    stub.setFallback({ kind: 'reply', content: 'too late', heldUntil: model.opened });
    const impatient = new ShopperAssistant({
      ...env.services,
      chatModel: await loadChatModel(
        { ...env.config, llm: { ...env.config.llm, timeoutMs: 400 } },
        silentLogger,
      ),
    });
    try {
      const reply = await impatient.handleMessage({
        storeId: 'demo',
        conversationId: 'llm-timeout',
        channel: 'webchat',
        text: 'show me laptops',
      });
      expect(reply.source).toBe('offline');
      expect(reply.fallbackReason).toBe('timeout');
      // Bounded: the first attempt and two retries, each given up on.
      expect(stub.requests).toHaveLength(3);
    } finally {
      model.open();
      stub.setFallback({ kind: 'status', status: 500 });
    }
  });

  test('the prompt stays within 3,000 tokens on every call over a 20-turn conversation', async () => {
    stub.setFallback({ kind: 'reply', content: 'Tell me more about what you need, and your budget.' });
    for (let turn = 0; turn < 20; turn++) {
      await ask(
        `Turn ${turn}: I am looking for something nice for my sister, maybe ${'very '.repeat(30)}stylish`,
        'long-chat',
      );
    }
    expect(stub.requests.length).toBeGreaterThanOrEqual(20);
    for (const request of stub.requests) {
      const text = JSON.stringify(request.body.messages) + JSON.stringify(request.body.tools ?? []);
      expect(estimateTokens(text)).toBeLessThanOrEqual(3000);
    }
    stub.setFallback({ kind: 'status', status: 500 });
  });
});
