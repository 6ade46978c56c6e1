import { recordingAssistant } from './fake-core';
import {
  freshMention as mention,
  linkShopperShop,
  startSlackHarness,
  type SlackHarness,
} from './slack-harness';

describe('Slack: exactly one reply', () => {
  let harness: SlackHarness;
  const assistant = recordingAssistant();

  beforeAll(async () => {
    harness = await startSlackHarness({ worker: { assistant } });
    await linkShopperShop(harness.services);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.stub.clearRecorded());

  it('the same event delivered 4 times sequentially, with retry headers, gets one chat.postMessage', async () => {
    const body = JSON.stringify(mention());
    const statuses: number[] = [];
    for (let retry = 0; retry < 4; retry++) {
      const headers: Record<string, string> =
        retry === 0 ? {} : { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' };
      statuses.push((await harness.post(body, { headers })).status);
    }
    await harness.queue.drain();
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(harness.stub.succeeded('chat.postMessage')).toHaveLength(1);
  });

  it('the same event delivered 4 times concurrently, with and without retry headers, gets one reply', async () => {
    const body = JSON.stringify(mention());
    const responses = await Promise.all(
      [0, 1, 2, 3].map((retry) =>
        harness.post(body, { headers: retry % 2 ? { 'x-slack-retry-num': String(retry) } : {} }),
      ),
    );
    await harness.queue.drain();
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(harness.stub.succeeded('chat.postMessage')).toHaveLength(1);
  });

  it('a first delivery that carries a retry header is still answered (retries are never dropped as such)', async () => {
    const response = await harness.post(JSON.stringify(mention()), { headers: { 'x-slack-retry-num': '2' } });
    await harness.queue.drain();
    expect(response.status).toBe(200);
    expect(harness.stub.succeeded('chat.postMessage')).toHaveLength(1);
  });

  it('an app_mention and the message event for the same post produce one reply', async () => {
    const appMention = mention();
    const message = {
      ...appMention,
      event_id: `${appMention.event_id}-message`,
      event: { ...appMention.event, type: 'message', channel_type: 'channel' },
    };
    await Promise.all([harness.post(JSON.stringify(message)), harness.post(JSON.stringify(appMention))]);
    await harness.queue.drain();
    expect(harness.stub.succeeded('chat.postMessage')).toHaveLength(1);
  });

  it('a redelivered job (the queue delivering twice) does not answer twice', async () => {
    const body = JSON.stringify(mention());
    const jobs: Parameters<typeof harness.queue.enqueue>[0][] = [];
    const enqueue = harness.queue.enqueue.bind(harness.queue);
    harness.queue.enqueue = async (job) => {
      jobs.push(job);
      await enqueue(job);
      await enqueue(job);
    };
    try {
      await harness.post(body);
      await harness.queue.drain();
    } finally {
      harness.queue.enqueue = enqueue;
    }
    expect(jobs).toHaveLength(1);
    expect(harness.stub.succeeded('chat.postMessage')).toHaveLength(1);
  });
});
