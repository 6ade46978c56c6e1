import { DocAttributes, type CompiledFilter } from './doc-attributes';
import { categoriesFor, expandTokens } from './lexicon';
import type { Product } from './product';
import { CATEGORY_MATCH_BONUS, comparatorFor, qualityScore, RELEVANCE_FLOOR } from './ranking';
import {
  DEFAULT_RANKING_WEIGHTS,
  type PriceStats,
  type RankingWeights,
  type SearchHit,
  type SearchQuery,
} from './search-query';
import { tokenize } from './tokenize';
import { buildPostings, type Postings } from './bm25-postings';
import { TopDocs, type DocComparator } from './top-docs';

/** Lexicon expansions count less than the shopper's own words. */
const EXPANSION_WEIGHT = 0.6;
/** Matched terms are tracked as bits of a 32-bit mask. */
const MAX_QUERY_TERMS = 31;
const DEFAULT_LIMIT = 10;

interface QueryTerm {
  term: string;
  weight: number;
  postings: Postings;
}

/**
 * In-memory full-text index of one store's catalog: BM25F over title, brand, category, tags and
 * description, with bilingual lexicon expansion of queries (and of Chinese documents, so English queries
 * find them). Built once per catalog version; a query only touches the postings of its terms, and scratch
 * buffers are reused so a query allocates nothing proportional to the catalog.
 * Filters and quality signals read the products' attribute columns (`DocAttributes`); the blend of relevance
 * and quality is `ranking.ts`'s.
 */
export class SearchIndex {
  private readonly attributes: DocAttributes;
  private readonly postings: Map<string, Postings>;
  private readonly scratchScores: Float64Array;
  private readonly scratchFinal: Float64Array;
  private readonly scratchMask: Uint32Array;
  private readonly scratchTouched: Int32Array;

  private constructor(private readonly products: readonly Product[]) {
    const size = products.length;
    this.scratchScores = new Float64Array(size);
    this.scratchFinal = new Float64Array(size);
    this.scratchMask = new Uint32Array(size);
    this.scratchTouched = new Int32Array(size);
    this.attributes = new DocAttributes(products);
    this.postings = buildPostings(products);
  }

  /** Builds the index. Products with a duplicate id are skipped after the first. */
  static build(products: Product[]): SearchIndex {
    const seen = new Set<string>();
    const unique = products.filter((product) => !seen.has(product.id) && seen.add(product.id));
    return new SearchIndex(unique);
  }

  /** Number of products indexed. */
  get size(): number {
    return this.products.length;
  }

  get(id: string): Product | undefined {
    const doc = this.attributes.docOf(id);
    return doc === undefined ? undefined : this.products[doc];
  }

  /** Every product's id and title, for checking that a reply names only real products. */
  *titles(): IterableIterator<{ id: string; title: string }> {
    for (const { id, title } of this.products) yield { id, title };
  }

  /** Category ids present in the catalog, sorted. */
  categories(): string[] {
    return this.attributes.categories();
  }

  /** Brands present in the catalog, as first spelled, sorted. */
  brands(): string[] {
    return this.attributes.brands();
  }

  /** Price range of the catalog or of one category; zeros when it has no products. */
  priceStats(category?: string): PriceStats {
    return this.attributes.priceStats(category);
  }

  /** Ranked products matching the text within the filters. Filters are hard constraints. */
  search(query: SearchQuery): SearchHit[] {
    const limit = Math.min(Math.max(Math.floor(query.limit ?? DEFAULT_LIMIT), 0), this.size);
    const filter = this.attributes.compileFilter(query.filters);
    if (limit === 0 || filter.impossible) return [];
    const text = query.text?.trim() ?? '';
    const tokens = text === '' ? [] : tokenize(text);
    const weights = query.weights ?? DEFAULT_RANKING_WEIGHTS;
    const boosts = this.attributes.boostsByDoc(query.boosts);
    const compare = comparatorFor(query.sort ?? 'relevance', this.attributes, this.scratchFinal);
    if (tokens.length === 0) return this.browse(filter, weights, boosts, compare, limit);
    const terms = this.queryTerms(tokens);
    if (terms.length === 0) return [];
    return this.textSearch(text, terms, filter, weights, boosts, compare, limit);
  }

