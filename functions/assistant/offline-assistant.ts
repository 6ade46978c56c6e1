import type { Product } from '../catalog/product';
import { categoriesFor, categoryLabel } from '../catalog/lexicon';
import { tokenize } from '../catalog/tokenize';
import { containsChinese, type Language } from '../language/language';
import { parseFollowUp, resolveReferences, type FollowUpSignals } from './conversation/follow-up';
import { answerListQuestion } from './conversation/list-question';
import { answerAct, describeDraft, searchTurn } from './conversation/shopping-turn';
import type { DraftReply } from './draft';
import type { Understanding } from './query-understanding';
import { TEXT, orderStatusText, policyText, suggestionsFor } from './reply-templates';
import { runTool, type ToolContext } from './tools';
import type { TurnLedger } from './turn-ledger';

export type { DraftReply } from './draft';

/**
 * The offline assistant: deterministic understanding, the same tools as the LLM, templated replies. It is
 * also the floor the LLM mode falls back to, so it must always produce a useful, grounded answer.
 */
export async function answerOffline(
  text: string,
  understanding: Understanding,
  context: ToolContext,
  ledger: TurnLedger,
): Promise<DraftReply> {
  const language = understanding.language;
  const store = context.store;
  const signals = parseFollowUp(text, context.index);
  const referenced = resolveProductRef(understanding, signals, context, text);
  const conversational = answeredByItsOwnFlow(understanding)
    ? undefined
    : answerAct(understanding, signals, context, ledger);
  if (conversational) return conversational;
  // "Which one has the most storage?" is about the list just shown, answered from the products' own words
  // (even when a word of it names a kind elsewhere in the catalog: "which one has the best camera?").
  if (!answeredByItsOwnFlow(understanding)) {
    const shown = context.lastProductIds.map((id) => context.index.get(id)).filter((p): p is Product => !!p);
    const answer = answerListQuestion(text, shown, language);
    if (answer) {
      const { unanswered, ...draft } = answer;
      ledger.unanswered = unanswered;
      return draft;
    }
  }
  // "In a bigger size?" about what was just shown: sizes are not catalog data, so say so rather than search
  // the catalog for the word "size"; the question counts as unanswered (a person can help, and is offered).
  const aboutShown = !!referenced || context.lastProductIds.length > 0;
  if (
    SIZE_QUESTION.test(text) &&
    aboutShown &&
    understanding.categories.length === 0 &&
    !answeredByItsOwnFlow(understanding)
  ) {
    ledger.unanswered = true;
    return reply(TEXT.sizesNotListed[language], [], [localise('Talk to a person', language)], language);
  }

  switch (understanding.intent) {
    case 'greeting':
      return reply(TEXT.greeting[language](store.name), [], suggestionsFor('greeting', language), language);
    case 'thanks':
      return reply(TEXT.thanks[language], [], suggestionsFor('greeting', language), language);
    case 'catalog_overview':
      return catalogOverview(context, language);
    case 'human': {
      await runTool('request_human', { reason: 'shopper asked for a person' }, context, ledger);
      return reply(TEXT.handoff[language](context.expectedWaitMinutes), [], [], language);
    }
    case 'order_status': {
      const result = (await runTool(
        'order_status',
        { order_id: understanding.orderId },
        context,
        ledger,
      )) as {
        error?: string;
      };
      if (result.error === 'identity_required') {
        return reply(
          TEXT.identityRequired[language],
          [],
          ['Talk to a person'].map((s) => localise(s, language)),
          language,
        );
      }
      if (result.error)
        return reply(TEXT.orderNotFound[language], [], suggestionsFor('order', language), language);
      return reply(orderStatusText(ledger.orders, language), [], suggestionsFor('order', language), language);
    }
    case 'policy': {
      const topic = understanding.policyTopic ?? 'shipping';
      await runTool('get_policy', { topic, product_id: referenced?.id }, context, ledger);
      return reply(
        policyText(topic, store, language, referenced),
        referenced ? [referenced] : [],
        suggestionsFor('details', language),
        language,
      );
    }
    case 'product_question':
      return referenced
        ? describeDraft(referenced, context, ledger, language)
        : search(text, understanding, signals, context, ledger);
    default:
      if (
        referenced &&
        understanding.intent !== 'search' &&
        understanding.categories.length === 0 &&
        !signals.refinements.length
      ) {
        return describeDraft(referenced, context, ledger, language);
      }
      return search(text, understanding, signals, context, ledger);
  }
}

