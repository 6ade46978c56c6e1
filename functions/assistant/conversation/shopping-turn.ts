import { expandTokens } from '../../catalog/lexicon';
import type { Product } from '../../catalog/product';
import { tokenize } from '../../catalog/tokenize';
import { containsChinese } from '../../language/language';
import type { Language } from '../../conversations/conversation';
import type { DraftReply } from '../draft';
import type { Understanding } from '../query-understanding';
import { productDetailsText, productLine, suggestionsFor } from '../reply-templates';
import type { ToolContext } from '../tools';
import type { TurnLedger } from '../turn-ledger';
import { buildBuyingAdvice } from './buying-advice';
import { cartAction } from './cart';
import { buildComparison } from './comparison';
import type { ActiveConstraints } from './constraints';
import { resolveReferences, type FollowUpSignals } from './follow-up';
import { reasonsFor } from './reasons';
import { closestOption, findProducts, planSearch } from './refine';
import {
  CONVERSATION_TEXT,
  closestText,
  labelOf,
  listText,
  DESCRIBING_WORDS,
  notCarriedText,
  nothingText,
  pickText,
  priceBandChips,
  refinementChips,
  withReason,
} from './texts';

const MAX_COMPARED = 4;

/**
 * The conversation acts on a shown list, offline: add to cart, compare, buying advice, and "which one is
 * the cheapest?". Returns undefined when the message is none of them (a search, a policy question, ...).
 */
export function answerAct(
  u: Understanding,
  signals: FollowUpSignals,
  context: ToolContext,
  ledger: TurnLedger,
): DraftReply | undefined {
  const language = u.language;
  if (signals.act === 'add_to_cart') return addToCart(signals, context, ledger, language);
  if (signals.act === 'compare') return compare(signals, context, ledger, language);
  if (
    signals.act === 'advice' &&
    u.intent !== 'policy' &&
    u.intent !== 'order_status' &&
    u.intent !== 'human'
  )
    return advise(u, context, ledger, language);
  const extreme = signals.references.find((r) => r.kind === 'extreme');
  const carried = new Set(context.index.categories());
  const namesNewCategory = u.categories.some(
    (c) => carried.has(c) && !context.constraints?.categories.includes(c),
  );
  if (extreme && context.lastProductIds.length > 1 && !namesNewCategory && u.intent !== 'policy') {
    const [id] = resolveReferences(
      { ...signals, references: [extreme], leading: undefined, all: false },
      context.lastProductIds,
      context.index,
    );
    const product = id ? context.index.get(id) : undefined;
    if (product && extreme.kind === 'extreme') {
      record(ledger, 'get_product', [product]);
      return {
        text: pickText(extreme.by, product, language),
        products: [product],
        suggestions: cartChips(language),
        language,
        reasons: reasonsFor([product], { language, constraints: context.constraints }),
      };
    }
  }
  return undefined;
}

function addToCart(
  signals: FollowUpSignals,
  context: ToolContext,
  ledger: TurnLedger,
  language: Language,
): DraftReply {
  const ids = resolveReferences(signals, context.lastProductIds, context.index, context.focusProductId);
  const fallback =
    context.focusProductId ?? (context.lastProductIds.length === 1 ? context.lastProductIds[0] : undefined);
  const product = context.index.get(ids[0] ?? fallback ?? '');
  if (!product) {
    const shown = context.lastProductIds.map((id) => context.index.get(id)).filter((p): p is Product => !!p);
    record(ledger, 'get_product', shown);
    return { text: CONVERSATION_TEXT.cartWhich[language], products: shown, suggestions: [], language };
  }
  const quantity = signals.quantity ?? 1;
  record(ledger, 'add_to_cart', [product]);
  const action = cartAction(product, quantity, context.store.cartUrlTemplate);
  ledger.actions.push(action);
  const lines = [CONVERSATION_TEXT.cartAdded[language](product.title, quantity)];
  if (action.url) lines.push(CONVERSATION_TEXT.cartCheckout[language]);
  return {
    text: lines.join(' '),
    products: [product],
    suggestions:
      language === 'zh' ? ['运费和退货政策', '类似的商品'] : ['Shipping & returns', 'Similar products'],
    language,
    actions: [action],
    reasons: reasonsFor([product], { language, constraints: context.constraints }),
  };
}

