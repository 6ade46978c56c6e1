import { containsChinese } from '../language/language';
import { tokenize } from '../catalog/tokenize';

/** A group of shopper questions the bot could not answer, named by the words they share. */
export interface DemandCluster {
  name: string;
  count: number;
  examples: string[];
}

/**
 * Clusters unanswered questions without a model: each question joins the cluster of its most common token
 * across all questions (ties: the longer token, then alphabetical), so "gaming chair?" and "do you sell gaming
 * chairs" meet on `gaming`. A cluster is named by its key token plus the token most often seen with it.
 * Deterministic, so the daily digest and the CLI agree.
 */
export function clusterQueries(queries: string[]): DemandCluster[] {
  const tokenised = queries
    .map((query) => ({ query: query.trim(), tokens: [...new Set(tokenize(query))] }))
    .filter((q) => q.query.length > 0);
  const frequency = new Map<string, number>();
  for (const q of tokenised) for (const t of q.tokens) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const better = (a: string, b: string) =>
    (frequency.get(b) ?? 0) - (frequency.get(a) ?? 0) || b.length - a.length || a.localeCompare(b);

  const groups = new Map<string, { queries: string[]; tokenSets: string[][] }>();
  for (const q of tokenised) {
    const key = q.tokens.length > 0 ? [...q.tokens].sort(better)[0] : q.query.toLowerCase();
    const group = groups.get(key) ?? { queries: [], tokenSets: [] };
    group.queries.push(q.query);
    group.tokenSets.push(q.tokens);
    groups.set(key, group);
  }

  return [...groups]
    .map(([key, group]) => {
      const companions = new Map<string, number>();
      for (const tokens of group.tokenSets) {
        for (const t of tokens)
          if (t !== key && !t.includes(key) && !key.includes(t))
            companions.set(t, (companions.get(t) ?? 0) + 1);
      }
      // A companion names the cluster only when at least half its questions share it.
      const [companion] = [...companions]
        .filter(([, n]) => n * 2 >= group.queries.length && group.queries.length > 1)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const name = companion ? orderedName(key, companion[0], group.queries) : key;
      const examples = [...new Set(group.queries)].slice(0, 3);
      return { name, count: group.queries.length, examples };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Puts the two words in the order shoppers wrote them ("gaming chair", not "chair gaming"). */
function orderedName(a: string, b: string, queries: string[]): string {
  const joiner = containsChinese(a + b) ? '' : ' ';
  const sample = queries.join(' ').toLowerCase();
  const ia = sample.indexOf(a);
  const ib = sample.indexOf(b);
  return ib >= 0 && (ia < 0 || ib < ia) ? `${b}${joiner}${a}` : `${a}${joiner}${b}`;
}
