import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signSlackRequest } from '../../functions/channels/slack/signature';
import { loadConfig } from '../../functions/config/config';
import { InsightTools } from '../../functions/insights/insight-tools';
import { resolvePeriod } from '../../functions/insights/period';
import { viewLatentDemand } from '../../functions/insights/present';
import { startLocalServer, type LocalServer } from '../../functions/local/server';
import { eventually } from '../handoff/handoff-support';
import { SlackApiStub, type StubMessage } from '../support/slack-api-stub';
import { askAsNewShopper, runHourlyKnowledgeStep, PAYPAL_QUESTIONS } from './faq-support';

const SECRET = 'faq-signing-secret';
const TEAM = 'T151';
const CHANNEL = 'CSHOPTEAM';

interface Block {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  elements?: { action_id?: string; value?: string; text?: string | { text: string } }[];
}

/** Waits are for conditions, with room for a loaded machine. */
const WAIT_MS = 20_000;

describe('knowledge loop through Slack: unanswered web chat questions → hourly run → card → modal → answered', () => {
  let server: LocalServer;
  let stub: SlackApiStub;
  let counter = 0;

  const slack = async (body: string, contentType = 'application/x-www-form-urlencoded') => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signSlackRequest(SECRET, timestamp, body),
      },
      body,
    });
    expect(response.status).toBe(200);
    return response.text();
  };
  const interaction = (payload: Record<string, unknown>) =>
    slack(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const user = { id: 'UALICE', username: 'alice', name: 'alice', team_id: TEAM };
  const click = (card: StubMessage, actionId: string) => {
    const button = (card.blocks as Block[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === actionId);
    expect(button).toBeDefined();
    counter += 1;
    return interaction({
      type: 'block_actions',
      user,
      api_app_id: 'A151',
      team: { id: TEAM, domain: 'shop' },
      channel: { id: CHANNEL, name: 'shop-team' },
      container: { type: 'message', message_ts: card.ts, channel_id: CHANNEL },
      message: { ts: card.ts, type: 'message' },
      trigger_id: `trigger-faq-${counter}`,
      actions: [{ ...button, type: 'button', block_id: 'faq_cluster', action_ts: `${counter}.1` }],
    });
  };
  const cards = () =>
    stub.messages.filter(
      (m) => m.channel === CHANNEL && JSON.stringify(m.blocks ?? []).includes('"faq_cluster_headline"'),
    );

  beforeAll(async () => {
    stub = new SlackApiStub();
    await stub.start();
    server = await startLocalServer({
      config: loadConfig({
        SHOPGUIDE_RUNTIME: 'test',
        LOG_LEVEL: 'SILENT',
        PORT: '0',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sg-faq-slack-')),
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: 'xoxb-faq',
        SLACK_BOT_USER_ID: 'UBOT',
        SLACK_API_URL: stub.apiUrl,
      }),
    });
    // The merchant links the workspace from the channel that becomes the store's team channel.
    const code = await server.services.partnerService.createLinkCode('demo');
    await slack(
      new URLSearchParams({
        team_id: TEAM,
        channel_id: CHANNEL,
        user_id: 'UOWNER',
        user_name: 'owner',
        command: '/shopguide',
        text: `link ${code.code}`,
        trigger_id: 'trigger-link',
        response_url: stub.responseUrl('link'),
      }).toString(),
    );
    await stub.waitFor(() => stub.responses.some((r) => String(r.body.text).includes('Linked')), WAIT_MS);
  });
  afterAll(async () => {
    await server?.close();
    await stub.close();
  });

  it('delivers the cluster once, saves the modal as a FAQ entry, and the bot answers the question and a Chinese paraphrase', async () => {
    // 1. Four shoppers ask the same thing in three English wordings and Chinese; the bot cannot answer.
    const before: { text: string }[] = [];
    for (const question of PAYPAL_QUESTIONS) before.push(await askAsNewShopper(server, question));
    for (const reply of before) expect(reply.text).toMatch(/couldn't find|没有找到/);

    // 2. The hourly run clusters them and posts one card to the store's channel.
    const run = await runHourlyKnowledgeStep(server);
    expect(run?.find((s) => s.storeId === 'demo')?.delivered).toHaveLength(1);
    await stub.waitFor(() => cards().length === 1, WAIT_MS);
    const card = cards()[0] as StubMessage;
    const headline = (card.blocks as Block[])[0]?.text?.text ?? '';
    expect(headline).toMatch(/^Shoppers asked 4× this week: “.+” The bot had no answer\.$/);
    expect(JSON.stringify(card.blocks)).toContain('4 shoppers');
    const buttons = (card.blocks as Block[]).find((b) => b.block_id === 'faq_cluster')?.elements;
    expect(buttons?.map((e) => e.action_id)).toEqual(['faq_write', 'faq_ignore']);

    // A second run (or an overlapping one) does not post the card again.
    await runHourlyKnowledgeStep(server);
    expect(cards()).toHaveLength(1);

    // The merchant's insights list the cluster as open.
    const thisWeek = async () => {
      const store = await server.services.stores.get('demo');
      const tools = new InsightTools(server.services, store ?? ({} as never));
      return (await tools.latentDemand(resolvePeriod('last_n_days', new Date(), store?.timezone ?? 'UTC', 7)))
        .data;
    };
    const open = await thisWeek();
    expect(open.openClusters).toEqual([{ question: expect.any(String), count: 4, askers: 4 }]);
    expect(open.faqAnswered).toBe(0);

    // 3. Write answer opens a modal, prefilled with the shoppers' question.
    await click(card, 'faq_write');
    await stub.waitFor(() => stub.callsTo('views.open').length === 1, WAIT_MS);
    const opened = stub.callsTo('views.open')[0]?.params as {
      trigger_id: string;
      view: {
        callback_id: string;
        private_metadata: string;
        blocks: { element: { initial_value?: string } }[];
      };
    };
    expect(opened.trigger_id).toMatch(/^trigger-faq-/);
    expect(opened.view.callback_id).toBe('faq_answer');
    const prefilled = opened.view.blocks[0]?.element.initial_value ?? '';
    expect(PAYPAL_QUESTIONS).toContain(prefilled);

    // 4. The merchant writes the answer and saves (view_submission, handled by the worker).
    const answer = 'Yes, PayPal is accepted at checkout, as are Visa and Mastercard.';
    await interaction({
      type: 'view_submission',
      team: { id: TEAM, domain: 'shop' },
      user,
      api_app_id: 'A151',
      trigger_id: 'trigger-faq-submit',
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: 'faq_answer',
        private_metadata: opened.view.private_metadata,
        state: {
          values: {
            faq_question: { faq_question: { type: 'plain_text_input', value: prefilled } },
            faq_answer_text: { faq_answer_text: { type: 'plain_text_input', value: answer } },
          },
        },
      },
    });
    await eventually(async () => (await server.services.faq.list('demo')).length === 1, WAIT_MS);
    const [entry] = await server.services.faq.list('demo');
    expect(entry).toMatchObject({ answer, version: 1, author: `slack:${TEAM}:UALICE`, source: 'slack' });
    expect(entry?.questions).toEqual(expect.arrayContaining([prefilled]));
    await stub.waitFor(() => JSON.stringify(card.blocks).includes('Saved as a FAQ entry by alice'), WAIT_MS);
    expect((card.blocks as Block[]).some((b) => b.block_id === 'faq_cluster')).toBe(false);

    // 5. From the next turn, the same question and a Chinese paraphrase are answered from the entry.
    const same = await askAsNewShopper(server, 'can I pay with PayPal?');
    const chinese = await askAsNewShopper(server, '能用贝宝支付吗？');
    expect(same.text).toBe(answer);
    expect(chinese.text).toContain(answer);
    // An unrelated question is not forced onto the entry.
    const unrelated = await askAsNewShopper(server, 'can I pay in bitcoin?');
    expect(unrelated.text).not.toContain(answer);

    // 6. Measured: two questions answered from the FAQ this week, no cluster left open.
    const measured = await thisWeek();
    expect(measured).toMatchObject({ faqAnswered: 2, openClusters: [] });
    expect(viewLatentDemand(measured, 'en').text).toContain('The store FAQ answered 2 shopper questions');

    process.stdout.write(
      [
        '--- knowledge loop through Slack ---',
        ...PAYPAL_QUESTIONS.map((q, i) => `shopper: ${q}\nbot (before): ${before[i]?.text}`),
        `Slack card: ${headline}`,
        `  ${JSON.stringify((card.blocks as Block[])[1]?.elements?.[0])}`,
        `  [Write answer] [Ignore] → modal prefilled with "${prefilled}"`,
        `merchant saves: ${answer}`,
        `shopper: can I pay with PayPal?\nbot (after): ${same.text}`,
        `shopper: 能用贝宝支付吗？\nbot (after): ${chinese.text}`,
        '',
      ].join('\n'),
    );
  }, 120_000);
});
