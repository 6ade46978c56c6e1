import type { Product } from '../catalog/product';
import { categoriesFor, categoryLabel } from '../catalog/lexicon';
import { tokenize } from '../catalog/tokenize';
import type { Language } from '../conversations/conversation';
import { formatPrice } from './format';
import type { Understanding } from './query-understanding';
import {
  TEXT,
  clarifyText,
  noResultsText,
  orderStatusText,
  policyText,
  productDetailsText,
  searchResultsText,
  suggestionsFor,
} from './reply-templates';
import { runTool, searchProducts, type ToolContext } from './tools';
import type { TurnLedger } from './turn-ledger';

export interface DraftReply {
  text: string;
  products: Product[];
  suggestions: string[];
  language: Language;
}

const ORDINALS: Record<string, number> = { first: 0, second: 1, third: 2, fourth: 3 };

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
  const referenced = resolveProductRef(understanding, context, text);

  switch (understanding.intent) {
    case 'greeting':
      return reply(TEXT.greeting[language](store.name), [], suggestionsFor('greeting', language), language);
    case 'thanks':
      return reply(TEXT.thanks[language], [], suggestionsFor('greeting', language), language);
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
        ? describeProduct(referenced, context, ledger, language)
        : search(text, understanding, context, ledger);
    default:
      if (referenced && understanding.intent !== 'search' && understanding.categories.length === 0) {
        return describeProduct(referenced, context, ledger, language);
      }
      return search(text, understanding, context, ledger);
  }
}

async function describeProduct(
  product: Product,
  context: ToolContext,
  ledger: TurnLedger,
  language: Language,
) {
  await runTool('get_product', { product_id: product.id }, context, ledger);
  return reply(
    productDetailsText(product, language),
    [product],
    suggestionsFor('details', language),
    language,
  );
}

async function search(
  text: string,
  understanding: Understanding,
  context: ToolContext,
  ledger: TurnLedger,
): Promise<DraftReply> {
  const language = understanding.language;
  const preferences = context.preferences;
  const hasOwnCriteria =
    understanding.categories.length > 0 ||
    !!understanding.brand ||
    understanding.searchText.trim().length > 0;
  // "Cheaper ones?" or "有货的吗" refine the previous request rather than starting a new one.
  // The lexicon knows every demo category; only those this store actually carries can filter its catalog.
  const carried = new Set(context.index.categories());
  const named = understanding.categories.filter((c) => carried.has(c));
  const refining = !named.length && isRefinement(understanding);
  const categories = named.length ? named : refining ? (preferences.categories ?? []) : [];

  if (!hasOwnCriteria && !refining && understanding.intent !== 'search') {
    ledger.unanswered = understanding.intent === 'unknown';
    return reply(TEXT.notUnderstood[language], [], suggestionsFor('greeting', language), language);
  }

  let priceMax = understanding.priceMax ?? (refining ? preferences.budgetMax : undefined);
  let priceMin = understanding.priceMin;
  const stats = context.index.priceStats(categories[0]);
  if (understanding.cheap && priceMax === undefined) priceMax = stats.median;
  if (
    understanding.cheap &&
    refining &&
    preferences.budgetMax !== undefined &&
    understanding.priceMax === undefined
  ) {
    priceMax = Math.min(preferences.budgetMax, stats.median);
  }
  if (understanding.premium && priceMin === undefined) priceMin = stats.median;

  const label = describeLabel(categories, understanding, language);
  const budget = describeBudget(priceMin, priceMax, understanding, language);
  const broad =
    categories.length > 0 &&
    priceMax === undefined &&
    priceMin === undefined &&
    !understanding.brand &&
    !understanding.cheap &&
    !understanding.premium &&
    !refining &&
    // Bands are only worth asking about when prices spread, and only for a bare category ("perfume"),
    // not for a specific request ("red mug").
    stats.max > stats.min * 1.5 &&
    namesOnlyCategories(text);
  if (context.plan.variant.clarifyFirst && broad && !(preferences.categories ?? []).includes(categories[0])) {
    const chips = priceBands(stats, context.store.currency, language);
    return reply(clarifyText(language, label), [], chips, language);
  }

  const result = searchProducts(
    {
      query: understanding.searchText || undefined,
      categories,
      brand: understanding.brand,
      price_min: priceMin,
      price_max: priceMax,
      in_stock: understanding.inStockOnly || undefined,
      min_rating: understanding.minRating,
      sort: understanding.sort,
      limit: context.plan.variant.style === 'concise' ? 4 : 5,
    },
    context,
    ledger,
  );
  const products = ledger.lastSearch;
  if (result.count === 0) {
    ledger.unanswered = true;
    return reply(noResultsText(language, { label, budget }), [], suggestionsFor('none', language), language);
  }
  return reply(
    searchResultsText(products, language, context.plan.variant.style, { label, budget }),
    products,
    suggestionsFor('results', language),
    language,
  );
}

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
  const content = words.flatMap((word) => (/[\u4e00-\u9fff]/.test(word) ? [word] : tokenize(word)));
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

