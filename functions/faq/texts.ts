import type { Language } from '../language/language';
import type { ClusterCard } from './knowledge-loop';

/** Merchant-facing wording of the knowledge loop, one per store language (plain text, never markup). */
export interface FaqTexts {
  writeAnswer: string;
  ignore: string;
  saveAsFaq: string;
  modalTitle: string;
  questionLabel: string;
  answerLabel: string;
  save: string;
  cancel: string;
  saved: (by: string) => string;
  muted: (by: string) => string;
  gone: string;
  notLinked: string;
  invalidCard: string;
  notSaved: (reason: string) => string;
  /** Said above the in-message form when the modal could not open (Slack's trigger expired). */
  formInMessage: string;
  /** Who acted, when the platform gave no name. */
  someone: string;
  you: string;
  headline: (count: number, question: string) => string;
  askers: (count: number) => string;
  alsoAskedAs: (quoted: string[], askers: string) => string;
  answerLine: (answer: string) => string;
}

const EN: FaqTexts = {
  writeAnswer: 'Write answer',
  ignore: 'Ignore',
  saveAsFaq: 'Save as FAQ',
  modalTitle: 'Answer shoppers',
  questionLabel: 'Question (one per line; the shoppers’ wordings are added for you)',
  answerLabel: 'Your answer (shown to shoppers as you write it, in either language)',
  save: 'Save',
  cancel: 'Cancel',
  saved: (by) => `Saved as a FAQ entry by ${by}. The bot answers it from the next message.`,
  muted: (by) => `Ignored by ${by}. The bot will not ask about this question again.`,
  gone: 'This question is no longer tracked (it left the seven-day window).',
  notLinked: 'This channel is not linked to a store.',
  invalidCard: 'That card is no longer valid.',
  notSaved: (reason) => `Not saved: ${reason}`,
  formInMessage:
    'The answer window could not open in time, so here is the form instead: write the answer and press Save.',
  someone: 'the team',
  you: 'you',
  headline: (count, question) => `Shoppers asked ${count}× this week: “${question}” The bot had no answer.`,
  askers: (count) => `${count} ${count === 1 ? 'shopper' : 'shoppers'}`,
  alsoAskedAs: (quoted, askers) => `Also asked as ${quoted.join(', ')} · ${askers}`,
  answerLine: (answer) => `Answer: ${answer}`,
};

const ZH: FaqTexts = {
  writeAnswer: '写回答',
  ignore: '忽略',
  saveAsFaq: '存为常见问题',
  modalTitle: '回答顾客的问题',
  questionLabel: '问题（每行一个；顾客的原话会自动加入）',
  answerLabel: '您的回答（按原文展示给顾客，中英文均可）',
  save: '保存',
  cancel: '取消',
  saved: (by) => `${by} 已将其保存为常见问题，机器人从下一条消息起按此回答。`,
  muted: (by) => `${by} 已忽略此问题，机器人不会再就它提醒。`,
  gone: '这个问题已不再跟踪（已超出七天的统计范围）。',
  notLinked: '此频道尚未关联到店铺。',
  invalidCard: '此卡片已失效。',
  notSaved: (reason) => `未保存：${reason}`,
  formInMessage: '回答窗口未能及时打开，请直接在这里填写回答并点击“保存”。',
  someone: '团队成员',
  you: '您',
  headline: (count, question) => `本周顾客问了 ${count} 次：“${question}” 机器人没有答案。`,
  askers: (count) => `${count} 位顾客`,
  alsoAskedAs: (quoted, askers) => `其他问法：${quoted.join('、')} · ${askers}`,
  answerLine: (answer) => `回答：${answer}`,
};

/** The knowledge loop's merchant texts in the store's language (`Store.locale`, as the digest uses it). */
export function faqTexts(language: Language = 'en'): FaqTexts {
  return language === 'zh' ? ZH : EN;
}

/** "Shoppers asked 14× this week: “do you ship to Canada?” The bot had no answer." */
export function clusterHeadline(card: ClusterCard, language: Language = 'en'): string {
  return faqTexts(language).headline(card.count, card.examples[0] ?? '');
}

export function clusterDetails(card: ClusterCard, language: Language = 'en'): string {
  const t = faqTexts(language);
  const others = card.examples.slice(1).map((q) => `“${q}”`);
  const askers = t.askers(card.askers);
  return others.length ? t.alsoAskedAs(others, askers) : askers;
}

export function clusterOutcome(card: ClusterCard, language: Language = 'en'): string | undefined {
  const t = faqTexts(language);
  const by = card.closedByName ?? t.someone;
  if (card.status === 'answered')
    return `${t.saved(by)}${card.answer ? `\n${t.answerLine(card.answer)}` : ''}`;
  if (card.status === 'muted') return t.muted(by);
  return undefined;
}
