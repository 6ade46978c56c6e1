import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createSlackRoutes } from '../../../functions/channels/slack/routes';
import { signSlackRequest } from '../../../functions/channels/slack/signature';
import { lambdaHttpHandler } from '../../../functions/http/lambda-adapter';
import { Router } from '../../../functions/http/router';
import { silentLogger } from '../../../functions/observability/logger';
import { recordingAssistant, recordingInsights } from './fake-core';
import {
  commandBody,
  createStore,
  linkWorkspace,
  SIGNING_SECRET,
  startSlackHarness,
  type SlackHarness,
} from './slack-harness';

const QUESTION = '上周卖得最好的三款商品是什么？';

describe('Slack: Chinese text survives the front door', () => {
  let harness: SlackHarness;
  const insights = recordingInsights();
  const assistant = recordingAssistant();

  beforeAll(async () => {
    harness = await startSlackHarness({ worker: { answerMerchant: insights.answer, assistant } });
    await createStore(harness.services, 'shop-a');
    await linkWorkspace(harness.services, 'shop-a', 'T111');
  });
  afterAll(() => harness.close());
  beforeEach(() => {
    insights.requests.length = 0;
  });

  it('reaches the core intact from a form-encoded slash command', async () => {
    const body = commandBody({
      text: `insights ${QUESTION}`,
      response_url: harness.stub.responseUrl('zh-form'),
    });
    const ack = await harness.post(body, { contentType: 'application/x-www-form-urlencoded' });
    await harness.queue.drain();
    expect(ack.status).toBe(200);
    expect(insights.requests.map((r) => r.question)).toEqual([QUESTION]);
  });

  it('reaches the core intact when API Gateway base64-encodes the body', async () => {
    const body = Buffer.from(
      commandBody({ text: `insights ${QUESTION}`, response_url: harness.stub.responseUrl('zh-b64') }),
      'utf8',
    );
    const timestamp = String(Math.floor(Date.now() / 1000));
    const event = {
      version: '2.0',
      rawPath: '/slack/events',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Slack-Request-Timestamp': timestamp,
        'X-Slack-Signature': signSlackRequest(SIGNING_SECRET, timestamp, body),
      },
      requestContext: { http: { method: 'POST', path: '/slack/events', sourceIp: '127.0.0.1' } },
      body: body.toString('base64'),
      isBase64Encoded: true,
    } as unknown as APIGatewayProxyEventV2;
    const router = new Router(createSlackRoutes(harness.services), silentLogger);
    const result = await lambdaHttpHandler((request) => router.handle(request))(event, {} as Context);
    await harness.queue.drain();
    expect(result.statusCode).toBe(200);
    expect(insights.requests.map((r) => r.question)).toEqual([QUESTION]);
  });

  it('reaches the core intact from a JSON event', async () => {
    const body = {
      type: 'event_callback',
      team_id: 'T111',
      event_id: 'EvZh1',
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D222',
        user: 'W222',
        ts: '1700000000.100000',
        text: '有没有适合跑步的鞋？',
      },
    };
    await linkWorkspace(harness.services, 'shop-a', 'T111', 'shopper', 'D222');
    await harness.post(JSON.stringify(body));
    await harness.queue.drain();
    expect(assistant.inputs.at(-1)?.text).toBe('有没有适合跑步的鞋？');
  });
});
