/** BM25F postings of a catalog: per term, the docs it occurs in with their saturated field-weighted frequency. */

import { expandTokens } from './lexicon';
import type { Product } from './product';
import { containsChinese } from '../language/language';
import { tokenize } from './tokenize';

const FIELD_WEIGHTS = { title: 3, brand: 2, category: 2, tags: 2, description: 1 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];
/** BM25F length normalisation; brand and category are names, so their length says nothing. */
const FIELD_LENGTH_NORMALISATION: Record<Field, number> = {
  title: 0.75,
  brand: 0,
  category: 0,
  tags: 0.5,
  description: 0.75,
};
const BM25_K1 = 1.2;

export interface Postings {
  docs: Int32Array;
  /** BM25F saturated term frequency, tf~ / (k1 + tf~), per doc. */
  weights: Float32Array;
  idf: number;
}

/** Tokens of a field; Chinese text also gets its English lexicon equivalents so English queries find it. */
function fieldTokens(text: string): string[] {
  const tokens = tokenize(text);
  return containsChinese(text) ? expandTokens(tokens) : tokens;
}

function fieldText(product: Product, field: Field): string {
  switch (field) {
    case 'title':
      return product.title;
    case 'brand':
      return product.brand ?? '';
    case 'category':
      return product.category.replace(/[-_]+/g, ' ');
    case 'tags':
      return product.tags.join(' ; ');
    default:
      return product.description;
  }
}

/** Brand, category and tags repeat across a catalog, so their token ids are computed once per distinct text. */
const REPEATING_FIELDS: ReadonlySet<Field> = new Set<Field>(['brand', 'category', 'tags']);

/**
 * BM25F postings in two passes: first every field as term ids (which gives the average field lengths),
 * then each document's saturated, length-normalised term weight.
 */
export function buildPostings(products: readonly Product[]): Map<string, Postings> {
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  const toIds = (tokens: readonly string[]): Int32Array => {
    const ids = new Int32Array(tokens.length);
    tokens.forEach((token, i) => {
      let id = termIds.get(token);
      if (id === undefined) {
        id = termNames.length;
        termIds.set(token, id);
        termNames.push(token);
      }
      ids[i] = id;
    });
    return ids;
  };
  const repeatedTexts = new Map<string, Int32Array>();
  const idsOf = (field: Field, text: string): Int32Array => {
    if (!REPEATING_FIELDS.has(field)) return toIds(fieldTokens(text));
    const key = `${field}\u0000${text}`;
    let ids = repeatedTexts.get(key);
    if (!ids) {
      ids = toIds(fieldTokens(text));
      repeatedTexts.set(key, ids);
    }
    return ids;
  };

  const lengthTotals = FIELDS.map(() => 0);
  const documents = products.map((product) =>
    FIELDS.map((field, f) => {
      const ids = idsOf(field, fieldText(product, field));
      lengthTotals[f] += ids.length;
      return ids;
    }),
  );
  const averageLengths = lengthTotals.map((total) => total / Math.max(products.length, 1) || 1);

  const docsByTerm: number[][] = termNames.map(() => []);
  const weightsByTerm: number[][] = termNames.map(() => []);
  const frequency = new Float64Array(termNames.length);
  const present: number[] = [];
  documents.forEach((fields, doc) => {
    fields.forEach((ids, f) => {
      const field = FIELDS[f];
      const b = FIELD_LENGTH_NORMALISATION[field];
      const contribution = FIELD_WEIGHTS[field] / (1 - b + (b * ids.length) / averageLengths[f]);
      for (const id of ids) {
        if (frequency[id] === 0) present.push(id);
        frequency[id] += contribution;
      }
    });
    for (const id of present) {
      docsByTerm[id].push(doc);
      weightsByTerm[id].push(frequency[id] / (BM25_K1 + frequency[id]));
      frequency[id] = 0;
    }
    present.length = 0;
  });

  const postings = new Map<string, Postings>();
  const documentCount = products.length;
  termNames.forEach((term, id) => {
    const documentFrequency = docsByTerm[id].length;
    postings.set(term, {
      docs: Int32Array.from(docsByTerm[id]),
      weights: Float32Array.from(weightsByTerm[id]),
      idf: Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5)),
    });
  });
  return postings;
}
