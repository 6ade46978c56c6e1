import type { OutcomeEvent } from '../../functions/feedback/outcome-event';
import { signOrderPayload } from '../../functions/orders/order-webhook';
import { answerMerchantQuestion } from '../../functions/insights/merchant-assistant';
import { formatNumber } from '../../functions/insights/report-table';
import { keys } from '../../functions/storage/keys';
import { foldMetrics } from '../../functions/feedback-loop/metrics';
import { startLocalStack, type LocalStack } from '../support/local-stack';

const IDENTITY_SECRET = 'identity-secret-for-tests-0123456789';
const DAY_MS = 86_400_000;

interface Reply {
  replyId: string;
  products: { id: string; price: number }[];
}

/** Defect 3 and "Verified signals": what the optimiser may learn from. */
describe('verified feedback and outcome signals', () => {
  let stack: LocalStack;
  let server: LocalStack['server'];
  // Near the wall clock: TTL filtering at read uses real time.
  let clock = Date.now();

  const post = (route: string, body: unknown, token?: string, headers: Record<string, string> = {}) =>
    stack.webchat.post(route, body, { token, headers });
  const session = (customerId?: string) =>
    stack.webchat.startSession(
      customerId
        ? { id: customerId, secret: IDENTITY_SECRET, expiresAt: Math.floor(clock / 1000) + 600 }
        : undefined,
    );
  const ask = async (token: string, text: string): Promise<Reply> => {
    const reply = await stack.webchat.send(token, text);
    expect(reply.products.length).toBeGreaterThan(0);
    return reply;
  };
  const events = async () =>
    (await server.services.table.query<OutcomeEvent>(keys.eventPartition('demo'))).filter(
      (e) => e.conversationId !== undefined || e.type === 'purchase',
    );
  const sendOrder = async (order: Record<string, unknown>) => {
    const store = await server.services.stores.get('demo');
    const body = JSON.stringify(order);
    const ts = String(Math.floor(clock / 1000));
    const response = await post('/stores/demo/orders', body, undefined, {
      'x-shopguide-timestamp': ts,
      'x-shopguide-signature': signOrderPayload(store?.secret ?? '', ts, body),
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    stack = await startLocalStack({
      name: 'signals',
      env: { WEBCHAT_SIGNALS_PER_MINUTE: '12' },
      overrides: { now: () => new Date(clock) },
    });
    server = stack.server;
    await stack.setIdentitySecrets([IDENTITY_SECRET]);
  });
  afterAll(async () => stack?.close());
  beforeEach(() => {
    clock += 120_000; // a fresh rate-limit window for each test
  });

  it('refuses feedback on a reply of another session, and on an unknown reply id (404)', async () => {
    const mine = await session();
    const theirs = await session();
    const theirReply = await ask(theirs.token, 'cheap smartphone');

    const stolen = await post(
      '/webchat/demo/feedback',
      { replyId: theirReply.replyId, rating: 'down' },
      mine.token,
    );
    const invented = await post(
      '/webchat/demo/feedback',
      { replyId: 'r_invented', rating: 'up' },
      mine.token,
    );

    expect(stolen.status).toBe(404);
    expect(invented.status).toBe(404);
    expect(
      (await events()).filter((e) => e.type === 'feedback' && e.conversationId === mine.sessionId),
    ).toEqual([]);
  });

  it('refuses events for products that reply did not show (400), and for products never shown (400)', async () => {
    const { token } = await session();
    const reply = await ask(token, 'cheap smartphone');
    const notShown = reply.products[0]?.id === '1' ? '2' : '1';

    const wrongProduct = await post(
      '/webchat/demo/events',
      { type: 'click', productId: notShown, replyId: reply.replyId },
      token,
    );
    const neverShown = await post('/webchat/demo/events', { type: 'click', productId: notShown }, token);
    const shown = await post(
      '/webchat/demo/events',
      { type: 'click', productId: reply.products[0]?.id, replyId: reply.replyId },
      token,
    );

    expect(wrongProduct.status).toBe(400);
    expect(neverShown.status).toBe(400);
    expect(shown.status).toBe(200);
  });

  it('keeps one rating per reply: the last one wins in the optimiser and in insights', async () => {
    const { sessionId, token } = await session();
    const reply = await ask(token, 'cheap smartphone');
    for (const rating of ['up', 'down', 'up', 'down']) {
      clock += 1000; // events sort by arrival time
      const response = await post('/webchat/demo/feedback', { replyId: reply.replyId, rating }, token);
      expect(response.status).toBe(200);
    }
    const ratings = (await events()).filter((e) => e.type === 'feedback' && e.conversationId === sessionId);
    const net = ratings.reduce(
      (sum, e) =>
        sum + (e.rating === 'up' ? 1 : -1) - (e.replaces === 'up' ? 1 : e.replaces === 'down' ? -1 : 0),
      0,
    );
    expect(net).toBe(-1);
    expect(ratings.at(-1)).toMatchObject({ rating: 'down' });
    const folded = [...foldMetrics(ratings).values()];
    expect(folded.reduce((n, b) => n + b.counts.up, 0)).toBe(0);
    expect(folded.reduce((n, b) => n + b.counts.down, 0)).toBe(1);
  });

  it('limits signals per session per minute (429), taken before any work', async () => {
    const { token } = await session();
    const reply = await ask(token, 'cheap smartphone');
    const productId = reply.products[0]?.id;
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const response = await post(
        '/webchat/demo/events',
        { type: 'click', productId, replyId: reply.replyId },
        token,
      );
      statuses.push(response.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(12);
    expect(statuses.slice(12)).toEqual([429, 429]);
  });

  it('keeps a browser-sent purchase as unverified: no reward, no merchant conversion', async () => {
    const { token, sessionId } = await session();
    const reply = await ask(token, 'cheap smartphone');
    const response = await post(
      '/webchat/demo/events',
      { type: 'purchase', productId: reply.products[0]?.id, replyId: reply.replyId },
      token,
    );
    expect(response.status).toBe(200);
    const mine = (await events()).filter((e) => e.conversationId === sessionId);
    expect(mine.filter((e) => e.type === 'purchase')).toEqual([]);
    expect(mine.filter((e) => e.type === 'purchase_unverified')).toHaveLength(1);
  });

  it('rewards a purchase attributed from the signed order webhook: same verified customer, within 7 days of a click', async () => {
    const { token, sessionId } = await session('cust-777');
    const reply = await ask(token, 'cheap smartphone');
    const product = reply.products[0];
    if (!product) throw new Error('no product shown');
    const click = await post(
      '/webchat/demo/events',
      { type: 'click', productId: product.id, replyId: reply.replyId },
      token,
    );
    expect(click.status).toBe(200);

    clock += 3 * DAY_MS;
    const line = { productId: product.id, title: 'x', price: product.price, quantity: 2 };
    await sendOrder({
      id: 'attr-1',
      customerId: 'cust-777',
      createdAt: new Date(clock).toISOString(),
      items: [line],
    });
    await sendOrder({
      id: 'attr-1',
      customerId: 'cust-777',
      createdAt: new Date(clock).toISOString(),
      items: [line],
    });
    await sendOrder({
      id: 'attr-2',
      customerId: 'someone-else',
      createdAt: new Date(clock).toISOString(),
      items: [line],
    });
    clock += 5 * DAY_MS;
    await sendOrder({
      id: 'attr-3',
      customerId: 'cust-777',
      createdAt: new Date(clock).toISOString(),
      items: [line],
    });

    const purchases = (await events()).filter((e) => e.type === 'purchase');
    expect(purchases).toEqual([
      expect.objectContaining({
        conversationId: sessionId,
        replyId: reply.replyId,
        productId: product.id,
        orderId: 'attr-1',
        revenue: Math.round(product.price * 2 * 100) / 100,
      }),
    ]);

    const answer = await answerMerchantQuestion(server.services, {
      storeId: 'demo',
      question: 'how is the bot performing in the last 30 days?',
      caller: { platform: 'cli', userId: 'test' },
      wantChart: false,
    });
    expect(answer.text).toContain(
      `attributed orders / revenue: 1 / ${formatNumber(Math.round(product.price * 2 * 100) / 100)}`,
    );
  });
});
