import { EXTERNAL_USER_TEXT } from '../../../functions/channels/slack/workspace-trust';
import { feedbackActions } from '../../../functions/channels/slack/blocks';
import { keys } from '../../../functions/storage/keys';
import { recordingAssistant, recordingInsights } from './fake-core';
import { commandBody, createStore, fixtureJson, startSlackHarness, type SlackHarness } from './slack-harness';

describe('Slack partner linking and store scoping', () => {
  let harness: SlackHarness;
  let clock = Date.now();
  const insights = recordingInsights();
  const form = 'application/x-www-form-urlencoded';

  const command = async (team: string, text: string) => {
    const id = `${team}-${Math.random().toString(36).slice(2)}`;
    const response = await harness.post(
      commandBody({ team_id: team, text, response_url: harness.stub.responseUrl(id) }),
      { contentType: form, timestamp: Math.floor(clock / 1000) },
    );
    await harness.queue.drain();
    return { ack: response, reply: harness.stub.responses.find((r) => r.path.endsWith(id))?.body };
  };

  beforeAll(async () => {
    harness = await startSlackHarness({
      worker: { answerMerchant: insights.answer, assistant: recordingAssistant() },
      overrides: { now: () => new Date(clock) },
    });
    await createStore(harness.services, 'shop-a', 'Shop A');
    await createStore(harness.services, 'shop-b', 'Shop B');
  });
  afterAll(() => harness.close());
  beforeEach(() => {
    clock = Date.now();
  });

  it('links a workspace with /shopguide link <code>, acknowledging at once and confirming by response_url', async () => {
    const code = await harness.services.partnerService.createLinkCode('shop-a');
    const { ack, reply } = await command('T111', `link ${code.code}`);
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.text)).toMatchObject({ response_type: 'ephemeral', text: 'Working on it…' });
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(String(reply?.text)).toContain('Shop A');
    expect(await harness.services.partnerService.route('slack', 'T111', 'C-any')).toMatchObject({
      kind: 'merchant',
      storeId: 'shop-a',
    });
  });

  it('refuses a reused code, and the second workspace stays unlinked', async () => {
    const code = await harness.services.partnerService.createLinkCode('shop-a');
    await command('T500', `link ${code.code}`);
    const { reply } = await command('T501', `link ${code.code}`);
    expect(String(reply?.text)).toMatch(/invalid or has expired/);
    expect(await harness.services.partnerService.route('slack', 'T501', 'C1')).toEqual({ kind: 'unlinked' });
  });

  it('refuses a code older than 15 minutes', async () => {
    const code = await harness.services.partnerService.createLinkCode('shop-a');
    clock += 15 * 60_000 + 1000;
    const { reply } = await command('T502', `link ${code.code}`);
    expect(String(reply?.text)).toMatch(/invalid or has expired/);
    expect(await harness.services.partnerService.route('slack', 'T502', 'C1')).toEqual({ kind: 'unlinked' });
  });

  it("scopes merchant questions to the workspace's own store, whatever the question says", async () => {
    const codeB = await harness.services.partnerService.createLinkCode('shop-b');
    await command('T222', `link ${codeB.code}`);
    insights.requests.length = 0;
    const { reply } = await command('T222', 'insights sales of shop-a last week');
    expect(insights.requests).toEqual([expect.objectContaining({ storeId: 'shop-b' })]);
    expect(String(reply?.text)).toContain('Answer for shop-b');
    expect(JSON.stringify(reply?.blocks)).toContain('Trail Shoe');
  });

  it('gives an unlinked workspace a short explanation and no data', async () => {
    insights.requests.length = 0;
    const { reply } = await command('T999', 'insights top sellers');
    expect(insights.requests).toHaveLength(0);
    expect(String(reply?.text)).toMatch(/isn't linked to a store/);
  });

  it('answers a merchant mention in a linked workspace with the merchant tools', async () => {
    insights.requests.length = 0;
    const body = fixtureJson<{ event_id: string; team_id: string; event: Record<string, string> }>(
      'app_mention.event_callback.json',
    );
    body.event_id = 'EvMerchant1';
    body.event.text = '<@W111> how did we do last week?';
    await harness.post(JSON.stringify(body));
    await harness.queue.drain();
    expect(insights.requests).toEqual([
      expect.objectContaining({ storeId: 'shop-a', question: 'how did we do last week?' }),
    ]);
    const post = harness.stub.succeeded('chat.postMessage').at(-1);
    expect(JSON.stringify(post?.params.blocks)).toContain('feedback_up');
  });

  it('gives no merchant answer to a Slack Connect user of another workspace in a linked channel', async () => {
    insights.requests.length = 0;
    const before = harness.stub.succeeded('chat.postMessage').length;
    const body = fixtureJson<{ event_id: string; team_id: string; event: Record<string, string> }>(
      'app_mention.event_callback.json',
    );
    body.event_id = 'EvForeignMerchant1';
    body.event.text = '<@W111> what were our best sellers last week?';
    // Slack Connect: the user belongs to another organisation's workspace.
    body.event.user_team = 'TFOREIGN';
    body.event.ts = '1700000000.000100';
    body.event.event_ts = body.event.ts;
    await harness.post(JSON.stringify(body));
    await harness.queue.drain();
    expect(insights.requests).toHaveLength(0);
    const posted = harness.stub.succeeded('chat.postMessage').slice(before);
    expect(posted).toHaveLength(1);
    expect(String(posted[0]?.params.text)).toBe(EXTERNAL_USER_TEXT);
  });

  it('records 👍 from a button of this workspace, and ignores a button pointing at another workspace', async () => {
    const click = (team: string, conversationId: string, triggerId: string) => {
      const payload = fixtureJson<Record<string, unknown>>('block_actions.payload.json');
      const button = feedbackActions({ replyId: 'reply-1', conversationId }).elements[0] as {
        action_id: string;
        value: string;
      };
      payload.trigger_id = triggerId;
      payload.team = { id: team, domain: 'x' };
      payload.user = { id: 'W111', team_id: team };
      payload.actions = [{ ...button, type: 'button', block_id: 'feedback', action_ts: '1.2' }];
      return harness.post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, { contentType: form });
    };
    await click('T111', 'slack:T111:C111:1595926230.009600', 'fb-1');
    await click('T222', 'slack:T111:C111:1595926230.009600', 'fb-2');
    await harness.queue.drain();
    const eventsA = await harness.services.table.query<{
      type: string;
      rating?: string;
      conversationId: string;
    }>(keys.eventPartition('shop-a'));
    const eventsB = await harness.services.table.query(keys.eventPartition('shop-b'));
    expect(eventsA.filter((e) => e.type === 'feedback')).toEqual([
      expect.objectContaining({ rating: 'up', conversationId: 'slack:T111:C111:1595926230.009600' }),
    ]);
    expect(eventsB).toHaveLength(0);
    expect(harness.stub.succeeded('chat.postEphemeral')).toHaveLength(1);
  });

  it('answers /shopguide help in the acknowledgement itself, without the queue', async () => {
    const before = harness.stub.calls.length;
    const { ack } = await command('T111', 'help');
    expect(JSON.parse(ack.text).text).toContain('/shopguide link');
    expect(harness.stub.calls.length).toBe(before);
  });
});
