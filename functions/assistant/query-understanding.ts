import { brandAliasesIn, categoriesFor } from '../catalog/lexicon';
import { parseChineseNumber } from '../language/chinese-numerals';
import type { SearchIndex } from '../catalog/search-index';
import { detectLanguage, tokenize } from '../catalog/tokenize';

/**
 * Deterministic, offline understanding of a shopper message in English or Chinese: the intent, and the
 * search constraints it states (category, brand, price, stock, rating, sort). Rules are general: keyword
 * families with typo tolerance, never lists of known sentences.
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
  | 'unknown';

export interface Understanding {
  language: 'en' | 'zh';
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
  policyTopic?: 'shipping' | 'returns' | 'warranty';
  orderId?: string;
  /** A product id mentioned, or 'first' | 'second' | 'third' | 'fourth' | 'last', or 'it' for "this one". */
  productRef?: string;
  /** The message with price, rating and stock phrases removed. */
  searchText: string;
}

/** "around $50" means this share either side. */
const AROUND_TOLERANCE = 0.2;
const HIGHLY_RATED = 4;

// ---------------------------------------------------------------------------------------------------------
// Typo-tolerant word matching

const MAX_WORD = 48;
const rowBefore = new Int32Array(MAX_WORD + 1);
const rowPrevious = new Int32Array(MAX_WORD + 1);
const rowCurrent = new Int32Array(MAX_WORD + 1);

/**
 * Optimal-string-alignment distance (edits, with adjacent transpositions counting one) between `target`
 * and `word`, or between `target` and the closest prefix of `word` when `prefix` is set ("teack" ~ "track").
 * Gives up, returning `limit + 1`, as soon as the distance must exceed `limit`.
 */
function boundedDistance(word: string, target: string, limit: number, prefix: boolean): number {
  if (!prefix && word.length > MAX_WORD) return limit + 1;
  const columns = Math.min(word.length, prefix ? target.length + limit : MAX_WORD, MAX_WORD);
  let before = rowBefore;
  let previous = rowPrevious;
  let current = rowCurrent;
  for (let j = 0; j <= columns; j += 1) previous[j] = j;
  for (let i = 1; i <= target.length; i += 1) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= columns; j += 1) {
      const cost = target.charCodeAt(i - 1) === word.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      const transposed =
        i > 1 &&
        j > 1 &&
        target.charCodeAt(i - 1) === word.charCodeAt(j - 2) &&
        target.charCodeAt(i - 2) === word.charCodeAt(j - 1);
      if (transposed) best = Math.min(best, before[j - 2] + 1);
      current[j] = best;
      rowMinimum = Math.min(rowMinimum, best);
    }
    if (rowMinimum > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  if (!prefix) return previous[columns];
  let closest = previous[0];
  for (let j = 1; j <= columns; j += 1) closest = Math.min(closest, previous[j]);
  return closest;
}

/** Edits tolerated for a stem of this length: none for short words, where a typo is another word. */
function toleratedEdits(length: number): number {
  if (length >= 9) return 2;
  return length >= 5 ? 1 : 0;
}

/** A word starting with the stem, allowing typos in longer stems ("reimbvurse" for "reimburs"). */
function startsLike(word: string, stem: string): boolean {
  if (word.startsWith(stem)) return true;
  const edits = toleratedEdits(stem.length);
  return edits > 0 && word.length >= stem.length - 1 && boundedDistance(word, stem, edits, true) <= edits;
}

/** A word equal to the target or its plural, allowing one typo in longer targets ("somneone"). */
function isLike(word: string, target: string): boolean {
  if (word === target || word === `${target}s`) return true;
  return (
    target.length >= 6 &&
    Math.abs(word.length - target.length) <= 1 &&
    boundedDistance(word, target, 1, false) <= 1
  );
}

function englishWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

function anyWordStartsLike(words: readonly string[], stems: readonly string[]): boolean {
  return words.some((word) => stems.some((stem) => startsLike(word, stem)));
}

function anyWordIsLike(words: readonly string[], targets: readonly string[]): boolean {
  return words.some((word) => targets.some((target) => isLike(word, target)));
}

// ---------------------------------------------------------------------------------------------------------
// Phrase extraction: each recognised phrase is cut out of the text that will be searched.

/**
 * Replaces every match of a global pattern with a space after handing it to `onMatch`, which may decline
 * it by returning false.
 */
