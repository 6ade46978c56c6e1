/**
 * Bilingual commerce lexicon: lets a Chinese query find English catalog items (and the reverse), maps
 * English synonyms onto each other, and names the catalog categories a text mentions. The words are data, in
 * `lexicon-data.ts`; this is the matching.
 */
import { containsChinese, type Language } from '../language/language';
import { chineseWords, tokenize } from './tokenize';
import {
  BRAND_ALIASES,
  CATEGORY_LABELS,
  LEXICON,
  ONE_CHARACTER_EXCEPTIONS,
  type LexiconGroup,
} from './lexicon-data';

/** Lexicon entries keyed by their normalised form, built once at module load. */
interface LexiconIndex {
  /** Stemmed English token sequence (joined by a space) → groups. */
  english: Map<string, LexiconGroup[]>;
  /** Longest English phrase length, in tokens. */
  longestEnglishPhrase: number;
  /** Chinese form → groups. */
  chinese: Map<string, LexiconGroup[]>;
  /** Expansion tokens of each group: its single-word English forms, stemmed. */
  expansions: Map<LexiconGroup, readonly string[]>;
  /** Length in characters of the longest Chinese form. */
  longestChineseForm: number;
  /** Chinese forms that also contain other scripts. */
  mixedScriptChineseForms: string[];
  /** Chinese forms by their first bigram (or their only character), so tokens find their candidates. */
  chineseFormsByLead: Map<string, ChineseForm[]>;
}

interface ChineseForm {
  form: string;
  bigrams: readonly string[];
}

/**
 * Built by the first search or question that needs it, not at import: most requests a front door serves (polls,
 * sessions, feedback) never match words, and a cold start should not pay for tables it does not use.
 */
let builtIndex: LexiconIndex | undefined;
const lexiconIndex = (): LexiconIndex => (builtIndex ??= buildLexiconIndex(LEXICON));

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

function bigramsOf(form: string): string[] {
  const chars = Array.from(form);
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) bigrams.push(chars[i] + chars[i + 1]);
  return bigrams;
}

function buildLexiconIndex(groups: readonly LexiconGroup[]): LexiconIndex {
  const english = new Map<string, LexiconGroup[]>();
  const chinese = new Map<string, LexiconGroup[]>();
  const expansions = new Map<LexiconGroup, readonly string[]>();
  let longestEnglishPhrase = 1;
  for (const group of groups) {
    const expansionTokens = new Set<string>();
    for (const form of group.en) {
      const tokens = tokenize(form);
      if (tokens.length === 0) continue;
      longestEnglishPhrase = Math.max(longestEnglishPhrase, tokens.length);
      addTo(english, tokens.join(' '), group);
      if (tokens.length === 1) expansionTokens.add(tokens[0]);
    }
    // A group of phrases only ("nail polish") still has to expand into something a catalog contains.
    if (expansionTokens.size === 0)
      for (const token of tokenize(group.en[0] ?? '')) expansionTokens.add(token);
    expansions.set(group, [...expansionTokens]);
    for (const form of group.zh) addTo(chinese, form, group);
  }
  const chineseForms = [...chinese.keys()].map((form) => ({ form, bigrams: bigramsOf(form) }));
  const chineseFormsByLead = new Map<string, ChineseForm[]>();
  for (const chineseForm of chineseForms)
    addTo(chineseFormsByLead, chineseForm.bigrams[0] ?? chineseForm.form, chineseForm);
  const longestChineseForm = Math.max(1, ...chineseForms.map(({ form }) => Array.from(form).length));
  const mixedScriptChineseForms = [...chinese.keys()].filter((form) => /[^\p{Script=Han}]/u.test(form));
  return {
    english,
    longestEnglishPhrase,
    chinese,
    expansions,
    longestChineseForm,
    mixedScriptChineseForms,
    chineseFormsByLead,
  };
}

function isBlockedOneCharacterWord(word: string, present: (compound: string) => boolean): boolean {
  return (ONE_CHARACTER_EXCEPTIONS[word] ?? []).some(present);
}

/**
 * English lexicon groups in a token sequence, longest phrase first: in "ice cream" the cream is not a
 * lotion.
 */
