import { createHash } from 'node:crypto';
import { cosine, normalise, questionTerms, type TermVector } from './question-terms';

/** One unanswered shopper question, as the feedback loop recorded it. */
export interface AskedQuestion {
  text: string;
  /** The conversation that asked: a cluster's askers are its distinct conversations. */
  askerId: string;
  at: string;
}

export type ClusterStatus = 'open' | 'delivered' | 'muted' | 'answered';

/** Paraphrases (in either language) of one question the bot could not answer. */
export interface QuestionCluster {
  clusterId: string;
  status: ClusterStatus;
  /** The questions of the window (most recent last), at most `MAX_QUESTIONS_PER_CLUSTER`. */
  questions: AskedQuestion[];
  /** Questions seen in the window, including those beyond the kept ones. */
  count: number;
  firstAt: string;
  lastAt: string;
  /** What a muted or answered cluster keeps to recognise new paraphrases after its window has passed. */
  signature: string[];
}

/** Similarity to a cluster's centre above which a question joins it. */
export const JOIN_SIMILARITY = 0.6;
/** Two open clusters whose centres are this similar are one question asked in two ways. */
export const MERGE_SIMILARITY = 0.8;
export const MAX_QUESTIONS_PER_CLUSTER = 60;
export const WINDOW_DAYS = 7;
/** A muted cluster keeps absorbing (and silencing) its paraphrases this long after the last one. */
export const MUTED_RETENTION_DAYS = 90;

const DAY_MS = 86_400_000;

function centreOf(texts: string[]): TermVector {
  const sum: TermVector = new Map();
  for (const text of texts) {
    for (const [term, w] of questionTerms(text)) sum.set(term, (sum.get(term) ?? 0) + w);
  }
  return normalise(sum);
}

function clusterIdFor(question: AskedQuestion): string {
  return `q_${createHash('sha256').update(`${question.at}|${question.askerId}|${question.text}`).digest('base64url').slice(0, 16)}`;
}

/** Distinct conversations that asked. */
export function askersOf(cluster: QuestionCluster): number {
  return new Set(cluster.questions.map((q) => q.askerId)).size;
}

/**
 * Three real examples: the question closest to the cluster's centre first, then the most different of the
 * rest, so the merchant sees the range of wordings (and both languages when both were used).
 */
export function examplesOf(cluster: QuestionCluster, limit = 3): string[] {
  const distinct = [
    ...new Map(cluster.questions.map((q) => [q.text.trim().toLowerCase(), q.text.trim()])).values(),
  ];
  if (distinct.length <= 1) return distinct.length ? distinct : cluster.signature.slice(0, limit);
  const centre = centreOf(distinct);
  const vectors = distinct.map((text) => ({ text, vector: questionTerms(text) }));
  vectors.sort((a, b) => cosine(b.vector, centre) - cosine(a.vector, centre) || a.text.localeCompare(b.text));
  const chosen = [vectors[0] as (typeof vectors)[number]];
  while (chosen.length < limit && chosen.length < vectors.length) {
    let best: (typeof vectors)[number] | undefined;
    let bestScore = Infinity;
    for (const candidate of vectors) {
      if (chosen.includes(candidate)) continue;
      const closest = Math.max(...chosen.map((c) => cosine(c.vector, candidate.vector)));
      if (closest < bestScore) {
        bestScore = closest;
        best = candidate;
      }
    }
    if (!best) break;
    chosen.push(best);
  }
  return chosen.map((c) => c.text);
}

/**
 * Folds new unanswered questions into the store's clusters and ages out what left the window. Each question
 * joins the cluster whose centre is most similar (at least `JOIN_SIMILARITY`), or starts a new one; muted
 * clusters keep absorbing their paraphrases so an ignored question stays quiet. Deterministic for a given
 * input order, so a re-run of the same batch gives the same clusters.
 */
