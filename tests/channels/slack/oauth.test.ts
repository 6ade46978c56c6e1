import { DynamoInstallationStore } from '../../../functions/storage/slack-installation-store';
import { cannedReply } from './fake-core';
import {
  createStore,
  fixtureJson,
  linkWorkspace,
  startSlackHarness,
  type SlackHarness,
} from './slack-harness';

describe('Slack OAuth install and uninstall', () => {
  let harness: SlackHarness;
  let installations: DynamoInstallationStore;

  beforeAll(async () => {
    harness = await startSlackHarness({
      env: {
        SLACK_BOT_TOKEN: '',
        SLACK_BOT_USER_ID: '',
        SLACK_CLIENT_ID: '111.222',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'state-secret-for-tests',
      },
      worker: {
        assistant: { handleMessage: async (input) => cannedReply({ text: `hello ${input.text}` }) },
      },
    });
    installations = new DynamoInstallationStore(harness.services.table);
    await createStore(harness.services, 'shop-a');
  });
  afterAll(() => harness.close());

  const install = async () => {
    const start = await fetch(`${harness.url}/slack/install`, { redirect: 'manual' });
    const location = new URL(start.headers.get('location') ?? '');
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { start, location, cookie, state: location.searchParams.get('state') ?? '' };
  };

  it('redirects to Slack with a signed state bound to a browser cookie', async () => {
    const { start, location, cookie, state } = await install();
    expect(start.status).toBe(302);
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe('111.222');
    expect(location.searchParams.get('scope')).toContain('chat:write');
    expect(location.searchParams.get('redirect_uri')).toBe(`${harness.url}/slack/oauth_redirect`);
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
  });

  it('completes the round trip against oauth.v2.access and stores the bot token', async () => {
    const { cookie, state } = await install();
    const callback = await fetch(
      `${harness.url}/slack/oauth_redirect?code=good-code&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
      },
    );
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('ShopGuide is installed');
    expect(harness.stub.callsTo('oauth.v2.access')[0]?.params).toMatchObject({ code: 'good-code' });
    const installation = await installations.fetchInstallation({
      teamId: 'T0AUTH',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(installation.bot).toMatchObject({ token: 'xoxb-installed-token', userId: 'UBOTOAUTH' });
  });

  it('refuses a callback whose state does not match the browser cookie, storing nothing', async () => {
    harness.stub.oauthTeam = { id: 'T0FORGED', name: 'Forged' };
    const { state } = await install();
    const forged = await fetch(
      `${harness.url}/slack/oauth_redirect?code=good-code&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie: 'slack-app-oauth-state=someone-else' },
      },
    );
    expect(forged.status).toBe(400);
    expect(
      await installations.has({ teamId: 'T0FORGED', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).toBe(false);
    harness.stub.oauthTeam = { id: 'T0AUTH', name: 'OAuth Team' };
  });

  it('answers an installed workspace with its own token, with no auth.test at worker start', async () => {
    await linkWorkspace(harness.services, 'shop-a', 'T0AUTH', 'shopper', 'C111');
    const authTestsBefore = harness.stub.callsTo('auth.test').length;
    const body = fixtureJson<{ event_id: string; team_id: string; event: Record<string, string> }>(
      'app_mention.event_callback.json',
    );
    body.event_id = 'EvInstalled';
    body.team_id = 'T0AUTH';
    body.event.team = 'T0AUTH';
    body.event.text = '<@UBOTOAUTH> hi';
    await harness.post(JSON.stringify(body));
    await harness.queue.drain();
    const post = harness.stub.succeeded('chat.postMessage').at(-1);
    expect(post?.token).toBe('xoxb-installed-token');
    expect(post?.params.text).toBe('hello hi');
    expect(harness.stub.callsTo('auth.test')).toHaveLength(authTestsBefore);
  });

  it('deletes the tokens on app_uninstalled', async () => {
    const body = {
      token: 'verification_token',
      team_id: 'T0AUTH',
      api_app_id: 'A111',
      event: { type: 'app_uninstalled', event_ts: '1700000001.000000' },
      type: 'event_callback',
      event_id: 'EvUninstall',
      event_time: 1700000001,
    };
    expect((await harness.post(JSON.stringify(body))).status).toBe(200);
    await harness.queue.drain();
    expect(
      await installations.has({ teamId: 'T0AUTH', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).toBe(false);
  });

  it('deletes the tokens on tokens_revoked for the bot token', async () => {
    harness.stub.oauthTeam = { id: 'T0REVOKE', name: 'Revoke' };
    const { cookie, state } = await install();
    await fetch(`${harness.url}/slack/oauth_redirect?code=good-code&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
    });
    expect(
      await installations.has({ teamId: 'T0REVOKE', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).toBe(true);
    const body = {
      team_id: 'T0REVOKE',
      api_app_id: 'A111',
      event: {
        type: 'tokens_revoked',
        tokens: { oauth: [], bot: ['UBOTOAUTH'] },
        event_ts: '1700000002.000000',
      },
      type: 'event_callback',
      event_id: 'EvRevoked',
      event_time: 1700000002,
    };
    await harness.post(JSON.stringify(body));
    await harness.queue.drain();
    expect(
      await installations.has({ teamId: 'T0REVOKE', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).toBe(false);
  });
});
