/** The catalog brand a message names, in English or by its Chinese name. */
import { brandAliasesIn } from '../../catalog/lexicon';
import type { SearchIndex } from '../../catalog/search-index';

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
export function detectBrand(text: string, categories: string[], index: SearchIndex): string | undefined {
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
