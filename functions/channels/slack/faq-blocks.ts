import type { Button, KnownBlock, View } from '@slack/types';
import type { ClusterCard } from '../../faq/knowledge-loop';
import { MAX_FAQ_ANSWER_CHARS } from '../../faq/faq-entry';
import { clusterDetails, clusterHeadline, clusterOutcome, faqTexts } from '../../faq/texts';
import type { Language } from '../../language/language';
import { escapeMrkdwn } from './blocks';

export const FAQ_WRITE = 'faq_write';
export const FAQ_IGNORE = 'faq_ignore';
export const FAQ_FROM_HANDOFF = 'faq_from_handoff';
/** Save of the form shown in the message itself when the modal could not open. */
export const FAQ_INLINE_SAVE = 'faq_inline_save';
export const FAQ_MODAL = 'faq_answer';
export const FAQ_QUESTION_INPUT = 'faq_question';
export const FAQ_ANSWER_INPUT = 'faq_answer_text';

/** What the modal (or the in-message form) carries back to the worker; the store is re-checked against the clicker's workspace. */
export interface FaqModalMetadata {
  storeId: string;
  clusterId?: string;
  conversationId?: string;
  channel: string;
  /** The card to redraw once saved (a cluster card), or the handoff card the form was opened from. */
  cardTs?: string;
}

export interface FaqPrefill {
  question: string;
  answer?: string;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
/** Merchant and shopper text is never markup: plain_text objects, and escaped where Slack parses mrkdwn. */
const plain = (text: string, max = 2900) => ({
  type: 'plain_text' as const,
  text: clip(text, max),
  emoji: false,
});

function clusterHeader(card: ClusterCard, language: Language): KnownBlock[] {
  return [
    { type: 'section', block_id: 'faq_cluster_headline', text: plain(clusterHeadline(card, language)) },
    {
      type: 'context',
      block_id: 'faq_cluster_details',
      elements: [plain(clusterDetails(card, language), 1900)],
    },
  ];
}

function ignoreButton(card: ClusterCard, language: Language): Button {
  return {
    type: 'button',
    action_id: FAQ_IGNORE,
    text: plain(faqTexts(language).ignore),
    value: card.clusterId,
  };
}

/** The cluster card: headline, the other wordings, and Write answer / Ignore (or what became of it). */
export function clusterCardBlocks(card: ClusterCard, language: Language = 'en'): KnownBlock[] {
  const blocks = clusterHeader(card, language);
  const outcome = clusterOutcome(card, language);
  if (outcome) {
    blocks.push({ type: 'section', block_id: 'faq_cluster_outcome', text: plain(outcome) });
    return blocks;
  }
  const t = faqTexts(language);
  blocks.push({
    type: 'actions',
    block_id: 'faq_cluster',
    elements: [
      {
        type: 'button',
        action_id: FAQ_WRITE,
        style: 'primary',
        text: plain(t.writeAnswer),
        value: card.clusterId,
      },
      ignoreButton(card, language),
    ],
  });
  return blocks;
}

/** Notification text of the card (Slack parses it as mrkdwn, so it is escaped). */
export function clusterCardText(card: ClusterCard, language: Language = 'en'): string {
  return escapeMrkdwn(clusterHeadline(card, language));
}

/** The question and answer inputs, shared by the modal and the in-message form. */
function answerInputs(prefill: FaqPrefill, language: Language): KnownBlock[] {
  const t = faqTexts(language);
  return [
    {
      type: 'input',
      block_id: FAQ_QUESTION_INPUT,
      label: plain(t.questionLabel, 2000),
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
      label: plain(t.answerLabel, 2000),
      element: {
        type: 'plain_text_input',
        action_id: FAQ_ANSWER_INPUT,
        multiline: true,
        max_length: MAX_FAQ_ANSWER_CHARS,
        ...(prefill.answer ? { initial_value: clip(prefill.answer, MAX_FAQ_ANSWER_CHARS) } : {}),
      },
    },
  ];
}

/** The Write answer modal, prefilled with the question (and, from a handoff, the merchant's reply). */
export function faqModal(metadata: FaqModalMetadata, prefill: FaqPrefill, language: Language = 'en'): View {
  const t = faqTexts(language);
  return {
    type: 'modal',
    callback_id: FAQ_MODAL,
    private_metadata: JSON.stringify(metadata),
    title: plain(t.modalTitle, 24),
    submit: plain(t.save),
    close: plain(t.cancel),
    blocks: answerInputs(prefill, language),
  };
}

/**
 * The same form inside a message, for when the modal could not open: Slack's trigger_id lives three
 * seconds, and the worker may get the click later than that. A message cannot expire; Save sends the
 * typed values (`state.values`) with the click, and the worker saves them as it saves the modal.
 */
export function inlineFaqForm(
  metadata: FaqModalMetadata,
  prefill: FaqPrefill,
  language: Language,
  more: Button[] = [],
): KnownBlock[] {
  const t = faqTexts(language);
  return [
    { type: 'context', block_id: 'faq_form_note', elements: [plain(t.formInMessage)] },
    ...answerInputs(prefill, language),
    {
      type: 'actions',
      block_id: 'faq_form',
      elements: [
        {
          type: 'button',
          action_id: FAQ_INLINE_SAVE,
          style: 'primary',
          text: plain(t.save),
          value: JSON.stringify(metadata),
        },
        ...more,
      ],
    },
  ];
}

/** The cluster card turned into its own answer form (Save / Ignore): the fallback of Write answer. */
export function clusterFormBlocks(
  card: ClusterCard,
  metadata: FaqModalMetadata,
  prefill: FaqPrefill,
  language: Language,
): KnownBlock[] {
  return [
    ...clusterHeader(card, language),
    ...inlineFaqForm(metadata, prefill, language, [ignoreButton(card, language)]),
  ];
}

/** The "Save as FAQ" button under a handoff card (in the handoff card's language, English). */
export function handoffFaqActions(conversationId: string): KnownBlock {
  return {
    type: 'actions',
    block_id: 'handoff_faq',
    elements: [
      {
        type: 'button',
        action_id: FAQ_FROM_HANDOFF,
        text: plain(faqTexts('en').saveAsFaq),
        value: conversationId,
      },
    ],
  };
}
