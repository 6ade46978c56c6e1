import { attributesIn, categoriesFor } from '../../catalog/lexicon';
import { BRAND_ALIASES } from '../../catalog/lexicon-data';
import type { Product } from '../../catalog/product';
import type { SearchIndex } from '../../catalog/search-index';
import { tokenize } from '../../catalog/tokenize';
import { parseChineseNumber } from '../../language/chinese-numerals';
import { COUNT_VALUE, EN_ORDINAL_INDEX, GRAMMAR, NAME_SEPARATORS } from './follow-up-grammar';

/** How a message changes the current search. */
/** Longer messages that name a colour or material are requests of their own, not a narrowing of the list. */
const MAX_ATTRIBUTE_FOLLOW_UP_WORDS = 5;

export type Refinement =
  | { kind: 'cheaper' }
  | { kind: 'pricier' }
  | { kind: 'different_brand'; exclude: string[] }
  | { kind: 'brand'; brands: string[] }
  | { kind: 'in_stock' }
  | { kind: 'better_rated' }
  | { kind: 'more' }
  /** A property the products must have ("black ones?", "有金色的吗"), in a message that names no product kind. */
  | { kind: 'attribute'; attributes: string[] };

/** Which shown product a message points at. `index` is 0-based; -1 is the last one. */
export type ProductReference =
  | { kind: 'position'; index: number }
  | { kind: 'it' }
  | { kind: 'extreme'; by: 'price_asc' | 'price_desc' | 'rating' }
  | { kind: 'named'; productId: string };

export type ShopperAct = 'compare' | 'add_to_cart' | 'advice';

export interface FollowUpSignals {
  act?: ShopperAct;
  refinements: Refinement[];
  /** In the order the shopper named them. */
  references: ProductReference[];
  /** "the first two", "前两个": that many products from the top of the shown list. */
  leading?: number;
  /** "them", "these", "它们": the whole shown list. */
  all: boolean;
  quantity?: number;
}

const kindsOf = (signals: FollowUpSignals) => new Set(signals.refinements.map((r) => r.kind));

/**
 * Reads the follow-up grammar in a message: refinements, references to the shown list, and acts. Brands
 * are recognised against the store's own catalog brands (and their Chinese names), never a fixed list.
 */
export function parseFollowUp(text: string, index: SearchIndex): FollowUpSignals {
  const normalized = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const signals: FollowUpSignals = { refinements: [], references: [], all: false };
  signals.act = detectAct(normalized);
  readRefinements(normalized, index, signals);
  readReferences(normalized, index, signals);
  if (signals.act === 'add_to_cart') signals.quantity = readQuantity(normalized);
  return signals;
}

function detectAct(text: string): ShopperAct | undefined {
  if (GRAMMAR.addToCartEn.test(text) || GRAMMAR.addToCartZh.test(text)) return 'add_to_cart';
  if (GRAMMAR.compareEn.test(text) || GRAMMAR.compareZh.test(text)) return 'compare';
  if (GRAMMAR.adviceEn.test(text) || GRAMMAR.adviceZh.test(text)) return 'advice';
  return undefined;
}

function readRefinements(text: string, index: SearchIndex, signals: FollowUpSignals): void {
  const add = (refinement: Refinement) => signals.refinements.push(refinement);
  const betterRated = GRAMMAR.betterRatedEn.test(text) || GRAMMAR.betterRatedZh.test(text);
  if (betterRated) add({ kind: 'better_rated' });
  if (GRAMMAR.cheaperEn.test(text) || GRAMMAR.cheaperZh.test(text)) add({ kind: 'cheaper' });
  else if (!betterRated && (GRAMMAR.pricierEn.test(text) || GRAMMAR.pricierZh.test(text)))
    add({ kind: 'pricier' });
  if (GRAMMAR.inStockEn.test(text) || GRAMMAR.inStockZh.test(text)) add({ kind: 'in_stock' });

  const { named, excluded } = brandsIn(text, index);
  if (GRAMMAR.differentBrandEn.test(text) || GRAMMAR.differentBrandZh.test(text) || excluded.length)
    add({ kind: 'different_brand', exclude: excluded });
  if (named.length) add({ kind: 'brand', brands: named });

  // Short, and no kind of product named: "black ones?" narrows the list; "black sunglasses" is a new search.
  if (tokenize(text).length <= MAX_ATTRIBUTE_FOLLOW_UP_WORDS) {
    const attributes = attributesIn(text);
    if (attributes.length && !categoriesFor(text).length) add({ kind: 'attribute', attributes });
  }

  const kinds = kindsOf(signals);
  const wantsMore = (GRAMMAR.moreEn.test(text) && !GRAMMAR.moreNotEn.test(text)) || GRAMMAR.moreZh.test(text);
  if (wantsMore && !kinds.has('cheaper') && !kinds.has('pricier') && !kinds.has('better_rated'))
    add({ kind: 'more' });
}

