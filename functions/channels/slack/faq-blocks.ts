import type { KnownBlock, View } from '@slack/types';
import type { ClusterCard } from '../../faq/knowledge-loop';
import { MAX_FAQ_ANSWER_CHARS } from '../../faq/faq-entry';
import { clusterDetails, clusterHeadline, clusterOutcome, FAQ_TEXT } from '../../faq/texts';
import { escapeMrkdwn } from './blocks';

export const FAQ_WRITE = 'faq_write';
export const FAQ_IGNORE = 'faq_ignore';
export const FAQ_FROM_HANDOFF = 'faq_from_handoff';
export const FAQ_MODAL = 'faq_answer';
export const FAQ_QUESTION_INPUT = 'faq_question';
export const FAQ_ANSWER_INPUT = 'faq_answer_text';

/** What the modal carries back to the worker. The store is re-checked against the submitter's workspace. */
export interface FaqModalMetadata {
  storeId: string;
  clusterId?: string;
  conversationId?: string;
  channel: string;
  /** The card to redraw once saved. */
  cardTs?: string;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
/** Merchant and shopper text is never markup: plain_text objects, and escaped where Slack parses mrkdwn. */
const plain = (text: string, max = 2900) => ({
  type: 'plain_text' as const,
  text: clip(text, max),
  emoji: false,
});

/** The cluster card: headline, the other wordings, and Write answer / Ignore (or what became of it). */
export function clusterCardBlocks(card: ClusterCard): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'faq_cluster_headline', text: plain(clusterHeadline(card)) },
    { type: 'context', block_id: 'faq_cluster_details', elements: [plain(clusterDetails(card), 1900)] },
  ];
  const outcome = clusterOutcome(card);
  if (outcome) {
    blocks.push({ type: 'section', block_id: 'faq_cluster_outcome', text: plain(outcome) });
    return blocks;
  }
  blocks.push({
    type: 'actions',
    block_id: 'faq_cluster',
    elements: [
      {
        type: 'button',
        action_id: FAQ_WRITE,
        style: 'primary',
        text: plain(FAQ_TEXT.writeAnswer),
        value: card.clusterId,
      },
      { type: 'button', action_id: FAQ_IGNORE, text: plain(FAQ_TEXT.ignore), value: card.clusterId },
    ],
  });
  return blocks;
}

/** Notification text of the card (Slack parses it as mrkdwn, so it is escaped). */
export function clusterCardText(card: ClusterCard): string {
  return escapeMrkdwn(clusterHeadline(card));
}

/** The Write answer modal, prefilled with the question (and, from a handoff, the merchant's reply). */
export function faqModal(metadata: FaqModalMetadata, prefill: { question: string; answer?: string }): View {
  return {
    type: 'modal',
    callback_id: FAQ_MODAL,
    private_metadata: JSON.stringify(metadata),
    title: plain(FAQ_TEXT.modalTitle, 24),
    submit: plain(FAQ_TEXT.save),
    close: plain(FAQ_TEXT.cancel),
    blocks: [
      {
        type: 'input',
        block_id: FAQ_QUESTION_INPUT,
        label: plain(FAQ_TEXT.questionLabel, 2000),
        element: {
          type: 'plain_text_input',
          action_id: FAQ_QUESTION_INPUT,
          multiline: true,
          max_length: 3000,
          ...(prefill.question ? { initial_value: clip(prefill.question, 3000) } : {}),
        },
      },
      {
        type: 'input',
        block_id: FAQ_ANSWER_INPUT,
        label: plain(FAQ_TEXT.answerLabel, 2000),
        element: {
          type: 'plain_text_input',
          action_id: FAQ_ANSWER_INPUT,
          multiline: true,
          max_length: MAX_FAQ_ANSWER_CHARS,
          ...(prefill.answer ? { initial_value: clip(prefill.answer, MAX_FAQ_ANSWER_CHARS) } : {}),
        },
      },
    ],
  };
}

/** The "Save as FAQ" button under a handoff card. */
export function handoffFaqActions(conversationId: string): KnownBlock {
  return {
    type: 'actions',
    block_id: 'handoff_faq',
    elements: [
      { type: 'button', action_id: FAQ_FROM_HANDOFF, text: plain(FAQ_TEXT.saveAsFaq), value: conversationId },
    ],
  };
}
