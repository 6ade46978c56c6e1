import type { InMemoryMetrics } from '../../../functions/observability/metrics';
import { startLocalStack, type LocalStack } from '../../support/local-stack';
import { WebChatClient } from '../../support/webchat-client';

describe('web chat HTTP API on the local server', () => {
  let stack: LocalStack;
  let server: LocalStack['server'];
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    stack.webchat.post(url, body, { headers });
  const session = (storeId = 'demo') => new WebChatClient(server.url, storeId).startSession();

  beforeAll(async () => {
    // A frozen clock keeps the per-minute rate-limit window from rolling over mid-test.
    const frozen = new Date();
    stack = await startLocalStack({
      name: 'api',
      env: { WEBCHAT_RATE_LIMIT_PER_MINUTE: '8' },
      overrides: { now: () => frozen },
    });
    server = stack.server;
    await server.services.stores.create({
      id: 'other',
      name: 'Other Store',
      currency: 'EUR',
      locale: 'en-GB',
      timezone: 'Europe/Paris',
      policies: { shipping: 'x', returns: 'y', warranty: 'z' },
      secret: 'other-secret-other-secret',
      catalogVersion: 0,
      createdAt: new Date().toISOString(),
    });
  });
  afterAll(async () => stack?.close());

  test('health reports the LLM mode', async () => {
    const body = (await (await fetch(`${server.url}/health`)).json()) as { ok: boolean; llm: string };
    expect(body).toMatchObject({ ok: true, llm: 'offline' });
  });

  test('the happy path: session, message, products, feedback and events', async () => {
    const { token } = await session();
    const auth = { authorization: `Bearer ${token}` };
    const response = await post(
      '/webchat/demo/messages',
      { text: 'I need a cheap smartphone under $300' },
      auth,
    );
    expect(response.status).toBe(200);
    const reply = (await response.json()) as {
      replyId: string;
      text: string;
      products: { id: string; title: string; price: number; currency: string; inStock: boolean }[];
      handoff: boolean;
      suggestions: string[];
    };
    expect(reply.replyId).toMatch(/^r_/);
    expect(reply.products.length).toBeGreaterThan(0);
    expect(reply.products[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        title: expect.any(String),
        price: expect.any(Number),
        currency: 'USD',
        inStock: expect.any(Boolean),
      }),
    );
    expect(reply.handoff).toBe(false);
    expect(reply.suggestions.length).toBeGreaterThan(0);

    for (let i = 0; i < 3; i++) {
      const feedback = await post('/webchat/demo/feedback', { replyId: reply.replyId, rating: 'up' }, auth);
      expect(feedback.status).toBe(200);
    }
    const click = await post(
      '/webchat/demo/events',
      { type: 'click', productId: reply.products[0]?.id, replyId: reply.replyId },
      auth,
    );
    expect(click.status).toBe(200);
    const events = await server.services.events.listRange('demo', '', '~');
    expect(events.filter((e) => e.type === 'feedback' && e.replyId === reply.replyId)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'click' && e.replyId === reply.replyId)).toHaveLength(1);
    const metrics = server.services.metrics as InMemoryMetrics;
    expect(metrics.total('ShopperReplies')).toBeGreaterThanOrEqual(1);
    expect(metrics.total('Feedback')).toBe(1);
  });

  test('messages can be polled after a cursor', async () => {
    const { token } = await session();
    const auth = { authorization: `Bearer ${token}` };
    await post('/webchat/demo/messages', { text: 'hello' }, auth);
    const all = (await (await fetch(`${server.url}/webchat/demo/messages`, { headers: auth })).json()) as {
      messages: { role: string; cursor: string }[];
      cursor: string;
    };
    expect(all.messages.map((m) => m.role)).toEqual(['shopper', 'assistant']);
    const after = (await (
      await fetch(`${server.url}/webchat/demo/messages?after=${all.messages[0]?.cursor}`, { headers: auth })
    ).json()) as { messages: { role: string }[] };
    expect(after.messages.map((m) => m.role)).toEqual(['assistant']);
  });

  test('bad JSON is a 400 with a short reason', async () => {
    const { token } = await session();
    const response = await post('/webchat/demo/messages', '{"text": ', { authorization: `Bearer ${token}` });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Body is not valid JSON' });
  });

  test('a missing, forged or other-store token is a 401', async () => {
    const { token } = await session();
    expect((await post('/webchat/demo/messages', { text: 'hi' })).status).toBe(401);
    const forged = `${token.split('.')[0]}.AAAA${token.split('.')[1]?.slice(4)}`;
    expect(
      (await post('/webchat/demo/messages', { text: 'hi' }, { authorization: `Bearer ${forged}` })).status,
    ).toBe(401);
    const other = await session('other');
    expect(
      (await post('/webchat/demo/messages', { text: 'hi' }, { authorization: `Bearer ${other.token}` }))
        .status,
    ).toBe(401);
  });

  test('an unknown store is a 404', async () => {
    expect((await post('/webchat/nope/sessions', {})).status).toBe(404);
    expect((await fetch(`${server.url}/webchat/nope`)).status).toBe(404);
  });

  test('oversized bodies and messages are refused, and the server keeps serving', async () => {
    const { token } = await session();
    const auth = { authorization: `Bearer ${token}` };
    const huge = await post('/webchat/demo/messages', { text: 'x'.repeat(20_000) }, auth);
    expect(huge.status).toBe(413);
    const long = await post('/webchat/demo/messages', { text: 'y'.repeat(2001) }, auth);
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: string }).error).toMatch(/2000/);
    expect((await post('/webchat/demo/messages', { text: '   ' }, auth)).status).toBe(400);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  test('a session that sends too fast is rate limited with Retry-After', async () => {
    const { token } = await session();
    const auth = { authorization: `Bearer ${token}` };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await post('/webchat/demo/messages', { text: `hi ${i}` }, auth)).status);
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    const limited = await post('/webchat/demo/messages', { text: 'again' }, auth);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Refused before any work: the message is not stored, so writes per session stay bounded.
    const stored = (await (await fetch(`${server.url}/webchat/demo/messages`, { headers: auth })).json()) as {
      messages: { role: string; text: string }[];
    };
    expect(stored.messages.filter((m) => m.role === 'shopper')).toHaveLength(8);
    expect(stored.messages.some((m) => m.text === 'again')).toBe(false);
  });

  test('the chat page and the widget script are served', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/webchat/widget.js');
    const script = await fetch(`${server.url}/webchat/widget.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await script.text()).length).toBeGreaterThan(1000);
  });

  test('a real store’s page shows its name and the widget, without the demo storefront', async () => {
    const demo = await (await fetch(`${server.url}/webchat/demo`)).text();
    expect(demo).toContain('Free shipping over $50');
    expect(demo).toContain('<span>Phones</span>');

    const page = await fetch(`${server.url}/webchat/other`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Other Store');
    expect(html).toContain('data-store="other"');
    for (const decoration of ['Phones', 'Laptops', 'Deals', 'Free shipping', 'Cart', 'demo storefront'])
      expect(html).not.toContain(decoration);
  });
});
