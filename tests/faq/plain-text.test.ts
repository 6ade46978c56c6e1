import { shopperReplyBlocks } from '../../functions/channels/slack/blocks';
import { clusterCardBlocks, clusterCardText, faqModal } from '../../functions/channels/slack/faq-blocks';
import { shopperReplyCard } from '../../functions/channels/teams/cards';
import { clusterAdaptiveCard, faqInputCard } from '../../functions/channels/teams/faq-cards';
import type { ClusterCard } from '../../functions/faq/knowledge-loop';
import { cannedReply } from '../channels/slack/fake-core';

/** Merchant and shopper text that would ping everyone, link away, or format if read as markup. */
const HOSTILE =
  '<!channel> *FREE* _now_ <https://evil.example|click here> [deal](https://evil.example) **x** `code` ~y~ # Big\n- item &amp; <@U123>';

const card = (status: ClusterCard['status']): ClusterCard => ({
  storeId: 'demo',
  clusterId: 'q_1',
  count: 4,
  askers: 3,
  examples: [HOSTILE, `${HOSTILE} 2`, '能寄到加拿大吗'],
  status,
  closedByName: '<!here> *mallory*',
  answer: HOSTILE,
});

/** Every text object of a Slack block tree, with its type. */
function slackTexts(value: unknown, out: { type: string; text: string }[] = []) {
  if (Array.isArray(value)) for (const v of value) slackTexts(v, out);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.text === 'string' && typeof record.type === 'string')
      out.push({ type: record.type, text: record.text });
    for (const v of Object.values(record)) slackTexts(v, out);
  }
  return out;
}

/** Every piece of text of an Adaptive Card with the element that renders it. */
function cardTexts(value: unknown, out: { type: string; text: string }[] = []) {
  if (Array.isArray(value)) for (const v of value) cardTexts(v, out);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.text === 'string') out.push({ type: String(record.type), text: record.text });
    for (const v of Object.values(record)) cardTexts(v, out);
  }
  return out;
}

describe('merchant text is plain text in every channel', () => {
  it.each(['delivered', 'answered', 'muted'] as const)(
    'Slack cluster card (%s): the hostile text appears only in plain_text objects, verbatim',
    (status) => {
      const texts = slackTexts(clusterCardBlocks(card(status)));
      const carrying = texts.filter((t) => t.text.includes('<!channel>') || t.text.includes('*mallory*'));
      expect(carrying.length).toBeGreaterThan(0);
      for (const t of carrying) expect(t.type).toBe('plain_text');
      expect(texts.some((t) => t.type === 'mrkdwn')).toBe(false);
      // The notification text is parsed as mrkdwn by Slack, so its control characters are escaped.
      expect(clusterCardText(card(status))).not.toMatch(/<!channel>|<https?:/);
      expect(clusterCardText(card(status))).toContain('&lt;!channel&gt;');
    },
  );

  it('Slack modal and shopper reply: prefilled as typed, rendered as plain_text when it is the merchant’s answer', () => {
    const view = faqModal({ storeId: 'demo', channel: 'C1' }, { question: HOSTILE, answer: HOSTILE });
    const inputs = (view.blocks as { element: { initial_value?: string } }[]).map(
      (b) => b.element.initial_value,
    );
    expect(inputs).toEqual([HOSTILE, HOSTILE]);
    const blocks = shopperReplyBlocks(
      cannedReply({ text: HOSTILE, variantId: 'v', faqEntryId: 'f-123456' }),
      'conv',
    );
    expect(blocks[0]).toMatchObject({ type: 'section', text: { type: 'plain_text', text: HOSTILE } });
  });

  it('Teams cards: the hostile text is only ever a TextRun (rendered as is), never a markdown TextBlock', () => {
    for (const adaptive of [
      clusterAdaptiveCard(card('delivered')),
      clusterAdaptiveCard(card('answered')),
      shopperReplyCard({
        replyId: 'r1',
        text: HOSTILE,
        products: [],
        suggestions: [],
        language: 'en',
        faqEntryId: 'f-1',
      }),
    ]) {
      const carrying = cardTexts(adaptive).filter(
        (t) => t.text.includes('<!channel>') || t.text.includes('*mallory*'),
      );
      expect(carrying.length).toBeGreaterThan(0);
      for (const t of carrying) expect(t.type).toBe('TextRun');
    }
    // In the answer form the text is an input's value: edited as typed, not rendered.
    const form = faqInputCard({ clusterId: 'q_1' }, { question: HOSTILE, answer: HOSTILE });
    expect(cardTexts(form).some((t) => t.text.includes('<!channel>'))).toBe(false);
    expect(JSON.stringify(form)).toContain(JSON.stringify(HOSTILE).slice(1, -1));
  });
});
