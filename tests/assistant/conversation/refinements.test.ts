import { Dialog, demoIndex, product } from './dialog-harness';

const prices = (reply: { products: { price: number }[] }) => reply.products.map((p) => p.price);
const categoryOf = (reply: { products: { category: string }[] }) => [
  ...new Set(reply.products.map((p) => p.category)),
];

describe('refinements keep every constraint they do not change', () => {
  test.each([
    ['en', 'smartphones over $400', 'show me cheaper ones'],
    ['zh', '400美元以上的手机', '有没有更便宜的'],
    ['zh', '400美元以上的手机', '便宜点'],
  ])(
    '%s: "cheaper" shows only products below the cheapest shown, same category',
    async (_, first, cheaper) => {
      const dialog = new Dialog();
      const before = await dialog.say(first);
      const floor = Math.min(...prices(before));
      const after = await dialog.say(cheaper);
      expect(after.products.length).toBeGreaterThan(0);
      expect(categoryOf(after)).toEqual(['smartphones']);
      for (const price of prices(after)) expect(price).toBeLessThan(floor);
    },
  );

  test.each([
    ['en', 'laptops under $1500', 'show me cheaper ones', /nothing cheaper/i],
    ['zh', '1500美元以内的笔记本电脑', '便宜点', /没有比刚才更便宜/],
  ])(
    '%s: when nothing is cheaper it says so and shows the cheapest real one',
    async (_, first, cheaper, said) => {
      const dialog = new Dialog();
      await dialog.say(first);
      const after = await dialog.say(cheaper);
      const cheapestLaptop = demoIndex.search({
        filters: { categories: ['laptops'] },
        sort: 'price_asc',
        limit: 1,
      })[0]?.product;
      expect(after.text).toMatch(said);
      expect(after.products.map((p) => p.id)).toEqual([cheapestLaptop?.id]);
      expect(after.text).toContain(cheapestLaptop?.title);
    },
  );

  test.each([
    ['en', 'smartphones under $400', 'something more premium'],
    ['zh', '400美元以内的手机', '贵一点的'],
  ])('%s: "more premium" shows products above the priciest shown', async (_, first, pricier) => {
    const dialog = new Dialog();
    const before = await dialog.say(first);
    const ceiling = Math.max(...prices(before));
    const after = await dialog.say(pricier);
    expect(after.products.length).toBeGreaterThan(0);
    expect(categoryOf(after)).toEqual(['smartphones']);
    for (const price of prices(after)) expect(price).toBeGreaterThan(ceiling);
  });

  test.each([
    ['en', 'smartphones', 'more premium ones', /nothing more premium/i],
    ['zh', '手机', '更高端的', /没有比刚才更高端/],
  ])(
    '%s: nothing more premium than the top of the range: the priciest real one',
    async (_, first, pricier, said) => {
      const dialog = new Dialog();
      const before = await dialog.say(first);
      const top = Math.max(...prices(before));
      const priciest = demoIndex.search({
        filters: { categories: ['smartphones'] },
        sort: 'price_desc',
        limit: 1,
      })[0]?.product;
      expect(top).toBe(priciest?.price);
      const after = await dialog.say(pricier);
      expect(after.text).toMatch(said);
      expect(after.products.map((p) => p.id)).toEqual([priciest?.id]);
    },
  );

  test.each([
    ['en', 'smartphones under $500', 'anything from a different brand?'],
    ['zh', '500美元以内的手机', '有别的牌子吗'],
  ])('%s: "a different brand" excludes the brands shown and keeps the budget', async (_, first, other) => {
    const dialog = new Dialog();
    const before = await dialog.say(first);
    const shownBrands = new Set(before.products.map((p) => p.brand));
    const after = await dialog.say(other);
    expect(after.products.length).toBeGreaterThan(0);
    for (const p of after.products) {
      expect(shownBrands.has(p.brand)).toBe(false);
      expect(p.category).toBe('smartphones');
      expect(p.price).toBeLessThanOrEqual(500);
    }
  });

  test('a different brand when every brand that fits was shown: said plainly, nothing off-topic', async () => {
    const dialog = new Dialog({ variant: 'consultative' });
    await dialog.say('a gift for my girlfriend who loves makeup, under $30');
    const after = await dialog.say('anything from a different brand?');
    expect(after.products.every((p) => p.category === 'beauty')).toBe(true);
    expect(after.text).toMatch(/all the beauty that fit are from/i);
  });

  test.each([
    ['en', 'womens watches', 'only ones in stock'],
    ['zh', '女士手表', '只要有货的'],
  ])('%s: "only in stock" keeps the category', async (_, first, inStock) => {
    const dialog = new Dialog();
    await dialog.say(first);
    const after = await dialog.say(inStock);
    expect(after.products.length).toBeGreaterThan(0);
    expect(after.products.every((p) => p.stock > 0 && p.category === 'womens-watches')).toBe(true);
  });

  test.each([
    ['en', 'kitchen accessories under $20', 'better rated ones please'],
    ['zh', '20美元以内的厨房用品', '评分高一点的'],
  ])(
    '%s: "better rated" raises the rating above the shown average, keeping the budget',
    async (_, first, better) => {
      const dialog = new Dialog();
      const before = await dialog.say(first);
      const ratings = before.products.map((p) => p.rating ?? 0);
      const mean = ratings.reduce((a, b) => a + b, 0) / ratings.length;
      const after = await dialog.say(better);
      expect(after.products.length).toBeGreaterThan(0);
      for (const p of after.products) {
        expect(p.rating ?? 0).toBeGreaterThan(mean);
        expect(p.price).toBeLessThanOrEqual(20);
        expect(p.category).toBe('kitchen-accessories');
      }
    },
  );

  test('nothing rated higher: says so and shows the best rated one', async () => {
    const dialog = new Dialog();
    await dialog.say('laptops');
    const best = demoIndex.search({ filters: { categories: ['laptops'] }, sort: 'rating', limit: 1 })[0]
      ?.product;
    // Each "better rated" narrows to those above the shown average, until only the best is left.
    let reply = await dialog.say('better rated ones');
    for (let turn = 0; turn < 4 && !/none rates higher/i.test(reply.text); turn++)
      reply = await dialog.say('better rated ones');
    expect(reply.text).toMatch(/none rates higher/i);
    expect(reply.products.map((p) => p.id)).toEqual([best?.id]);
  });

  test.each([
    ['en', 'kitchen accessories', 'show me more', 'any others?'],
    ['zh', '厨房用品', '还有吗', '再来几个'],
  ])('%s: "show more" never repeats what was shown', async (_, first, more, again) => {
    const dialog = new Dialog();
    const seen = new Set((await dialog.say(first)).products.map((p) => p.id));
    for (const text of [more, again]) {
      const next = await dialog.say(text);
      expect(next.products.length).toBeGreaterThan(0);
      for (const p of next.products) {
        expect(seen.has(p.id)).toBe(false);
        expect(p.category).toBe('kitchen-accessories');
        seen.add(p.id);
      }
    }
  });

  test.each([
    ['en', 'show me more', /every one of our tablets/i],
    ['zh', '还有吗', /都给您看过了/],
  ])('%s: "show more" when everything was shown says so', async (_, more, said) => {
    const dialog = new Dialog();
    await dialog.say('tablets');
    const next = await dialog.say(more);
    expect(next.products).toHaveLength(0);
    expect(next.text).toMatch(said);
  });

  test.each([
    ['en', 'what about Apple?'],
    ['zh', '苹果的呢？'],
  ])('%s: a brand within the current category means the brand, not the fruit', async (_, brand) => {
    const dialog = new Dialog();
    await dialog.say('tablets');
    const after = await dialog.say(brand);
    expect(after.products.length).toBeGreaterThan(0);
    expect(after.products.every((p) => p.brand === 'Apple' && p.category === 'tablets')).toBe(true);
  });

  test("a brand the category does not carry: said plainly, with that brand's closest products", async () => {
    const dialog = new Dialog();
    await dialog.say('laptops');
    const after = await dialog.say('what about Samsung?');
    expect(after.text).toMatch(/no samsung laptops/i);
    expect(after.products.every((p) => p.brand === 'Samsung')).toBe(true);
  });

  test.each([
    ['en', 'smartphones', 'under $300'],
    ['zh', '手机', '300美元以内'],
  ])('%s: a new budget keeps the category', async (_, first, budget) => {
    const dialog = new Dialog();
    await dialog.say(first);
    const after = await dialog.say(budget);
    expect(after.products.length).toBeGreaterThan(0);
    expect(after.products.every((p) => p.category === 'smartphones' && p.price <= 300)).toBe(true);
  });

  test('constraints hold across refinements until changed: brand switch keeps budget and stock', async () => {
    const dialog = new Dialog();
    await dialog.say('smartphones under $700');
    await dialog.say('only in stock');
    const after = await dialog.say('a different brand');
    expect(after.products.length).toBeGreaterThan(0);
    expect(after.products.every((p) => p.price <= 700 && p.stock > 0 && p.category === 'smartphones')).toBe(
      true,
    );
    const fresh = await dialog.say('perfume');
    expect(fresh.products.every((p) => p.category === 'fragrances')).toBe(true);
    expect(dialog.memory.constraints).toEqual(expect.objectContaining({ categories: ['fragrances'] }));
    expect(dialog.memory.constraints?.budgetMax).toBeUndefined();
  });

  test('mixed English and Chinese: "有没有 cheaper 的" refines the phone list', async () => {
    const dialog = new Dialog();
    const before = await dialog.say('smartphones over $400');
    const floor = Math.min(...prices(before));
    const after = await dialog.say('有没有 cheaper 的');
    expect(after.products.length).toBeGreaterThan(0);
    expect(after.products.every((p) => p.price < floor)).toBe(true);
    expect(product(after.products[0]?.id ?? '').category).toBe('smartphones');
  });

  test('every recommended product carries a reason', async () => {
    const dialog = new Dialog();
    for (const text of ['perfume', 'cheaper ones', '手机', '别的牌子']) {
      const reply = await dialog.say(text);
      for (const p of reply.products) expect(reply.reasons?.[p.id]).toMatch(/\S/);
    }
  });
});
