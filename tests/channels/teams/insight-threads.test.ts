import { createTeamsConsumers } from '../../../functions/channels/teams/routes';
import { silentLogger } from '../../../functions/observability/logger';
import { InProcessQueue } from '../../../functions/queue/in-process-queue';
import { createJobRouter } from '../../../functions/queue/job-router';
import { BotFrameworkStandIn, type SentActivity } from '../../support/teams-bot-framework';
import { postActivity, startTeamsFrontDoor, teamsFixture } from '../../support/teams-front-door';
import { startTestEnv, type TestEnv } from '../../support/test-env';

const APP_ID = '22222222-3333-4444-5555-666666666666';
const CHANNEL = '19:generalChannelIdgeneralChannelId@thread.skype';
/** Sunday 29 Nov 2026, 10:00 in New York, the demo store's timezone. */
const NOW = new Date('2026-11-29T15:00:00Z');

type Card = {
  body: { text?: string; weight?: string }[];
  actions?: { title: string; data: { msteams?: { type: string; value: string } } }[];
};

describe('Teams: merchant follow-ups keep their context in a reply chain', () => {
  let standIn: BotFrameworkStandIn;
  let env: TestEnv;
  let door: { url: string; close(): Promise<void> };
  let activityNumber = 0;

  beforeAll(async () => {
    standIn = await new BotFrameworkStandIn().start();
    const queue = new InProcessQueue({ logger: silentLogger, baseDelayMs: 10 });
    env = await startTestEnv({
      seedDemo: true,
      env: standIn.botEnv(APP_ID),
      overrides: { queue, now: () => NOW },
    });
    queue.consume(createJobRouter(createTeamsConsumers(env.services)));
    door = await startTeamsFrontDoor(env.services);
    const { code } = await env.services.partnerService.createLinkCode('demo');
    await post(`${CHANNEL};messageid=link`, `link ${code}`);
  });
  afterAll(async () => {
    await door.close();
    await env.close();
    await standIn.stop();
  });

  /** A channel message in a reply chain, mentioning the bot as Teams requires in channels. */
  async function post(conversationId: string, text: string): Promise<SentActivity | undefined> {
    standIn.reset();
    const fixture = teamsFixture('teamActivity');
    const response = await postActivity(
      door.url,
      {
        ...fixture,
        serviceUrl: standIn.serviceUrl,
        id: `insight-${++activityNumber}`,
        text: `<at>Teams Bot</at> ${text}`,
        conversation: { ...(fixture.conversation as object), id: conversationId },
      },
      standIn.channelToken({ audience: APP_ID }),
    );
    expect(response.status).toBe(200);
    return standIn.messages()[0];
  }

  const cardOf = (sent: SentActivity | undefined) => sent?.activity.attachments?.[0]?.content as Card;
  const heading = (sent: SentActivity | undefined) => cardOf(sent).body[0];

  it('answers "and the month before?" and "换成按销售额" for the chain’s report and period', async () => {
    const chain = `${CHANNEL};messageid=chain-1`;
    const first = await post(chain, 'what were our best sellers last month?');
    expect(first?.conversationId).toBe(chain);
    expect(heading(first)).toMatchObject({ text: 'Top products by units, 1–31 Oct 2026', weight: 'Bolder' });

    const second = await post(chain, 'and the month before?');
    expect(heading(second)?.text).toBe('Top products by units, 1–30 Sep 2026');

    // Asked in Chinese: the same report and period, by revenue, answered in Chinese.
    const third = await post(chain, '换成按销售额');
    expect(heading(third)?.text).toBe('畅销产品（按销售额），2026年9月1日至30日');

    const chart = await post(chain, 'show it as a chart');
    expect(heading(chart)?.text).toBe('Top products by revenue, 1–30 Sep 2026');
    expect(JSON.stringify(cardOf(chart).body)).toContain('data:image/png;base64,');

    // A new chain starts without context.
    const fresh = await post(`${CHANNEL};messageid=chain-2`, 'and the month before?');
    expect(heading(fresh)?.text).toMatch(/^Which report do you mean \(31 Oct – 29 Nov 2026\)\?/);
  });

  it('asks which report an unclear question means, with buttons that post the report back into the chain', async () => {
    const chain = `${CHANNEL};messageid=chain-3`;
    const question = await post(chain, 'numbers since October 1 please');
    const card = cardOf(question);
    expect(card.body[0]?.text).toMatch(/^Which report do you mean \(1 Oct – 29 Nov 2026\)\?/);
    expect(card.actions?.map((a) => a.title)).toEqual(
      expect.arrayContaining(['Top products', 'Sales summary', 'Low stock', 'Bot performance']),
    );
    expect(card.actions).toHaveLength(8);
    const lowStock = card.actions?.find((a) => a.title === 'Low stock')?.data.msteams;
    expect(lowStock?.type).toBe('imBack');

    // Teams posts the button's text into the same chain; the period of the question is kept.
    const answer = await post(chain, lowStock?.value ?? '');
    expect(heading(answer)?.text).toBe('Low stock, 1 Oct – 29 Nov 2026');
  });
});
