import { tokenize } from '../catalog/tokenize';
import { CHINESE_QUESTION_STOPWORDS, CONCEPTS, QUESTION_STOPWORDS } from './concepts';

/** A question as weighted terms, L2-normalised: concepts (`c:ship`) and leftover words (`w:parcel`). */
export type TermVector = Map<string, number>;

interface Lexicon {
  englishWords: Map<string, string[]>;
  englishPhrases: Map<string, string[]>;
  /** Single-deletion variants of English lexicon words (5+ letters): catches one-letter typos. */
  typoVariants: Map<string, string>;
  /** Chinese words by first character, longest first. */
  chineseByFirstChar: Map<string, { word: string; concepts: string[] }[]>;
  weights: Map<string, number>;
}

const UNKNOWN_WORD_WEIGHT = 0.8;
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z][a-z0-9']*|\d+/g;

function push(map: Map<string, string[]>, key: string, concept: string) {
  const list = map.get(key) ?? [];
  if (!list.includes(concept)) list.push(concept);
  map.set(key, list);
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function buildLexicon(): Lexicon {
  const englishWords = new Map<string, string[]>();
  const englishPhrases = new Map<string, string[]>();
  const chinese = new Map<string, string[]>();
  const weights = new Map<string, number>();
  for (const [id, entry] of Object.entries(CONCEPTS)) {
    const concept = `c:${id}`;
    weights.set(concept, entry.weight ?? 1);
    for (const word of entry.en) push(word.includes(' ') ? englishPhrases : englishWords, word, concept);
    for (const word of entry.zh) push(chinese, word, concept);
  }
  const typoVariants = new Map<string, string>();
  for (const word of englishWords.keys()) {
    if (word.length < 5) continue;
    for (const variant of deletions(word)) if (!englishWords.has(variant)) typoVariants.set(variant, word);
  }
  const chineseByFirstChar = new Map<string, { word: string; concepts: string[] }[]>();
  for (const [word, concepts] of chinese) {
    const first = word[0];
    const list = chineseByFirstChar.get(first) ?? [];
    list.push({ word, concepts });
    chineseByFirstChar.set(first, list);
  }
  for (const list of chineseByFirstChar.values()) list.sort((a, b) => b.word.length - a.word.length);
  return { englishWords, englishPhrases, typoVariants, chineseByFirstChar, weights };
}

/** Built by the first question that needs it, not at import (see `lexiconIndex` in catalog/lexicon.ts). */
let builtLexicon: Lexicon | undefined;
const lexicon = (): Lexicon => (builtLexicon ??= buildLexicon());
const STOPWORD_PATTERN = new RegExp(CHINESE_QUESTION_STOPWORDS.join('|'), 'g');

/** Drops common English suffixes of words the lexicon does not know, so "parcels" and "parcel" meet. */
function rootOf(stem: string): string {
  for (const suffix of ['ing', 'ed', 'er']) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 4) return stem.slice(0, -suffix.length);
  }
  return stem;
}

function conceptsOfWord(word: string): string[] | undefined {
  const direct = lexicon().englishWords.get(word);
  if (direct) return direct;
  if (word.length < 5) return undefined;
  // One letter too many ("cancdling" has an extra d) or one missing or changed ("shiping").
  for (const variant of [word, ...deletions(word)]) {
    const known =
      lexicon().englishWords.get(variant) ??
      lexicon().englishWords.get(lexicon().typoVariants.get(variant) ?? '');
    if (known) return known;
  }
  return undefined;
}

function addEnglish(text: string, add: (term: string, weight: number) => void) {
  const words = text.match(LATIN_WORD) ?? [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i].replace(/'s$|'/g, '');
    if (/^\d+$/.test(word)) continue; // order numbers and amounts say nothing about the topic
    const next = words[i + 1];
    const phrase = next ? lexicon().englishPhrases.get(`${word} ${tokenize(next)[0] ?? next}`) : undefined;
    if (phrase) {
      for (const concept of phrase) add(concept, lexicon().weights.get(concept) ?? 1);
      i++;
      continue;
    }
    if (QUESTION_STOPWORDS.has(word)) continue;
    const stem = tokenize(word)[0];
    if (!stem || QUESTION_STOPWORDS.has(stem)) continue;
    const concepts = conceptsOfWord(stem) ?? (stem !== word ? conceptsOfWord(word) : undefined);
    if (concepts) for (const concept of concepts) add(concept, lexicon().weights.get(concept) ?? 1);
    else if (stem.length > 1) add(`w:${rootOf(stem)}`, UNKNOWN_WORD_WEIGHT);
  }
}

function addChinese(run: string, add: (term: string, weight: number) => void) {
  let rest = '';
  for (let i = 0; i < run.length;) {
    const candidates = lexicon().chineseByFirstChar.get(run[i]);
    const hit = candidates?.find((c) => run.startsWith(c.word, i));
    if (hit) {
      for (const concept of hit.concepts) add(concept, lexicon().weights.get(concept) ?? 1);
      rest += ' ';
      i += hit.word.length;
    } else {
      rest += run[i];
      i++;
    }
  }
  for (const piece of rest.replace(STOPWORD_PATTERN, ' ').split(' ')) {
    if (piece.length < 2) continue;
    for (const token of tokenize(piece)) add(`w:${token}`, UNKNOWN_WORD_WEIGHT);
  }
}

/**
 * The terms of a shopper question in either language. Concepts of the shared lexicon make paraphrases and
 * translations meet; words outside it still count, with a lower weight.
 */
export function questionTerms(text: string): TermVector {
  const vector: TermVector = new Map();
  const add = (term: string, weight: number) => vector.set(term, Math.max(vector.get(term) ?? 0, weight));
  const normalised = text.normalize('NFKC').toLowerCase();
  addEnglish(normalised.replace(HAN_RUN, ' '), add);
  for (const match of normalised.matchAll(HAN_RUN)) addChinese(match[0], add);
  return normalise(vector);
}

export function normalise(vector: TermVector): TermVector {
  let sum = 0;
  for (const w of vector.values()) sum += w * w;
  const norm = Math.sqrt(sum);
  if (norm === 0) return vector;
  for (const [term, w] of vector) vector.set(term, w / norm);
  return vector;
}

/** Cosine similarity of two normalised vectors. */
export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += w * other;
  }
  return dot;
}
