import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  SQSEvent,
} from 'aws-lambda';
import { createHmac } from 'node:crypto';
import { signOrderPayload } from '../../functions/orders/order-webhook';
import { apiGatewayEvent, lambdaContext, type ApiGatewayEventInput } from '../support/apigw-event';
import { startTestEnv, type TestEnv } from '../support/test-env';

/**
 * The Lambda entry points, invoked exactly as Lambda does (an API Gateway v2 event and a context), with a real
 * DynamoDB (dynalite) behind them: the same handlers run unchanged in Lambda and locally.
 */
type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const SLACK_SIGNING_SECRET = 'slack-signing-secret-for-tests';

jest.setTimeout(120_000);

describe('Lambda handlers behind API Gateway v2', () => {
  let env: TestEnv;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true });
    Object.assign(process.env, {
      SHOPGUIDE_RUNTIME: 'lambda',
      LOG_LEVEL: 'SILENT',
      // As the stack sets it; metrics are counted but not printed as EMF into the test output.
      POWERTOOLS_METRICS_NAMESPACE: 'ShopGuideTest',
      POWERTOOLS_METRICS_DISABLED: 'true',
      TABLE_NAME: env.config.storage.tableName,
      DYNAMODB_ENDPOINT: env.dynamo.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      WEBCHAT_TOKEN_SECRET: 'webchat-token-secret-for-lambda-tests',
      SLACK_SIGNING_SECRET,
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'slack-client-secret',
      SLACK_STATE_SECRET: 'slack-state-secret-for-tests',
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'teams-password',
    });
    for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'WORK_QUEUE_URL']) delete process.env[name];
  });
  afterAll(async () => {
    process.env = savedEnv;
    await env.close();
  });

  /** Loads an entry module fresh, after the environment is set, as a Lambda cold start would. */
  function loadHandler<T = HttpHandler>(entry: string): T {
    let handler: T | undefined;
    jest.isolateModules(() => {
      // A synchronous require is the only way to load inside isolateModules (a fresh registry = a cold start).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      handler = (require(`../../functions/${entry}`) as { handler: T }).handler;
    });
    if (!handler) throw new Error(`functions/${entry} exports no handler`);
    return handler;
  }

  async function invoke(handler: HttpHandler, input: ApiGatewayEventInput) {
    const result = await handler(apiGatewayEvent(input), lambdaContext());
    const raw = result.body ?? '';
    const text = result.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    return {
      status: result.statusCode,
      headers: result.headers ?? {},
      text,
      json: () => JSON.parse(text) as unknown,
    };
  }

  describe('webchat', () => {
    let handler: HttpHandler;
    beforeAll(() => {
      handler = loadHandler('webchat');
    });

    it('answers /health', async () => {
      const response = await invoke(handler, { method: 'GET', path: '/health' });
      expect(response.status).toBe(200);
      expect(response.json()).toMatchObject({ ok: true, llm: 'offline' });
    });

    it('serves the chat page and the widget script', async () => {
      const page = await invoke(handler, { method: 'GET', path: '/webchat/demo' });
      expect(page.status).toBe(200);
      expect(String(page.headers['content-type'])).toContain('text/html');
      const widget = await invoke(handler, { method: 'GET', path: '/webchat/widget.js' });
      expect(widget.status).toBe(200);
      expect(widget.text.length).toBeGreaterThan(1000);
    });

    it('starts a session and answers a base64-encoded Chinese message from the catalog', async () => {
      const session = await invoke(handler, {
        method: 'POST',
        path: '/webchat/demo/sessions',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(session.status).toBe(201);
      const { token } = session.json() as { token: string };

      const reply = await invoke(handler, {
        method: 'POST',
        path: '/webchat/demo/messages',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ text: '有什么推荐的吗？' }),
        base64: true,
      });
      expect(reply.status).toBe(200);
      const body = reply.json() as { replyId: string; text: string; products: unknown[] };
      expect(body.replyId).toEqual(expect.any(String));
      expect(body.text.length).toBeGreaterThan(0);
    });

    it('refuses a message without a session token', async () => {
      const response = await invoke(handler, {
        method: 'POST',
        path: '/webchat/demo/messages',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'hi' }),
      });
      expect(response.status).toBe(401);
    });
  });

  describe('store-orders', () => {
    let handler: HttpHandler;
    beforeAll(() => {
      handler = loadHandler('store-orders');
    });

    const order = (id: string) =>
      JSON.stringify({
        id,
        customerId: 'c-1',
        createdAt: new Date().toISOString(),
        items: [{ productId: '121', title: 'Demo product', price: 10, quantity: 1 }],
      });

    it('stores a signed order, and counts a redelivery as a duplicate', async () => {
      const store = await env.services.stores.get('demo');
      if (!store) throw new Error('demo store not seeded');
      const body = order('lambda-order-1');
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signed: ApiGatewayEventInput = {
        method: 'POST',
        path: '/stores/demo/orders',
        routeKey: 'POST /stores/{storeId}/orders',
        headers: {
          'content-type': 'application/json',
          'x-shopguide-timestamp': timestamp,
          'x-shopguide-signature': signOrderPayload(store.secret, timestamp, body),
        },
        body,
      };

      const first = await invoke(handler, signed);
      const again = await invoke(handler, signed);

      expect(first.status).toBe(200);
      expect(first.json()).toMatchObject({ stored: 1, duplicates: 0, orderIds: ['lambda-order-1'] });
      expect(again.json()).toMatchObject({ stored: 0, duplicates: 1 });
    });

    it('refuses an unsigned order with 401', async () => {
      const response = await invoke(handler, {
        method: 'POST',
        path: '/stores/demo/orders',
        body: order('x'),
      });
      expect(response.status).toBe(401);
    });
  });

  describe('slack-events', () => {
    it('verifies the signature and answers url_verification', async () => {
      const handler = loadHandler('slack-events');
      const body = JSON.stringify({ type: 'url_verification', challenge: 'challenge-123', token: 'x' });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${createHmac('sha256', SLACK_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const response = await invoke(handler, {
        method: 'POST',
        path: '/slack/events',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': signature,
        },
        body,
      });
      expect(response.status).toBe(200);
      expect(response.text).toContain('challenge-123');
    });

    it('refuses a forged request with 401', async () => {
      const handler = loadHandler('slack-events');
      const response = await invoke(handler, {
        method: 'POST',
        path: '/slack/events',
        headers: {
          'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
          'x-slack-signature': 'v0=00',
        },
        body: '{"type":"url_verification","challenge":"c"}',
      });
      expect(response.status).toBe(401);
    });
  });

  describe('teams-messages', () => {
    it('refuses an activity without a Bot Framework token with 401', async () => {
      const handler = loadHandler('teams-messages');
      const response = await invoke(handler, {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'hi',
          serviceUrl: 'https://smba.trafficmanager.net/teams/',
        }),
      });
      expect(response.status).toBe(401);
    });
  });

  describe('slack-oauth', () => {
    it('starts the install with a redirect or an install page', async () => {
      const handler = loadHandler('slack-oauth');
      const response = await invoke(handler, { method: 'GET', path: '/slack/install' });
      expect([200, 302]).toContain(response.status);
      const target = `${String(response.headers.location ?? '')}${response.text}`;
      expect(target).toContain('slack.com/oauth/v2/authorize');
    });
  });

  describe('worker', () => {
    it('fails a batch of undecodable jobs through Powertools batch processing (SQS retries, then the DLQ)', async () => {
      const handler =
        loadHandler<(event: SQSEvent, context: Context) => Promise<{ batchItemFailures: unknown[] }>>(
          'worker',
        );
      const record = (messageId: string, body: string) => ({
        messageId,
        receiptHandle: `r-${messageId}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'x',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:work',
        awsRegion: 'eu-west-1',
      });
      // A job that succeeds needs Slack or Teams stand-ins (tests/channels cover those); here every record is
      // bad, which Powertools turns into a full batch failure rather than a silent success.
      const event = {
        Records: [record('m-1', 'not a job'), record('m-2', '{"kind":"nobody.handles","id":"j"}')],
      };
      await expect(handler(event, lambdaContext('worker'))).rejects.toThrow(/All records failed processing/);
    });
  });

  describe('aggregate', () => {
    it('runs the scheduled aggregation over the stores', async () => {
      const handler =
        loadHandler<(event: object, context: Context) => Promise<{ stores: unknown[] }>>('aggregate');
      const result = await handler(
        { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} },
        lambdaContext('aggregate'),
      );
      expect(result.stores.length).toBeGreaterThanOrEqual(1);
    });
  });
});
