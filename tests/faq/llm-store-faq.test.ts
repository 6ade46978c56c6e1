import { faqFactProblems } from '../../functions/assistant/faq-grounding';
import { ShopperAssistant } from '../../functions/assistant/shopper-assistant';
import { TurnLedger } from '../../functions/assistant/turn-ledger';
import { loadChatModel } from '../../functions/llm/load-chat-model';
import { demoStore } from '../../functions/local/seed-demo';
import { silentLogger } from '../../functions/observability/logger';
import { OpenAiStub, type RecordedRequest } from '../support/openai-stub';
import { startTestEnv, type TestEnv } from '../support/test-env';

const CANADA = 'Yes, we ship to Canada: 5-8 business days, a flat $15 per order.';
const AUSTRALIA = 'Yes, Australia in 10 days through our Sydney partner. (other shop only)';

const toolResult = (request: RecordedRequest | undefined) =>
  JSON.parse(request?.body.messages.find((m) => m.role === 'tool')?.content ?? '{}') as {
    found?: boolean;
    answer?: string;
  };

describe('LLM mode: the store_faq tool, grounded in the merchant’s entry (loopback OpenAI-compatible server)', () => {
  let env: TestEnv;
  let stub: OpenAiStub;
  let assistant: ShopperAssistant;
  let canadaEntryId = '';
  let n = 0;
  const ask = (text: string, storeId = 'demo') =>
    assistant.handleMessage({ storeId, conversationId: `faq-llm-${++n}`, channel: 'webchat', text });
  const transcript: string[] = [];

  beforeAll(async () => {
    stub = await new OpenAiStub().start();
    env = await startTestEnv({
      seedDemo: true,
      env: { OPENAI_BASE_URL: stub.url, OPENAI_TIMEOUT_MS: '2000', OPENAI_MAX_RETRIES: '0' },
    });
    await env.services.stores.create({ ...demoStore(new Date()), id: 'other', name: 'Other shop' });
    const cli = { id: 'cli' };
    const canada = { questions: ['Do you ship to Canada?', '能寄到加拿大吗'], answer: CANADA };
    canadaEntryId = (await env.services.faq.add('demo', canada, cli, 'cli')).entryId;
    await env.services.faq.add(
      'other',
      { questions: ['Do you ship to Australia?'], answer: AUSTRALIA },
      cli,
      'cli',
    );
    const chatModel = await loadChatModel(env.config, silentLogger);
    assistant = new ShopperAssistant({ ...env.services, chatModel });
  });
  afterAll(async () => {
    process.stdout.write(['--- store_faq in LLM mode ---', ...transcript, ''].join('\n'));
    await env.close();
    await stub.stop();
  });
  beforeEach(() => stub.reset());

  test('the model calls store_faq for a store question and its reply, quoting the entry, is sent', async () => {
    const quoted = 'Yes! We ship to Canada: it takes 5-8 business days and costs a flat $15 per order.';
    stub.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'store_faq', arguments: { question: 'ship to Canada?' } }] },
      { kind: 'reply', content: quoted },
    );
    const reply = await ask('Hi, can you send my order to Toronto, Canada?');
    expect(reply).toMatchObject({ source: 'llm', text: quoted, faqEntryId: canadaEntryId });
    expect(reply.fallbackReason).toBeUndefined();
    expect(stub.requests[0]?.body.tools?.map((t) => t.function.name)).toContain('store_faq');
    expect(stub.requests[0]?.body.messages[0]?.content).toContain('store_faq');
    expect(toolResult(stub.requests[1])).toMatchObject({ found: true, answer: CANADA });
    transcript.push(
      'shopper: Hi, can you send my order to Toronto, Canada?',
      `  model → store_faq → ${CANADA}`,
    );
    transcript.push(`bot (llm): ${reply.text}`);
  });

  test('a reply adding a country and a delivery time the entry never states is rejected twice; the shopper gets the entry itself', async () => {
    const invented = 'Yes, we ship to Canada and Mexico, usually within 3 days, for $15.';
    const inventedZh = '可以，我们寄往加拿大和美国，5-8个工作日，每单15美元。';
    stub.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'store_faq', arguments: { question: 'do you ship to canada' } }] },
      { kind: 'reply', content: invented },
      { kind: 'reply', content: inventedZh },
    );
    const reply = await ask('do you ship to canada?');
    expect(reply).toMatchObject({ source: 'offline', fallbackReason: 'ungrounded', text: CANADA });
    expect(reply.faqEntryId).toBe(canadaEntryId);
    const correction = stub.requests[2]?.body.messages.at(-1)?.content ?? '';
    expect(correction).toContain('rejected');
    expect(correction).toContain('"mexico" is not in the store\'s answer');
    expect(correction).toContain("the figure 3 is not in the store's answer");
    transcript.push(
      'shopper: do you ship to canada?',
      `  model: ${invented}`,
      `  (rejected: ${correction.slice(0, 160)}…)`,
    );
    transcript.push(`  model again: ${inventedZh}  (rejected)`, `bot (entry, offline): ${reply.text}`);
  });

  test('a model that answers a question an entry covers without calling store_faq is still held to the entry', async () => {
    stub.enqueue(
      { kind: 'reply', content: 'Sure, we ship to Canada within 2 days!' },
      { kind: 'reply', content: 'Yes, Canada and the USA, 2 days.' },
    );
    const reply = await ask('Do you ship to Canada?');
    expect(reply).toMatchObject({ source: 'offline', fallbackReason: 'ungrounded', text: CANADA });
    expect(stub.requests[1]?.body.messages.at(-1)?.content).toContain(
      "the figure 2 is not in the store's answer",
    );

    // Consistent with the entry, the model's own wording is kept.
    stub.reset();
    stub.enqueue({ kind: 'reply', content: 'Yes, Canada is covered: 5-8 business days, $15 flat.' });
    expect(await ask('Do you ship to Canada?')).toMatchObject({
      source: 'llm',
      text: 'Yes, Canada is covered: 5-8 business days, $15 flat.',
    });
  });

  test('an invented price is rejected, and the corrected regeneration is sent', async () => {
    stub.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'store_faq', arguments: { question: '寄到加拿大' } }] },
      { kind: 'reply', content: '可以寄到加拿大，5-8个工作日，运费$9.99。' },
      { kind: 'reply', content: '可以寄到加拿大，5-8个工作日，每单运费$15。' },
    );
    const reply = await ask('能寄到加拿大吗？');
    expect(reply).toMatchObject({ source: 'llm', text: '可以寄到加拿大，5-8个工作日，每单运费$15。' });
    expect(reply.faqEntryId).toBe(canadaEntryId);
    expect(stub.requests[2]?.body.messages.at(-1)?.content).toContain('price 9.99');
  });

  test('a store question the FAQ does not answer: no entry of another store is returned, and invented facts are rejected', async () => {
    stub.enqueue(
      {
        kind: 'reply',
        toolCalls: [{ name: 'store_faq', arguments: { question: 'Do you ship to Australia?' } }],
      },
      { kind: 'reply', content: 'Yes, we ship to Australia in 10 days.' },
      { kind: 'reply', content: 'Sure, Australia is covered, 10 days.' },
    );
    const reply = await ask('Do you ship to Australia?');
    expect(toolResult(stub.requests[1])).toEqual({ found: false, note: expect.any(String) });
    expect(JSON.stringify(stub.requests.map((r) => r.body.messages))).not.toContain('other shop only');
    expect(reply).toMatchObject({ source: 'offline', fallbackReason: 'ungrounded' });
    expect(reply.faqEntryId).toBeUndefined();
    expect(reply.text).not.toMatch(/Australia|other shop/);

    // The other store's shoppers do get its entry, through the same tool.
    stub.reset();
    stub.enqueue(
      {
        kind: 'reply',
        toolCalls: [{ name: 'store_faq', arguments: { question: 'Do you ship to Australia?' } }],
      },
      { kind: 'reply', content: 'Yes, Australia in 10 days through our Sydney partner.' },
    );
    const elsewhere = await ask('Do you ship to Australia?', 'other');
    expect(toolResult(stub.requests[1])).toMatchObject({ found: true, answer: AUSTRALIA });
    expect(elsewhere).toMatchObject({
      source: 'llm',
      text: 'Yes, Australia in 10 days through our Sydney partner.',
    });
    transcript.push(
      'shopper (demo): Do you ship to Australia?',
      '  model → store_faq → found: false',
      '  model: Yes, we ship to Australia in 10 days.  (rejected)',
    );
    transcript.push(`bot (offline): ${reply.text}`);
  });
});

