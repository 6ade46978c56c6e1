/** Price constraints in English and Chinese: ranges, caps, floors, "around", and "cheap"/"premium" words. */
import { parseChineseNumber } from '../../language/chinese-numerals';
import { cutAll } from './phrase-cut';

/** "around $50" means this share either side. */
const AROUND_TOLERANCE = 0.2;

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

export interface PriceFacts {
  priceMin?: number;
  priceMax?: number;
  cheap?: boolean;
  premium?: boolean;
  sort?: 'price_asc' | 'price_desc';
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

export function extractPrice(text: string): { facts: PriceFacts; rest: string } {
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
