import { expandTokens } from '../../catalog/lexicon';
import type { Product } from '../../catalog/product';
import { tokenize } from '../../catalog/tokenize';
import type { Language } from '../../conversations/conversation';
import { containsChinese } from '../../language/language';
import type { DraftReply } from '../draft';
import { productLine } from '../reply-templates';

/** "Which one has the most storage?", "which of these is waterproof?", "哪款拍照最好？": a question about the list. */
const WHICH_OF_THE_LIST =
  /\bwhich\s+(?:one|ones|of\s+(?:these|those|them)|is|are|has|have|would|should|do|does)\b|哪个|哪款|哪一个|哪一款|哪部|哪台/iu;

/** Chinese question words and superlatives, not the feature asked about. */
const CHINESE_QUESTION = /^(?:哪|哪个|哪款|哪一|一个|一款|个|款|最|更|好|最好|比较|哪部|哪台)+$/u;

/** The longest Chinese token: the segmenter's word for the feature rather than one of its bigrams. */
function longestChinese(tokens: readonly string[]): string {
  return tokens.filter(containsChinese).reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** Words of such a question that are not the feature asked about. */
const QUESTION_WORDS = new Set(
  (
    'which one ones these those them has have is are would should do does most best biggest largest highest ' +
    'longest more better good great least lowest smallest the of with got comes come'
  ).split(' '),
);

/**
 * Answers a question about the products just shown from what their own titles and descriptions say: the
 * products that mention the feature asked about, or, when none or all of them do, that the catalog does not
 * tell them apart on it. Undefined when the message is not such a question.
 */
export function answerListQuestion(
  text: string,
  shown: readonly Product[],
  language: Language,
): (DraftReply & { unanswered: boolean }) | undefined {
  if (shown.length < 2 || !WHICH_OF_THE_LIST.test(text)) return undefined;
  const asked = tokenize(text).filter((token) => !QUESTION_WORDS.has(token) && !CHINESE_QUESTION.test(token));
  if (asked.length === 0) return undefined;
  // Catalog text is English: Chinese features are looked up through their lexicon equivalents, if any.
  const feature = expandTokens(asked).filter((token) => !containsChinese(token));
  const mentioning = shown.filter((product) => {
    const own = new Set(tokenize(`${product.title} ${product.description} ${product.tags.join(' ')}`));
    return feature.some((token) => own.has(token));
  });
  const named = language === 'zh' ? longestChinese(asked) || feature.join(' ') : feature.join(' ');
  if (mentioning.length === 0 || mentioning.length === shown.length) {
    return {
      text:
        language === 'zh'
          ? `商品目录里没有足够的信息来比较这几款的“${named}”。可以比较价格、评分和库存，或者请店员帮您确认。`
          : `The catalog doesn't say enough to tell these apart on "${named}". I can compare their prices, ratings and stock, or ask a person.`,
      products: [],
      suggestions:
        language === 'zh' ? ['比较前两个', '转人工'] : ['Compare the first two', 'Talk to a person'],
      language,
      unanswered: true,
    };
  }
  const heading =
    language === 'zh'
      ? `这几款里，商品介绍中提到“${named}”的是：`
      : `Of these, the descriptions that mention "${named}":`;
  return {
    text: [heading, ...mentioning.map((p) => productLine(p, language))].join('\n'),
    products: mentioning,
    suggestions: language === 'zh' ? ['比较前两个', '转人工'] : ['Compare the first two', 'Talk to a person'],
    language,
    unanswered: false,
  };
}
