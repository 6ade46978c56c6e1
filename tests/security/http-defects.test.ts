import { createHmac } from 'node:crypto';
import { signOrderPayload } from '../../functions/orders/order-webhook';
import { signCustomerIdentity } from '../../functions/channels/webchat/session-token';
import { startLocalStack, type LocalStack } from '../support/local-stack';
import { RecordingLogger } from '../support/recording-logger';

const TOKEN_SECRET = 'probe-token-secret-0123456789';
const RATE_LIMIT = 20;

/** Probes of the security review (issue 13), each against `npm start`'s server over real HTTP. */
describe('security review probes on the local server', () => {
  let stack: LocalStack;
  let server: LocalStack['server'];
  const logger = new RecordingLogger();
  const frozen = new Date();

  const request = (route: string, init: RequestInit = {}) => fetch(`${server.url}${route}`, init);
  const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
    stack.webchat.post(route, body, { headers });
  const session = () => stack.webchat.startSession();
  const signToken = (payload: unknown) => {
    const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${encoded}.${createHmac('sha256', TOKEN_SECRET).update(encoded).digest('base64url')}`;
  };

  beforeAll(async () => {
    stack = await startLocalStack({
      name: 'probes',
      env: { WEBCHAT_TOKEN_SECRET: TOKEN_SECRET, WEBCHAT_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) },
      // A frozen clock keeps the per-minute window from rolling over mid-test.
      overrides: { now: () => frozen, logger },
    });
    server = stack.server;
  });
  afterAll(async () => stack?.close());

  test('defect 2: 30 parallel messages on one session with a limit of 20 answer 20, refuse 10 and store only 20', async () => {
    const { sessionId, token } = await session();
    const auth = { authorization: `Bearer ${token}` };

    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post('/webchat/demo/messages', { text: `phone number ${i}` }, auth),
      ),
    );

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(RATE_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - RATE_LIMIT);
    const later = await post('/webchat/demo/messages', { text: 'one more' }, auth);
    expect(later.status).toBe(429);
    const stored = await server.services.conversations.lastMessages('demo', sessionId, 200);
    expect(stored.filter((m) => m.role === 'shopper')).toHaveLength(RATE_LIMIT);
  });

  test('defect 5: the order webhook is served by npm start (signed → 200, unsigned → 401)', async () => {
    const store = await server.services.stores.get('demo');
    const body = JSON.stringify({
      id: 'probe-5001',
      customerId: '42',
      createdAt: frozen.toISOString(),
      items: [{ productId: '121', title: 'iPhone 5s', price: 199.99, quantity: 1 }],
    });
    const ts = String(Math.floor(frozen.getTime() / 1000));
    const unsigned = await post('/stores/demo/orders', body);
    expect(unsigned.status).toBe(401);
    const signed = await post('/stores/demo/orders', body, {
      'x-shopguide-timestamp': ts,
      'x-shopguide-signature': signOrderPayload(store?.secret ?? '', ts, body),
    });
    expect(signed.status).toBe(200);
  });

  test('defect 6: a malformed percent-escape in the path is a 400, not a 500', async () => {
    const response = await request('/webchat/%E0%A4%A');
    expect(response.status).toBe(400);
    expect((await request('/health')).status).toBe(200);
  });

  test('fuzz finding: a path starting with // is routed as a path, not parsed as a host (was a 500)', async () => {
    expect((await request('//')).status).toBe(200);
    expect((await request('//webchat//demo')).status).toBe(404);
  });

  test('defect 7: a 2,100-character store id on the page route is a 404 with no error logged', async () => {
    const before = logger.errors().length;
    const response = await request(`/webchat/${'a'.repeat(2100)}`);
    expect(response.status).toBe(404);
    expect(logger.errors().slice(before)).toEqual([]);
  });

  test('defect 9: 1,001 emoji fit the 2,000-character limit (code points, not UTF-16 units)', async () => {
    const { token } = await session();
    const response = await post(
      '/webchat/demo/messages',
      { text: '😀'.repeat(1001) },
      { authorization: `Bearer ${token}` },
    );
    expect(response.status).toBe(200);
    const tooLong = await post(
      '/webchat/demo/messages',
      { text: '😀'.repeat(2001) },
      { authorization: `Bearer ${token}` },
    );
    expect(tooLong.status).toBe(400);
  });

  test('defect 9: a message of only invisible characters is empty (400) and not stored', async () => {
    const { sessionId, token } = await session();
    const response = await post(
      '/webchat/demo/messages',
      { text: '\u200b\u200b\u200c\u2060\ufeff \u200d' },
      { authorization: `Bearer ${token}` },
    );
    expect(response.status).toBe(400);
    expect(await server.services.conversations.lastMessages('demo', sessionId, 10)).toHaveLength(0);
  });

  test('defect 10: a signed token without a numeric exp is refused (401)', async () => {
    const token = signToken({ storeId: 'demo', sessionId: 'wc_noexpiry' });
    const response = await request('/webchat/demo/messages', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(401);
    const stringExp = signToken({ storeId: 'demo', sessionId: 'wc_stringexp', exp: '99999999999' });
    const second = await request('/webchat/demo/messages', {
      headers: { authorization: `Bearer ${stringExp}` },
    });
    expect(second.status).toBe(401);
  });

  test('defect 10: a signed token whose payload is null is a 401, not a 500', async () => {
    const response = await request('/webchat/demo/messages', {
      headers: { authorization: `Bearer ${signToken(null)}` },
    });
    expect(response.status).toBe(401);
  });

  describe('defect 10: customer identities have an expiry and their own, rotatable secret', () => {
    const IDENTITY_OLD = 'identity-secret-old-0123456789';
    const IDENTITY_NEW = 'identity-secret-new-0123456789';
    const nowSeconds = () => Math.floor(frozen.getTime() / 1000);
    const start = (customer: unknown) => post('/webchat/demo/sessions', { customer });

    beforeAll(async () => {
      await stack.setIdentitySecrets([IDENTITY_NEW, IDENTITY_OLD]);
    });

    it('accepts a fresh identity signed with the current or the previous identity secret', async () => {
      const expiresAt = nowSeconds() + 600;
      for (const secret of [IDENTITY_NEW, IDENTITY_OLD]) {
        const response = await start({
          id: 'cust-1',
          expiresAt,
          signature: signCustomerIdentity(secret, 'cust-1', expiresAt),
        });
        expect(response.status).toBe(201);
      }
    });

    it('refuses an identity signed with the webhook secret, an expired one, and one valid for too long', async () => {
      const store = await server.services.stores.get('demo');
      const expiresAt = nowSeconds() + 600;
      const withWebhookSecret = await start({
        id: 'cust-1',
        expiresAt,
        signature: signCustomerIdentity(store?.secret ?? '', 'cust-1', expiresAt),
      });
      const expired = await start({
        id: 'cust-1',
        expiresAt: nowSeconds() - 1,
        signature: signCustomerIdentity(IDENTITY_NEW, 'cust-1', nowSeconds() - 1),
      });
      const forever = nowSeconds() + 365 * 86400;
      const tooLong = await start({
        id: 'cust-1',
        expiresAt: forever,
        signature: signCustomerIdentity(IDENTITY_NEW, 'cust-1', forever),
      });
      const legacy = await start({
        id: 'cust-1',
        signature: createHmac('sha256', store?.secret ?? '')
          .update('cust-1')
          .digest('hex'),
      });
      expect([withWebhookSecret.status, expired.status, tooLong.status]).toEqual([401, 401, 401]);
      expect(legacy.status).toBe(400);
    });
  });
});
