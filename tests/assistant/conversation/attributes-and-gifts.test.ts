import { categoriesFor, productHasAttribute } from '../../../functions/catalog/lexicon';
import { Dialog, demoIndex } from './dialog-harness';

const categoriesOf = (reply: { products: { category: string }[] }) =>
  new Set(reply.products.map((p) => p.category));

/** Every demo product of some categories that has the attribute, from the catalog itself. */
function catalogWith(categories: string[], attribute: string) {
  return demoIndex
    .search({ filters: { categories }, limit: 500 })
    .map((hit) => hit.product)
    .filter((p) => productHasAttribute(p, attribute));
}

describe('an attribute after a list narrows that list', () => {
  test.each([
    ['en', 'show me shoes', 'black ones?', 'black'],
    ['en', 'sneakers please', 'do they come in red', 'red'],
    ['zh', '推荐几双鞋', '有黑色的吗', 'black'],
    ['mixed', 'shoes', '有红色的吗?', 'red'],
  ])('%s: "%s" then "%s" keeps the kind and shows only %s ones', async (_, first, narrow, attribute) => {
    const dialog = new Dialog();
    const before = await dialog.say(first);
    // The kinds the request named (the first list may show only some of them).
    const kinds = new Set(categoriesFor(first));
    for (const product of before.products) expect(kinds.has(product.category)).toBe(true);
    const after = await dialog.say(narrow);
    const expected = catalogWith([...kinds], attribute);
    expect(expected.length).toBeGreaterThan(0);
    expect(after.products.length).toBeGreaterThan(0);
    for (const product of after.products) {
      expect(kinds.has(product.category)).toBe(true);
      expect(expected.map((p) => p.id)).toContain(product.id);
    }
  });

  test('the attribute sticks: "cheaper" afterwards stays within the colour', async () => {
    const dialog = new Dialog();
    await dialog.say('shoes');
    const kinds = categoriesFor('shoes');
    const black = await dialog.say('any in black?');
    const cheaper = await dialog.say('cheaper ones');
    const blackIds = catalogWith(kinds, 'black').map((p) => p.id);
    const floor = Math.min(...black.products.map((p) => p.price));
    for (const product of cheaper.products) {
      expect(blackIds).toContain(product.id);
      expect(product.price).toBeLessThanOrEqual(floor);
    }
  });

  test('when no product of the list has it, the reply says so and names the closest real one', async () => {
    const dialog = new Dialog();
    const laptops = await dialog.say('laptops');
    const kinds = [...categoriesOf(laptops)];
    // A colour no laptop of the demo catalog mentions.
    const missing = ['pink', 'purple', 'yellow'].find((colour) => catalogWith(kinds, colour).length === 0);
    if (!missing) throw new Error('every colour exists among the demo laptops');
    const reply = await dialog.say(`any in ${missing}?`);
    expect(reply.text).toMatch(new RegExp(`no ${missing} laptops`, 'i'));
    expect(reply.products).toHaveLength(1);
    expect(kinds).toContain(reply.products[0]?.category);
  });

  test('a colour with a kind of product is a new search, not a narrowing', async () => {
    const dialog = new Dialog();
    await dialog.say('shoes');
    const reply = await dialog.say('black sunglasses');
    expect([...categoriesOf(reply)]).toEqual(['sunglasses']);
  });
});

describe('gift requests without a product named', () => {
  const MENS = /^mens-/;
  const WOMENS = /^womens-/;

  test.each([
    ['en', 'a gift for my dad under 50 dollars', WOMENS, 50],
    ['en', 'birthday present for my husband', WOMENS, undefined],
    ['zh', '给老公买个生日礼物，500以内', WOMENS, 500],
    ['en', 'I need a present for my mom', MENS, undefined],
    ['zh', '我想给妈妈买个礼物', MENS, undefined],
  ])('%s: "%s" shows gift ideas for them, never the other side', async (_, text, never, budget) => {
    const reply = await new Dialog().say(text);
    expect(reply.products.length).toBeGreaterThan(1);
    for (const product of reply.products) {
      expect(product.category).not.toMatch(never);
      if (budget !== undefined) expect(product.price).toBeLessThanOrEqual(budget);
    }
  });

  test('a named product wins over the gift suggestions, and who it is for picks the side', async () => {
    const reply = await new Dialog().say('a watch for my husband');
    expect([...categoriesOf(reply)]).toEqual(['mens-watches']);
  });

  test('an interest names what to look at: a gift for someone who loves cooking is kitchenware', async () => {
    const reply = await new Dialog().say('something for my wife who loves cooking');
    expect([...categoriesOf(reply)]).toEqual(['kitchen-accessories']);
  });

  test('a child’s gift is not jewellery, bags or perfume', async () => {
    const reply = await new Dialog().say('birthday gift for a 10 year old');
    expect(reply.products.length).toBeGreaterThan(0);
    for (const product of reply.products)
      expect(product.category).not.toMatch(/^(womens-|mens-)|fragrances|beauty/);
  });
});
