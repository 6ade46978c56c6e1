/**
 * Tokenizer shared by the search index and query understanding, for English and Chinese text.
 *
 * English: lowercase, split on anything that is not a letter or digit, light plural stemming, stopwords dropped.
 * Chinese: `Intl.Segmenter` words plus overlapping bigrams of every Han run. The segmenter alone misses
 * compounds it does not know (蓝牙音箱 → 蓝牙|音|箱), the bigrams alone miss one-character words (鞋, 包);
 * together they give good recall.
 */

/** A Han run, or a run of other letters and digits. */
const TEXT_RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

// Built on the first Chinese text: loading the segmenter's dictionary is a cost cold starts need not pay.
let chineseSegmenter: Intl.Segmenter | undefined;

const ENGLISH_STOPWORDS = new Set(
  (
    'a an the and or but of for to in on at by with from about as into than then so if ' +
    'is are was were be been being am do does did done have has had having will would shall should can could may might must ' +
    'i me my mine we us our you your yours he him his she her it its they them their this that these those there here ' +
    'what which who whom whose how when where why all any some each every no not yes ' +
    'please want wanna need needs like looking look find show tell give get got just also very really much more most ' +
    'one ones help assistance thing things something anything s t d ll re ve m'
  ).split(' '),
);

const CHINESE_STOPWORDS = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 哦 嗯 我 你 您 他 她 它 我们 你们 是 有 在 和 与 或 及 一 个 款 种 些 这 那 这个 那个 ' +
    '想 要 请 帮 给 找 买 看 下 么 什么 哪 怎么 就 也 都 还 很 更 最 能 可以 推荐 一下 一款 一个 一些 需要 我想 想要 ' +
    '有没有 没有 请问 帮我 给我 看看'
  ).split(' '),
);

/** Characters that never start or end a useful bigram: particles and function words. */
const CHINESE_FUNCTION_CHARS = new Set('的了吗呢吧啊呀哦嗯是和与或在把被给也都就还很'.split(''));

const IRREGULAR_PLURALS = new Map<string, string>([
  ['knives', 'knife'],
  ['shelves', 'shelf'],
  ['leaves', 'leaf'],
  ['wives', 'wife'],
  ['children', 'child'],
  ['feet', 'foot'],
  ['teeth', 'tooth'],
  ['mice', 'mouse'],
  ['shoes', 'shoe'],
  ['toes', 'toe'],
  ['mens', 'men'],
  ['womens', 'women'],
]);

const NOT_PLAIN_ASCII = /[^\t\n\r\x20-\x7e]/;
const DIGIT = /\d/;
/** After removing "es": endings that took "es" rather than "s" (dresses, watches, boxes, potatoes). */
const ES_PLURAL_STEM = /(?:ss|sh|ch|x|z|o)$/;

/**
 * Light English stemming: plural forms only (s, es, ies), so that "watches" meets "watch" and
 * "accessories" meets "accessory" without the surprises of a full Porter stemmer.
 */
export function stemEnglish(word: string): string {
  const irregular = IRREGULAR_PLURALS.get(word);
  if (irregular) return irregular;
  const length = word.length;
  if (length <= 3 || word.charCodeAt(length - 1) !== 115 /* s */ || DIGIT.test(word)) return word;
  if (word.endsWith('ies') && length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && ES_PLURAL_STEM.test(word.slice(0, -2))) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  return word.slice(0, -1);
}

/** Search tokens of a text: stemmed English words and Chinese words plus bigrams, stopwords removed. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  // Catalog text is mostly ASCII; scanning it by char code is several times faster than Unicode regexes.
  if (!NOT_PLAIN_ASCII.test(text)) {
    pushAsciiTokens(text.toLowerCase(), tokens);
    return tokens;
  }
  for (const match of text.normalize('NFKC').matchAll(TEXT_RUNS)) {
    const [, hanRun, otherRun] = match;
    if (hanRun) pushChineseTokens(hanRun, tokens);
    else if (otherRun) pushEnglishToken(otherRun.toLowerCase(), tokens);
  }
  return tokens;
}

function isAsciiWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

function pushAsciiTokens(lower: string, tokens: string[]): void {
  let start = -1;
  for (let i = 0; i <= lower.length; i += 1) {
    if (i < lower.length && isAsciiWordChar(lower.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      pushEnglishToken(lower.slice(start, i), tokens);
      start = -1;
    }
  }
}

/** Segmenter words of a Han run, without stopwords. Also used to match one-character lexicon words. */
export function chineseWords(hanRun: string): string[] {
  const words: string[] = [];
  chineseSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const segment of chineseSegmenter.segment(hanRun)) {
    if (segment.isWordLike && !CHINESE_STOPWORDS.has(segment.segment)) words.push(segment.segment);
  }
  return words;
}

function pushEnglishToken(word: string, tokens: string[]): void {
  if (ENGLISH_STOPWORDS.has(word)) return;
  const stem = stemEnglish(word);
  if (!ENGLISH_STOPWORDS.has(stem)) tokens.push(stem);
}

function pushChineseTokens(hanRun: string, tokens: string[]): void {
  // One entry per distinct token in the run: a word the segmenter found is usually also a bigram.
  const seen = new Set<string>();
  const add = (token: string): void => {
    if (seen.has(token)) return;
    seen.add(token);
    tokens.push(token);
  };
  for (const word of chineseWords(hanRun)) add(word);
  const chars = Array.from(hanRun);
  for (let start = 0; start + 1 < chars.length; start += 1) {
    const first = chars[start];
    const second = chars[start + 1];
    if (CHINESE_FUNCTION_CHARS.has(first) || CHINESE_FUNCTION_CHARS.has(second)) continue;
    const bigram = first + second;
    if (!CHINESE_STOPWORDS.has(bigram)) add(bigram);
  }
}
