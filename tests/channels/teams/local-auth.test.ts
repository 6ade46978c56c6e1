import { isAllowedServiceUrl } from '../../../functions/channels/teams/service-url';
import { BotFrameworkStandIn } from '../../support/teams-bot-framework';
import { postActivity, startTeamsFrontDoor, teamsFixture } from '../../support/teams-front-door';
import { startTestEnv, type TestEnv } from '../../support/test-env';

const APP_ID = '22222222-3333-4444-5555-666666666666';

type Door = { url: string; close(): Promise<void> };

/** Defect 4: anonymous Bot Framework requests only on loopback, and replies only to Bot Framework hosts. */
describe('Bot Framework authentication and serviceUrl checks', () => {
  let standIn: BotFrameworkStandIn;
  const opened: { env: TestEnv; door: Door }[] = [];

  const open = async (env: Record<string, string>) => {
    const testEnv = await startTestEnv({ seedDemo: true, env });
    const door = await startTeamsFrontDoor(testEnv.services);
    opened.push({ env: testEnv, door });
    return door;
  };

  beforeAll(async () => {
    standIn = await new BotFrameworkStandIn().start();
  });
  afterAll(async () => {
    for (const { env, door } of opened) {
      await door.close();
      await env.close();
    }
    await standIn.stop();
  });
  beforeEach(() => standIn.reset());

  it('refuses an unauthenticated activity when the local server listens beyond loopback', async () => {
    const door = await open({ SHOPGUIDE_RUNTIME: 'local', HOST: '0.0.0.0' });
    const response = await postActivity(
      door.url,
      teamsFixture('oneOnOneActivity', { id: 'anon-1', serviceUrl: standIn.serviceUrl, text: 'hello' }),
    );
    expect(response.status).toBe(401);
    expect(standIn.sent).toHaveLength(0);
  });

  it('accepts an unauthenticated activity from the Emulator while the local server listens on loopback', async () => {
    const door = await open({ SHOPGUIDE_RUNTIME: 'local', HOST: '127.0.0.1' });
    const response = await postActivity(
      door.url,
      teamsFixture('oneOnOneActivity', { id: 'anon-2', serviceUrl: standIn.serviceUrl, text: 'hello' }),
    );
    expect(response.status).toBe(200);
    expect(standIn.messages().length).toBeGreaterThan(0);
  });

  it('in Lambda, refuses a signed activity whose serviceUrl is not a Bot Framework host, sending nothing', async () => {
    const door = await open({
      SHOPGUIDE_RUNTIME: 'lambda',
      ...standIn.botEnv(APP_ID),
    });
    const response = await postActivity(
      door.url,
      teamsFixture('oneOnOneActivity', { id: 'ssrf-1', serviceUrl: standIn.serviceUrl, text: 'hello' }),
      standIn.channelToken({ audience: APP_ID }),
    );
    expect(response.status).toBe(400);
    expect(standIn.sent).toHaveLength(0);
  });
});

describe('the serviceUrl allow-list', () => {
  it.each([
    ['https://smba.trafficmanager.net/amer/', false, true],
    ['https://webchat.botframework.com/', false, true],
    ['https://directline.botframework.com/v3/', false, true],
    ['https://smba.infra.gcc.teams.microsoft.com/', false, true],
    ['http://smba.trafficmanager.net/amer/', false, false],
    ['https://botframework.com.attacker.example/', false, false],
    ['https://attackerbotframework.com/', false, false],
    ['https://user:pass@webchat.botframework.com/', false, false],
    ['http://169.254.169.254/latest/meta-data/', false, false],
    ['http://127.0.0.1:3978/', false, false],
    ['http://127.0.0.1:3978/', true, true],
    ['http://localhost:3978/', true, true],
    ['http://10.0.0.5/', true, false],
    ['not a url', true, false],
  ])('%s (loopback allowed: %s) → %s', (url, allowLoopback, expected) => {
    expect(isAllowedServiceUrl(url, { allowLoopback })).toBe(expected);
  });
});
