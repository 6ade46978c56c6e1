/**
 * The languages the product speaks, and how a text's language is told. Shopper text, replies, cards and merchant
 * output are each in one of them. Pure: the browser widget uses it too.
 */
export type Language = 'en' | 'zh';

const HAN_CHAR = /\p{Script=Han}/u;
const HAN_CHARS = /\p{Script=Han}/gu;
const LATIN_WORDS = /[A-Za-z]+/g;

/** True when the text contains at least one Chinese (Han) character. */
export function containsChinese(text: string): boolean {
  return HAN_CHAR.test(text);
}

/**
 * The language of a whole message. Chinese when Han characters are at least as many as Latin words, so that
 * "iPhone 13 多少钱" is Chinese and "Can you recommend a phone, 谢谢" is English.
 */
export function detectLanguage(text: string): Language {
  const hanCount = text.match(HAN_CHARS)?.length ?? 0;
  if (hanCount === 0) return 'en';
  const latinWordCount = text.match(LATIN_WORDS)?.length ?? 0;
  return hanCount >= latinWordCount ? 'zh' : 'en';
}

/**
 * A language to answer in: Chinese as soon as the text has any Chinese, else the conversation's language (or
 * English). Used where one Chinese word means the shopper reads Chinese (a handoff notice, a quick reply).
 */
export function languageOf(text: string, fallback?: Language): Language {
  return containsChinese(text) ? 'zh' : (fallback ?? 'en');
}

/** The language a store's merchants read, from its locale (`zh-CN` → Chinese); what digests and cards use. */
export function storeLanguage(store: { locale: string }): Language {
  return store.locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
