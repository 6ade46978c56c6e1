import { InsightTools } from '../../functions/insights/insight-tools';
import { resolvePeriod } from '../../functions/insights/period';
import { viewLatentDemand } from '../../functions/insights/engagement-views';
import { startSlackLocalStack, type SlackLocalStack } from '../support/local-stack';
import type { StubMessage } from '../support/slack-api-stub';
import { waitFor } from '../support/wait-for';
import { runHourlyKnowledgeStep, PAYPAL_QUESTIONS } from './faq-support';

const SECRET = 'faq-signing-secret';
const TEAM = 'T151';
const CHANNEL = 'CSHOPTEAM';

interface Block {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  elements?: { action_id?: string; value?: string; text?: string | { text: string } }[];
}

describe('knowledge loop through Slack: unanswered web chat questions → hourly run → card → modal → answered', () => {
  let stack: SlackLocalStack;
  let stub: SlackLocalStack['stub'];
  let counter = 0;

  const user = { id: 'UALICE', username: 'alice', name: 'alice', team_id: TEAM };
  const click = (card: StubMessage, actionId: string) => {
    const button = (card.blocks as Block[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === actionId);
    expect(button).toBeDefined();
    counter += 1;
    return stack.interaction({
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
    stack = await startSlackLocalStack({ name: 'faq-slack', signingSecret: SECRET, botToken: 'xoxb-faq' });
    stub = stack.stub;
    // The merchant links the workspace from the channel that becomes the store's team channel.
    await stack.linkChannel(TEAM, CHANNEL);
  });
  afterAll(async () => stack?.close());

  it('delivers the cluster once, saves the modal as a FAQ entry, and the bot answers the question and a Chinese paraphrase', async () => {
    // 1. Four shoppers ask the same thing in three English wordings and Chinese; the bot cannot answer.
    const before: { text: string }[] = [];
    for (const question of PAYPAL_QUESTIONS) before.push(await stack.webchat.askAsNewShopper(question));
    for (const reply of before) expect(reply.text).toMatch(/couldn't find|没有找到/);

    // 2. The hourly run clusters them and posts one card to the store's channel.
    const run = await runHourlyKnowledgeStep(stack.server);
    expect(run?.find((s) => s.storeId === 'demo')?.delivered).toHaveLength(1);
    await stub.waitFor(() => cards().length === 1);
    const card = cards()[0];
    const headline = (card.blocks as Block[])[0]?.text?.text ?? '';
    expect(headline).toMatch(/^Shoppers asked 4× this week: “.+” The bot had no answer\.$/);
    expect(JSON.stringify(card.blocks)).toContain('4 shoppers');
    const buttons = (card.blocks as Block[]).find((b) => b.block_id === 'faq_cluster')?.elements;
    expect(buttons?.map((e) => e.action_id)).toEqual(['faq_write', 'faq_ignore']);

    // A second run (or an overlapping one) does not post the card again.
    await runHourlyKnowledgeStep(stack.server);
    expect(cards()).toHaveLength(1);

    // The merchant's insights list the cluster as open.
    const thisWeek = async () => {
      const store = await stack.services.stores.get('demo');
      const tools = new InsightTools(stack.services, store ?? ({} as never));
      return (await tools.latentDemand(resolvePeriod('last_n_days', new Date(), store?.timezone ?? 'UTC', 7)))
        .data;
    };
    const open = await thisWeek();
    expect(open.openClusters).toEqual([{ question: expect.any(String), count: 4, askers: 4 }]);
    expect(open.faqAnswered).toBe(0);

    // 3. Write answer opens a modal, prefilled with the shoppers' question.
    await click(card, 'faq_write');
    await stub.waitFor(() => stub.callsTo('views.open').length === 1);
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
    await stack.interaction({
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
    await waitFor(
      async () => (await stack.services.faq.list('demo')).length === 1,
      'the FAQ entry to be saved',
    );
    const [entry] = await stack.services.faq.list('demo');
    expect(entry).toMatchObject({ answer, version: 1, author: `slack:${TEAM}:UALICE`, source: 'slack' });
    expect(entry?.questions).toEqual(expect.arrayContaining([prefilled]));
    await stub.waitFor(() => JSON.stringify(card.blocks).includes('Saved as a FAQ entry by alice'));
    expect((card.blocks as Block[]).some((b) => b.block_id === 'faq_cluster')).toBe(false);

    // 5. From the next turn, the same question and a Chinese paraphrase are answered from the entry.
    const same = await stack.webchat.askAsNewShopper('can I pay with PayPal?');
    const chinese = await stack.webchat.askAsNewShopper('能用贝宝支付吗？');
    expect(same.text).toBe(answer);
    expect(chinese.text).toContain(answer);
    // An unrelated question is not forced onto the entry.
    const unrelated = await stack.webchat.askAsNewShopper('can I pay in bitcoin?');
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