describe('the FAQ fact check on its own', () => {
  const ledgerWith = (faqText?: string) => {
    const ledger = new TurnLedger();
    ledger.toolCalls.push('store_faq');
    if (faqText) ledger.faqTexts.push(faqText);
    return ledger;
  };
  const problems = (reply: string, ledger: TurnLedger, shopper = '') =>
    faqFactProblems(reply, ledger, shopper);

  test('places and payment methods are recognised in either language, against sources in either language', () => {
    const ledger = ledgerWith('可以用PayPal或支付宝付款，30天内可退货。');
    expect(problems('You can pay with PayPal or Alipay; returns within 30 days.', ledger)).toEqual([]);
    expect(problems('可以用贝宝、支付宝或微信付款。', ledger)).toEqual([
      '"wechatpay" is not in the store\'s answer',
    ]);
    expect(problems('我们寄往加拿大和美国。', ledgerWith('We ship to Canada.'))).toEqual([
      '"usa" is not in the store\'s answer',
    ]);
  });

  test('durations and percentages must be the entry’s; what the shopper said may be echoed', () => {
    const ledger = ledgerWith('Returns are accepted within 30 days; restocking fee 10%.');
    expect(problems('You have a 30-day window, and a 10% fee applies.', ledger)).toEqual([]);
    expect(problems('You have 60 days and pay a 15% fee.', ledger)).toEqual([
      "the figure 60 is not in the store's answer",
      "the figure 15 is not in the store's answer",
    ]);
    expect(problems('Yes, within 2 weeks works.', ledger, 'can I return it after 2 weeks?')).toEqual([]);
  });

  test('a turn that did not consult the FAQ is not held to it', () => {
    expect(problems('We ship to Mexico within 3 days.', new TurnLedger())).toEqual([]);
  });
});
