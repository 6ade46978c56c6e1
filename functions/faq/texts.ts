import type { ClusterCard } from './knowledge-loop';

/** Merchant-facing wording of the knowledge loop, shared by the Slack and Teams cards (plain text). */
export const FAQ_TEXT = {
  writeAnswer: 'Write answer',
  ignore: 'Ignore',
  saveAsFaq: 'Save as FAQ',
  modalTitle: 'Answer shoppers',
  questionLabel: 'Question (one per line; the shoppers’ wordings are added for you)',
  answerLabel: 'Your answer (shown to shoppers as you write it, in either language)',
  save: 'Save',
  cancel: 'Cancel',
  saved: (by: string) => `Saved as a FAQ entry by ${by}. The bot answers it from the next message.`,
  muted: (by: string) => `Ignored by ${by}. The bot will not ask about this question again.`,
  gone: 'This question is no longer tracked (it left the seven-day window).',
  notLinked: 'This channel is not linked to a store.',
} as const;

/** "Shoppers asked 14× this week: “do you ship to Canada?” The bot had no answer." */
export function clusterHeadline(card: ClusterCard): string {
  const [first] = card.examples;
  return `Shoppers asked ${card.count}× this week: “${first ?? ''}” The bot had no answer.`;
}

export function clusterDetails(card: ClusterCard): string {
  const others = card.examples.slice(1).map((q) => `“${q}”`);
  const askers = `${card.askers} ${card.askers === 1 ? 'shopper' : 'shoppers'}`;
  return others.length ? `Also asked as ${others.join(', ')} · ${askers}` : askers;
}

export function clusterOutcome(card: ClusterCard): string | undefined {
  if (card.status === 'answered')
    return `${FAQ_TEXT.saved(card.closedByName ?? 'the team')}${card.answer ? `\nAnswer: ${card.answer}` : ''}`;
  if (card.status === 'muted') return FAQ_TEXT.muted(card.closedByName ?? 'the team');
  return undefined;
}