export function foldQuestions(
  existing: QuestionCluster[],
  incoming: AskedQuestion[],
  now: Date,
  options: { joinSimilarity?: number; mergeSimilarity?: number; maxQuestions?: number } = {},
): QuestionCluster[] {
  const join = options.joinSimilarity ?? JOIN_SIMILARITY;
  const maxQuestions = options.maxQuestions ?? MAX_QUESTIONS_PER_CLUSTER;
  const windowStart = new Date(now.getTime() - WINDOW_DAYS * DAY_MS).toISOString();
  const mutedUntil = new Date(now.getTime() - MUTED_RETENTION_DAYS * DAY_MS).toISOString();
  const working: WorkingCluster[] = existing
    .filter((c) => c.status !== 'answered')
    .map((c) => {
      const questions = c.questions.filter((q) => q.at >= windowStart);
      const texts = questions.length ? questions.map((q) => q.text) : c.signature;
      return {
        cluster: {
          ...c,
          questions,
          count: Math.max(questions.length, c.count - (c.questions.length - questions.length)),
        },
        texts,
        centre: centreOf(texts),
      };
    });
  for (const question of [...incoming].sort((a, b) => a.at.localeCompare(b.at))) {
    if (question.at < windowStart) continue;
    const vector = questionTerms(question.text);
    let best: WorkingCluster | undefined;
    let bestScore = join;
    for (const candidate of working) {
      const score = cosine(vector, candidate.centre);
      if (score >= bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    if (!best) {
      best = {
        cluster: {
          clusterId: clusterIdFor(question),
          status: 'open',
          questions: [],
          count: 0,
          firstAt: question.at,
          lastAt: question.at,
          signature: [],
        },
        texts: [],
        centre: new Map(),
      };
      working.push(best);
    }
    const { cluster } = best;
    cluster.questions.push(question);
    if (cluster.questions.length > maxQuestions) cluster.questions.shift();
    cluster.count += 1;
    if (question.at > cluster.lastAt) cluster.lastAt = question.at;
    // The centre follows the cluster while it is small; past that, one more question barely moves it.
    if (best.texts.length < 20) {
      best.texts = [...best.texts, question.text];
      best.centre = centreOf(best.texts);
    }
  }
  return mergeNeighbours(working, options.mergeSimilarity ?? MERGE_SIMILARITY, maxQuestions)
    .map(({ cluster }) => ({
      ...cluster,
      signature: cluster.questions.length ? examplesOf(cluster) : cluster.signature,
    }))
    .filter((c) => c.questions.length > 0 || (c.status === 'muted' && c.lastAt >= mutedUntil))
    .sort((a, b) => b.count - a.count || a.clusterId.localeCompare(b.clusterId));
}

interface WorkingCluster {
  cluster: QuestionCluster;
  texts: string[];
  centre: TermVector;
}

/**
 * One question first met in two wordings can start two clusters before either has a stable centre. Open
 * clusters (never shown to the merchant) whose centres are close are merged, the larger absorbing the
 * smaller; a delivered, muted or answered cluster keeps its identity.
 */
function mergeNeighbours(
  working: WorkingCluster[],
  similarity: number,
  maxQuestions: number,
): WorkingCluster[] {
  const ordered = [...working].sort((a, b) => b.cluster.count - a.cluster.count);
  const absorbed = new Set<WorkingCluster>();
  for (const [i, target] of ordered.entries()) {
    if (absorbed.has(target)) continue;
    for (const source of ordered.slice(i + 1)) {
      if (absorbed.has(source) || source.cluster.status !== 'open') continue;
      if (cosine(target.centre, source.centre) < similarity) continue;
      const { cluster } = target;
      cluster.questions = [...cluster.questions, ...source.cluster.questions]
        .sort((a, b) => a.at.localeCompare(b.at))
        .slice(-maxQuestions);
      cluster.count += source.cluster.count;
      if (source.cluster.firstAt < cluster.firstAt) cluster.firstAt = source.cluster.firstAt;
      if (source.cluster.lastAt > cluster.lastAt) cluster.lastAt = source.cluster.lastAt;
      absorbed.add(source);
    }
  }
  return ordered.filter((w) => !absorbed.has(w));
}
