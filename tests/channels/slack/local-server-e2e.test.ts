import { partnerCommand } from '../../../bin/cli/partner';
import { slackCommand } from '../../../bin/cli/slack';
import { keys } from '../../../functions/storage/keys';
import { startSlackLocalStack, type SlackLocalStack } from '../../support/local-stack';
import { fixtureJson } from './slack-harness';

const SECRET = 'e2e-signing-secret';

describe('Slack end to end on the local server: manifest, install, link, ask, feedback', () => {
  let stack: SlackLocalStack;
  let server: SlackLocalStack['server'];
  let stub: SlackLocalStack['stub'];

  beforeAll(async () => {
    stack = await startSlackLocalStack({
      name: 'slack-e2e',
      signingSecret: SECRET,
      env: {
        SLACK_CLIENT_ID: '111.222',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'state-secret',
      },
    });
    ({ server, stub } = stack);
  });
  afterAll(async () => stack?.close());

  const post = (body: string, contentType?: string) => stack.postToSlack(body, contentType);

  it('works through the whole merchant flow', async () => {
    // Manifest, from the CLI.
    const manifestLines: string[] = [];
    await slackCommand(['manifest', '--url', server.url, '--json'], {
      out: (s) => manifestLines.push(s),
      err: () => undefined,
    });
    expect(JSON.parse(manifestLines.join('')).settings.event_subscriptions.request_url).toBe(
      `${server.url}/slack/events`,
    );

    // Install (OAuth) against the stub.
    const start = await fetch(`${server.url}/slack/install`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const done = await fetch(
      `${server.url}/slack/oauth_redirect?code=good-code&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
      },
    );
    expect(done.status).toBe(200);

    // Link, with a code from the CLI.
    const out: string[] = [];
    await partnerCommand(
      ['link-code', 'demo', '--json'],
      { out: (s) => out.push(s), err: () => undefined },
      server.services,
    );
    const code = (JSON.parse(out.join('')) as { code: string }).code;
    const link = new URLSearchParams({
      team_id: 'T0AUTH',
      channel_id: 'C111',
      user_id: 'UOWNER',
      user_name: 'owner',
      command: '/shopguide',
      text: `link ${code}`,
      trigger_id: 'e2e-link',
      response_url: stub.responseUrl('e2e-link'),
    }).toString();
    await post(link, 'application/x-www-form-urlencoded');
    await stub.waitFor(() => stub.responses.some((r) => r.path.endsWith('e2e-link')));
    expect(String(stub.responses.at(-1)?.body.text)).toMatch(/Linked this workspace/);

    // Ask, with a mention: the merchant tools answer with the installed token.
    const mention = fixtureJson<{ event_id: string; team_id: string; event: Record<string, string> }>(
      'app_mention.event_callback.json',
    );
    mention.event_id = 'EvE2E';
    mention.team_id = 'T0AUTH';
    mention.event.team = 'T0AUTH';
    mention.event.text = '<@UBOTOAUTH> what were our top sellers last week?';
    await post(JSON.stringify(mention));
    await stub.waitFor(() => stub.succeeded('chat.postMessage').length === 1);
    const answer = stub.succeeded('chat.postMessage')[0];
    expect(answer?.token).toBe('xoxb-installed-token');
    expect(String(answer?.params.text).length).toBeGreaterThan(0);

    // Feedback on that answer.
    const blocks = answer?.params.blocks as {
      block_id?: string;
      elements?: { action_id: string; value: string }[];
    }[];
    const up = blocks.find((b) => b.block_id === 'feedback')?.elements?.[0];
    expect(up?.action_id).toBe('feedback_up');
    const click = fixtureJson<Record<string, unknown>>('block_actions.payload.json');
    click.team = { id: 'T0AUTH', domain: 'x' };
    click.trigger_id = 'e2e-click';
    click.actions = [{ ...up, type: 'button', block_id: 'feedback', action_ts: '1.2' }];
    await post(`payload=${encodeURIComponent(JSON.stringify(click))}`, 'application/x-www-form-urlencoded');
    await stub.waitFor(() => stub.succeeded('chat.postEphemeral').length === 1);
    // The listener records the rating before it thanks the user, so the event is stored by now.
    const events = await server.services.table.query<{ type: string; rating?: string }>(
      keys.eventPartition('demo'),
    );
    expect(events.filter((e) => e.type === 'feedback')).toEqual([expect.objectContaining({ rating: 'up' })]);
  });
});