function compare(
  signals: FollowUpSignals,
  context: ToolContext,
  ledger: TurnLedger,
  language: Language,
): DraftReply {
  const list = context.lastProductIds;
  let ids = resolveReferences(signals, list, context.index, context.focusProductId);
  // "Which one is better?" after a list compares the list.
  if (ids.length < 2 && !signals.references.some((r) => r.kind === 'named'))
    ids = [...new Set([...ids, ...list])].slice(0, Math.max(2, Math.min(3, list.length)));
  const products = ids
    .slice(0, MAX_COMPARED)
    .map((id) => context.index.get(id))
    .filter((p): p is Product => !!p);
  if (products.length < 2) {
    record(ledger, 'get_product', products);
    return { text: CONVERSATION_TEXT.compareNeedTwo[language], products, suggestions: [], language };
  }
  return comparisonDraft(products, context, ledger, language);
}

/** The comparison reply: the table, the verdict, and each product's reason. Shared with the LLM tool. */
export function comparisonDraft(
  products: Product[],
  context: ToolContext,
  ledger: TurnLedger,
  language: Language,
): DraftReply {
  record(ledger, 'compare_products', products);
  const { comparison, verdict, tags } = buildComparison(products, language);
  ledger.comparison = comparison;
  const reasons = Object.fromEntries(
    products.map((p) => [
      p.id,
      (tags[p.id] ?? []).join(', ') ||
        reasonsFor(products, { language, constraints: context.constraints })[p.id] ||
        '',
    ]),
  );
  const lines = products.map((p) => withReason(productLine(p, language), reasons[p.id]));
  return {
    text: [CONVERSATION_TEXT.compareIntro[language], ...lines, '', verdict].join('\n'),
    products,
    suggestions: cartChips(language),
    language,
    comparison,
    reasons,
  };
}

function advise(u: Understanding, context: ToolContext, ledger: TurnLedger, language: Language): DraftReply {
  const carried = new Set(context.index.categories());
  const category = u.categories.find((c) => carried.has(c)) ?? context.constraints?.categories[0];
  if (!category) {
    ledger.unanswered = false;
    return {
      text: CONVERSATION_TEXT.adviceWhich[language],
      products: [],
      suggestions: suggestionsFor('greeting', language),
      language,
    };
  }
  const all = context.index.search({ filters: { categories: [category] }, limit: 500 }).map((h) => h.product);
  const advice = buildBuyingAdvice(all, category, language);
  if (!advice)
    return { text: CONVERSATION_TEXT.adviceWhich[language], products: [], suggestions: [], language };
  // The guide quotes the category's price range and bands: every product it names is evidence.
  record(ledger, 'search_products', all);
  ledger.lastSearch = advice.picks;
  return {
    text: advice.text,
    products: advice.picks,
    suggestions: refinementChips(
      language,
      all.some((p) => !!p.brand),
    ),
    language,
    reasons: advice.reasons,
    search: { constraints: { categories: [category] }, fresh: true },
  };
}

/**
 * A search in the conversation: a new request, or a refinement of the last list that keeps every
 * constraint the shopper did not change. When nothing satisfies it, says so and shows the closest real
 * product. A bare category gets picks and refinement chips, with a question in the consultative style.
 */