function englishGroupsInTokens(tokens: readonly string[], found: Set<LexiconGroup>): void {
  const { english, longestEnglishPhrase } = lexiconIndex();
  let start = 0;
  while (start < tokens.length) {
    let matchedLength = 0;
    const maxLength = Math.min(longestEnglishPhrase, tokens.length - start);
    for (let length = maxLength; length >= 1 && matchedLength === 0; length -= 1) {
      const groups = english.get(tokens.slice(start, start + length).join(' '));
      if (!groups) continue;
      for (const group of groups) found.add(group);
      matchedLength = length;
    }
    start += Math.max(matchedLength, 1);
  }
}

/**
 * Adds the groups of the Chinese forms found, except forms inside a longer form found: in 手机壳 the
 * 手机 is not a phone, in 平板电脑 the 电脑 is not a laptop.
 */
function addOutermostChineseForms(forms: readonly string[], found: Set<LexiconGroup>): void {
  for (const form of forms) {
    const inner = forms.some((other) => other !== form && other.length > form.length && other.includes(form));
    if (inner) continue;
    for (const group of lexiconIndex().chinese.get(form) ?? []) found.add(group);
  }
}

/** Lexicon groups whose forms appear in an already tokenized text. */
function groupsInTokens(tokens: readonly string[]): Set<LexiconGroup> {
  const found = new Set<LexiconGroup>();
  englishGroupsInTokens(tokens, found);
  if (!tokens.some(containsChinese)) return found;
  const tokenSet = new Set(tokens);
  const forms: string[] = [];
  for (const token of tokenSet) {
    for (const { form, bigrams } of lexiconIndex().chineseFormsByLead.get(token) ?? []) {
      const present =
        bigrams.length === 0
          ? !isBlockedOneCharacterWord(form, (compound) => tokenSet.has(compound))
          : bigrams.every((bigram) => tokenSet.has(bigram));
      if (present) forms.push(form);
    }
  }
  addOutermostChineseForms(forms, found);
  return found;
}

/**
 * The tokens plus their lexicon expansions: Chinese words gain their English equivalents and English
 * words gain their synonyms. The input tokens come first, unchanged; expansions follow, each once.
 */
export function expandTokens(tokens: string[]): string[] {
  const expanded = [...tokens];
  const seen = new Set(tokens);
  for (const group of groupsInTokens(tokens)) {
    for (const token of lexiconIndex().expansions.get(group) ?? []) {
      if (seen.has(token)) continue;
      seen.add(token);
      expanded.push(token);
    }
  }
  return expanded;
}

/** Lexicon groups a raw text mentions, matching Chinese on the text itself rather than on bigrams. */
function groupsInText(text: string): Set<LexiconGroup> {
  const found = new Set<LexiconGroup>();
  englishGroupsInTokens(
    tokenize(text).filter((token) => !containsChinese(token)),
    found,
  );
  if (!containsChinese(text)) return found;
  const forms = new Set<string>();
  for (const word of chineseWordsOf(text)) {
    const isLexiconCharacter = Array.from(word).length === 1 && lexiconIndex().chinese.has(word);
    if (isLexiconCharacter && !isBlockedOneCharacterWord(word, (compound) => text.includes(compound)))
      forms.add(word);
  }
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = Array.from(run);
    for (let start = 0; start < chars.length; start += 1) {
      let candidate = chars[start];
      for (
        let end = start + 1;
        end < chars.length && end - start < lexiconIndex().longestChineseForm;
        end += 1
      ) {
        candidate += chars[end];
        if (lexiconIndex().chinese.has(candidate)) forms.add(candidate);
      }
    }
  }
  // Forms mixing scripts (T恤) are not inside a Han run.
  for (const form of lexiconIndex().mixedScriptChineseForms) if (text.includes(form)) forms.add(form);
  addOutermostChineseForms([...forms], found);
  return found;
}

function chineseWordsOf(text: string): string[] {
  return (text.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) => chineseWords(run));
}

type Gender = 'men' | 'women' | undefined;

function genderOf(text: string): Gender {
  const lower = text.toLowerCase();
  const women =
    /\b(?:women|woman|womens|women's|ladies|lady|female|girls?|her|wife|mom|mum|mother|girlfriend|sister|daughter|grandma|grandmother|aunt|niece)\b/.test(
      lower,
    ) || /女|妈|老婆|妻子|姐|妹|奶奶|外婆|阿姨/.test(text);
  // Who a gift is for says which side of a gendered category is meant ("a watch for my husband").
  const men =
    /\b(?:men|man|mens|men's|male|gentlemen|boys?|his|him|husband|dad|father|boyfriend|brother|son|grandpa|grandfather|uncle|nephew)\b/.test(
      lower,
    ) || /男|爸|老公|丈夫|哥|弟|爷爷|外公|叔叔/.test(text);
  if (women === men) return undefined;
  return women ? 'women' : 'men';
}

