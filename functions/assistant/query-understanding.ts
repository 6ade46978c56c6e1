import { categoriesFor } from '../catalog/lexicon';
import type { SearchIndex } from '../catalog/search-index';
import { tokenize } from '../catalog/tokenize';
import { detectLanguage, type Language } from '../language/language';
import { detectBrand } from './understanding/brand';
import {
  asksForHuman,
  asksForOrderTracking,
  detectPolicyTopic,
  type PolicyTopic,
} from './understanding/intent-signals';
import { extractPrice, type PriceFacts } from './understanding/price';
import { extractRating, extractStock, type RatingFacts } from './understanding/rating-stock';
import { extractOrderId, extractProductRef } from './understanding/references';
import { englishWords } from './understanding/word-match';

/**
 * Deterministic, offline understanding of a shopper message in English or Chinese: the intent, and the
 * search constraints it states (category, brand, price, stock, rating, sort). Rules are general: keyword
 * families with typo tolerance, never lists of known sentences. Each concern lives in `understanding/`;
 * this module combines their signals and classifies the intent.
 */

export type ShopperIntent =
  | 'search'
  | 'product_question'
  | 'policy'
  | 'order_status'
  | 'human'
  | 'greeting'
  | 'thanks'
  | 'compare'
  /** What the store sells at all ("what do you sell?", "你们卖什么"): an overview of its catalog. */
  | 'catalog_overview'
  | 'unknown';

export interface Understanding {
  language: Language;
  intent: ShopperIntent;
  categories: string[];
  brand?: string;
  priceMin?: number;
  priceMax?: number;
  /** "cheap", "便宜": the caller can cap the price at the category's median. */
  cheap?: boolean;
  /** "premium", "高端": the caller can floor the price at the category's median. */
  premium?: boolean;
  inStockOnly: boolean;
  minRating?: number;
  sort?: 'price_asc' | 'price_desc' | 'rating';
  policyTopic?: PolicyTopic;
  orderId?: string;
  /** A product id mentioned, or 'first' | 'second' | 'third' | 'fourth' | 'last', or 'it' for "this one". */
  productRef?: string;
  /** The message with price, rating and stock phrases removed. */
  searchText: string;
}

const COMPARE =
  /\b(?:compare|comparing|comparison|vs\.?|versus|difference\s+between|differences\s+between|which\s+(?:one\s+)?is\s+better|better\s+than)\b|比较|对比|区别|哪个好|哪个更|哪款好|哪款更/i;
const PRODUCT_DETAILS =
  /\b(?:tell\s+me\s+(?:more\s+)?about|more\s+(?:details|info|information)|details|specs?|specifications|features|dimensions|size|colou?rs?|made\s+of|material)\b|详情|详细|介绍一下|参数|规格|尺寸|颜色|材质/i;
const GREETING =
  /^\s*(?:hi|hello|hey|hiya|howdy|greetings|yo|good\s+(?:morning|afternoon|evening|day)|你好|您好|嗨|哈喽|哈啰|早上好|下午好|晚上好|在吗|在么)(?![a-z])/iu;
const CATALOG_OVERVIEW =
  /\bwhat\s+(?:do|does|can)\s+(?:you|u|ya|y'?all|the\s+(?:store|shop)|this\s+(?:store|shop))\s+(?:guys\s+)?(?:sell|have|carry|offer|stock)\b|\bwhat\s+(?:kinds?|sorts?|types?)\s+of\s+(?:products?|things|items|stuff|goods)\b|\bwhat(?:'s|\s+is)\s+in\s+(?:your|the)\s+(?:catalog(?:ue)?|store|shop|range)\b|\b(?:show|list)\s+(?:me\s+)?(?:your|all(?:\s+your)?|the)\s+(?:categories|departments|catalog(?:ue)?|range)\b|\bwhat\s+(?:categories|departments)\b|\bwhat\s+have\s+you\s+got\b|(?:卖|有)(?:什么|哪些|啥)(?:东西|商品|产品|货)|卖(?:什么|啥)|都有(?:什么|哪些|啥)(?:东西|商品|产品)?\s*[？?]?\s*$|(?:商品|产品)(?:分类|种类|类别)/iu;
const THANKS =
  /\b(?:thanks|thank\s+you|thx|ty|cheers|appreciate\s+it|much\s+appreciated)\b|谢谢|多谢|感谢|谢了|辛苦了/iu;

interface Signals {
  text: string;
  words: string[];
  searchText: string;
  categories: string[];
  brand?: string;
  price: PriceFacts;
  rating: RatingFacts;
  inStockOnly: boolean;
  policyTopic?: Understanding['policyTopic'];
  orderId?: string;
  productRef?: string;
}

