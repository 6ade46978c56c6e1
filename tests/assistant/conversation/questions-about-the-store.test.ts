import { categoryLabel } from '../../../functions/catalog/lexicon';
import { understand } from '../../../functions/assistant/query-understanding';
import { Dialog, demoIndex } from './dialog-harness';

/** The demo catalog's kinds, largest first, counted from the catalog itself. */
function kindsBySize(): { category: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const hit of demoIndex.search({ limit: 10_000 })) {
    counts.set(hit.product.category, (counts.get(hit.product.category) ?? 0) + 1);
  }
  return [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
}

describe('what the store sells', () => {
  test.each([
    ['en', 'what do you sell?'],
    ['en', 'What kinds of products do you have'],
    ['en', 'show me all your categories'],
    ['zh', '你们都卖什么？'],
    ['zh', '你们有哪些商品'],
  ])(
    '%s: "%s" gets the catalog’s largest kinds with their sizes, and chips to browse',
    async (lang, text) => {
      const reply = await new Dialog().say(text);
      const kinds = kindsBySize();
      expect(reply.text).toContain(String(kinds.length));
      const language = lang === 'zh' ? 'zh' : 'en';
      for (const { category, count } of kinds.slice(0, 3)) {
        expect(reply.text).toContain(categoryLabel(category, language));
        expect(reply.text).toContain(String(count));
      }
      expect(reply.suggestions).toEqual(kinds.slice(0, 3).map((k) => categoryLabel(k.category, language)));
      expect(reply.products).toEqual([]);
    },
  );

  test.each(['有什么便宜的手机', 'what do you have in laptops under 1000', 'what do you sell in perfume'])(
    'a question that names a kind of product stays a search: "%s"',
    (text) => {
      expect(understand(text, demoIndex).intent).toBe('search');
    },
  );
});

describe('questions the catalog cannot answer', () => {
  test.each([
    ['en', 'red dress', 'do you have it in a bigger size?', /doesn't list sizes/],
    ['en', 'running shoes', 'what sizes do these come in?', /doesn't list sizes/],
    ['zh', '连衣裙', '有大一号的尺码吗？', /没有这些商品的尺码信息/],
  ])(
    '%s: a size question about the list says sizes are not listed, offers a person and searches nothing',
    async (_, first, question, said) => {
      const dialog = new Dialog();
      await dialog.say(first);
      const reply = await dialog.say(question);
      expect(reply.text).toMatch(said);
      expect(reply.products).toEqual([]);
      expect(reply.suggestions.length).toBe(1);
      expect(dialog.turns.at(-1)?.ledger.unanswered).toBe(true);
    },
  );
});

describe('something the store does not carry', () => {
  test.each([
    ['en', 'do you sell kayaks?', /couldn't find anything matching "kayak"/],
    ['zh', '你们有皮划艇吗', /没有找到与“皮划艇”相关的/],
    ['zh', '你们有自行车吗', /没有找到与“自行车”相关的/],
  ])(
    '%s: "%s" says what was looked for, in the shopper’s words, and shows no unrelated product',
    async (_, text, said) => {
      const dialog = new Dialog();
      const reply = await dialog.say(text);
      expect(reply.text).toMatch(said);
      expect(reply.products).toEqual([]);
      expect(dialog.turns.at(-1)?.ledger.unanswered).toBe(true);
    },
  );
});

describe('a "which one" question about the list just shown', () => {
  const mentions = (p: { title: string; description: string }, word: string) =>
    new RegExp(`\\b${word}`, 'i').test(`${p.title} ${p.description}`);

  test('answers from the shown products’ own words: those that mention the feature, never another kind', async () => {
    const dialog = new Dialog();
    const phones = await dialog.say('smartphones around 300');
    const reply = await dialog.say('which one has the best camera?');
    const shownIds = phones.products.map((p) => p.id);
    const expected = phones.products.filter((p) => mentions(p, 'camera')).map((p) => p.id);
    if (expected.length === 0 || expected.length === shownIds.length)
      throw new Error('the demo list no longer separates on "camera"');
    expect(reply.products.map((p) => p.id)).toEqual(expected);
  });

  test.each([
    [
      'en',
      'smartphones',
      'which has the most storage?',
      /doesn't say enough to tell these apart on "storage"/,
    ],
    ['zh', '手机', '哪款拍照最好？', /没有足够的信息来比较这几款的“拍照”/],
  ])(
    '%s: when the products’ words do not tell them apart, it says so and offers a person',
    async (_, first, question, said) => {
      const dialog = new Dialog();
      const list = await dialog.say(first);
      expect(list.products.length).toBeGreaterThan(1);
      const reply = await dialog.say(question);
      expect(reply.text).toMatch(said);
      expect(reply.products).toEqual([]);
      expect(dialog.turns.at(-1)?.ledger.unanswered).toBe(true);
    },
  );
});

describe('words alone must name a product, not just appear in its description', () => {
  test.each(['video game console', 'I need a new mattress'])(
    '"%s": nothing unrelated is shown',
    async (text) => {
      const reply = await new Dialog().say(text);
      expect(reply.products).toEqual([]);
      expect(reply.text).toMatch(/couldn't find anything matching/);
    },
  );

  test('a word that names products still finds them by name', async () => {
    const reply = await new Dialog().say('a good iphone');
    expect(reply.products.length).toBeGreaterThan(0);
    for (const product of reply.products) expect(product.title.toLowerCase()).toContain('iphone');
  });
});