function narrowToGender(categories: string[], gender: Gender): string[] {
  if (!gender) return categories;
  const excludedPrefix = gender === 'women' ? 'mens-' : 'womens-';
  const narrowed = categories.filter((category) => !category.startsWith(excludedPrefix));
  return narrowed.length > 0 ? narrowed : categories;
}

function categoryIdsNamedIn(text: string): string[] {
  const lower = text.toLowerCase().replace(/'/g, '');
  return Object.keys(CATEGORY_LABELS).filter((category) =>
    new RegExp(`\\b${category.replace(/-/g, '[- ]')}\\b`).test(lower),
  );
}

/**
 * Catalog category ids a text mentions, in English or Chinese ("cheap smartphone" and "手机" both give
 * `smartphones`). More specific words win ("phone case" gives only `mobile-accessories`), and a gender
 * word narrows gendered categories ("women's shoes" gives only `womens-shoes`).
 */
export function categoriesFor(text: string): string[] {
  const found = [...groupsInText(text)];
  const named = categoryIdsNamedIn(text);
  const namesAKind = named.length > 0 || found.some((g) => g.categories?.length && !g.suggests);
  // Suggestions (an occasion, who a gift is for) count only when no kind of product is named.
  const groups = namesAKind ? found.filter((g) => !g.suggests) : found;
  const categories = new Set<string>(named);
  const superseded = new Set<string>();
  for (const group of groups) {
    for (const category of group.categories ?? []) categories.add(category);
    for (const category of group.supersedes ?? []) superseded.add(category);
  }
  const specific = [...categories].filter((category) => !superseded.has(category));
  return narrowToGender(specific.length > 0 ? specific : [...categories], genderOf(text));
}

/**
 * The product properties a text names (colours, materials, features), each as its first English form, the way
 * catalog titles spell it: "有黑色的吗" and "any in black?" both give `black`.
 */
export function attributesIn(text: string): string[] {
  return [...groupsInText(text)].filter((group) => group.attribute).map((group) => group.en[0] ?? '');
}

/** True when a product's own words (title, tags, description) name the attribute in any of its forms. */
export function productHasAttribute(
  product: { title: string; description: string; tags: readonly string[] },
  attribute: string,
): boolean {
  const text = `${product.title} ${product.tags.join(' ')} ${product.description}`.toLowerCase();
  return attributePattern(attribute).test(text);
}

/** One word-boundary pattern per attribute, over all its English forms; built once, used per product. */
const attributePatterns = new Map<string, RegExp>();
function attributePattern(attribute: string): RegExp {
  let pattern = attributePatterns.get(attribute);
  if (!pattern) {
    const group = LEXICON.find((g) => g.attribute && g.en[0] === attribute);
    const forms = (group?.en ?? [attribute]).map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(`\\b(?:${forms.join('|')})\\b`);
    attributePatterns.set(attribute, pattern);
  }
  return pattern;
}

/** An attribute's name in the shopper's language (`black` → 黑色). */
export function attributeLabel(attribute: string, lang: Language): string {
  if (lang === 'en') return attribute;
  const group = LEXICON.find((g) => g.attribute && g.en[0] === attribute);
  return group?.zh[0] ?? attribute;
}

/** Display name of a category in the shopper's language; unknown ids are made readable. */
export function categoryLabel(category: string, lang: Language): string {
  const label = CATEGORY_LABELS[category];
  if (label) return label[lang];
  const words = category.replace(/[-_]+/g, ' ').trim();
  return lang === 'en' && words.length > 0 ? words[0].toUpperCase() + words.slice(1) : words;
}

/** Brand names written in Chinese in the text, as catalogs spell them (苹果 → Apple). */
export function brandAliasesIn(text: string): string[] {
  return Object.entries(BRAND_ALIASES)
    .filter(([alias]) => text.includes(alias))
    .map(([, brand]) => brand);
}