/** A category, a brand or a price range: enough on their own to search. */
function namesWhatToSearch(signals: Signals): boolean {
  const { price } = signals;
  return (
    signals.categories.length > 0 ||
    signals.brand !== undefined ||
    price.priceMin !== undefined ||
    price.priceMax !== undefined
  );
}

/** "cheap", "best rated", "in stock": they refine a search, but "premium account" is not one. */
function hasRefinements(signals: Signals): boolean {
  const { price, rating } = signals;
  return (
    price.cheap === true ||
    price.premium === true ||
    price.sort !== undefined ||
    rating.minRating !== undefined ||
    rating.sort !== undefined ||
    signals.inStockOnly
  );
}

function classify(signals: Signals, index: SearchIndex): ShopperIntent {
  const { text, words } = signals;
  if (asksForHuman(text, words)) return 'human';
  if (asksForOrderTracking(text, words)) return 'order_status';
  if (signals.policyTopic) return 'policy';
  if (signals.orderId !== undefined || /订单/u.test(text)) return 'order_status';
  if (COMPARE.test(text)) return 'compare';
  const explicitRef = signals.productRef !== undefined && signals.productRef !== 'it';
  if (explicitRef) return 'product_question';
  if (namesWhatToSearch(signals)) return 'search';
  if (CATALOG_OVERVIEW.test(text)) return 'catalog_overview';
  if (signals.productRef === 'it' || (PRODUCT_DETAILS.test(text) && /\?|？|吗/u.test(text)))
    return 'product_question';
  if (THANKS.test(text)) return 'thanks';
  if (GREETING.test(text)) return 'greeting';
  const searchTokens = tokenize(signals.searchText);
  if (hasRefinements(signals) && searchTokens.length === 0) return 'search';
  return namesCatalogProducts(searchTokens, index) ? 'search' : 'unknown';
}

/**
 * True when at least half of the words name a product: its title, brand, category or tags. Words found
 * only in descriptions ("the meaning of life") or a lone shared word ("gold account") are not a search.
 */
function namesCatalogProducts(tokens: readonly string[], index: SearchIndex): boolean {
  if (tokens.length === 0) return false;
  const needed = Math.ceil(tokens.length / 2);
  return index.search({ text: tokens.join(' '), limit: 3 }).some(({ product, matched }) => {
    const names = new Set(
      tokenize([product.title, product.brand ?? '', product.category, ...product.tags].join(' ')),
    );
    return matched.filter((term) => names.has(term)).length >= needed;
  });
}

function tidy(text: string): string {
  return text
    .replace(/(^|\s)的/gu, '$1')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?;:，。！？；：])/g, '$1')
    .trim();
}

/**
 * Understands one shopper message against a store's catalog (for brands and categories).
 * Pure and deterministic: the same text and catalog always give the same understanding.
 */
export function understand(text: string, index: SearchIndex): Understanding {
  const normalized = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const rating = extractRating(normalized);
  const price = extractPrice(rating.rest);
  const stock = extractStock(price.rest);
  const searchText = tidy(stock.rest);
  const categories = categoriesFor(searchText);
  const words = englishWords(normalized);
  const signals: Signals = {
    text: normalized,
    words,
    searchText,
    categories,
    brand: detectBrand(normalized, categories, index),
    price: price.facts,
    rating: rating.facts,
    inStockOnly: stock.inStockOnly,
    policyTopic: detectPolicyTopic(normalized, words),
    orderId: extractOrderId(normalized, words),
    productRef: extractProductRef(normalized, index),
  };
  const intent = classify(signals, index);
  const understanding: Understanding = {
    language: detectLanguage(normalized),
    intent,
    categories,
    inStockOnly: stock.inStockOnly,
    searchText,
  };
  const sort = price.facts.sort ?? rating.facts.sort;
  const optional: Partial<Understanding> = {
    brand: signals.brand,
    priceMin: price.facts.priceMin,
    priceMax: price.facts.priceMax,
    cheap: price.facts.cheap,
    premium: price.facts.premium,
    minRating: rating.facts.minRating,
    sort,
    policyTopic: intent === 'policy' || intent === 'product_question' ? signals.policyTopic : undefined,
    orderId: signals.orderId ?? (intent === 'order_status' ? /\b\d{5,}\b/.exec(normalized)?.[0] : undefined),
    productRef: signals.productRef,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(understanding, { [key]: value });
  }
  return understanding;
}
