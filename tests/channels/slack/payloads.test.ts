import { DeadLetterRepository } from '../../../functions/storage/dead-letter-repository';
import { recordingAssistant } from './fake-core';
import { linkShopperShop, fixture, fixtureJson, startSlackHarness, type SlackHarness } from './slack-harness';

describe('Slack payload routing (real payloads)', () => {
  let harness: SlackHarness;
  const assistant = recordingAssistant();

  beforeAll(async () => {
    harness = await startSlackHarness({ worker: { assistant } });
    await linkShopperShop(harness.services, ['C111', 'D111']);
  });
  afterAll(() => harness.close());

  it('answers url_verification with its challenge', async () => {
    const body = fixture('url_verification.json');
    const response = await harness.post(body);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ challenge: fixtureJson('url_verification.json').challenge });
  });

  it('routes an app_mention to the shopper core and replies once, in its thread', async () => {
    const response = await harness.post(fixture('app_mention.event_callback.json'));
    expect(response.status).toBe(200);
    await harness.queue.drain();
    const posts = harness.stub.succeeded('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.params).toMatchObject({ channel: 'C111', thread_ts: '1595926230.009600' });
    expect(posts[0]?.token).toBe('xoxb-test-token');
    expect(assistant.inputs.at(-1)).toMatchObject({
      storeId: 'shop-a',
      channel: 'slack',
      text: 'Hi there!',
      conversationId: 'slack:T111:C111:1595926230.009600',
    });
  });

  it('routes a DM message to the core and streams the answer', async () => {
    const body = fixtureJson('message_im.event_callback.json');
    body.event_id = 'EvDM1';
    await harness.post(JSON.stringify(body));
    await harness.queue.drain();
    const streamed = harness.stub.messages.find((m) => m.via === 'chat.startStream');
    expect(streamed).toMatchObject({ channel: 'D111', threadTs: '1726133698.626339', stopped: true });
    expect(streamed?.text).toContain('When Slack was released?');
    expect(assistant.inputs.at(-1)?.text).toBe('When Slack was released?');
  });

  it('ignores a channel message that does not address the bot, and reactions', async () => {
    const before = harness.stub.calls.length;
    const message = fixtureJson('message_channel.event_callback.json');
    message.event_id = 'EvChannelPlain';
    const reaction = fixtureJson('reaction_added.event_callback.json');
    reaction.event_id = 'EvReaction';
    expect((await harness.post(JSON.stringify(message))).status).toBe(200);
    expect((await harness.post(JSON.stringify(reaction))).status).toBe(200);
    await harness.queue.drain();
    expect(harness.stub.calls.length).toBe(before);
  });

  it.each([
    ['form-encoded', () => fixture('block_actions.raw_body.txt'), 'application/x-www-form-urlencoded'],
    // Same payload as above, but a distinct interaction: otherwise the trigger id dedupes it (correctly).
    [
      'JSON',
      () => fixture('block_actions.payload.json').replace('111.222.valid', '111.333.valid'),
      'application/json',
    ],
  ])('routes block_actions sent %s to the worker', async (_form, body, contentType) => {
    const enqueued: unknown[] = [];
    const enqueue = harness.queue.enqueue.bind(harness.queue);
    harness.queue.enqueue = async (job) => {
      enqueued.push(job);
      await enqueue(job);
    };
    try {
      const response = await harness.post(body(), { contentType });
      expect(response.status).toBe(200);
      await harness.queue.drain();
      expect(enqueued).toEqual([expect.objectContaining({ kind: 'slack.request' })]);
      expect(await new DeadLetterRepository(harness.services.table).list('slack.request')).toEqual([]);
    } finally {
      harness.queue.enqueue = enqueue;
    }
  });
});