interface BrandPattern {
  pattern?: RegExp;
  byKey: Map<string, string>;
}
const brandPatterns = new WeakMap<SearchIndex, BrandPattern>();

function brandPatternFor(index: SearchIndex): BrandPattern {
  const cached = brandPatterns.get(index);
  if (cached) return cached;
  const byKey = new Map(index.brands().map((brand) => [brand.toLowerCase(), brand]));
  const alternatives = [...byKey.keys()]
    .sort((a, b) => b.length - a.length)
    .map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const built: BrandPattern = {
    byKey,
    pattern: alternatives.length
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu')
      : undefined,
  };
  brandPatterns.set(index, built);
  return built;
}

/** Catalog brands the text names, split into wanted and excluded ("not Samsung", "除了苹果"). */
export function brandsIn(text: string, index: SearchIndex): { named: string[]; excluded: string[] } {
  const { pattern, byKey } = brandPatternFor(index);
  const named: string[] = [];
  const excluded: string[] = [];
  const place = (brand: string | undefined, before: string) => {
    if (!brand) return;
    const negated = GRAMMAR.excludeBrandBeforeEn.test(before) || GRAMMAR.excludeBrandBeforeZh.test(before);
    const list = negated ? excluded : named;
    if (!list.includes(brand)) list.push(brand);
  };
  for (const match of pattern ? text.matchAll(pattern) : []) {
    place(byKey.get(match[0].toLowerCase()), text.slice(Math.max(0, (match.index ?? 0) - 16), match.index));
  }
  for (const [alias, brand] of Object.entries(BRAND_ALIASES)) {
    const at = text.indexOf(alias);
    if (at >= 0) place(byKey.get(brand.toLowerCase()), text.slice(Math.max(0, at - 6), at));
  }
  return { named: named.filter((b) => !excluded.includes(b)), excluded };
}

function readReferences(text: string, index: SearchIndex, signals: FollowUpSignals): void {
  const refs = signals.references;
  const leadingEn = GRAMMAR.leadingEn.exec(text);
  const leadingZh = GRAMMAR.leadingZh.exec(text);
  if (leadingEn)
    signals.leading = leadingEn[3] ? 2 : COUNT_VALUE[(leadingEn[1] ?? leadingEn[2] ?? '').toLowerCase()];
  else if (leadingZh)
    signals.leading = leadingZh[3]
      ? leadingZh[3].startsWith('两')
        ? 2
        : undefined
      : COUNT_VALUE[leadingZh[1] ?? leadingZh[2] ?? ''];
  if (leadingZh?.[3] && !leadingZh[3].startsWith('两')) signals.all = true;

  if (GRAMMAR.positionEnAnchored.test(text)) {
    for (const match of text.matchAll(GRAMMAR.positionEn)) {
      const word = match[1]?.toLowerCase();
      const position = word !== undefined ? EN_ORDINAL_INDEX[word] : Number(match[2]) - 1;
      // "the first two" is a leading range, not the first product.
      if (position === undefined || Number.isNaN(position)) continue;
      if (signals.leading && /^(?:first|top)$/i.test(word ?? '')) continue;
      refs.push({ kind: 'position', index: position });
    }
  }
  for (const match of text.matchAll(GRAMMAR.positionZh)) {
    if (match[2]) refs.push({ kind: 'position', index: -1 });
    else if (match[1]) refs.push({ kind: 'position', index: (COUNT_VALUE[match[1]] ?? 1) - 1 });
  }

  const extreme = extremeIn(text);
  if (extreme) refs.push({ kind: 'extreme', by: extreme });
  if (!refs.length && !signals.leading) {
    if (GRAMMAR.allEn.test(text) && signals.act) signals.all = true;
    else if (GRAMMAR.itEn.test(text) || GRAMMAR.itZh.test(text)) refs.push({ kind: 'it' });
  }
  if (signals.act === 'compare' || signals.act === 'add_to_cart' || !refs.length) {
    for (const productId of namedProducts(text, index)) {
      if (!refs.some((r) => r.kind === 'named' && r.productId === productId))
        refs.push({ kind: 'named', productId });
    }
  }
}

