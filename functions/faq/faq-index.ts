import type { FaqEntry } from './faq-entry';
import { questionTerms, type TermVector } from './question-terms';

/** Similarity below which the bot still says it does not know, rather than quote a loosely related entry. */
export const FAQ_MATCH_THRESHOLD = 0.6;

export interface FaqMatch {
  entry: FaqEntry;
  /** The entry question the shopper's question matched. */
  question: string;
  score: number;
}

interface IndexedQuestion {
  entry: FaqEntry;
  question: string;
}

/**
 * Retrieval over one store's FAQ: every entry question as a term vector (shared EN/ZH concepts, see
 * `question-terms.ts`), with an inverted index so a question is scored only against entries that share a
 * term with it. Built once per FAQ version and kept by `FaqService`.
 */
export class FaqIndex {
  private constructor(
    private readonly questions: IndexedQuestion[],
    private readonly postings: Map<string, { at: number; weight: number }[]>,
    readonly size: number,
  ) {}

  static build(entries: readonly FaqEntry[]): FaqIndex {
    const questions: IndexedQuestion[] = [];
    const postings = new Map<string, { at: number; weight: number }[]>();
    for (const entry of entries) {
      for (const question of entry.questions) {
        const at = questions.length;
        questions.push({ entry, question });
        for (const [term, weight] of questionTerms(question)) {
          const list = postings.get(term) ?? [];
          list.push({ at, weight });
          postings.set(term, list);
        }
      }
    }
    return new FaqIndex(questions, postings, entries.length);
  }

  /** The entry that answers the question, when one is similar enough. */
  match(text: string, threshold = FAQ_MATCH_THRESHOLD): FaqMatch | undefined {
    return this.search(questionTerms(text), 1, threshold)[0];
  }

  /** The best `limit` entries (one match per entry), most similar first. */
  search(vector: TermVector, limit: number, threshold = FAQ_MATCH_THRESHOLD): FaqMatch[] {
    if (this.questions.length === 0 || vector.size === 0) return [];
    const scores = new Map<number, number>();
    for (const [term, weight] of vector) {
      for (const posting of this.postings.get(term) ?? []) {
        scores.set(posting.at, (scores.get(posting.at) ?? 0) + weight * posting.weight);
      }
    }
    const best = new Map<string, FaqMatch>();
    for (const [at, score] of scores) {
      if (score < threshold) continue;
      const { entry, question } = this.questions[at] as IndexedQuestion;
      const current = best.get(entry.entryId);
      if (!current || score > current.score) best.set(entry.entryId, { entry, question, score });
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.entry.entryId.localeCompare(b.entry.entryId))
      .slice(0, limit);
  }
}