export function searchTurn(
  u: Understanding,
  signals: FollowUpSignals,
  context: ToolContext,
  ledger: TurnLedger,
  options: { bareCategory: boolean },
): DraftReply {
  const language = u.language;
  const plan = planSearch(u, signals, context);
  const limit = context.plan.variant.style === 'concise' ? 4 : 5;
  const found = findProducts(plan, context, limit);
  // Words alone ("video game console") must name what a product is, not just appear in its description:
  // a monopod whose description says "video" is not a console.
  const products =
    plan.fresh && onlyWordsAsked(plan.constraints)
      ? found.filter((p) => namesWhatWasAsked(p, plan.constraints.words ?? ''))
      : found;
  ledger.toolCalls.push('search_products');
  const label = labelOf(plan.constraints, language);
  const search = { constraints: plan.constraints, fresh: plan.fresh };
  const hasBrands = products.some((p) => !!p.brand);
  if (!products.length) {
    const closest = closestOption(plan, context);
    const shownBrands = context.lastProductIds
      .map((id) => context.index.get(id)?.brand)
      .filter((b): b is string => !!b);
    const onlyWords = plan.fresh && onlyWordsAsked(plan.constraints);
    const lead = onlyWords
      ? notCarriedText(plan.constraints.words ?? '', language)
      : nothingText(plan.relation, label, [...new Set(shownBrands)], language);
    // A refinement nothing satisfies does not stick: the shopper's last working constraints stay.
    const kept = plan.fresh ? search : undefined;
    if (!closest) {
      ledger.unanswered = plan.fresh;
      return {
        text: lead,
        products: [],
        suggestions: suggestionsFor('none', language),
        language,
        search: kept,
      };
    }
    record(ledger, 'search_products', [closest.product]);
    const reasons = reasonsFor([closest.product], { language, constraints: plan.constraints });
    return {
      text: `${lead}${language === 'zh' ? '' : ' '}${closestText(closest.kind, closest.product, labelOf({ ...plan.constraints, brands: undefined }, language), language)}`,
      products: [closest.product],
      suggestions: refinementChips(language, hasBrands),
      language,
      reasons,
      search: kept,
    };
  }
  record(ledger, 'search_products', products);
  ledger.lastSearch = products;
  const reasons = reasonsFor(products, { language, constraints: plan.constraints });
  const consultative = context.plan.variant.style !== 'concise';
  const asks = options.bareCategory && plan.fresh && !!context.plan.variant.clarifyFirst;
  const stats = context.index.priceStats(plan.constraints.categories[0]);
  // Bands are only worth offering when prices spread.
  const bands =
    asks && stats.max > stats.min * 1.5 ? priceBandChips(stats, context.store.currency, language) : [];
  const closing = asks
    ? CONVERSATION_TEXT.clarify[language](label)
    : consultative && products.length > 1
      ? language === 'zh'
        ? '想要更便宜、别的品牌，或者比较其中两款，都可以告诉我。'
        : 'I can show cheaper ones, another brand, or compare any two of these.'
      : undefined;
  return {
    text: listText(plan.relation, label, products, reasons, language, closing),
    products,
    suggestions: [...bands, ...refinementChips(language, hasBrands)],
    language,
    reasons,
    search,
  };
}

/** A product as a reply names it alone ("Tell me about the second one"). */
export function describeDraft(
  product: Product,
  context: ToolContext,
  ledger: TurnLedger,
  language: Language,
): DraftReply {
  record(ledger, 'get_product', [product]);
  return {
    text: productDetailsText(product, language),
    products: [product],
    suggestions: cartChips(language),
    language,
    reasons: reasonsFor([product], { language, constraints: context.constraints }),
  };
}

function cartChips(language: Language): string[] {
  return language === 'zh'
    ? ['加入购物车', '看看更便宜的', '运费和退货政策']
    : ['Add it to my cart', 'Show cheaper ones', 'Shipping & returns'];
}

function record(ledger: TurnLedger, tool: string, products: Product[]): void {
  ledger.toolCalls.push(tool);
  ledger.addProducts(products);
}

export type { ActiveConstraints };

/** A fresh request that is words only: no kind, budget, brand, stock or rating to have not "fit". */
function onlyWordsAsked(constraints: ActiveConstraints): boolean {
  const { words, categories, ...rest } = constraints;
  return !!words && categories.length === 0 && Object.values(rest).every((value) => value === undefined);
}

/** True when the product's name, brand, kind or tags carry at least half of the asked words (with synonyms). */
function namesWhatWasAsked(product: Product, words: string): boolean {
  const asked = tokenize(words).filter(
    (token) => (!containsChinese(token) || token.length > 1) && !DESCRIBING_WORDS.has(token),
  );
  if (asked.length === 0) return true;
  const names = new Set(
    expandTokens(tokenize([product.title, product.brand ?? '', product.category, ...product.tags].join(' '))),
  );
  const named = asked.filter((token) => expandTokens([token]).some((form) => names.has(form)));
  return named.length >= Math.ceil(asked.length / 2);
}