/** A superlative that picks from the shown list ("the cheapest one", "哪个评分最高"), not a new search. */
function extremeIn(text: string): 'price_asc' | 'price_desc' | 'rating' | undefined {
  const en = GRAMMAR.extremeEn.find((e) => e.pattern.test(text));
  if (en && GRAMMAR.extremeRefEn.test(text)) return en.by;
  const zh = GRAMMAR.extremeZh.find((e) => e.pattern.test(text));
  if (zh && GRAMMAR.extremeRefZh.test(text)) return zh.by;
  return undefined;
}

/**
 * Products the message names by title, each part of "A and B" on its own: a part names a product when
 * most of its words are in the title and the title's distinctive words are in the part.
 */
export function namedProducts(text: string, index: SearchIndex): string[] {
  const parts = text
    .replace(/^[^]*?\b(?:compare|between)\b/iu, '')
    .split(NAME_SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part.length >= 2);
  const found: string[] = [];
  for (const part of parts) {
    const tokens = tokenize(part);
    if (!tokens.length) continue;
    const best = index
      .search({ text: part, limit: 5 })
      .map(({ product }) => ({ product, score: titleMatch(tokens, product) }))
      .filter((m) => m.score >= 0.6)
      .sort((a, b) => b.score - a.score)[0];
    if (best && !found.includes(best.product.id)) found.push(best.product.id);
  }
  return found;
}

/** Share of the title's words present in the part; the part must carry at least two, or one distinctive. */
function titleMatch(partTokens: string[], product: Product): number {
  const title = tokenize(product.title);
  if (!title.length) return 0;
  const present = new Set(partTokens);
  const hits = title.filter((t) => present.has(t)).length;
  if (hits === 0) return 0;
  if (hits === 1 && title.length > 1 && !/\d/.test(title.find((t) => present.has(t)) ?? '')) return 0;
  return hits / title.length + (hits >= 2 ? 0.2 : 0);
}

function readQuantity(text: string): number | undefined {
  const en = GRAMMAR.quantityEn.exec(text);
  const raw = en ? (en[1] ?? en[2] ?? en[3] ?? en[4]) : undefined;
  if (raw) return clampQuantity(COUNT_VALUE[raw.toLowerCase()] ?? Number(raw));
  const zh = GRAMMAR.quantityZh.exec(text);
  const rawZh = zh?.[1] ?? zh?.[2];
  if (rawZh)
    return clampQuantity(
      /\d/.test(rawZh) ? Number(rawZh) : (COUNT_VALUE[rawZh] ?? parseChineseNumber(rawZh)),
    );
  return undefined;
}

function clampQuantity(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 99 ? value : undefined;
}

/** The product ids a set of references points at in the shown list (or the catalog, for names). */
export function resolveReferences(
  signals: FollowUpSignals,
  shown: string[],
  index: SearchIndex,
  focus?: string,
): string[] {
  const ids: string[] = [];
  const push = (id: string | undefined) => {
    if (id && index.get(id) && !ids.includes(id)) ids.push(id);
  };
  if (signals.leading) shown.slice(0, signals.leading).forEach(push);
  for (const ref of signals.references)
    push(ref.kind === 'it' && focus ? focus : resolveOne(ref, shown, index));
  if (signals.all && !ids.length) shown.slice(0, 4).forEach(push);
  return ids;
}

function resolveOne(ref: ProductReference, shown: string[], index: SearchIndex): string | undefined {
  switch (ref.kind) {
    case 'position':
      return ref.index < 0 ? shown[shown.length + ref.index] : shown[ref.index];
    case 'it':
      return shown[0];
    case 'named':
      return ref.productId;
    case 'extreme': {
      const products = shown.map((id) => index.get(id)).filter((p): p is Product => !!p);
      const key =
        ref.by === 'rating'
          ? (p: Product) => -(p.rating ?? 0)
          : ref.by === 'price_asc'
            ? (p: Product) => p.price
            : (p: Product) => -p.price;
      return [...products].sort((a, b) => key(a) - key(b))[0]?.id;
    }
  }
}
