import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { privacyCommand } from '../../bin/cli/privacy';
import { signOrderPayload } from '../../functions/orders/order-webhook';
import { startLocalStack, type LocalStack } from '../support/local-stack';

const IDENTITY_SECRET = 'identity-secret-privacy-0123456789';

/** Privacy: a shopper's conversation, and a verified customer's data, can be erased completely. */
describe('privacy: delete my data, DELETE session, export and erase', () => {
  let stack: LocalStack;
  let server: LocalStack['server'];
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-privacy-'));

  const call = (
    method: string,
    route: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => stack.webchat.call(method, route, { token, body, headers });
  const session = (customerId?: string) =>
    stack.webchat.startSession(
      customerId
        ? { id: customerId, secret: IDENTITY_SECRET, expiresAt: Math.floor(Date.now() / 1000) + 600 }
        : undefined,
    );
  /** A conversation that leaves traces everywhere: messages, ratings, clicks, a purchase, a handoff. */
  const busyConversation = async (customerId?: string) => {
    const { sessionId, token } = await session(customerId);
    const ask = (text: string) => stack.webchat.send(token, text);
    const reply = await ask('cheap smartphone, call me on +1 415 555 0100');
    const product = reply.products[0];
    if (!product) throw new Error('no product shown');
    await call('POST', '/webchat/demo/feedback', token, {
      replyId: reply.replyId,
      rating: 'up',
      comment: 'ta',
    });
    for (const type of ['click', 'add_to_cart', 'purchase']) {
      const response = await call('POST', '/webchat/demo/events', token, {
        type,
        productId: product.id,
        replyId: reply.replyId,
      });
      expect(response.status).toBe(200);
    }
    await ask('do you sell gaming chairs for my son Tom?');
    await ask('I want to talk to a person');
    return { sessionId, token, product };
  };
  const scan = async () => {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await server.services.documentClient.send(
        new ScanCommand({ TableName: server.services.config.storage.tableName, ExclusiveStartKey: start }),
      );
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };
  const holding = async (...needles: string[]) =>
    (await scan()).filter((item) => needles.some((needle) => JSON.stringify(item).includes(needle)));
  const captureIo = () => {
    const out: string[] = [];
    return { io: { out: (s: string) => out.push(s), err: () => undefined }, out };
  };

  beforeAll(async () => {
    stack = await startLocalStack({ name: 'privacy-data' });
    server = stack.server;
    await stack.setIdentitySecrets([IDENTITY_SECRET]);
  });
  afterAll(async () => stack?.close());

  it.each([
    ['delete my data', 'en'],
    ['删除我的数据', 'zh'],
  ])('"%s" in the chat erases the conversation, confirms, and revokes the token', async (text) => {
    const { sessionId, token } = await busyConversation();
    expect((await holding(sessionId)).length).toBeGreaterThan(0);

    const response = await call('POST', '/webchat/demo/messages', token, { text });

    expect(response.status).toBe(200);
    const body = (await response.json()) as { text: string; erased?: boolean };
    expect(body.erased).toBe(true);
    expect(body.text.length).toBeGreaterThan(0);
    expect(await holding(sessionId)).toEqual([]);
    expect((await call('GET', '/webchat/demo/messages', token)).status).toBe(401);
    expect((await call('POST', '/webchat/demo/messages', token, { text: 'hello again' })).status).toBe(401);
  });

  it('DELETE /webchat/{store}/session erases the conversation and the token stops working', async () => {
    const { sessionId, token } = await busyConversation();
    const response = await call('DELETE', '/webchat/demo/session', token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ erased: true });
    expect(await holding(sessionId)).toEqual([]);
    expect((await call('DELETE', '/webchat/demo/session', token)).status).toBe(401);
    expect(
      (await call('POST', '/webchat/demo/feedback', token, { replyId: 'r_x', rating: 'up' })).status,
    ).toBe(401);
  });

  it('privacy export writes everything held about a verified customer; erase leaves only an audit record', async () => {
    const customerId = 'privacy-cust-4242';
    const first = await busyConversation(customerId);
    const second = await busyConversation(customerId);
    const store = await server.services.stores.get('demo');
    const order = JSON.stringify({
      id: 'privacy-order-1',
      customerId,
      createdAt: new Date().toISOString(),
      items: [{ productId: first.product.id, title: 'x', price: first.product.price, quantity: 1 }],
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const webhook = await call('POST', '/stores/demo/orders', undefined, order, {
      'x-shopguide-timestamp': ts,
      'x-shopguide-signature': signOrderPayload(store?.secret ?? '', ts, order),
    });
    expect(webhook.status).toBe(200);
    const auditBefore = (await scan()).filter((item) => item.entity === 'audit').length;

    const outFile = path.join(dir, 'export.json');
    const exported = captureIo();
    expect(
      await privacyCommand(
        ['export', '--store', 'demo', '--customer', customerId, '--out', outFile],
        exported.io,
        server.services,
      ),
    ).toBe(0);
    const data = JSON.parse(readFileSync(outFile, 'utf8')) as {
      customerId: string;
      orders: { id: string }[];
      conversations: { conversationId: string; messages: { text: string }[]; events: { type: string }[] }[];
    };
    expect(data.customerId).toBe(customerId);
    expect(data.orders.map((o) => o.id)).toEqual(['privacy-order-1']);
    expect(data.conversations.map((c) => c.conversationId).sort()).toEqual(
      [first.sessionId, second.sessionId].sort(),
    );
    expect(data.conversations[0]?.messages.some((m) => m.text.includes('gaming chairs'))).toBe(true);
    expect(data.conversations.flatMap((c) => c.events.map((e) => e.type))).toEqual(
      expect.arrayContaining(['feedback', 'click', 'add_to_cart', 'purchase_unverified', 'purchase']),
    );

    const erased = captureIo();
    expect(
      await privacyCommand(
        ['erase', '--store', 'demo', '--customer', customerId, '--json'],
        erased.io,
        server.services,
      ),
    ).toBe(0);
    expect(JSON.parse(erased.out[0] ?? '{}')).toMatchObject({ erased: true });

    expect(await holding(customerId, first.sessionId, second.sessionId)).toEqual([]);
    const audits = (await scan()).filter((item) => item.entity === 'audit');
    expect(audits.length).toBe(auditBefore + 1);
    expect(audits.find((a) => a.action === 'privacy_erase')).toBeDefined();
    // The sale itself stays in the store's figures, without the person.
    expect(await server.services.orders.get('demo', 'privacy-order-1')).toMatchObject({
      total: first.product.price,
    });
  });
});
