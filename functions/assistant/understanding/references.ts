/** What a message points at: an order id, or a product by id, by position in the last results, or as "it". */
import type { SearchIndex } from '../../catalog/search-index';
import { startsLike } from './word-match';

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

export function extractOrderId(text: string, words: readonly string[]): string | undefined {
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

export function extractProductRef(text: string, index: SearchIndex): string | undefined {
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
