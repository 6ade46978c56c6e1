import type { OutcomeEvent } from '../feedback/outcome-event';

const MAX_UNANSWERED = 200;

export interface UnansweredQuestion {
  query: string;
  count: number;
  lastAt: string;
}

/**
 * Folds a batch's unanswered questions into the stored list (counted per normalised question, most
 * frequent first). Undefined when there is nothing to write: no question, or the batch was absorbed already.
 */
export function foldUnanswered(
  stored: { questions: UnansweredQuestion[]; lastToSk?: string } | undefined,
  batch: OutcomeEvent[],
  toSk: string,
): UnansweredQuestion[] | undefined {
  const questions = batch.filter((e) => e.type === 'unanswered' && e.query);
  if (questions.length === 0) return undefined;
  if (stored?.lastToSk && stored.lastToSk >= toSk) return undefined;
  const byQuery = new Map((stored?.questions ?? []).map((q) => [normaliseQuestion(q.query), { ...q }]));
  for (const event of questions) {
    const query = (event.query ?? '').trim();
    const id = normaliseQuestion(query);
    const existing = byQuery.get(id);
    if (existing) {
      existing.count++;
      if (event.receivedAt > existing.lastAt) existing.lastAt = event.receivedAt;
    } else byQuery.set(id, { query, count: 1, lastAt: event.receivedAt });
  }
  return [...byQuery.values()]
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
    .slice(0, MAX_UNANSWERED);
}

function normaliseQuestion(query: string) {
  return query
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[?？!！。.]+$/u, '')
    .trim();
}