function cutAll(text: string, pattern: RegExp, onMatch: (match: RegExpExecArray) => boolean | void): string {
  return text.replace(pattern, (...args: unknown[]) => {
    const match = args.slice(0, -2) as unknown as RegExpExecArray;
    return onMatch(match) === false ? (args[0] as string) : ' ';
  });
}

function parseAmount(raw: string): number | undefined {
  const text = raw.replace(/\s+/g, '').toLowerCase();
  const numeric = /^(\d[\d,]*(?:\.\d+)?)(k|千|万)?$/.exec(text);
  if (!numeric) return parseChineseNumber(text);
  const multiplier = numeric[2] === 'k' || numeric[2] === '千' ? 1000 : numeric[2] === '万' ? 10000 : 1;
  const value = Number(numeric[1].replace(/,/g, '')) * multiplier;
  return Number.isFinite(value) ? value : undefined;
}

/** A number, possibly with thousands separators, a decimal part, k/千/万, or written in Chinese. */
const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?(?!\d|\.\d)(?:\s?k(?![a-z])|[千万])?|[零〇一二两三四五六七八九十百千万]{0,4}[十百千万][零〇一二两三四五六七八九十百千万]{0,4})`;
/** What may follow an amount that makes it not a price: "within 2 days", "13 inch", "4 stars". */
const NOT_A_PRICE_AFTER = String.raw`(?!\s*(?:%|percent|stars?|gb|tb|mb|inch|inches|"|mm|cm|kg|g\b|lbs?|ml|days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|pcs|pieces|pack|星|分|天|周|个月|年|小时|寸|英寸|克|公斤|毫升|件|个|款|台|部))`;
const DOLLAR_BEFORE = String.raw`(?:\$|usd\s?|us\$)`;
const DOLLAR_AFTER = String.raw`(?:\s?(?:dollars?|bucks|usd)\b)`;
const YUAN_AFTER = String.raw`(?:美元|美金|元|块钱|块|刀)`;
/** An amount in English text, optionally with a currency marker either side. */
const EN_AMOUNT = String.raw`${DOLLAR_BEFORE}?\s?${NUMBER}${DOLLAR_AFTER}?${NOT_A_PRICE_AFTER}`;
/** An amount in Chinese text, optionally followed by a currency word. */
const ZH_AMOUNT = String.raw`${DOLLAR_BEFORE}?\s?${NUMBER}\s?${YUAN_AFTER}?${NOT_A_PRICE_AFTER}`;

const HAS_CURRENCY = /\$|usd|dollar|buck|美元|美金|元|块|刀/i;

interface PriceFacts {
  priceMin?: number;
  priceMax?: number;
  cheap?: boolean;
  premium?: boolean;
  sort?: Understanding['sort'];
}

type PriceRule = { pattern: RegExp; apply: (facts: PriceFacts, amounts: number[], match: string) => boolean };

const setRange = (facts: PriceFacts, [low, high]: number[]): boolean => {
  if (low === undefined || high === undefined) return false;
  facts.priceMin = Math.min(low, high);
  facts.priceMax = Math.max(low, high);
  return true;
};
const setMax = (facts: PriceFacts, [amount]: number[]): boolean => {
  if (amount === undefined) return false;
  facts.priceMax = amount;
  return true;
};
const setMin = (facts: PriceFacts, [amount]: number[]): boolean => {
  if (amount === undefined) return false;
  facts.priceMin = amount;
  return true;
};
const setAround = (facts: PriceFacts, [amount]: number[]): boolean => {
  if (amount === undefined) return false;
  facts.priceMin = Math.round(amount * (1 - AROUND_TOLERANCE) * 100) / 100;
  facts.priceMax = Math.round(amount * (1 + AROUND_TOLERANCE) * 100) / 100;
  return true;
};
const withCurrency =
  (apply: PriceRule['apply']): PriceRule['apply'] =>
  (facts, amounts, match) =>
    HAS_CURRENCY.test(match) && apply(facts, amounts, match);

const re = (source: string): RegExp => new RegExp(source, 'giu');

/** Ordered: ranges before bounds, explicit bounds before bare amounts. */
const PRICE_RULES: readonly PriceRule[] = [
  { pattern: re(String.raw`\bbetween\s+${EN_AMOUNT}\s+(?:and|to|-)\s+${EN_AMOUNT}`), apply: setRange },
  { pattern: re(String.raw`\bfrom\s+${EN_AMOUNT}\s*(?:to|-|–)\s*${EN_AMOUNT}`), apply: setRange },
  { pattern: re(String.raw`${EN_AMOUNT}\s*(?:-|–|~|to)\s*${EN_AMOUNT}`), apply: withCurrency(setRange) },
  {
    pattern: re(
      String.raw`(?:价格|价位|预算)?(?:在)?\s*${ZH_AMOUNT}\s*(?:到|至|-|~|—|－)\s*${ZH_AMOUNT}\s*(?:之间|以内|左右)?`,
    ),
    apply: (facts, amounts, match) =>
      /之间|价格|价位|预算/.test(match) || HAS_CURRENCY.test(match) ? setRange(facts, amounts) : false,
  },
  {
    pattern: re(
      String.raw`\b(?:under|below|beneath|less\s+than|cheaper\s+than|lower\s+than|no\s+more\s+than|not\s+more\s+than|not\s+over|at\s+most|up\s+to|upto|max(?:imum)?(?:\s+of)?|within|no\s+higher\s+than|not\s+exceeding|budget\s+(?:of|is)|my\s+budget\s+is)\s*(?:of\s+)?${EN_AMOUNT}`,
    ),
    apply: setMax,
  },
  { pattern: re(String.raw`(?:<=?|≤)\s*${EN_AMOUNT}`), apply: setMax },
  {
    pattern: re(
      String.raw`${EN_AMOUNT}\s*(?:or\s+less|or\s+under|or\s+below|or\s+cheaper|and\s+under|and\s+below|max(?:imum)?|at\s+most|tops)\b`,
    ),
    apply: setMax,
  },
  {
    pattern: re(
      String.raw`\b(?:over|above|more\s+than|at\s+least|min(?:imum)?(?:\s+of)?|greater\s+than|higher\s+than|starting\s+(?:at|from)|no\s+less\s+than)\s*${EN_AMOUNT}`,
    ),
    apply: setMin,
  },
  { pattern: re(String.raw`(?:>=?|≥)\s*${EN_AMOUNT}`), apply: setMin },
  {
    pattern: re(String.raw`${EN_AMOUNT}\s*(?:\+|or\s+more|and\s+up|and\s+above|or\s+above|plus)(?![a-z])`),
    apply: withCurrency(setMin),
  },
  {
    pattern: re(String.raw`\b(?:around|about|approximately|approx\.?|roughly|circa|~)\s*${EN_AMOUNT}`),
    apply: setAround,
  },
  {
    pattern: re(
      String.raw`(?:不超过|不高于|不多于|不到|低于|少于|小于|最多|顶多|预算(?:是|为|在|有)?|价格在)\s*${ZH_AMOUNT}\s*(?:以内|以下|之内|内)?`,
    ),
    apply: setMax,
  },
  { pattern: re(String.raw`${ZH_AMOUNT}\s*(?:以内|以下|之内|内|封顶)`), apply: setMax },
  { pattern: re(String.raw`(?:超过|高于|大于|多于|至少|不低于|起码|最少)\s*${ZH_AMOUNT}`), apply: setMin },
  { pattern: re(String.raw`${ZH_AMOUNT}\s*(?:以上|起)`), apply: setMin },
  { pattern: re(String.raw`(?:大约|大概|差不多)?\s*${ZH_AMOUNT}\s*左右`), apply: setAround },
  { pattern: re(String.raw`(?:大约|大概|差不多)\s*${ZH_AMOUNT}`), apply: withCurrency(setAround) },
  // "for 1.5k", "spend $300": money the shopper has in mind is a budget.
  {
    pattern: re(String.raw`\b(?:for|spend|spending|budget)\s+(?:about\s+|around\s+)?${EN_AMOUNT}`),
    apply: (facts, amounts, match) =>
      HAS_CURRENCY.test(match) || /\dk\b/i.test(match.replace(/\s/g, '')) ? setMax(facts, amounts) : false,
  },
  // A bare amount with a currency ("a $300 phone", "300元的手机") is a budget.
  { pattern: re(`${DOLLAR_BEFORE}\\s?${NUMBER}${NOT_A_PRICE_AFTER}`), apply: setMax },
  { pattern: re(`${NUMBER}\\s?(?:${DOLLAR_AFTER}|${YUAN_AFTER})${NOT_A_PRICE_AFTER}`), apply: setMax },
];

const PRICE_WORD_RULES: readonly { pattern: RegExp; apply: (facts: PriceFacts) => void }[] = [
  {
    pattern:
      /\b(?:cheapest|lowest[- ]priced?|least\s+expensive|lowest\s+price|price\s+low\s+to\s+high)\b|最便宜|价格最低|最低价|从低到高|由低到高/giu,
    apply: (facts) => (facts.sort = 'price_asc'),
  },
  {
    pattern:
      /\b(?:most\s+expensive|priciest|highest[- ]priced?|highest\s+price|price\s+high\s+to\s+low)\b|最贵|价格最高|最高价|从高到低|由高到低/giu,
    apply: (facts) => (facts.sort = 'price_desc'),
  },
  {
    pattern:
      /\b(?:cheap(?:er)?|inexpensive|not\s+(?:too\s+|very\s+)?expensive|budget|affordable|low[- ](?:cost|priced?)|bargain|economical)\b|便宜|实惠|平价|划算|性价比高?|不贵|低价|省钱/giu,
    apply: (facts) => (facts.cheap = true),
  },
  {
    pattern:
      /\b(?:premium|luxury|luxurious|high[- ]end|top[- ]end|upscale|expensive|designer)\b|高端|奢侈|豪华|高档|奢华|名牌|大牌/giu,
    apply: (facts) => (facts.premium = true),
  },
];

function extractPrice(text: string): { facts: PriceFacts; rest: string } {
  const facts: PriceFacts = {};
  let rest = text;
  for (const rule of PRICE_RULES) {
    if (facts.priceMin !== undefined || facts.priceMax !== undefined) break;
    rest = cutAll(rest, rule.pattern, (match) => {
      const amounts = match
        .slice(1)
        .filter((group): group is string => typeof group === 'string')
        .map(parseAmount)
        .filter((amount): amount is number => amount !== undefined);
      return rule.apply(facts, amounts, match[0]);
    });
  }
  for (const rule of PRICE_WORD_RULES) rest = cutAll(rest, rule.pattern, () => rule.apply(facts));
  return { facts, rest };
}

// ---------------------------------------------------------------------------------------------------------
// Rating and stock

interface RatingFacts {
  minRating?: number;
  sort?: 'rating';
}

function ratingValue(raw: string): number | undefined {
  const value = /^\d/.test(raw) ? Number(raw) : parseChineseNumber(raw);
  return value !== undefined && value > 0 && value <= 5 ? value : undefined;
}

function extractRating(text: string): { facts: RatingFacts; rest: string } {
  const facts: RatingFacts = {};
  const setMinimum = (raw: string | undefined): boolean => {
    const value = raw === undefined ? undefined : ratingValue(raw);
    if (value === undefined) return false;
    facts.minRating = value;
    return true;
  };
  let rest = text;
  rest = cutAll(
    rest,
    /\b(?:best|highest|top)[- ](?:rated|reviewed)\b|评分最高|评价最好|口碑最好|好评最多|好评率最高/giu,
    () => {
      facts.sort = 'rating';
    },
  );
  rest = cutAll(
    rest,
    /\b(?:at\s+least\s+)?(\d(?:\.\d)?)\s*\+?\s*(?:stars?|star\s+rating)(?:\s+(?:and|or)\s+(?:up|above|more|higher))?/giu,
    (match) => setMinimum(match[1]),
  );
  rest = cutAll(
    rest,
    /\b(?:rated|rating)\s+(?:of\s+)?(?:at\s+least\s+)?(\d(?:\.\d)?)\s*(?:\+|or\s+(?:more|higher|above)|and\s+(?:up|above))?/giu,
    (match) => setMinimum(match[1]),
  );
  rest = cutAll(
    rest,
    /(?:评分|评价)?\s*(?<![\d.])(\d(?:\.\d)?|[一二三四五])\s*(?:颗星|星|分)(?!钟|钱)(?:以上|及以上)?/gu,
    (match) => setMinimum(match[1]),
  );
  rest = cutAll(
    rest,
    /\b(?:highly|well|good|great)[- ]?(?:rated|reviewed)\b|\b(?:good|great|positive)\s+reviews?\b|\bhigh\s+ratings?\b|好评(?:如潮|多|率高)?|评价(?:好|高)|口碑好|高评分|评分高/giu,
    () => {
      facts.minRating = Math.max(facts.minRating ?? 0, HIGHLY_RATED);
    },
  );
  return { facts, rest };
}

function extractStock(text: string): { inStockOnly: boolean; rest: string } {
  let inStockOnly = false;
  const rest = cutAll(
    text,
    /\b(?:in[- ]stock|available(?:\s+now)?|availability|ready\s+to\s+ship|on\s+hand)\b|有货|现货|有库存|库存充足/giu,
    () => {
      inStockOnly = true;
    },
  );
  return { inStockOnly, rest };
}

// ---------------------------------------------------------------------------------------------------------
// Brand

interface BrandMatcher {
  pattern?: RegExp;
  byKey: Map<string, string>;
}

const brandMatchers = new WeakMap<SearchIndex, BrandMatcher>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function brandMatcherFor(index: SearchIndex): BrandMatcher {
  const cached = brandMatchers.get(index);
  if (cached) return cached;
  const brands = index.brands();
  const byKey = new Map(brands.map((brand) => [brand.toLowerCase(), brand]));
  const alternatives = [...byKey.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const matcher: BrandMatcher = {
    byKey,
    pattern:
      alternatives.length > 0
        ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu')
        : undefined,
  };
  brandMatchers.set(index, matcher);
  return matcher;
}

/**
 * The catalog brand the text names, in English or by its Chinese name. A brand that has nothing in the
 * named categories is ignored: "off white dress" is a colour, not the sneaker brand.
 */
function detectBrand(text: string, categories: string[], index: SearchIndex): string | undefined {
  const matcher = brandMatcherFor(index);
  const candidates: string[] = [];
  const named = matcher.pattern?.exec(text)?.[0];
  if (named) candidates.push(named);
  candidates.push(...brandAliasesIn(text));
  for (const candidate of candidates) {
    const brand = matcher.byKey.get(candidate.toLowerCase());
    if (!brand) continue;
    if (categories.length === 0 || index.search({ filters: { brand, categories }, limit: 1 }).length > 0)
      return brand;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Intent signals

const CONTACT_VERBS = [
  'talk',
  'speak',
  'chat',
  'contact',
  'reach',
  'call',
  'connect',
  'transfer',
  'escalate',
];
/** Real words one typo away from a contact verb. */
const NOT_CONTACT_VERBS = new Set([
  'tall',
  'tale',
  'talc',
  'tank',
  'task',
  'chap',
  'chai',
  'coat',
  'calm',
  'cell',
  'react',
]);
const PEOPLE = [
  'human',
  'person',
  'people',
  'agent',
  'operator',
  'somebody',
  'someone',
  'representative',
  'rep',
  'assistant',
  'staff',
  'employee',
  'manager',
  'supervisor',
  'support',
  'helpdesk',
];
const HUMAN_PHRASES =
  /\b(?:live|human|real)\s+(?:agent|person|operator|human|being|rep|representative|support)\b|\bcustomer\s+(?:service|support|care|assistance|services)\b|\b(?:a|an)\s+(?:human|representative)\b|\bget\s+in\s+touch\b(?=.*\b(?:with|someone|somebody|support|team)\b)|\bput\s+me\s+through\b|\bhand\s+me\s+over\b/i;
const HUMAN_ZH = /转人工|人工客服|人工服务|找人工|要人工|真人|客服|人工(?!智能)|活人|转接/;

/** "talking", and typos such as "taok" or "cantact", but not other words that start alike ("taken"). */
function isContactVerb(word: string): boolean {
  if (NOT_CONTACT_VERBS.has(word)) return false;
  const base = word.replace(/(?:ing|ed|s)$/, '');
  return CONTACT_VERBS.some(
    (verb) =>
      word.startsWith(verb) ||
      (base.length >= 4 &&
        base[0] === verb[0] &&
        Math.abs(base.length - verb.length) <= 1 &&
        boundedDistance(base, verb, 1, false) <= 1),
  );
}

function asksForHuman(text: string, words: readonly string[]): boolean {
  if (HUMAN_ZH.test(text) || HUMAN_PHRASES.test(text)) return true;
  return words.some(isContactVerb) && anyWordIsLike(words, PEOPLE);
}

const ORDER_NOUNS = ['order', 'purchase', 'package', 'parcel', 'shipment', 'delivery'];
const ORDER_TRACKING_ZH =
  /物流|快递(?:到|在)?哪|到哪了|到哪里了|在哪了|查件|单号|订单(?:状态|进度|到哪|在哪|查询|信息)|查(?:一下|询)?(?:我的)?订单|我的(?:订单|包裹|快递)|发货了(?:吗|没)/;

function hasOrderNoun(words: readonly string[]): boolean {
  return words.some((word) =>
    ORDER_NOUNS.some((noun) => startsLike(word, noun) || (noun === 'order' && word === 'oder')),
  );
}

/** Tracking words: "track", "status", "ETA", "locate", "where is my order", 物流, 快递到哪了. */
function asksForOrderTracking(text: string, words: readonly string[]): boolean {
  if (ORDER_TRACKING_ZH.test(text)) return true;
  if (/\beta\b|\bestimated\s+(?:time\s+of\s+arrival|delivery\s+date)\b/i.test(text)) return true;
  if (
    /\bwhere(?:'s|s|\s+is|\s+are)\s+(?:my|the)\s+(?:order|purchase|package|parcel|shipment|delivery|stuff)/i.test(
      text,
    )
  ) {
    return true;
  }
  const tracking = words.some(
    (word) => startsLike(word, 'track') || startsLike(word, 'locat') || word === 'status',
  );
  return tracking && hasOrderNoun(words);
}

const RETURNS_STEMS = ['refund', 'reimburs', 'rebat', 'compensat', 'restitution', 'return', 'exchang'];
const RETURNS_PHRASES = /\b(?:money|cash)\s+back\b|\bsend\s+(?:it\s+)?back\b|\bgive\s+back\b/i;
const RETURNS_ZH = /退货|退款|退换|换货|退钱|无理由|退回|返还/;
const WARRANTY_STEMS = ['warrant', 'guarante'];
const WARRANTY_ZH = /保修|质保|保固|售后|维修/;
const SHIPPING_STEMS = ['ship', 'deliver', 'arriv', 'postage', 'courier', 'freight', 'dispatch'];
const SHIPPING_PHRASES =
  /\bhow\s+(?:soon|fast|quickly)\b|\bhow\s+long\b.*\b(?:take|takes|get|come|arrive)\b|\bexpect\s+(?:my|the|a|an|our)\b/i;
/** After "order from", these say who sells, not where it ships. */
const SELLER_WORDS = new Set(['you', 'your', 'ur', 'u', 'this', 'here', 'the', 'amazon']);
const SHIPPING_ZH =
  /运费|邮费|快递费|包邮|免运费|发货|配送|送货|运送|寄送|多久(?:能)?到|几天(?:能)?到|送达|物流时效|能寄|寄到|邮寄/;

/** "can I order from Munich", "ordering from Canada": a question about where the store ships. */
function asksToOrderFromPlace(words: readonly string[]): boolean {
  return words.some(
    (word, i) =>
      (startsLike(word, 'order') || word === 'buy' || word === 'purchase') &&
      words[i + 1] !== undefined &&
      (words[i + 1] === 'from' ||
        (words[i + 1].length >= 4 && boundedDistance(words[i + 1], 'from', 1, false) <= 1)) &&
      words[i + 2] !== undefined &&
      !SELLER_WORDS.has(words[i + 2]),
  );
}

/** Returns outrank warranty, which outranks shipping: "I expect a refund" is about the refund. */
function detectPolicyTopic(text: string, words: readonly string[]): Understanding['policyTopic'] {
  if (RETURNS_ZH.test(text) || RETURNS_PHRASES.test(text) || anyWordStartsLike(words, RETURNS_STEMS))
    return 'returns';
  if (WARRANTY_ZH.test(text) || anyWordStartsLike(words, WARRANTY_STEMS)) return 'warranty';
  const shipsExactly = words.some((word) => word.startsWith('ship'));
  const shippingStem = anyWordStartsLike(
    words,
    SHIPPING_STEMS.filter((stem) => stem !== 'ship'),
  );
  if (SHIPPING_ZH.test(text) || SHIPPING_PHRASES.test(text) || shipsExactly || shippingStem)
    return 'shipping';
  if (asksToOrderFromPlace(words)) return 'shipping';
  return undefined;
}

const ORDER_ID_PATTERNS: readonly RegExp[] = [
  /(?:\border|\bpurchase|订单|单号)\s*(?:number|no\.?|num|id|#|号|编号)?\s*(?:is|是|为)?\s*[:：#]?\s*([a-z]*\d[a-z0-9-]{2,})/iu,
  /#\s?(\d{3,})\b/u,
];

/** "#12588" next to "invoice" or "bill" is that document's number, not an order's. */
function mentionsOtherDocument(words: readonly string[]): boolean {
  return words.some(
    (word) => startsLike(word, 'invoic') || startsLike(word, 'receipt') || /^bills?$/.test(word),
  );
}

function extractOrderId(text: string, words: readonly string[]): string | undefined {
  const patterns = mentionsOtherDocument(words) ? ORDER_ID_PATTERNS.slice(0, 1) : ORDER_ID_PATTERNS;
  for (const pattern of patterns) {
    const id = pattern.exec(text)?.[1];
    if (id) return id;
  }
  return undefined;
}

const ORDINAL_WORDS: Record<string, string> = {
  first: 'first',
  '1st': 'first',
  second: 'second',
  '2nd': 'second',
  third: 'third',
  '3rd': 'third',
  fourth: 'fourth',
  '4th': 'fourth',
  last: 'last',
};
const ORDINAL_ZH: Record<string, string> = {
  一: 'first',
  '1': 'first',
  二: 'second',
  '2': 'second',
  三: 'third',
  '3': 'third',
  四: 'fourth',
  '4': 'fourth',
};

function extractProductRef(text: string, index: SearchIndex): string | undefined {
  const byId =
    /\b(?:product|item|sku|id)\s*(?:id|#|number|no\.?)?\s*[:#]?\s*(\d+)\b|(?:商品|产品)\s*(?:编号|号|id)?\s*[:：#]?\s*(\d+)/iu.exec(
      text,
    );
  const id = byId?.[1] ?? byId?.[2];
  if (id && index.get(id)) return id;
  const ordinal =
    /\b(?:the\s+)?(first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?:one|item|product|option|result|choice|phone|pick)\b/i.exec(
      text,
    ) ?? /\bthe\s+(first|second|third|fourth|last)\b/i.exec(text);
  if (ordinal) return ORDINAL_WORDS[ordinal[1].toLowerCase()];
  const ordinalZh = /第\s*([一二三四1234])\s*(?:个|款|件|种|项|台|部)/u.exec(text);
  if (ordinalZh) return ORDINAL_ZH[ordinalZh[1]];
  if (/最后(?:一个|一款|那个|那款|一件)/u.test(text)) return 'last';
  if (
    /\b(?:this|that)\s+one\b|\b(?:does|has|can|will)\s+it\b(?!\s+(?:be\s+possible|take))|\bis\s+it\b(?!\s+(?:possible|ok|okay|true|normal))|\bit\s+(?:have|has|come|comes|work|works|fit|fits)\b/i.test(
      text,
    )
  ) {
    return 'it';
  }
  if (/这个|这款|那个|那款|这件|那件|它/u.test(text)) return 'it';
  return undefined;
}

const COMPARE =
  /\b(?:compare|comparing|comparison|vs\.?|versus|difference\s+between|differences\s+between|which\s+(?:one\s+)?is\s+better|better\s+than)\b|比较|对比|区别|哪个好|哪个更|哪款好|哪款更/i;
const PRODUCT_DETAILS =
  /\b(?:tell\s+me\s+(?:more\s+)?about|more\s+(?:details|info|information)|details|specs?|specifications|features|dimensions|size|colou?rs?|made\s+of|material)\b|详情|详细|介绍一下|参数|规格|尺寸|颜色|材质/i;
const GREETING =
  /^\s*(?:hi|hello|hey|hiya|howdy|greetings|yo|good\s+(?:morning|afternoon|evening|day)|你好|您好|嗨|哈喽|哈啰|早上好|下午好|晚上好|在吗|在么)(?![a-z])/iu;
const THANKS =
  /\b(?:thanks|thank\s+you|thx|ty|cheers|appreciate\s+it|much\s+appreciated)\b|谢谢|多谢|感谢|谢了|辛苦了/iu;

// ---------------------------------------------------------------------------------------------------------

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
