import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signSlackRequest } from '../../functions/channels/slack/signature';
import { SLACK_REQUEST_JOB } from '../../functions/channels/slack/slack-types';
import { loadConfig } from '../../functions/config/config';
import { startLocalServer, type LocalServer } from '../../functions/local/server';
import { eventually } from '../handoff/handoff-support';
import { SlackApiStub, type StubMessage } from '../support/slack-api-stub';
import { askAsNewShopper, runHourlyKnowledgeStep } from './faq-support';

const SECRET = 'save-as-faq-secret';
const TEAM = 'T152';
const CHANNEL = 'CSAVEFAQ';
const WAIT_MS = 20_000;
const ALICE = { id: 'UALICE', username: 'alice', name: 'alice', team_id: TEAM };

interface Block {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  label?: { text: string };
  element?: { action_id: string; initial_value?: string };
  elements?: { action_id?: string; value?: string; text?: string | { text: string } }[];
}

const blocksOf = (x: { blocks?: unknown } | Record<string, unknown>) => (x.blocks ?? []) as Block[];
const buttonIn = (blocks: Block[], actionId: string) =>
  blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId);
const initialValue = (blocks: Block[], blockId: string) =>
  blocks.find((b) => b.block_id === blockId)?.element?.initial_value;

describe('Slack: Save as FAQ from a handoff, and the answer form when Slack’s trigger_id has expired', () => {
  let server: LocalServer;
  let stub: SlackApiStub;
  let counter = 0;
  const transcript: string[] = [];

  const post = async (body: string, contentType: string) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signSlackRequest(SECRET, timestamp, body),
      },
      body,
    });
    expect(response.status).toBe(200);
  };
  const form = 'application/x-www-form-urlencoded';
  const interactionBody = (payload: Record<string, unknown>) =>
    `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  /** A button click on a message of the channel, as Slack posts it (with a response_url, like every message action). */
  const clickPayload = (
    messageTs: string,
    button: { action_id?: string; value?: string },
    extra: Record<string, unknown> = {},
  ) => {
    counter += 1;
    return {
      type: 'block_actions',
      user: ALICE,
      api_app_id: 'A152',
      team: { id: TEAM, domain: 'shop' },
      channel: { id: CHANNEL, name: 'shop-team' },
      container: { type: 'message', message_ts: messageTs, channel_id: CHANNEL },
      message: { ts: messageTs, type: 'message' },
      trigger_id: `trigger-save-${counter}`,
      response_url: stub.responseUrl(`click-${counter}`),
      actions: [{ ...button, type: 'button', block_id: 'any', action_ts: `${Date.now() / 1000}` }],
      ...extra,
    };
  };
  const click = (messageTs: string, button: { action_id?: string; value?: string }, extra = {}) =>
    post(interactionBody(clickPayload(messageTs, button, extra)), form);
  const threadReply = (cardTs: string, text: string) => {
    counter += 1;
    return post(
      JSON.stringify({
        type: 'event_callback',
        team_id: TEAM,
        api_app_id: 'A152',
        event_id: `EvSaveFaq${counter}`,
        event_time: Math.floor(Date.now() / 1000),
        event: {
          type: 'message',
          channel: CHANNEL,
          channel_type: 'channel',
          user: ALICE.id,
          text,
          ts: `1800000001.${String(counter).padStart(6, '0')}`,
          thread_ts: cardTs,
          team: TEAM,
        },
      }),
      'application/json',
    );
  };
  const shopper = async () => {
    const session = await fetch(`${server.url}/webchat/demo/sessions`, { method: 'POST', body: '{}' });
    const { token } = (await session.json()) as { token: string };
    return async (text: string) => {
      const response = await fetch(`${server.url}/webchat/demo/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ text }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { text: string; mode: string };
    };
  };
  const handoffCards = () =>
    stub.messages.filter(
      (m) => m.channel === CHANNEL && !m.threadTs && JSON.stringify(m.blocks ?? []).includes('"handoff_faq"'),
    );
  /**
   * A shopper asks for a person, alice claims, the shopper asks `question` and alice answers it in the thread:
   * the handoff card the merchant then saves from.
   */
  const answeredHandoff = async (question: string, reply: string): Promise<StubMessage> => {
    const say = await shopper();
    const cardsBefore = handoffCards().length;
    await say('I want to talk to a person');
    await stub.waitFor(() => handoffCards().length === cardsBefore + 1, WAIT_MS);
    const card = handoffCards()[cardsBefore];
    await eventually(
      async () => (await server.services.handoffs.findSlackThread(TEAM, CHANNEL, card.ts)) !== undefined,
      WAIT_MS,
    );
    await click(card.ts, buttonIn(blocksOf(card), 'handoff_claim') ?? {});
    await stub.waitFor(() => JSON.stringify(card.blocks).includes('Claimed by alice'), WAIT_MS);
    expect((await say(question)).mode).toBe('claimed');
    await stub.waitFor(
      () => stub.messages.some((m) => m.threadTs === card.ts && m.text.includes(question)),
      WAIT_MS,
    );
    await threadReply(card.ts, reply);
    const conversationId = buttonIn(blocksOf(card), 'faq_from_handoff')?.value ?? '';
    await eventually(async () => {
      const messages = await server.services.conversations.lastMessages('demo', conversationId, 10);
      return messages.some((m) => m.role === 'merchant' && m.text === reply);
    }, WAIT_MS);
    return card;
  };
  const viewsOpened = () => stub.callsTo('views.open');

  beforeAll(async () => {
    stub = new SlackApiStub();
    await stub.start();
    server = await startLocalServer({
      config: loadConfig({
        SHOPGUIDE_RUNTIME: 'test',
        LOG_LEVEL: 'SILENT',
        PORT: '0',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sg-save-faq-')),
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: 'xoxb-save-faq',
        SLACK_BOT_USER_ID: 'UBOT',
        SLACK_API_URL: stub.apiUrl,
      }),
    });
    const { code } = await server.services.partnerService.createLinkCode('demo');
    await post(
      new URLSearchParams({
        team_id: TEAM,
        channel_id: CHANNEL,
        user_id: 'UOWNER',
        user_name: 'owner',
        command: '/shopguide',
        text: `link ${code}`,
        trigger_id: 'trigger-link',
        response_url: stub.responseUrl('link'),
      }).toString(),
      form,
    );
    await stub.waitFor(() => stub.responses.some((r) => String(r.body.text).includes('Linked')), WAIT_MS);
  });
  afterAll(async () => {
    process.stdout.write(['--- Save as FAQ through Slack ---', ...transcript, ''].join('\n'));
    await server?.close();
    await stub.close();
  });

  it('the handoff card’s Save as FAQ opens a modal prefilled with the shopper’s question and the merchant’s reply; the saved entry answers a paraphrase', async () => {
    const question = 'Do you offer gift wrapping?';
    const reply = 'Yes, gift wrapping is free: tick "gift" at checkout and add a card message.';
    const card = await answeredHandoff(question, reply);

    await click(card.ts, buttonIn(blocksOf(card), 'faq_from_handoff') ?? {});
    await stub.waitFor(() => viewsOpened().length === 1, WAIT_MS);
    const { view } = viewsOpened()[0]?.params as { view: { private_metadata: string; blocks: Block[] } };
    expect(initialValue(view.blocks, 'faq_question')).toBe(question);
    expect(initialValue(view.blocks, 'faq_answer_text')).toBe(reply);

    // The merchant adds a wording and saves; the worker handles the submission.
    const before = await askAsNewShopper(server, 'is gift wrap available for my present?');
    expect(before.text).not.toContain(reply);
    await post(
      interactionBody({
        type: 'view_submission',
        team: { id: TEAM, domain: 'shop' },
        user: ALICE,
        api_app_id: 'A152',
        trigger_id: 'trigger-submit',
        view: {
          id: 'V152',
          type: 'modal',
          callback_id: 'faq_answer',
          private_metadata: view.private_metadata,
          state: {
            values: {
              faq_question: {
                faq_question: { type: 'plain_text_input', value: `${question}\n可以礼品包装吗` },
              },
              faq_answer_text: { faq_answer_text: { type: 'plain_text_input', value: reply } },
            },
          },
        },
      }),
      form,
    );
    await eventually(async () => (await server.services.faq.list('demo')).length === 1, WAIT_MS);
    const [entry] = await server.services.faq.list('demo');
    expect(entry).toMatchObject({ answer: reply, source: 'handoff', author: `slack:${TEAM}:UALICE` });
    expect(entry?.questions).toEqual([question, '可以礼品包装吗']);
    await stub.waitFor(
      () =>
        stub
          .callsTo('chat.postEphemeral')
          .some((c) => String(c.params.text).startsWith('Saved as a FAQ entry by alice')),
      WAIT_MS,
    );

    const after = await askAsNewShopper(server, 'is gift wrap available for my present?');
    expect(after.text).toBe(reply);
    transcript.push(
      'shopper (during the handoff): Do you offer gift wrapping?',
      `alice (thread reply): ${reply}`,
      `alice clicks Save as FAQ → views.open prefilled: "${question}" / "${reply}"`,
      'shopper: is gift wrap available for my present?',
      `bot (before): ${before.text}`,
      `bot (after): ${after.text}`,
    );
  }, 120_000);

  it('when views.open answers expired_trigger_id, the form reaches the merchant in the handoff thread, and its Save saves the entry', async () => {
    const question = 'Can I pick up my order at your shop?';
    const reply = 'Yes: pick-up at 12 Market Street, Monday to Saturday.';
    const card = await answeredHandoff(question, reply);
    stub.script('views.open', { body: { ok: false, error: 'expired_trigger_id' } });
    const opened = viewsOpened().length;
    const ephemerals = () =>
      stub.callsTo('chat.postEphemeral').filter((c) => buttonIn(blocksOf(c.params), 'faq_inline_save'));

    await click(card.ts, buttonIn(blocksOf(card), 'faq_from_handoff') ?? {});
    await stub.waitFor(() => ephemerals().length === 1, WAIT_MS);
    expect(viewsOpened()).toHaveLength(opened + 1);
    const formCall = ephemerals()[0];
    expect(formCall.params).toMatchObject({ channel: CHANNEL, user: ALICE.id, thread_ts: card.ts });
    const formBlocks = blocksOf(formCall.params);
    expect(initialValue(formBlocks, 'faq_question')).toBe(question);
    expect(initialValue(formBlocks, 'faq_answer_text')).toBe(reply);
    expect(JSON.stringify(formBlocks)).toContain('could not open in time');

    // Alice shortens the answer in the form and presses Save: the click carries the inputs' state.
    const edited = 'Yes, pick-up at 12 Market Street (Mon-Sat).';
    const save = buttonIn(formBlocks, 'faq_inline_save') ?? {};
    const clicked = clickPayload('1800000009.000001', save, {
      container: {
        type: 'message',
        message_ts: '1800000009.000001',
        channel_id: CHANNEL,
        is_ephemeral: true,
      },
      state: {
        values: {
          faq_question: { faq_question: { type: 'plain_text_input', value: question } },
          faq_answer_text: { faq_answer_text: { type: 'plain_text_input', value: edited } },
        },
      },
    });
    await post(interactionBody(clicked), form);
    await eventually(
      async () => (await server.services.faq.list('demo')).some((e) => e.answer === edited),
      WAIT_MS,
    );
    const responsePath = new URL(String(clicked.response_url)).pathname;
    await stub.waitFor(() => stub.responses.some((r) => r.path === responsePath), WAIT_MS);
    expect(stub.responses.find((r) => r.path === responsePath)?.body).toMatchObject({
      replace_original: true,
      text: expect.stringContaining('Saved as a FAQ entry by alice'),
    });
    expect((await askAsNewShopper(server, 'can I collect my order in store?')).text).toBe(edited);
    transcript.push(
      'alice clicks Save as FAQ → views.open: {ok:false, error:"expired_trigger_id"}',
      `  → ephemeral form in the handoff thread, prefilled "${question}" / "${reply}"`,
      `alice edits and presses Save → entry: ${edited}`,
    );
  }, 120_000);

  it('a cluster card whose click waited too long in the queue becomes its own answer form (zh store: Chinese texts), saved on Save', async () => {
    const store = await server.services.stores.get('demo', { fresh: true });
    await server.services.stores.save({ ...(store as NonNullable<typeof store>), locale: 'zh-CN' });
    const questions = [
      'do you sell gift cards?',
      'gift card available?',
      'can I buy a gift card',
      '有礼品卡吗',
    ];
    for (const text of questions) await askAsNewShopper(server, text);
    await runHourlyKnowledgeStep(server);
    const clusterCards = () =>
      stub.messages.filter((m) => JSON.stringify(m.blocks ?? []).includes('"faq_cluster_headline"'));
    await stub.waitFor(() => clusterCards().length === 1, WAIT_MS);
    const card = clusterCards()[0];
    expect(blocksOf(card)[0]?.text?.text).toMatch(/^本周顾客问了 4 次：“.+” 机器人没有答案。$/);
    const write = buttonIn(blocksOf(card), 'faq_write');
    expect(write?.text).toMatchObject({ text: '写回答' });

    // The click reached the front door 4 s before the worker got it: its trigger_id is dead, so no modal is tried.
    const opened = viewsOpened().length;
    const body = interactionBody(clickPayload(card.ts, write ?? {}));
    const queue = server.services.queue;
    if (!queue) throw new Error('the local server has no work queue');
    await queue.enqueue({
      kind: SLACK_REQUEST_JOB,
      id: `slow-click-${counter}`,
      payload: { body, contentType: form, receivedAt: new Date(Date.now() - 4000).toISOString() },
    });
    await stub.waitFor(() => buttonIn(blocksOf(card), 'faq_inline_save') !== undefined, WAIT_MS);
    expect(viewsOpened()).toHaveLength(opened);
    const formBlocks = blocksOf(card);
    expect(questions).toContain(initialValue(formBlocks, 'faq_question'));
    expect(formBlocks.find((b) => b.block_id === 'faq_answer_text')?.label?.text).toContain('您的回答');
    expect(buttonIn(formBlocks, 'faq_ignore')).toBeDefined();

    const answer = '有的，礼品卡面额 $25、$50、$100，结账时选择即可。';
    await click(card.ts, buttonIn(formBlocks, 'faq_inline_save') ?? {}, {
      state: {
        values: {
          faq_question: { faq_question: { type: 'plain_text_input', value: questions[0] } },
          faq_answer_text: { faq_answer_text: { type: 'plain_text_input', value: answer } },
        },
      },
    });
    await stub.waitFor(() => JSON.stringify(card.blocks).includes('alice 已将其保存为常见问题'), WAIT_MS);
    expect(buttonIn(blocksOf(card), 'faq_inline_save')).toBeUndefined();
    const [saved] = (await server.services.faq.list('demo')).filter((e) => e.answer === answer);
    expect(saved).toMatchObject({ source: 'slack', clusterId: expect.any(String) });
    expect((await askAsNewShopper(server, '礼品卡有卖吗？')).text).toBe(answer);
    transcript.push(
      `cluster card (zh store): ${blocksOf(card)[0]?.text?.text}`,
      'alice clicks 写回答, 4 s after the front door got it → no views.open; the card becomes the form',
      `alice saves: ${answer}`,
      `card: ${blocksOf(card).find((b) => b.block_id === 'faq_cluster_outcome')?.text?.text}`,
    );
  }, 120_000);
});
