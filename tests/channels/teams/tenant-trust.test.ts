import { silentLogger } from '../../../functions/observability/logger';
import { InProcessQueue } from '../../../functions/queue/in-process-queue';
import { BotFrameworkStandIn, type SentActivity } from '../../support/teams-bot-framework';
import { postActivity, startTeamsFrontDoor, teamsFixture } from '../../support/teams-front-door';
import { startTestEnv, type TestEnv } from '../../support/test-env';

const APP_ID = '22222222-3333-4444-5555-666666666666';
const TENANT = 'tenantId-Guid';

type Door = { url: string; close(): Promise<void> };

function cardOf(sent: SentActivity | undefined) {
  return sent?.activity.attachments?.[0]?.content as
    { body: { text?: string }[]; actions?: { verb?: string }[] } | undefined;
}

/** Defect 1: only `msteams` activities carry a tenant the platform verified. */
describe('Teams tenant trust: a Direct Line client cannot act as a linked tenant', () => {
  let standIn: BotFrameworkStandIn;
  let env: TestEnv;
  let door: Door;

  /** What a Direct Line / Web Chat client can send: its own channelData, naming the merchant's tenant. */
  const directLine = (changes: Record<string, unknown>) =>
    postActivity(
      door.url,
      teamsFixture('oneOnOneActivity', {
        channelId: 'directline',
        serviceUrl: standIn.serviceUrl,
        conversation: { id: 'dl-conversation-1', tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
        ...changes,
      }),
      standIn.channelToken({ audience: APP_ID }),
    );

  beforeAll(async () => {
    standIn = await new BotFrameworkStandIn().start();
    env = await startTestEnv({
      seedDemo: true,
      env: standIn.botEnv(APP_ID),
      overrides: { queue: new InProcessQueue({ logger: silentLogger, baseDelayMs: 10 }) },
    });
    door = await startTeamsFrontDoor(env.services);
    // The merchant links the tenant from Teams itself.
    const { code } = await env.services.partnerService.createLinkCode('demo');
    await postActivity(
      door.url,
      teamsFixture('teamActivity', { serviceUrl: standIn.serviceUrl, id: 'link-1', text: `link ${code}` }),
      standIn.channelToken({ audience: APP_ID }),
    );
    expect(standIn.messages()[0]?.activity.text).toContain('Linked to store demo');
  });
  afterAll(async () => {
    await door.close();
    await env.close();
    await standIn.stop();
  });
  beforeEach(() => standIn.reset());

  it('answers a Direct Line message naming the tenant as a shopper, never with the sales report', async () => {
    const response = await directLine({ id: 'dl-1', text: 'what were my best sellers last week?' });

    expect(response.status).toBe(200);
    const card = cardOf(standIn.messages()[0]);
    // A shopper reply carries feedback buttons; an insight card has none.
    expect(card?.actions?.some((a) => a.verb === 'feedback')).toBe(true);
    const audit = await env.services.table.query<{ question?: string }>('AUDIT#demo');
    expect(audit.filter((e) => e.question?.includes('best sellers'))).toHaveLength(0);
  });

  it('refuses `notify here` from Direct Line', async () => {
    await directLine({ id: 'dl-2', text: 'notify here' });
    expect(standIn.messages()[0]?.activity.text).toBe(
      'Only the store team can choose where notifications go.',
    );
  });

  it('ignores a handoff claim card action from Direct Line', async () => {
    const response = await directLine({
      id: 'dl-3',
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { verb: 'handoff_claim', data: { conversationId: 'wc_someone' } } },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body || '{}')).toEqual({});
  });

  it('refuses to link a store team from Direct Line', async () => {
    const { code } = await env.services.partnerService.createLinkCode('demo');
    await directLine({ id: 'dl-4', text: `link ${code}` });
    expect(standIn.messages()[0]?.activity.text).toBe('Stores can be linked only from Microsoft Teams.');
    expect(
      await env.services.partnerService.route('teams', 'channel:directline', 'dl-conversation-1'),
    ).toEqual({
      kind: 'unlinked',
    });
  });
});
