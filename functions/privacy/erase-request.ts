/**
 * "Delete my data" in the shopper's own words, English or Chinese: an erase verb, something of theirs, and a
 * kind of data, with no negation. Deliberately a small grammar rather than a list of phrases.
 */
const EN_VERB = String.raw`(?:delete|erase|remove|wipe|clear|purge|forget)`;
const EN_OWNED = String.raw`(?:my|all my|all of my|our)`;
const EN_DATA = String.raw`(?:data|personal data|information|info|details|conversation|conversations|chat|chats|chat history|history|messages)`;
const EN_REQUEST = new RegExp(
  String.raw`\b${EN_VERB}\b(?:\s+(?:all|everything))?(?:\s+(?:of\s+)?${EN_OWNED})\s+(?:\w+\s+)?${EN_DATA}\b|\bforget\s+(?:about\s+)?me\b`,
  'i',
);
const EN_NEGATION = /\b(?:don'?t|do not|never|not|no need to)\b/i;

const ZH_REQUEST =
  /(?:删除|删掉|删了|清除|清空|抹去|销毁|移除)(?:掉)?(?:我的|我|本人的?)(?:所有|全部)?的?(?:个人)?(?:数据|信息|资料|聊天记录|对话记录|对话|记录|消息)/;
const ZH_NEGATION = /不要|别|不用|无需/;

/** The longest message read as an erase request: beyond that it is a question that mentions one. */
const MAX_REQUEST_CHARS = 80;

export function isEraseRequest(text: string): boolean {
  const trimmed = text.trim();
  if ([...trimmed].length > MAX_REQUEST_CHARS) return false;
  if (EN_REQUEST.test(trimmed) && !EN_NEGATION.test(trimmed)) return true;
  return ZH_REQUEST.test(trimmed) && !ZH_NEGATION.test(trimmed);
}

export const ERASED_TEXT = {
  en: 'Done: this conversation and the data it held have been deleted. This chat session has ended; start a new one any time.',
  zh: '已完成：本次对话及其中的数据已删除。此会话已结束，您可以随时开始新的对话。',
} as const;
