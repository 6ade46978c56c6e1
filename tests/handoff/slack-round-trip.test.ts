import { HandoffRepository } from '../../functions/storage/handoff-repository';
import { startSlackLocalStack, type SlackLocalStack } from '../support/local-stack';
import type { StubMessage } from '../support/slack-api-stub';
import { waitFor } from '../support/wait-for';

const SECRET = 'handoff-signing-secret';
const TEAM = 'T111';
const CHANNEL = 'CHANDOFF';

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string }[];
}

describe('handoff round trip: web chat shopper ↔ merchant in a Slack thread (local server, Slack stub)', () => {
  let stack: SlackLocalStack;
  let stub: SlackLocalStack['stub'];
  let eventCounter = 0;

  const click = (
    card: StubMessage,
    actionId: string,
    user: { id: string; name: string },
    userTeam: string = TEAM,
  ) => {
    const button = (card.blocks as Block[])
      .find((b) => b.block_id === 'handoff')
      ?.elements?.find((e) => e.action_id === actionId);
    expect(button).toBeDefined();
    const payload = {
      type: 'block_actions',
      user: { id: user.id, username: user.name, name: user.name, team_id: userTeam },
      api_app_id: 'A111',
      container: { type: 'message', message_ts: card.ts, channel_id: CHANNEL },
      trigger_id: `trigger-${++eventCounter}`,
      team: { id: TEAM, domain: 'shop' },
      channel: { id: CHANNEL, name: 'handoffs' },
      message: { ts: card.ts, type: 'message' },
      actions: [{ ...button, type: 'button', block_id: 'handoff', action_ts: `${eventCounter}.1` }],
    };
    return stack.interaction(payload);
  };
  const threadReply = (card: StubMessage, userId: string, text: string, userTeam?: string) =>
    stack.threadMessage({ teamId: TEAM, channelId: CHANNEL, userId, text, threadTs: card.ts, userTeam });
  const webchat = (route: string, token: string, body?: unknown) => stack.webchat.session(route, token, body);
  const startSession = async () => (await stack.webchat.startSession()).token;
  const cards = () =>
    stub.messages.filter((m) => m.channel === CHANNEL && !m.threadTs && m.via === 'chat.postMessage');
  const threads = () => new HandoffRepository(stack.services.table);
  const threadOf = (card: StubMessage) => stub.messages.filter((m) => m.threadTs === card.ts);

  beforeAll(async () => {
    stack = await startSlackLocalStack({
      name: 'handoff-slack',
      signingSecret: SECRET,
      botToken: 'xoxb-handoff',
    });
    stub = stack.stub;
    // The merchant links the workspace from the channel that becomes the handoff channel.
    await stack.linkChannel(TEAM, CHANNEL);
  });
  afterAll(async () => stack?.close());

  it('request → card → claim → merchant reply seen by polling → shopper reply in the thread → return to bot', async () => {
    const token = await startSession();
    await webchat('/messages', token, { text: 'Do you have running shoes under $120?' });

    // 1. The shopper asks for a person and is told the expected wait.
    const asked = await webchat('/messages', token, { text: 'I want to talk to a person' });
    expect(asked).toMatchObject({ handoff: true, mode: 'handoff_requested' });
    expect(String(asked.text)).toMatch(/about 5 minutes/);

    // 2. The card reaches the store's handoff channel, with summary, messages and buttons.
    await stub.waitFor(() => cards().length === 1);
    const card = cards()[0];
    // The card's thread is recorded right after the post; a person's click comes later than that.
    await waitFor(
      () => threads().findSlackThread(TEAM, CHANNEL, card.ts),
      "the card's thread to be recorded",
    );
    const blocks = card.blocks as Block[];
    const text = JSON.stringify(blocks);
    expect(text).toContain('A shopper asked for a person');
    expect(text).toContain('Waiting for someone to claim it');
    expect(text).toContain('I want to talk to a person');
    expect(blocks.find((b) => b.block_id === 'handoff')?.elements?.map((e) => e.action_id)).toEqual([
      'handoff_claim',
      'handoff_release',
    ]);

    // 3. Alice claims it: everyone sees who has it; Bob's claim is refused politely.
    await click(card, 'handoff_claim', { id: 'UALICE', name: 'alice' });
    await stub.waitFor(() => JSON.stringify(card.blocks).includes('Claimed by alice'));
    await click(card, 'handoff_claim', { id: 'UBOB', name: 'bob' });
    await stub.waitFor(() =>
      stub
        .callsTo('chat.postEphemeral')
        .some((c) => String(c.params.text).includes('alice is already answering')),
    );
    expect(stub.callsTo('chat.postEphemeral').find((c) => c.params.user === 'UBOB')?.params.thread_ts).toBe(
      card.ts,
    );

    // 4. Alice replies in the thread; the shopper's poll shows it (how fast is a bench figure, not a test's).
    const before = await webchat('/messages', token);
    await threadReply(card, 'UALICE', 'Hi! I can help with sizes.');
    const merchant = await waitFor(async () => {
      const polled = await webchat(`/messages?after=${String(before.cursor)}`, token);
      const found = (polled.messages as Record<string, unknown>[]).find((m) => m.role === 'merchant');
      return polled.mode === 'claimed' && found;
    }, "alice's reply in the shopper's poll");
    expect(merchant).toMatchObject({ text: 'Hi! I can help with sizes.', author: 'alice' });

    // 5. The shopper writes back: the bot stays silent and the message appears in the thread.
    const silent = await webchat('/messages', token, { text: 'Do you have size 44 in blue?' });
    expect(silent).toMatchObject({ text: '', mode: 'claimed' });
    await stub.waitFor(() => threadOf(card).some((m) => m.text.includes('Do you have size 44 in blue?')));

    // 6. Return to bot: the card says so, and the bot answers the next message again.
    await click(card, 'handoff_release', { id: 'UALICE', name: 'alice' });
    await stub.waitFor(() => JSON.stringify(card.blocks).includes('Returned to the bot'));
    const back = await webchat('/messages', token, { text: 'Show me running shoes' });
    expect(back.mode).toBe('bot');
    expect(String(back.text).length).toBeGreaterThan(0);

    // Nothing was relayed twice.
    const relayed = threadOf(card).map((m) => m.text);
    expect(relayed.filter((t) => t.includes('size 44'))).toHaveLength(1);
  });

  it('a relay that fails once is retried: the message reaches the thread exactly once', async () => {
    const token = await startSession();
    await webchat('/messages', token, { text: '转人工' });
    await stub.waitFor(() => cards().length === 2);
    const card = cards()[1];
    stub.script('chat.postMessage', { body: { ok: false, error: 'internal_error' } });

    await webchat('/messages', token, { text: 'my order never arrived', clientMessageId: 'retry-msg-0001' });
    await webchat('/messages', token, { text: 'my order never arrived', clientMessageId: 'retry-msg-0001' });

    await stub.waitFor(() => threadOf(card).some((m) => m.text.includes('my order never arrived')));
    // Every relay attempt, the retry and the duplicate delivery's included, has run once the queue is empty.
    await stack.drainQueue();
    expect(threadOf(card).filter((m) => m.text.includes('my order never arrived'))).toHaveLength(1);
    expect(stub.callsTo('chat.postMessage').filter((c) => c.status !== 200).length).toBeGreaterThanOrEqual(1);
  });

  it('two thumbs-down in a row from the web chat ask for a person', async () => {
    const token = await startSession();
    const first = await webchat('/messages', token, { text: 'Show me perfume' });
    const second = await webchat('/messages', token, { text: 'Show me lipstick' });

    const down1 = await webchat('/feedback', token, { replyId: first.replyId, rating: 'down' });
    const down2 = await webchat('/feedback', token, { replyId: second.replyId, rating: 'down' });

    expect(down1).toMatchObject({ ok: true, handoff: false, mode: 'bot' });
    expect(down2).toMatchObject({ ok: true, handoff: true, mode: 'handoff_requested' });
    await stub.waitFor(() => cards().length === 3);
    expect(JSON.stringify(cards()[2]?.blocks)).toContain('two unhelpful answers in a row');
  });

  it('a Slack Connect user of another workspace can neither claim the request nor write to the shopper', async () => {
    const token = await startSession();
    await webchat('/messages', token, { text: 'I want to talk to a person' });
    await stub.waitFor(() => cards().length === 4);
    const card = cards()[3];
    await waitFor(
      () => threads().findSlackThread(TEAM, CHANNEL, card.ts),
      "the card's thread to be recorded",
    );

    await click(card, 'handoff_claim', { id: 'UMALLORY', name: 'mallory' }, 'TFOREIGN');
    await threadReply(card, 'UMALLORY', 'Send me your card number', 'TFOREIGN');
    await stack.drainQueue();

    const polled = await webchat('/messages', token);
    expect(polled.mode).toBe('handoff_requested');
    expect((polled.messages as { role: string }[]).filter((m) => m.role === 'merchant')).toHaveLength(0);
    expect(JSON.stringify(card.blocks)).not.toContain('mallory');
  });
});