function resolveProductRef(u: Understanding, context: ToolContext, text: string): Product | undefined {
  const ref = u.productRef;
  if (!ref) return findMentionedProduct(text, context);
  if (ref === 'last') {
    const id = context.lastProductIds[context.lastProductIds.length - 1];
    return id ? context.index.get(id) : undefined;
  }
  if (ref in ORDINALS) {
    const id = context.lastProductIds[ORDINALS[ref]];
    return id ? context.index.get(id) : undefined;
  }
  if (ref === 'it') {
    const id = context.lastProductIds[0];
    return id ? context.index.get(id) : undefined;
  }
  return context.index.get(ref);
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

function describeLabel(categories: string[], u: Understanding, language: Language): string {
  if (categories.length) {
    const labels = categories.map((c) => categoryLabel(c, language));
    // Mid-sentence in English: "Here are smartphones I found".
    return language === 'zh' ? labels.join('、') : labels.map((l) => l.toLowerCase()).join(', ');
  }
  if (u.brand) return language === 'zh' ? `${u.brand} 的商品` : `${u.brand} products`;
  return language === 'zh' ? '商品' : 'products';
}

/**
 * Budgets are described in words, never as amounts: a reply only states prices of the products it shows.
 */
function describeBudget(
  min: number | undefined,
  max: number | undefined,
  understanding: Understanding,
  language: Language,
): string | undefined {
  const zh = language === 'zh';
  if (understanding.cheap && understanding.priceMax === undefined)
    return zh ? '实惠' : 'at budget-friendly prices';
  if (understanding.premium && understanding.priceMin === undefined)
    return zh ? '高端' : 'in the premium range';
  if (min !== undefined && max !== undefined) return zh ? '价格区间内' : 'in your price range';
  if (max !== undefined) return zh ? '预算以内' : 'within your budget';
  if (min !== undefined) return zh ? '价位以上' : 'above your minimum price';
  return undefined;
}

function priceBands(
  stats: { min: number; median: number; max: number },
  currency: string,
  language: Language,
) {
  const round = (n: number) => Math.max(1, Math.round(n / 10) * 10);
  const low = round(stats.median * 0.75);
  const high = round(stats.median * 1.5);
  const f = (n: number) => formatPrice(n, currency, language).replace(/\.00$/, '');
  return language === 'zh'
    ? [`${f(low)}以内`, `${f(low)}到${f(high)}之间`, `${f(high)}以上`]
    : [`Under ${f(low)}`, `Between ${f(low)} and ${f(high)}`, `Over ${f(high)}`];
}

function localise(text: string, language: Language) {
  return language === 'zh' && text === 'Talk to a person' ? '转人工' : text;
}

function reply(text: string, products: Product[], suggestions: string[], language: Language): DraftReply {
  return { text, products, suggestions, language };
}
