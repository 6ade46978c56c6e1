import { BotFrameworkStandIn, CONNECTOR_TOKEN, newSigningKey } from '../../support/teams-bot-framework';
import { postActivity, startTeamsFrontDoor, teamsFixture } from '../../support/teams-front-door';
import { startTestEnv, type TestEnv } from '../../support/test-env';

const APP_ID = '11111111-2222-3333-4444-555555555555';

describe('Teams front door: Bot Framework authentication', () => {
  let standIn: BotFrameworkStandIn;
  let env: TestEnv;
  let frontDoor: { url: string; close(): Promise<void> };
  let sequence = 0;

  // Each case gets its own activity id, so dedupe never hides a result.
  const activity = (changes: Record<string, unknown> = {}) =>
    teamsFixture('oneOnOneActivity', {
      id: `auth-${++sequence}`,
      serviceUrl: standIn.serviceUrl,
      text: 'help',
      ...changes,
    });

  beforeAll(async () => {
    standIn = await new BotFrameworkStandIn().start();
    env = await startTestEnv({
      seedDemo: true,
      env: standIn.botEnv(APP_ID),
    });
    frontDoor = await startTeamsFrontDoor(env.services);
  });

  afterAll(async () => {
    await frontDoor.close();
    await env.close();
    await standIn.stop();
  });

  beforeEach(() => {
    standIn.reset();
    // botbuilder itself console.errors rejected tokens; the test output stays readable without them.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('answers a validly signed activity with 200 and replies through the connector at its serviceUrl', async () => {
    const token = standIn.channelToken({ audience: APP_ID });

    const response = await postActivity(frontDoor.url, activity(), token);

    expect(response.status).toBe(200);
    const replies = standIn.messages();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.conversationId).toBe('a:oneOnOneConversationId');
    expect(replies[0]?.activity.text).toContain('link <code>');
    // The reply carried the bot's own token, fetched from the (loopback) login endpoint with its credentials.
    expect(replies[0]?.authorization).toBe(`Bearer ${CONNECTOR_TOKEN}`);
    expect(standIn.tokenRequests[0]?.body.get('client_id')).toBe(APP_ID);
    expect(standIn.tokenRequests[0]?.body.get('scope')).toBe('https://api.botframework.com/.default');
  });

  const forgeries: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    [
      'a bad signature',
      // Same key id, different key: as if someone guessed the kid of the channel's published key.
      async () => standIn.channelToken({ audience: APP_ID, key: newSigningKey().privateKey }),
    ],
    [
      'the wrong issuer',
      async () => standIn.channelToken({ audience: APP_ID, issuer: 'https://evil.example/issuer' }),
    ],
    ['the wrong audience', async () => standIn.channelToken({ audience: 'another-bot-app-id' })],
    [
      'an expired token',
      // Past botbuilder's 5-minute clock tolerance.
      async () => standIn.channelToken({ audience: APP_ID, expiresAt: Math.floor(Date.now() / 1000) - 3600 }),
    ],
    [
      'a serviceurl claim that does not match',
      async () =>
        standIn.channelToken({ audience: APP_ID, serviceUrl: 'https://smba.trafficmanager.net/amer/' }),
    ],
  ];

  it.each(forgeries)('rejects %s with 401 and never runs the bot logic', async (_case, forge) => {
    const forged = activity();

    const response = await postActivity(frontDoor.url, forged, await forge());

    expect(response.status).toBe(401);
    // Nothing was sent, not even the typing indicator the bot sends first: with no work queue here the bot
    // sends before the front door answers, so by the 401 whatever the forgery could send has been sent...
    expect(standIn.sent).toHaveLength(0);
    // ...and no dedupe claim was taken: the genuine delivery of the same activity is still answered, once
    // (a forgery that had run the bot would show as a second reply by the time this one is answered).
    const genuine = await postActivity(frontDoor.url, forged, standIn.channelToken({ audience: APP_ID }));
    expect(genuine.status).toBe(200);
    expect(standIn.messages()).toHaveLength(1);
  });

  it('rejects a malformed bearer header and a non-JSON body without running the bot', async () => {
    const malformed = await fetch(`${frontDoor.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic Zm9vOmJhcg==' },
      body: JSON.stringify(activity()),
    });
    const notJson = await fetch(`${frontDoor.url}/api/messages`, { method: 'POST', body: 'not json' });

    expect(malformed.status).toBe(401);
    expect(notJson.status).toBe(400);
    expect(standIn.sent).toHaveLength(0);
  });
});

describe('Teams front door without an app id (local Bot Framework Emulator)', () => {
  it('accepts unauthenticated activities locally but refuses them in Lambda', async () => {
    const standIn = await new BotFrameworkStandIn().start();
    const local = await startTestEnv({ seedDemo: false, env: { SHOPGUIDE_RUNTIME: 'local' } });
    const lambda = await startTestEnv({ seedDemo: false, env: { SHOPGUIDE_RUNTIME: 'lambda' } });
    const localDoor = await startTeamsFrontDoor(local.services);
    const lambdaDoor = await startTeamsFrontDoor(lambda.services);
    try {
      const emulatorActivity = teamsFixture('oneOnOneActivity', {
        channelId: 'emulator',
        serviceUrl: standIn.serviceUrl,
        text: 'help',
      });

      const accepted = await postActivity(localDoor.url, emulatorActivity);
      const refused = await postActivity(lambdaDoor.url, { ...emulatorActivity, id: 'other' });

      expect(accepted.status).toBe(200);
      expect(refused.status).toBe(401);
      expect(standIn.messages()).toHaveLength(1);
      expect(standIn.messages()[0]?.authorization).toBeUndefined();
    } finally {
      await localDoor.close();
      await lambdaDoor.close();
      await local.close();
      await lambda.close();
      await standIn.stop();
    }
  });
});
