/** The languages the product speaks. Shopper text, replies, cards and merchant output are each in one of them. */
export type Language = 'en' | 'zh';

const HAN_CHAR = /\p{Script=Han}/u;

/** True when the text contains at least one Chinese (Han) character. */
export function containsChinese(text: string): boolean {
  return HAN_CHAR.test(text);
}
