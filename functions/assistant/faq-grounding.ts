import { FACT_CONCEPTS } from '../faq/concepts';
import { questionTerms } from '../faq/question-terms';
import type { TurnLedger } from './turn-ledger';

/**
 * A number with a unit of time or a percentage: "5-8 business days", "30-day", "48 hours", "10%", "7天".
 * Prices are checked by the amount rule of `grounding.ts`; these are the other figures a store answer states.
 */
const FIGURE_PATTERN =
  /(\d+(?:[.,]\d+)?)(?=\s*(?:(?:-|–|~|to|到|至)\s*\d+(?:[.,]\d+)?\s*)?-?\s*(?:business\s+|working\s+|calendar\s+|个?工作)?(?:days?\b|weeks?\b|hours?\b|hrs?\b|months?\b|years?\b|天|日|周|星期|小时|个月|年|%|percent\b))/gi;

/**
 * When a turn consulted the store's FAQ, its reply may state only what the entry (or another source of the turn)
 * states: the places and payment methods it names (`FACT_CONCEPTS`, recognised in English and Chinese) and
 * its durations and percentages. A model that "helpfully" adds Mexico, Apple Pay or "3 days" to an entry
 * that says none of it is caught here; prices are caught by the amount rule for every reply.
 */
export function faqFactProblems(
  reply: string,
  ledger: TurnLedger,
  shopperText: string,
  storeAnswer?: string,
): string[] {
  // A turn that consulted the FAQ is about the store; when it found nothing, there is nothing to add. A
  // question an entry answers is held to the entry even when the model did not look it up.
  const consulted = ledger.faqTexts.length > 0 || ledger.toolCalls.includes('store_faq');
  if (!consulted && storeAnswer === undefined) return [];
  const products = [...ledger.products.values()];
  const sources = [
    ...ledger.faqTexts,
    ...(storeAnswer === undefined ? [] : [storeAnswer]),
    ...ledger.policyTexts,
    shopperText,
    ...products.map((p) => `${p.title}\n${p.description}`),
  ];
  const problems: string[] = [];

  const allowedFacts = new Set(sources.flatMap(factConceptsIn));
  for (const fact of factConceptsIn(reply)) {
    if (!allowedFacts.has(fact)) problems.push(`"${fact}" is not in the store's answer`);
  }

  const allowedFigures = new Set(sources.flatMap(numbersIn));
  for (const figure of figuresIn(reply)) {
    if (!allowedFigures.has(figure)) problems.push(`the figure ${figure} is not in the store's answer`);
  }
  return problems;
}

function factConceptsIn(text: string): string[] {
  return [...questionTerms(text).keys()]
    .filter((term) => term.startsWith('c:') && FACT_CONCEPTS.has(term.slice(2)))
    .map((term) => term.slice(2));
}

/** The numbers of a reply's durations and percentages. */
function figuresIn(text: string): number[] {
  return [...text.matchAll(FIGURE_PATTERN)].map((m) => toNumber(m[1] ?? '')).filter(Number.isFinite);
}

/** Every number of a source counts as allowed: "within 2 weeks (14 days)" allows both. */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)?/g)].map((m) => toNumber(m[0])).filter(Number.isFinite);
}

const toNumber = (text: string) => Number(text.replace(',', '.'));
