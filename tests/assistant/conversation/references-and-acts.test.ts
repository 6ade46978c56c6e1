import { parseFollowUp, resolveReferences } from '../../../functions/assistant/conversation/follow-up';
import { cartTemplateProblem } from '../../../functions/assistant/conversation/cart';
import { Dialog, demoIndex, product } from './dialog-harness';

const PRICE = /(?:US)?\$\s?(\d[\d,]*(?:\.\d+)?)/g;
const pricesIn = (text: string) =>
  [...text.matchAll(PRICE)].map((m) => Number((m[1] ?? '').replace(/,/g, '')));
const list = ['130', '127', '128', '123', '135'];
const titled = (title: string) =>
  demoIndex.search({ text: title, limit: 10 }).find((h) => h.product.title === title)?.product.id ?? 'none';

describe('references to the shown list', () => {
  test.each([
    ['the first one', '130'],
    ['tell me about the second one', '127'],
    ['what about the 3rd?', '128'],
    ['the last one', '135'],
    ['that one', '130'],
    ['the cheapest one', '128'],
    ['the best rated one', '130'],
    ['which of them is the most expensive?', '123'],
    ['第一个', '130'],
    ['第二个怎么样', '127'],
    ['最后一个', '135'],
    ['这个', '130'],
    ['最便宜的那个', '128'],
    ['评分最高的那款', '130'],
  ])('"%s" points at product %s', (text, id) => {
    expect(resolveReferences(parseFollowUp(text, demoIndex), list, demoIndex)).toEqual([id]);
  });

  test('"it" means the product of the last one-product reply when there is one', () => {
    expect(resolveReferences(parseFollowUp('add it to my cart', demoIndex), list, demoIndex, '123')).toEqual([
      '123',
    ]);
  });

  test('an ordinal without a determiner or noun is not a reference ("first time buyer")', () => {
    expect(parseFollowUp('first time buying a phone', demoIndex).references).toEqual([]);
  });

  test.each([
    ['which one has the best rating?', 'rating'],
    ['哪个评分最高？', 'rating'],
    ['which is the cheapest?', 'price_asc'],
  ])('"%s" after a list picks from it, with its number from the catalog', async (text) => {
    const dialog = new Dialog();
    const shown = await dialog.say('smartphones under $600');
    const reply = await dialog.say(text);
    expect(reply.products).toHaveLength(1);
    const picked = reply.products[0];
    expect(shown.products.map((p) => p.id)).toContain(picked?.id);
    for (const price of pricesIn(reply.text)) expect(price).toBe(picked?.price);
  });
});

describe('comparison', () => {
  test.each([
    ['compare the first two', [0, 1]],
    ['比较一下前两个', [0, 1]],
    ['compare the first and the third', [0, 2]],
    ['第一个和第三个有什么区别', [0, 2]],
    ['which one is better?', [0, 1, 2]],
  ])('"%s" compares exactly those shown products', async (text, positions) => {
    const dialog = new Dialog();
    const shown = await dialog.say('smartphones under $600');
    const reply = await dialog.say(text);
    const expected = positions.map((i) => shown.products[i]?.id);
    expect(reply.comparison?.productIds).toEqual(expected);
    expect(reply.products.map((p) => p.id)).toEqual(expected);
    const labels = reply.comparison?.rows.map((r) => r.label) ?? [];
    expect(labels.length).toBeGreaterThanOrEqual(8);
    for (const row of reply.comparison?.rows ?? []) expect(row.values).toHaveLength(expected.length);
  });

  test.each([
    ['compare the Realme XT and the Oppo K1', ['Realme XT', 'Oppo K1'], 'en'],
    ['Realme XT 和 Oppo K1 哪个好？', ['Realme XT', 'Oppo K1'], 'zh'],
    ['iPhone X vs Samsung Galaxy S10', ['iPhone X', 'Samsung Galaxy S10'], 'en'],
  ])('"%s" compares the named products, rows from the catalog', async (text, named, language) => {
    const ids = named.map((name) => (/^\d+$/.test(name) ? name : titled(name)));
    const reply = await new Dialog().say(text);
    expect(reply.comparison?.productIds).toEqual(ids);
    const priceRow = reply.comparison?.rows[0];
    expect(priceRow?.values.map((v) => Number(v.replace(/[^\d.]/g, '')))).toEqual(
      ids.map((id) => product(id).price),
    );
    expect(reply.language).toBe(language);
    expect(reply.text).toMatch(language === 'zh' ? /性价比最高/ : /best value/i);
  });

  test('the verdict names the best value, the best rated and what is available now', async () => {
    const reply = await new Dialog().say('compare the Samsung Galaxy S8 and the Samsung Galaxy S7');
    const verdict = reply.comparison?.rows.find((r) => r.label === 'Verdict');
    // The S8 is out of stock in the demo catalog; the S7 is available.
    expect(product('132').stock).toBe(0);
    expect(verdict?.values[1]).toMatch(/available now/);
    expect(reply.text).toMatch(/best rated: Samsung Galaxy S8/);
  });

  test('one product is not a comparison: it asks which two', async () => {
    const reply = await new Dialog().say('compare');
    expect(reply.comparison).toBeUndefined();
    expect(reply.text).toMatch(/which two/i);
  });
});

