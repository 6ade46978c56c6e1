/**
 * Typo-tolerant matching of English words against stems and keywords, for the keyword families that recognise
 * intents ("reimbvurse" is "reimburse", "somneone" is "someone"), without letting short words drift into others.
 */

const MAX_WORD = 48;
const rowBefore = new Int32Array(MAX_WORD + 1);
const rowPrevious = new Int32Array(MAX_WORD + 1);
const rowCurrent = new Int32Array(MAX_WORD + 1);

/**
 * Optimal-string-alignment distance (edits, with adjacent transpositions counting one) between `target`
 * and `word`, or between `target` and the closest prefix of `word` when `prefix` is set ("teack" ~ "track").
 * Gives up, returning `limit + 1`, as soon as the distance must exceed `limit`.
 */
export function boundedDistance(word: string, target: string, limit: number, prefix: boolean): number {
  if (!prefix && word.length > MAX_WORD) return limit + 1;
  const columns = Math.min(word.length, prefix ? target.length + limit : MAX_WORD, MAX_WORD);
  let before = rowBefore;
  let previous = rowPrevious;
  let current = rowCurrent;
  for (let j = 0; j <= columns; j += 1) previous[j] = j;
  for (let i = 1; i <= target.length; i += 1) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= columns; j += 1) {
      const cost = target.charCodeAt(i - 1) === word.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      const transposed =
        i > 1 &&
        j > 1 &&
        target.charCodeAt(i - 1) === word.charCodeAt(j - 2) &&
        target.charCodeAt(i - 2) === word.charCodeAt(j - 1);
      if (transposed) best = Math.min(best, before[j - 2] + 1);
      current[j] = best;
      rowMinimum = Math.min(rowMinimum, best);
    }
    if (rowMinimum > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  if (!prefix) return previous[columns];
  let closest = previous[0];
  for (let j = 1; j <= columns; j += 1) closest = Math.min(closest, previous[j]);
  return closest;
}

/** Edits tolerated for a stem of this length: none for short words, where a typo is another word. */
function toleratedEdits(length: number): number {
  if (length >= 9) return 2;
  return length >= 5 ? 1 : 0;
}

/** A word starting with the stem, allowing typos in longer stems ("reimbvurse" for "reimburs"). */
export function startsLike(word: string, stem: string): boolean {
  if (word.startsWith(stem)) return true;
  const edits = toleratedEdits(stem.length);
  return edits > 0 && word.length >= stem.length - 1 && boundedDistance(word, stem, edits, true) <= edits;
}

/** A word equal to the target or its plural, allowing one typo in longer targets ("somneone"). */
export function isLike(word: string, target: string): boolean {
  if (word === target || word === `${target}s`) return true;
  return (
    target.length >= 6 &&
    Math.abs(word.length - target.length) <= 1 &&
    boundedDistance(word, target, 1, false) <= 1
  );
}

export function englishWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

export function anyWordStartsLike(words: readonly string[], stems: readonly string[]): boolean {
  return words.some((word) => stems.some((stem) => startsLike(word, stem)));
}

export function anyWordIsLike(words: readonly string[], targets: readonly string[]): boolean {
  return words.some((word) => targets.some((target) => isLike(word, target)));
}
