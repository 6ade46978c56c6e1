import type { DraftReply } from '../assistant/offline-assistant';
import type { Understanding } from '../assistant/query-understanding';
import { storeFaq, type ToolContext } from '../assistant/tools';
import type { TurnLedger } from '../assistant/turn-ledger';
import { containsChinese } from '../language/language';

/** Intents the FAQ may answer: questions about the store. Orders, people and small talk have their own paths. */
const FAQ_INTENTS = new Set<Understanding['intent']>(['policy', 'unknown', 'search', 'product_question']);

const LEAD_IN_OTHER_LANGUAGE = {
  zh: '店家的回答（原文）：\n',
  en: "The store's answer (as written):\n",
} as const;

/**
 * The offline assistant's FAQ step: when one of the store's entries answers the question, the reply is the
 * merchant's answer, word for word, through the same `store_faq` tool the LLM calls (so the ledger holds it
 * as the turn's source). Undefined when no entry is similar enough: the bot then answers as before, and
 * still says when it does not know.
 */
export function answerFromFaq(
  text: string,
  understanding: Understanding,
  context: ToolContext,
  ledger: TurnLedger,
): DraftReply | undefined {
  if (!mayAnswer(understanding, context)) return undefined;
  const result = storeFaq(text, context, ledger);
  if (!result.found || result.answer === undefined) return undefined;
  ledger.toolCalls.push('store_faq');
  const language = understanding.language;
  // The merchant wrote in one language; a shopper asking in the other is told it is the store's own words.
  // A bilingual answer needs no note.
  const sameLanguage =
    language === 'zh' ? containsChinese(result.answer) : /[A-Za-z]{2,}/.test(result.answer);
  return {
    text: sameLanguage ? result.answer : `${LEAD_IN_OTHER_LANGUAGE[language]}${result.answer}`,
    products: [],
    suggestions: [],
    language,
  };
}

function mayAnswer(understanding: Understanding, context: ToolContext): boolean {
  return !!context.faq && context.faq.size > 0 && FAQ_INTENTS.has(understanding.intent);
}

/**
 * The merchant's answer to this question, when an entry answers it: the LLM's reply is held to it even if
 * the model did not call `store_faq` (it may not contradict or embellish what the store wrote).
 */
export function storeAnswerFor(
  text: string,
  understanding: Understanding,
  context: ToolContext,
): string | undefined {
  return mayAnswer(understanding, context) ? context.faq?.match(text)?.entry.answer : undefined;
}
