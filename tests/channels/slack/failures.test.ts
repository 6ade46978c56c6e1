import { DeadLetterRepository } from '../../../functions/storage/dead-letter-repository';
import { FALLBACK_TEXT } from '../../../functions/channels/slack/texts';
import type { ChatModel } from '../../../functions/llm/chat-model';
import { recordingAssistant } from './fake-core';
import { freshMention, linkShopperShop, startSlackHarness, type SlackHarness } from './slack-harness';

const mention = () => JSON.stringify(freshMention('<@W111> do you have trail shoes?'));

describe('Slack failure paths', () => {
  describe('with a working core', () => {
    let harness: SlackHarness;
    beforeAll(async () => {
      harness = await startSlackHarness({ worker: { assistant: recordingAssistant() } });
      await linkShopperShop(harness.services);
    });
    afterAll(() => harness.close());
    beforeEach(() => harness.stub.clearRecorded());

    it('the worker failing once, then succeeding, still produces exactly one reply', async () => {
      harness.stub.script('chat.postMessage', { body: { ok: false, error: 'internal_error' } });
      await harness.post(mention());
      await harness.queue.drain();
      expect(harness.stub.callsTo('chat.postMessage')).toHaveLength(2);
      expect(harness.stub.messages).toHaveLength(1);
    });

    it("honours a Slack 429's Retry-After before retrying, and posts once", async () => {
      harness.stub.script('chat.postMessage', { status: 429, headers: { 'retry-after': '1' } });
      await harness.post(mention());
      await harness.queue.drain();
      const [limited, retried] = harness.stub.callsTo('chat.postMessage');
      expect(limited?.status).toBe(429);
      expect(retried?.status).toBe(200);
      expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
      expect(harness.stub.messages).toHaveLength(1);
    });

    it('dead-letters a job that fails every attempt, without posting', async () => {
      const failure = { body: { ok: false, error: 'internal_error' } };
      harness.stub.script('chat.postMessage', failure, failure, failure);
      await harness.post(mention());
      await harness.queue.drain();
      expect(harness.stub.messages).toHaveLength(0);
      const letters = await new DeadLetterRepository(harness.services.table).list('slack.request');
      expect(letters.at(-1)).toMatchObject({ attempts: 3, job: { kind: 'slack.request' } });
    });
  });

  it('a core that throws still produces a polite fallback message, not silence', async () => {
    const harness = await startSlackHarness({
      worker: {
        assistant: {
          handleMessage: async () => {
            throw new Error('LLM exploded');
          },
        },
      },
    });
    try {
      await linkShopperShop(harness.services);
      await harness.post(mention());
      await harness.queue.drain();
      expect(harness.stub.messages).toHaveLength(1);
      expect(harness.stub.messages[0]?.text).toBe(FALLBACK_TEXT);
    } finally {
      await harness.close();
    }
  });

  it('an LLM that fails (server error) still gets the shopper an answer from the real assistant', async () => {
    const failingModel: ChatModel = {
      name: 'failing',
      complete: async () => ({ status: 'server_error', detail: '503 from the model' }),
    };
    const harness = await startSlackHarness({ overrides: { chatModel: failingModel } });
    try {
      await linkShopperShop(harness.services);
      await harness.post(mention());
      await harness.queue.drain();
      expect(harness.stub.messages).toHaveLength(1);
      // The core's own offline fallback answered, not the adapter's last-resort apology.
      expect(harness.stub.messages[0]?.text.length).toBeGreaterThan(10);
      expect(harness.stub.messages[0]?.text).not.toBe(FALLBACK_TEXT);
    } finally {
      await harness.close();
    }
  });
});