  private queryTerms(tokens: string[]): QueryTerm[] {
    const ownWords = new Set(tokens);
    const terms: QueryTerm[] = [];
    const seen = new Set<string>();
    for (const term of expandTokens(tokens)) {
      if (seen.has(term)) continue;
      seen.add(term);
      const postings = this.postings.get(term);
      if (!postings) continue;
      terms.push({ term, weight: ownWords.has(term) ? 1 : EXPANSION_WEIGHT, postings });
      if (terms.length === MAX_QUERY_TERMS) break;
    }
    return terms;
  }

  private browse(
    filter: CompiledFilter,
    weights: RankingWeights,
    boosts: Map<number, number> | undefined,
    compare: DocComparator,
    limit: number,
  ): SearchHit[] {
    const top = new TopDocs(limit, compare);
    for (let doc = 0; doc < this.size; doc += 1) {
      if (!this.attributes.passes(doc, filter)) continue;
      this.scratchFinal[doc] = qualityScore(this.attributes, doc, weights, boosts);
      top.offer(doc);
    }
    return top
      .ranked()
      .map((doc) => ({ product: this.products[doc], score: this.scratchFinal[doc], matched: [] }));
  }

  private textSearch(
    text: string,
    terms: QueryTerm[],
    filter: CompiledFilter,
    weights: RankingWeights,
    boosts: Map<number, number> | undefined,
    compare: DocComparator,
    limit: number,
  ): SearchHit[] {
    const touchedCount = this.accumulate(terms);
    const touched = this.scratchTouched;
    const attributes = this.attributes;
    try {
      let bestRelevance = 0;
      for (let i = 0; i < touchedCount; i += 1) {
        const doc = touched[i];
        if (attributes.passes(doc, filter)) bestRelevance = Math.max(bestRelevance, this.scratchScores[doc]);
        else this.scratchScores[doc] = 0;
      }
      if (bestRelevance === 0) return [];
      const named = categoriesFor(text);
      const namedCategories = named.length > 0 ? attributes.categoryMaskOf(named) : undefined;
      const top = new TopDocs(limit, compare);
      for (let i = 0; i < touchedCount; i += 1) {
        const doc = touched[i];
        const relevance = this.scratchScores[doc] / bestRelevance;
        if (relevance < RELEVANCE_FLOOR) continue;
        const categoryBonus = namedCategories?.[attributes.categoryOf[doc]] === 1 ? CATEGORY_MATCH_BONUS : 0;
        this.scratchFinal[doc] =
          weights.relevance * (relevance + categoryBonus) + qualityScore(attributes, doc, weights, boosts);
        top.offer(doc);
      }
      return top.ranked().map((doc) => ({
        product: this.products[doc],
        score: this.scratchFinal[doc],
        matched: terms.filter((_, bit) => (this.scratchMask[doc] & (1 << bit)) !== 0).map(({ term }) => term),
      }));
    } finally {
      for (let i = 0; i < touchedCount; i += 1) {
        const doc = touched[i];
        this.scratchScores[doc] = 0;
        this.scratchMask[doc] = 0;
      }
    }
  }

  /** Adds each term's weighted postings into the scratch scores; returns how many docs were touched. */
  private accumulate(terms: QueryTerm[]): number {
    let touchedCount = 0;
    terms.forEach(({ weight, postings }, bit) => {
      const termWeight = weight * postings.idf;
      const flag = 1 << bit;
      const { docs, weights } = postings;
      for (let i = 0; i < docs.length; i += 1) {
        const doc = docs[i];
        if (this.scratchMask[doc] === 0) {
          this.scratchTouched[touchedCount] = doc;
          touchedCount += 1;
        }
        this.scratchScores[doc] += termWeight * weights[i];
        this.scratchMask[doc] |= flag;
      }
    });
    return touchedCount;
  }
}
