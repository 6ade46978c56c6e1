import { categoriesFor, categoryLabel } from '../catalog/lexicon';

/**
 * A category filter in a merchant question ("only phones", "top sellers in laptops", "只看手机类"), matched
 * against the categories the store actually has. Words go through the catalog lexicon, so 手机 and "phones"
 * both find `smartphones`.
 */
export interface CategoryFilter {
  /** Store category ids; several when one word covers them ("shoes"). Empty: no store category matched. */
  categories: string[];
  /** The words the merchant used. */
  phrase: string;
  /** The matched text, which report scoring ignores ("in the phones category" is not a category report). */
  span: string;
}

const STOP =
  /\b(?:table|chart|graph|list|csv|detail|details|number|numbers|summary|total|general|short|words|order|orders)\b/;
const TERMINATOR =
  '(?=\\s+(?:category|categories|products?|items?|last|this|past|in|for|by|from|since|between|during|over|and|vs|compared|sales|revenue|units|please|instead|today|yesterday)\\b|\\s*[?.!,;)]|\\s*$)';

const EXPLICIT: RegExp[] = [
  new RegExp(
    `\\b(?:only|just|solely|exclusively)\\s+(?:show\\s+)?(?:for\\s+|in\\s+|the\\s+)?([a-z][a-z' -]{1,40}?)${TERMINATOR}`,
  ),
  /\b(?:for|in|within|of|from)\s+(?:the\s+)?([a-z][a-z' -]{1,30}?)\s+(?:category|categories|department|section)\b/,
  /\bcategor(?:y|ies)\s*[:=]?\s*([a-z][a-z' -]{1,30}?)(?=\s*[?.!,;]|\s*$|\s+(?:last|this|in|for|by)\b)/,
  /\b((?:[a-z][a-z'-]+\s+){0,2}[a-z][a-z'-]+)\s+only\b/,
  /(?:只看|只要|只显示|只算|仅看|仅限|仅|单看|筛选)\s*([^\s，,。？?！!]{1,10}?)(?:类|品类|类目|分类|的|产品|商品|呢|$|[，,。？?！!\s])/u,
];
const LOOSE: RegExp[] = [
  /\b(?:in|among|for|of)\s+(?:the\s+)?([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)\b/g,
  /(\p{Script=Han}{1,6}?)(?:类|品类|类目)/gu,
];

function resolve(phrase: string, storeCategories: readonly string[]): string[] {
  const store = new Set(storeCategories);
  const plain = phrase.trim().replace(/-/g, ' ');
  const direct = storeCategories.filter(
    (c) =>
      c.replace(/-/g, ' ') === plain ||
      categoryLabel(c, 'en').toLowerCase() === plain ||
      categoryLabel(c, 'zh') === plain,
  );
  if (direct.length > 0) return direct;
  return categoriesFor(plain).filter((c) => store.has(c));
}

/** The category filter a (normalised) question asks for, or undefined when it names none. */
export function findCategoryFilter(
  text: string,
  storeCategories: readonly string[],
): CategoryFilter | undefined {
  for (const pattern of EXPLICIT) {
    const m = pattern.exec(text);
    const phrase = m?.[1]?.trim();
    if (!phrase || STOP.test(phrase) || /\d/.test(phrase)) continue;
    const categories = resolve(phrase, storeCategories);
    if (categories.length > 0) return { categories, phrase, span: m?.[0] ?? phrase };
    // A short phrase after "only" that names no store category is reported, not silently dropped.
    if (phrase.split(/\s+/).length <= 2 && categoriesFor(phrase).length > 0)
      return { categories: [], phrase, span: m?.[0] ?? phrase };
  }
  for (const pattern of LOOSE) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const phrase = m[1].trim();
      if (STOP.test(phrase)) continue;
      const categories = resolve(phrase, storeCategories);
      if (categories.length > 0) return { categories, phrase, span: m[0] };
    }
  }
  return undefined;
}
