import { HandoffRepository } from '../../functions/storage/handoff-repository';
import {
  startTeamsLocalStack,
  TEAMS_CHANNEL as CHANNEL,
  TEAMS_TENANT as TENANT,
  type TeamsLocalStack,
} from '../support/local-stack';
import type { SentActivity } from '../support/teams-bot-framework';
import { waitFor } from '../support/wait-for';

const APP_ID = '33333333-4444-5555-6666-777777777777';

type Card = {
  body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
  actions: { verb?: string; data?: { conversationId?: string } }[];
};

describe('handoff round trip: web chat shopper ↔ merchant in a Teams reply chain (local server, Bot Framework stand-in)', () => {
  let stack: TeamsLocalStack;
  let standIn: TeamsLocalStack['standIn'];

  const invoke = (verb: string, conversationId: string, cardId: string, from?: Record<string, string>) =>
    stack.invokeCardAction(verb, cardId, { action: 'handoff', conversationId }, from);
  const webchat = (route: string, token: string, body?: unknown) => stack.webchat.session(route, token, body);
  const cardIn = (sent: SentActivity | undefined) =>
    sent?.activity.attachments?.[0]?.content as Card | undefined;
  const handoffCards = () =>
    standIn
      .messages()
      .filter(
        (m) => m.conversationId === CHANNEL && cardIn(m)?.actions?.some((a) => a.verb === 'handoff_claim'),
      );

  beforeAll(async () => {
    stack = await startTeamsLocalStack({ name: 'handoff-teams', appId: APP_ID });
    standIn = stack.standIn;
    await stack.linkChannel();
  });
  afterAll(async () => stack?.close());

  it('request → card → claim → reply-chain answer polled by the shopper → shopper reply in the chain → return to bot', async () => {
    const { token, sessionId } = await stack.webchat.startSession();

    const asked = await webchat('/messages', token, { text: 'Can I talk to a human?' });
    expect(asked).toMatchObject({ handoff: true, mode: 'handoff_requested' });

    // The card in the store's Teams channel.
    await standIn.waitFor(() => handoffCards().length === 1);
    const posted = handoffCards()[0];
    const card = cardIn(posted) as Card;
    expect(card.body[0]?.text).toBe('A shopper asked for a person');
    expect(card.body.find((b) => b.type === 'FactSet')?.facts?.[0]).toEqual({
      title: 'Status',
      value: 'Waiting for someone to claim it',
    });
    expect(card.actions.map((a) => a.verb)).toEqual(['handoff_claim', 'handoff_release', 'faq_from_handoff']);
    expect(card.actions[0]?.data?.conversationId).toBe(sessionId);
    // The card's activity id starts its reply chain; it is recorded right after the post.
    const threads = new HandoffRepository(stack.services.table);
    const thread = await waitFor(() => threads.getThread('demo', sessionId, 'teams'), "the card's thread");
    const cardId = thread.address.activityId ?? 'missing';

    // Claim: the card is redrawn for everyone; a second claimer is told who has it.
    const claimed = await invoke('handoff_claim', sessionId, cardId);
    expect(claimed.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(claimed.value)).toContain('Claimed by User One');
    const refused = await invoke('handoff_claim', sessionId, cardId, {
      id: '29:User-Two-Id',
      name: 'User Two',
      aadObjectId: 'User-Two-aad',
    });
    expect(refused).toMatchObject({
      type: 'application/vnd.microsoft.activity.message',
      value: expect.stringContaining('User One is already answering'),
    });

    // The merchant answers in the reply chain; the shopper's poll shows it.
    standIn.reset();
    const reply = await stack.sendActivity({
      text: '<at>Teams Bot</at> Hello, I am here to help.',
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: TENANT,
        id: `${CHANNEL};messageid=${cardId}`,
      },
    });
    expect(reply.status).toBe(200);
    const merchant = await waitFor(async () => {
      const polled = await webchat('/messages', token);
      const found = (polled.messages as Record<string, unknown>[]).find((m) => m.role === 'merchant');
      return polled.mode === 'claimed' && found;
    }, "the merchant's answer in the shopper's poll");
    expect(merchant).toMatchObject({ text: 'Hello, I am here to help.', author: 'User One' });

    // The shopper's reply lands in the reply chain; the bot stays silent.
    const silent = await webchat('/messages', token, { text: 'Great, is the red one available?' });
    expect(silent).toMatchObject({ text: '', mode: 'claimed' });
    await standIn.waitFor((sent) =>
      sent.some(
        (s) =>
          s.conversationId === `${CHANNEL};messageid=${cardId}` &&
          s.activity.text === 'Shopper: Great, is the red one available?',
      ),
    );

    // Return to bot.
    const released = await invoke('handoff_release', sessionId, cardId);
    expect(JSON.stringify(released.value)).toContain('Returned to the bot');
    const back = await webchat('/messages', token, { text: 'Show me lipstick' });
    expect(back.mode).toBe('bot');
    expect(String(back.text).length).toBeGreaterThan(0);

    // Save as FAQ: the answer form, prefilled with the merchant's reply and the shopper's question before it.
    const form = await invoke('faq_from_handoff', sessionId, cardId);
    expect(form.type).toBe('application/vnd.microsoft.card.adaptive');
    const inputs = (form.value as { body: { type: string; id?: string; value?: string }[] }).body.filter(
      (b) => b.type === 'Input.Text',
    );
    expect(inputs.map((i) => [i.id, i.value])).toEqual([
      ['question', 'Can I talk to a human?'],
      ['answer', 'Hello, I am here to help.'],
    ]);
  });
});
