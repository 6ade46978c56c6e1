import { SLACK_REQUEST_JOB } from '../../functions/channels/slack/slack-types';
import { startSlackLocalStack, type SlackLocalStack } from '../support/local-stack';
import type { StubMessage } from '../support/slack-api-stub';
import { waitFor } from '../support/wait-for';
import { runHourlyKnowledgeStep } from './faq-support';

const SECRET = 'save-as-faq-secret';
const TEAM = 'T152';
const CHANNEL = 'CSAVEFAQ';
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
  let stack: SlackLocalStack;
  let stub: SlackLocalStack['stub'];
  let counter = 0;
  const transcript: string[] = [];
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
    stack.interaction(clickPayload(messageTs, button, extra));
  const threadReply = (cardTs: string, text: string) =>
    stack.threadMessage({ teamId: TEAM, channelId: CHANNEL, userId: ALICE.id, text, threadTs: cardTs });
  const handoffCards = () =>
    stub.messages.filter(
      (m) => m.channel === CHANNEL && !m.threadTs && JSON.stringify(m.blocks ?? []).includes('"handoff_faq"'),
    );
  /**
   * A shopper asks for a person, alice claims, the shopper asks `question` and alice answers it in the thread:
   * the handoff card the merchant then saves from.
   */
  const answeredHandoff = async (question: string, reply: string): Promise<StubMessage> => {
    const { token } = await stack.webchat.startSession();
    const say = (text: string) => stack.webchat.send(token, text);
    const cardsBefore = handoffCards().length;
    await say('I want to talk to a person');
    await stub.waitFor(() => handoffCards().length === cardsBefore + 1);
    const card = handoffCards()[cardsBefore];
    await waitFor(
      async () => (await stack.services.handoffs.findSlackThread(TEAM, CHANNEL, card.ts)) !== undefined,
      'the handoff thread to be recorded',
    );
    await click(card.ts, buttonIn(blocksOf(card), 'handoff_claim') ?? {});
    await stub.waitFor(() => JSON.stringify(card.blocks).includes('Claimed by alice'));
    expect((await say(question)).mode).toBe('claimed');
    await stub.waitFor(() => stub.messages.some((m) => m.threadTs === card.ts && m.text.includes(question)));
    await threadReply(card.ts, reply);
    const conversationId = buttonIn(blocksOf(card), 'faq_from_handoff')?.value ?? '';
    await waitFor(async () => {
      const messages = await stack.services.conversations.lastMessages('demo', conversationId, 10);
      return messages.some((m) => m.role === 'merchant' && m.text === reply);
    }, 'the merchant reply to reach the conversation');
    return card;
  };
  const viewsOpened = () => stub.callsTo('views.open');

  beforeAll(async () => {
    stack = await startSlackLocalStack({
      name: 'save-faq',
      signingSecret: SECRET,
      botToken: 'xoxb-save-faq',
    });
    stub = stack.stub;
    await stack.linkChannel(TEAM, CHANNEL);
  });
  afterAll(async () => {
    process.stdout.write(['--- Save as FAQ through Slack ---', ...transcript, ''].join('\n'));
    await stack?.close();
  });

  it('the handoff card’s Save as FAQ opens a modal prefilled with the shopper’s question and the merchant’s reply; the saved entry answers a paraphrase', async () => {
    const question = 'Do you offer gift wrapping?';
    const reply = 'Yes, gift wrapping is free: tick "gift" at checkout and add a card message.';
    const card = await answeredHandoff(question, reply);

    await click(card.ts, buttonIn(blocksOf(card), 'faq_from_handoff') ?? {});
    await stub.waitFor(() => viewsOpened().length === 1);
    const { view } = viewsOpened()[0]?.params as { view: { private_metadata: string; blocks: Block[] } };
    expect(initialValue(view.blocks, 'faq_question')).toBe(question);
    expect(initialValue(view.blocks, 'faq_answer_text')).toBe(reply);

    // The merchant adds a wording and saves; the worker handles the submission.
    const before = await stack.webchat.askAsNewShopper('is gift wrap available for my present?');
    expect(before.text).not.toContain(reply);
    await stack.interaction({
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
    });
    await waitFor(
      async () => (await stack.services.faq.list('demo')).length === 1,
      'the entry saved from the modal',
    );
    const [entry] = await stack.services.faq.list('demo');
    expect(entry).toMatchObject({ answer: reply, source: 'handoff', author: `slack:${TEAM}:UALICE` });
    expect(entry?.questions).toEqual([question, '可以礼品包装吗']);
    await stub.waitFor(() =>
      stub
        .callsTo('chat.postEphemeral')
        .some((c) => String(c.params.text).startsWith('Saved as a FAQ entry by alice')),
    );

    const after = await stack.webchat.askAsNewShopper('is gift wrap available for my present?');
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
    await stub.waitFor(() => ephemerals().length === 1);
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
    await stack.interaction(clicked);
    await waitFor(
      async () => (await stack.services.faq.list('demo')).some((e) => e.answer === edited),
      'the entry saved from the in-message form',
    );
    const responsePath = new URL(String(clicked.response_url)).pathname;
    await stub.waitFor(() => stub.responses.some((r) => r.path === responsePath));
    expect(stub.responses.find((r) => r.path === responsePath)?.body).toMatchObject({
      replace_original: true,
      text: expect.stringContaining('Saved as a FAQ entry by alice'),
    });
    expect((await stack.webchat.askAsNewShopper('can I collect my order in store?')).text).toBe(edited);
    transcript.push(
      'alice clicks Save as FAQ → views.open: {ok:false, error:"expired_trigger_id"}',
      `  → ephemeral form in the handoff thread, prefilled "${question}" / "${reply}"`,
      `alice edits and presses Save → entry: ${edited}`,
    );
  }, 120_000);

  it('a cluster card whose click waited too long in the queue becomes its own answer form (zh store: Chinese texts), saved on Save', async () => {
    const store = await stack.services.stores.get('demo', { fresh: true });
    await stack.services.stores.save({ ...(store as NonNullable<typeof store>), locale: 'zh-CN' });
    const questions = [
      'do you sell gift cards?',
      'gift card available?',
      'can I buy a gift card',
      '有礼品卡吗',
    ];
    for (const text of questions) await stack.webchat.askAsNewShopper(text);
    await runHourlyKnowledgeStep(stack.server);
    const clusterCards = () =>
      stub.messages.filter((m) => JSON.stringify(m.blocks ?? []).includes('"faq_cluster_headline"'));
    await stub.waitFor(() => clusterCards().length === 1);
    const card = clusterCards()[0];
    expect(blocksOf(card)[0]?.text?.text).toMatch(/^本周顾客问了 4 次：“.+” 机器人没有答案。$/);
    const write = buttonIn(blocksOf(card), 'faq_write');
    expect(write?.text).toMatchObject({ text: '写回答' });

    // The click reached the front door 4 s before the worker got it: its trigger_id is dead, so no modal is tried.
    const opened = viewsOpened().length;
    const body = interactionBody(clickPayload(card.ts, write ?? {}));
    await stack.services.queue?.enqueue({
      kind: SLACK_REQUEST_JOB,
      id: `slow-click-${counter}`,
      payload: { body, contentType: form, receivedAt: new Date(Date.now() - 4000).toISOString() },
    });
    await stub.waitFor(() => buttonIn(blocksOf(card), 'faq_inline_save') !== undefined);
    expect(viewsOpened()).toHaveLength(opened);
    const formBlocks = blocksOf(card);
    expect(questions).toContain(initialValue(formBlocks, 'faq_question'));
    expect(formBlocks.find((b) => b.block_id === 'faq_answer_text')?.label?.text).toContain('您的回答');
    expect(buttonIn(formBlocks, 'faq_ignore')).toBeDefined();

    const saveWith = (answer: string) =>
      click(card.ts, buttonIn(formBlocks, 'faq_inline_save') ?? {}, {
        state: {
          values: {
            faq_question: { faq_question: { type: 'plain_text_input', value: questions[0] } },
            faq_answer_text: { faq_answer_text: { type: 'plain_text_input', value: answer } },
          },
        },
      });
    // A message input is not validated by Slack: an empty answer is refused with a reason, and the form stays.
    const refusals = () =>
      stub.callsTo('chat.postEphemeral').filter((c) => String(c.params.text).startsWith('未保存：'));
    await saveWith('   ');
    await stub.waitFor(() => refusals().length === 1);
    expect(refusals()[0]?.params).toMatchObject({ channel: CHANNEL, user: ALICE.id });
    expect(buttonIn(blocksOf(card), 'faq_inline_save')).toBeDefined();

    const answer = '有的，礼品卡面额 $25、$50、$100，结账时选择即可。';
    await saveWith(answer);
    await stub.waitFor(() => JSON.stringify(card.blocks).includes('alice 已将其保存为常见问题'));
    expect(buttonIn(blocksOf(card), 'faq_inline_save')).toBeUndefined();
    const [saved] = (await stack.services.faq.list('demo')).filter((e) => e.answer === answer);
    expect(saved).toMatchObject({ source: 'slack', clusterId: expect.any(String) });
    expect((await stack.webchat.askAsNewShopper('礼品卡有卖吗？')).text).toBe(answer);
    transcript.push(
      `cluster card (zh store): ${blocksOf(card)[0]?.text?.text}`,
      'alice clicks 写回答, 4 s after the front door got it → no views.open; the card becomes the form',
      `alice saves: ${answer}`,
      `card: ${blocksOf(card).find((b) => b.block_id === 'faq_cluster_outcome')?.text?.text}`,
    );
  }, 120_000);
});
