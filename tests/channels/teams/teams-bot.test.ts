import { createTeamsConsumers } from '../../../functions/channels/teams/routes';
import { notifyHandoff, sendProactive } from '../../../functions/channels/teams/proactive';
import { silentLogger } from '../../../functions/observability/logger';
import { InProcessQueue } from '../../../functions/queue/in-process-queue';
import { createJobRouter } from '../../../functions/queue/job-router';
import { Gate, OpenAiStub } from '../../support/openai-stub';
import { waitFor } from '../../support/wait-for';
import { BotFrameworkStandIn, type SentActivity } from '../../support/teams-bot-framework';
import {
  postActivity,
  startTeamsFrontDoor,
  teamsFixture,
  type TeamsFixture,
} from '../../support/teams-front-door';
import { startTestEnv, type TestEnv } from '../../support/test-env';

const APP_ID = '22222222-3333-4444-5555-666666666666';
const TENANT = 'tenantId-Guid';

type Door = { url: string; close(): Promise<void> };

async function startTeams(standIn: BotFrameworkStandIn, env: Record<string, string> = {}) {
  const queue = new InProcessQueue({ logger: silentLogger, baseDelayMs: 10 });
  const testEnv = await startTestEnv({
    seedDemo: true,
    env: {
      ...standIn.botEnv(APP_ID),
      ...env,
    },
    overrides: { queue },
    withChatModel: true,
  });
  queue.consume(createJobRouter(createTeamsConsumers(testEnv.services)));
  const door = await startTeamsFrontDoor(testEnv.services);
  return { env: testEnv, door, queue };
}

function cardOf(sent: SentActivity | undefined) {
  return sent?.activity.attachments?.[0]?.content as
    { body: { text?: string }[]; actions?: { verb?: string; data?: unknown }[] } | undefined;
}

describe('Teams bot over the loopback Bot Framework (offline assistant)', () => {
  let standIn: BotFrameworkStandIn;
  let env: TestEnv;
  let door: Door;

  const post = (name: TeamsFixture, changes: Record<string, unknown> = {}) =>
    postActivity(
      door.url,
      teamsFixture(name, { serviceUrl: standIn.serviceUrl, ...changes }),
      standIn.channelToken({ audience: APP_ID }),
    );

  beforeAll(async () => {
    standIn = await new BotFrameworkStandIn().start();
    ({ env, door } = await startTeams(standIn));
  });

  afterAll(async () => {
    await door.close();
    await env.close();
    await standIn.stop();
  });

  beforeEach(() => standIn.reset());

  it('answers a shopper in a personal chat with a typing indicator, then a product card with feedback buttons', async () => {
    const response = await post('oneOnOneActivity', { id: 'shopper-1', text: 'Do you have any lipstick?' });

    expect(response.status).toBe(200);
    expect(standIn.sent[0]?.activity.type).toBe('typing');
    const reply = standIn.messages()[0];
    expect(reply?.conversationId).toBe('a:oneOnOneConversationId');
    const card = cardOf(reply);
    expect(card?.body[0]?.text).toBeTruthy();
    const feedback = card?.actions?.filter((a) => a.verb === 'feedback') ?? [];
    expect(feedback.map((a) => (a.data as { rating: string }).rating)).toEqual(['up', 'down']);
    // The shopper's words were stored for the unlinked tenant's only store, under the Teams conversation.
    const messages = await env.services.conversations.lastMessages(
      'demo',
      'teams:a:oneOnOneConversationId',
      10,
    );
    expect(messages.find((m) => m.role === 'shopper')?.text).toBe('Do you have any lipstick?');
  });

  it.each([
    ['groupChatActivity', '19:groupChatId@thread.v2', 'test'],
    ['teamActivity', '19:generalChannelIdgeneralChannelId@thread.skype;messageid=teamActivityId', 'hi'],
  ] as const)(
    'strips the bot mention from the real %s and replies in its conversation',
    async (fixture, conversationId, text) => {
      const response = await post(fixture);

      expect(response.status).toBe(200);
      expect(standIn.messages()[0]?.conversationId).toBe(conversationId);
      const stored = await env.services.conversations.lastMessages('demo', `teams:${conversationId}`, 10);
      expect(stored.find((m) => m.role === 'shopper')?.text).toBe(text);
    },
  );

  it('links the tenant with `link <code>` from a channel, then routes that tenant to the merchant tools of that store only', async () => {
    const { code } = await env.services.partnerService.createLinkCode('demo');

    await post('teamActivity', { id: 'link-1', text: `<at>Teams Bot</at> link ${code}\n` });

    expect(standIn.messages()[0]?.activity.text).toContain('Linked to store demo');
    const route = await env.services.partnerService.route('teams', TENANT, 'any-other-conversation');
    expect(route).toMatchObject({ kind: 'merchant', storeId: 'demo' });

    standIn.reset();
    await post('oneOnOneActivity', { id: 'merchant-1', text: 'What sold best last week?' });
    const card = cardOf(standIn.messages()[0]);
    // An insight card, not a shopper reply: no feedback buttons.
    expect(card?.body[0]?.text).toBeTruthy();
    expect(card?.actions ?? []).toHaveLength(0);

    // Another tenant is not the store's team.
    const other = await env.services.partnerService.route('teams', 'another-tenant', 'a:1');
    expect(other.kind).toBe('unlinked');

    // The channel became the store's notification target: proactive digests arrive there.
    standIn.reset();
    const result = await sendProactive(env.services, 'demo', 'Daily digest: 3 orders yesterday.');
    expect(result.delivered).toBe(true);
    expect(standIn.messages()[0]?.conversationId).toBe('19:generalChannelIdgeneralChannelId@thread.skype');
    expect(standIn.messages()[0]?.activity.text).toBe('Daily digest: 3 orders yesterday.');

    await env.services.partnerService.unlink('demo', 'teams', TENANT);
  });

  it('posts a handoff request to the store channel and relays the merchant’s reply-chain answer to the shopper', async () => {
    const { code } = await env.services.partnerService.createLinkCode('demo');
    await post('teamActivity', { id: 'link-2', text: `<at>Teams Bot</at> link ${code}` });
    const shopper = {
      conversationType: 'personal',
      tenantId: 'shopper-tenant',
      id: 'a:shopper-conversation',
    };
    await post('oneOnOneActivity', {
      id: 'shopper-handoff-1',
      text: 'Can I talk to a person?',
      conversation: shopper,
      channelData: { tenant: { id: 'shopper-tenant' } },
    });
    standIn.reset();

    const posted = await notifyHandoff(env.services, {
      storeId: 'demo',
      conversationId: 'teams:a:shopper-conversation',
      summary: 'Shopper asks about a red lipstick.',
    });
    expect(posted.delivered).toBe(true);
    const channelId = '19:generalChannelIdgeneralChannelId@thread.skype';
    expect(standIn.messages()[0]?.conversationId).toBe(channelId);

    standIn.reset();
    await post('teamActivity', {
      id: 'merchant-reply-1',
      text: '<at>Teams Bot</at> Yes, we have it in red.',
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: TENANT,
        id: `${channelId};messageid=${posted.activityId}`,
      },
    });

    const toShopper = standIn.messages().find((m) => m.conversationId === 'a:shopper-conversation');
    expect(toShopper?.activity.text).toBe('User One: Yes, we have it in red.');
    const stored = await env.services.conversations.lastMessages('demo', 'teams:a:shopper-conversation', 10);
    expect(stored.at(-1)).toMatchObject({
      role: 'merchant',
      text: 'Yes, we have it in red.',
      author: 'User One',
    });

    await env.services.partnerService.unlink('demo', 'teams', TENANT);
  });

  it('answers the same activity delivered twice (even concurrently) once', async () => {
    const activity = {
      id: 'redelivered-1',
      text: 'Do you have mascara?',
      conversation: { conversationType: 'personal', tenantId: TENANT, id: 'a:dedupe' },
    };

    const [first, second] = await Promise.all([
      post('oneOnOneActivity', activity),
      post('oneOnOneActivity', activity),
    ]);
    const third = await post('oneOnOneActivity', activity);

    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(standIn.messages()).toHaveLength(1);
  });

  it('records a feedback button press (Action.Execute invoke) and answers the invoke', async () => {
    const response = await post('oneOnOneActivity', {
      id: 'invoke-1',
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'feedback',
          data: { action: 'feedback', replyId: 'reply-123', rating: 'up' },
        },
      },
    });

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
    });
    const events = await env.services.events.listRange('demo', '', '\uffff');
    expect(events.find((e) => e.type === 'feedback')).toMatchObject({
      replyId: 'reply-123',
      rating: 'up',
      channel: 'teams',
    });
  });
});