function search(
  text: string,
  understanding: Understanding,
  signals: FollowUpSignals,
  context: ToolContext,
  ledger: TurnLedger,
): DraftReply {
  const language = understanding.language;
  const hasOwnCriteria =
    understanding.categories.length > 0 ||
    !!understanding.brand ||
    understanding.searchText.trim().length > 0;
  const refining = !!context.constraints && (signals.refinements.length > 0 || isRefinement(understanding));
  if (!hasOwnCriteria && !refining && understanding.intent !== 'search') {
    ledger.unanswered = understanding.intent === 'unknown';
    return reply(TEXT.notUnderstood[language], [], suggestionsFor('greeting', language), language);
  }
  return searchTurn(understanding, signals, context, ledger, {
    bareCategory: understanding.categories.length > 0 && namesOnlyCategories(text),
  });
}

/** Kinds listed in a catalog overview, and how many products are counted per kind at most. */
const OVERVIEW_KINDS = 8;
/** Questions about sizes or fit, which a catalog of titles, prices and stock cannot answer. */
const SIZE_QUESTION =
  /\b(?:sizes?|sizing|fits?|bigger|smaller|larger|petite|plus[- ]size)\b|尺码|码数|尺寸|大一号|小一号|大码|小码/iu;
const CATALOG_SIZE_PROBE = 10_000;

const REQUEST_WORDS = new Set([
  '推荐',
  '一',
  '款',
  '我想',
  '一款',
  '一个',
  '一些',
  '想',
  '想买',
  '我',
  '要',
  '买',
  '看看',
  '有没有',
  '有',
  '的',
  '给',
  '给我',
  '帮',
  '帮我',
  '找',
  '一下',
  '吗',
  '呢',
  '请',
]);
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** True when every content word of the message names a category: "perfume", "推荐一款手机", not "red mug". */
function namesOnlyCategories(text: string): boolean {
  const words = [...wordSegmenter.segment(text)]
    .filter((s) => s.isWordLike)
    .map((s) => s.segment.toLowerCase());
  const content = words.flatMap((word) => (containsChinese(word) ? [word] : tokenize(word)));
  return content.every((word) => REQUEST_WORDS.has(word) || categoriesFor(word).length > 0);
}

function isRefinement(u: Understanding): boolean {
  return (
    !!u.cheap ||
    u.priceMax !== undefined ||
    u.priceMin !== undefined ||
    u.inStockOnly ||
    u.minRating !== undefined ||
    !!u.sort ||
    !!u.premium
  );
}

/** The product a message points at: a reference to the shown list ("the second one"), an id, or a title. */
function resolveProductRef(
  u: Understanding,
  signals: FollowUpSignals,
  context: ToolContext,
  text: string,
): Product | undefined {
  const [id] = resolveReferences(signals, context.lastProductIds, context.index, context.focusProductId);
  if (id && (signals.references.length || signals.leading)) return context.index.get(id);
  const ref = u.productRef;
  if (ref && context.index.get(ref)) return context.index.get(ref);
  const focus = context.focusProductId ?? context.lastProductIds[0];
  if (ref === 'it' && focus) return context.index.get(focus);
  return findMentionedProduct(text, context);
}

/** A product named by its title in the message ("warranty on the iPhone X?"). */
function findMentionedProduct(text: string, context: ToolContext): Product | undefined {
  const lower = text.toLowerCase();
  const hits = context.index.search({ text, limit: 5 });
  return hits
    .map((hit) => hit.product)
    .filter((p) => p.title.length >= 4 && lower.includes(p.title.toLowerCase()))
    .sort((a, b) => b.title.length - a.title.length)[0];
}

/** The store's kinds of products, largest first, from its own catalog; the three largest become chips. */
function catalogOverview(context: ToolContext, language: Language): DraftReply {
  const { index, store } = context;
  const kinds = index
    .categories()
    .map((category) => ({
      category,
      count: index.search({ filters: { categories: [category] }, limit: CATALOG_SIZE_PROBE }).length,
    }))
    .filter((kind) => kind.count > 0)
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
  if (kinds.length === 0) return reply(TEXT.notUnderstood[language], [], [], language);
  const shown = kinds.slice(0, OVERVIEW_KINDS);
  const label = (category: string) => categoryLabel(category, language);
  const lines = shown.map(({ category, count }) =>
    language === 'zh' ? `${label(category)}（${count} 件）` : `${label(category)} (${count})`,
  );
  const text = TEXT.catalogOverview[language](store.name, kinds.length, lines);
  return reply(
    text,
    [],
    shown.slice(0, 3).map(({ category }) => label(category)),
    language,
  );
}

/** A person, an order or a policy: intents with a flow of their own, never a list act or a size answer. */
function answeredByItsOwnFlow(u: Understanding): boolean {
  return u.intent === 'human' || u.intent === 'order_status' || u.intent === 'policy';
}

function localise(text: string, language: Language) {
  return language === 'zh' && text === 'Talk to a person' ? '转人工' : text;
}

function reply(text: string, products: Product[], suggestions: string[], language: Language): DraftReply {
  return { text, products, suggestions, language };
}
