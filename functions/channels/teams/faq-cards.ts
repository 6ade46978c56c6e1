import type { ClusterCard } from '../../faq/knowledge-loop';
import { MAX_FAQ_ANSWER_CHARS } from '../../faq/faq-entry';
import { clusterDetails, clusterHeadline, clusterOutcome, faqTexts } from '../../faq/texts';
import type { Language } from '../../language/language';
import type { AdaptiveCard } from './activity';

export const TEAMS_FAQ_WRITE = 'faq_write';
export const TEAMS_FAQ_IGNORE = 'faq_ignore';
export const TEAMS_FAQ_SAVE = 'faq_save';
export const TEAMS_FAQ_FROM_HANDOFF = 'faq_from_handoff';
export const TEAMS_FAQ_VERBS = new Set([
  TEAMS_FAQ_WRITE,
  TEAMS_FAQ_IGNORE,
  TEAMS_FAQ_SAVE,
  TEAMS_FAQ_FROM_HANDOFF,
]);

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * Text that is never markup: a TextBlock renders a markdown subset, a TextRun inside a RichTextBlock renders
 * its text as is. Merchant and shopper text always goes through here.
 */
export function plainBlock(text: string, options: { subtle?: boolean; bold?: boolean } = {}) {
  return {
    type: 'RichTextBlock',
    inlines: [
      {
        type: 'TextRun',
        text,
        ...(options.subtle ? { isSubtle: true } : {}),
        ...(options.bold ? { weight: 'Bolder' } : {}),
      },
    ],
  };
}

/** The cluster card: headline, other wordings, and Write answer / Ignore (or what became of it). */
export function clusterAdaptiveCard(card: ClusterCard, language: Language = 'en'): AdaptiveCard {
  const t = faqTexts(language);
  const body: unknown[] = [
    plainBlock(clusterHeadline(card, language), { bold: true }),
    plainBlock(clusterDetails(card, language), { subtle: true }),
  ];
  const outcome = clusterOutcome(card, language);
  if (outcome) body.push(plainBlock(outcome));
  const data = { clusterId: card.clusterId };
  const actions = outcome
    ? []
    : [
        {
          type: 'Action.Execute',
          title: t.writeAnswer,
          verb: TEAMS_FAQ_WRITE,
          data,
          style: 'positive',
        },
        { type: 'Action.Execute', title: t.ignore, verb: TEAMS_FAQ_IGNORE, data },
      ];
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body, actions };
}

/** The answer form: the Teams counterpart of the Slack modal, returned in place of the clicked card. */
export function faqInputCard(
  data: { clusterId?: string; conversationId?: string },
  prefill: { question: string; answer?: string },
  headline?: string,
  language: Language = 'en',
): AdaptiveCard {
  const t = faqTexts(language);
  const body: unknown[] = [];
  if (headline) body.push(plainBlock(headline, { bold: true }));
  body.push(
    {
      type: 'Input.Text',
      id: 'question',
      label: t.questionLabel,
      isMultiline: true,
      isRequired: true,
      maxLength: 3000,
      value: prefill.question,
    },
    {
      type: 'Input.Text',
      id: 'answer',
      label: t.answerLabel,
      isMultiline: true,
      isRequired: true,
      maxLength: MAX_FAQ_ANSWER_CHARS,
      value: prefill.answer ?? '',
    },
  );
  return {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: '1.5',
    body,
    actions: [{ type: 'Action.Execute', title: t.save, verb: TEAMS_FAQ_SAVE, data, style: 'positive' }],
  };
}

/** The "Save as FAQ" action of a handoff card (in the handoff card's language, English). */
export function handoffFaqAction(conversationId: string) {
  return {
    type: 'Action.Execute',
    title: faqTexts('en').saveAsFaq,
    verb: TEAMS_FAQ_FROM_HANDOFF,
    data: { conversationId },
  };
}
