import { readFileSync } from 'node:fs';
import path from 'node:path';
import { askersOf, foldQuestions, type AskedQuestion } from '../../functions/faq/clustering';

interface Labelled {
  text: string;
  intent: string;
}

const bitext = JSON.parse(
  readFileSync(path.join(__dirname, '../fixtures/customer-questions/questions.json'), 'utf8'),
) as Labelled[];
const NOW = new Date('2026-11-20T12:00:00.000Z');

/** A fixed shuffle, so the fold sees intents interleaved as a real week of questions would. */
function shuffled<T>(items: T[]): T[] {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return items
    .map((item) => ({ item, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}

function asked(texts: string[], startMinutesAgo = 6 * 24 * 60): AskedQuestion[] {
  return texts.map((text, i) => ({
    text,
    askerId: `conv-${i}`,
    at: new Date(NOW.getTime() - (startMinutesAgo - i) * 60_000).toISOString(),
  }));
}

/** Purity: share of questions in their cluster's majority intent. Recall: share in their intent's main cluster. */
function purityAndRecall(clusters: { questions: AskedQuestion[] }[], intentOf: Map<string, string>) {
  let pure = 0;
  let total = 0;
  const byIntent = new Map<string, Map<number, number>>();
  clusters.forEach((cluster, c) => {
    const counts = new Map<string, number>();
    for (const q of cluster.questions) {
      const intent = intentOf.get(q.askerId) as string;
      counts.set(intent, (counts.get(intent) ?? 0) + 1);
      const perCluster = byIntent.get(intent) ?? new Map<number, number>();
      perCluster.set(c, (perCluster.get(c) ?? 0) + 1);
      byIntent.set(intent, perCluster);
    }
    pure += Math.max(...counts.values());
    total += cluster.questions.length;
  });
  let recalled = 0;
  for (const perCluster of byIntent.values()) recalled += Math.max(...perCluster.values());
  return { purity: pure / total, recall: recalled / total, total };
}

describe('clustering unanswered shopper questions', () => {
  it('groups the Bitext questions by intent: purity ≥ 0.85 and recall ≥ 0.7 over 27 intents', () => {
    const sample = shuffled(bitext);
    const questions = asked(sample.map((q) => q.text));
    const intentOf = new Map(questions.map((q, i) => [q.askerId, (sample[i] as Labelled).intent]));

    const clusters = foldQuestions([], questions, NOW, { maxQuestions: 100_000 });
    const { purity, recall, total } = purityAndRecall(clusters, intentOf);

    expect(total).toBe(bitext.length);
    process.stdout.write(
      `Bitext clustering: ${bitext.length} questions, 27 intents → ${clusters.length} clusters, purity ${purity.toFixed(3)}, recall ${recall.toFixed(3)}\n`,
    );
    expect(purity).toBeGreaterThanOrEqual(0.85);
    expect(recall).toBeGreaterThanOrEqual(0.7);
  });

  it('puts English paraphrases and a Chinese variant of one question in one cluster, and another question apart', () => {
    const clusters = foldQuestions(
      [],
      asked([
        'do you ship to Canada?',
        'can I pay with PayPal?',
        'shipping to canada?',
        '能寄到加拿大吗',
        'do you accept paypal',
        'Do you deliver to Canada',
        '可以用PayPal付款吗',
      ]),
      NOW,
    );
    const texts = clusters.map((c) => c.questions.map((q) => q.text).sort());
    expect(texts).toContainEqual(
      ['Do you deliver to Canada', 'do you ship to Canada?', 'shipping to canada?', '能寄到加拿大吗'].sort(),
    );
    expect(texts).toContainEqual(
      ['can I pay with PayPal?', 'do you accept paypal', '可以用PayPal付款吗'].sort(),
    );
    const canada = clusters.find((c) => c.questions.some((q) => q.text === '能寄到加拿大吗'));
    expect(canada?.count).toBe(4);
    expect(canada && askersOf(canada)).toBe(4);
    // Three real examples, as shoppers wrote them.
    expect(canada?.signature).toHaveLength(3);
    for (const example of canada?.signature ?? [])
      expect(canada?.questions.map((q) => q.text)).toContain(example);
  });

  it('keeps a cluster’s identity across runs, ages questions out after seven days, and keeps muted clusters quiet', () => {
    const first = foldQuestions([], asked(['do you ship to Canada?', 'shipping to canada?']), NOW);
    const [cluster] = first;
    expect(first).toHaveLength(1);

    const later = new Date(NOW.getTime() + 24 * 3600_000);
    const second = foldQuestions(
      [{ ...(cluster as (typeof first)[number]), status: 'muted' }],
      [{ text: '能寄到加拿大吗', askerId: 'conv-9', at: later.toISOString() }],
      later,
    );
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ clusterId: cluster?.clusterId, status: 'muted', count: 3 });

    // Eight days on, the questions left the window; a muted cluster remembers its wording, an open one is gone.
    const weekLater = new Date(later.getTime() + 8 * 24 * 3600_000);
    expect(foldQuestions([{ ...(cluster as (typeof first)[number]) }], [], weekLater)).toEqual([]);
    const mutedLater = foldQuestions(second, [], weekLater);
    expect(mutedLater).toHaveLength(1);
    expect(mutedLater[0]?.questions).toEqual([]);
    const again = foldQuestions(
      mutedLater,
      [{ text: 'Do you ship to Canada', askerId: 'conv-10', at: weekLater.toISOString() }],
      weekLater,
    );
    expect(again[0]).toMatchObject({ clusterId: cluster?.clusterId, status: 'muted', count: 1 });
  });
});