describe('add to cart', () => {
  test.each([
    ['add it to my cart', 0, 1],
    ['add the second one', 1, 1],
    ['put the last one in my basket', -1, 1],
    ['add 2 of the first one to my cart', 0, 2],
    ['把第二个加入购物车', 1, 1],
    ['这个加入购物车', 0, 1],
    ['第三个加两个到购物车', 2, 2],
  ])('"%s" adds the shown product at position %i, quantity %i', async (text, position, quantity) => {
    const dialog = new Dialog();
    const shown = await dialog.say('smartphones');
    const reply = await dialog.say(text);
    const id = shown.products.at(position)?.id;
    expect(reply.actions).toEqual([{ type: 'add_to_cart', productId: id, quantity }]);
    expect(reply.products.map((p) => p.id)).toEqual([id]);
    // The list stays: "the first one" afterwards still means the list's first.
    expect(dialog.list).toEqual(shown.products.map((p) => p.id));
  });

  test('with the store cart URL template the action carries the checkout link', async () => {
    const dialog = new Dialog({
      store: { cartUrlTemplate: 'https://shop.example/cart/add?id={productId}&qty={quantity}' },
    });
    const shown = await dialog.say('tablets');
    const reply = await dialog.say('add 3 of the first one to my cart');
    const id = shown.products[0]?.id ?? '';
    expect(reply.actions?.[0]?.url).toBe(`https://shop.example/cart/add?id=${id}&qty=3`);
  });

  test('cart URL templates must be https with a product placeholder', () => {
    expect(cartTemplateProblem('https://shop.example/cart?id={productId}')).toBeUndefined();
    expect(cartTemplateProblem('http://shop.example/cart?id={productId}')).toMatch(/https/);
    expect(cartTemplateProblem('https://shop.example/cart')).toMatch(/placeholder/);
    expect(cartTemplateProblem('not a url {productId}')).toMatch(/not a URL/);
  });

  test('nothing to add: it asks which product', async () => {
    const reply = await new Dialog().say('add it to my cart');
    expect(reply.actions ?? []).toEqual([]);
    expect(reply.text).toMatch(/which product/i);
  });
});

describe('buying advice grounded in the catalog', () => {
  test.each([
    ['how do I choose a good phone?', 'en'],
    ['如何挑选一款适合自己的手机？', 'zh'],
  ])(
    '"%s": price range, brands, differences and picks across budgets, all from the catalog',
    async (text, language) => {
      const reply = await new Dialog().say(text);
      const phones = demoIndex
        .search({ filters: { categories: ['smartphones'] }, limit: 100 })
        .map((h) => h.product);
      const catalogPrices = new Set(phones.map((p) => p.price));
      expect(reply.language).toBe(language);
      const quoted = pricesIn(reply.text);
      expect(quoted.length).toBeGreaterThan(3);
      for (const price of quoted) expect(catalogPrices.has(price)).toBe(true);
      expect(quoted).toContain(Math.min(...catalogPrices));
      expect(quoted).toContain(Math.max(...catalogPrices));
      for (const brand of new Set(phones.map((p) => p.brand))) expect(reply.text).toContain(brand);
      expect(reply.products.length).toBeGreaterThanOrEqual(2);
      const picks = reply.products.map((p) => p.price);
      expect(Math.max(...picks)).toBeGreaterThan(Math.min(...picks));
      for (const p of reply.products) expect(reply.reasons?.[p.id]).toMatch(/\S/);
    },
  );

  test('advice after a list is about the category being discussed', async () => {
    const dialog = new Dialog();
    await dialog.say('laptops');
    const reply = await dialog.say('what should I look for?');
    expect(reply.products.every((p) => p.category === 'laptops')).toBe(true);
    expect(reply.text).toMatch(/How to choose laptops/);
  });
});