describe('Teams bot with a slow LLM', () => {
  it('acknowledges while the LLM has not answered yet, then answers proactively once it does', async () => {
    const standIn = await new BotFrameworkStandIn().start();
    const openai = await new OpenAiStub().start();
    // The model answers only when the test opens the gate: an acknowledgement that waited for it never comes.
    const model = new Gate();
    openai.enqueue({
      kind: 'reply',
      content: 'Hello! I can help you find products in our store.',
      heldUntil: model.opened,
    });
    openai.setFallback({ kind: 'reply', content: 'Hello! I can help you find products in our store.' });
    const { env, door, queue } = await startTeams(standIn, {
      OPENAI_BASE_URL: openai.url,
      OPENAI_API_KEY: 'loopback',
      OPENAI_TIMEOUT_MS: '60000',
      OPENAI_MAX_RETRIES: '0',
    });
    try {
      const response = await postActivity(
        door.url,
        teamsFixture('oneOnOneActivity', {
          id: 'slow-1',
          serviceUrl: standIn.serviceUrl,
          text: 'hello there',
        }),
        standIn.channelToken({ audience: APP_ID }),
      );

      expect(response.status).toBe(200);
      expect(standIn.sent.map((s) => s.activity.type)).toEqual(['typing']);

      // The queued turn is with the model, which has not answered: then the model answers.
      await waitFor(() => openai.requests.length > 0, 'the queued turn to call the model');
      expect(standIn.messages()).toEqual([]);
      model.open();
      await standIn.waitFor((sent) => sent.some((s) => s.activity.type === 'message'));
      const answer = standIn.messages()[0];
      expect(answer?.conversationId).toBe('a:oneOnOneConversationId');
      expect(JSON.stringify(cardOf(answer))).toContain('Hello! I can help you find products');
    } finally {
      model.open();
      await queue.drain();
      await door.close();
      await env.close();
      await openai.stop();
      await standIn.stop();
    }
  }, 60000);
});
