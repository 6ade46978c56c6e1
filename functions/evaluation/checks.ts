import type { Product } from '../catalog/product';
import type { SearchIndex } from '../catalog/search-index';
import type { TurnExpectation } from './dialog-file';

/** A reply as the web chat API returns it; what the checks read. */
export interface EvalReply {
  text: string;
  language?: string;
  products: {
    id: string;
    title: string;
    price: number;
    category: string;
    brand?: string;
    stock: number;
    rating?: number;
    reason?: string;
  }[];
  actions?: { type: string; productId: string; quantity: number; url?: string }[];
  comparison?: { productIds: string[]; rows: { label: string; values: string[] }[] };
}

/** What the dialog has shown so far: the last list (two or more products), the focus, everything shown. */
export interface DialogMemory {
  list: EvalReply['products'];
  focus?: string;
  shown: Set<string>;
}

const PRICE = /(?:US|CA|A|HK)?[$€£¥￥]\s?(\d[\d,]*(?:\.\d+)?)/g;
const cents = (n: number) => Math.round(n * 100);

/**
 * Checks one reply against its expectation, the previous replies and the catalog. Returns the reasons it
 * fails (empty when it passes). Generic: nothing here knows a phrasing, only what a good answer must show.
 */
export function checkTurn(
  expect: TurnExpectation,
  reply: EvalReply,
  memory: DialogMemory,
  index: SearchIndex,
  shopperText: string,
): string[] {
  const failures: string[] = [];
  const fail = (reason: string) => failures.push(reason);
  const products = reply.products;
  const ids = products.map((p) => p.id);
  const list = memory.list;

  if (expect.language && reply.language !== expect.language)
    fail(`language ${reply.language}, expected ${expect.language}`);
  if (expect.noProducts && products.length) fail(`expected no products, got ${products.length}`);
  const min = expect.minProducts ?? (needsProducts(expect) ? 1 : 0);
  if (products.length < min) fail(`${products.length} products, expected at least ${min}`);
  if (expect.maxProducts !== undefined && products.length > expect.maxProducts)
    fail(`${products.length} products, expected at most ${expect.maxProducts}`);
  for (const p of products) {
    if (expect.categories && !expect.categories.includes(p.category))
      fail(`"${p.title}" is in ${p.category}`);
    if (expect.maxPrice !== undefined && p.price > expect.maxPrice)
      fail(`"${p.title}" costs ${p.price} > ${expect.maxPrice}`);
    if (expect.minPrice !== undefined && p.price < expect.minPrice)
      fail(`"${p.title}" costs ${p.price} < ${expect.minPrice}`);
    if (expect.inStock && p.stock <= 0) fail(`"${p.title}" is out of stock`);
    if (expect.brand && p.brand?.toLowerCase() !== expect.brand.toLowerCase())
      fail(`"${p.title}" is ${p.brand ?? 'unbranded'}`);
    if (!p.reason?.trim()) fail(`"${p.title}" has no reason`);
  }

  const listCategories = [...new Set(list.map((p) => p.category))];
  const inListCategories = () =>
    index.search({ filters: { categories: listCategories }, limit: 1000 }).map((h) => h.product);
  if (expect.cheaperThanPrevious) {
    const floor = Math.min(...list.map((p) => p.price));
    const cheapest = minBy(inListCategories(), (p) => p.price);
    const allCheaper = products.length > 0 && products.every((p) => p.price < floor);
    const noneExists = !!cheapest && cheapest.price >= floor && ids.includes(cheapest.id);
    if (!allCheaper && !noneExists) fail(`not all cheaper than ${floor}, and a cheaper product exists`);
  }
  if (expect.pricierThanPrevious) {
    const ceiling = Math.max(...list.map((p) => p.price));
    const priciest = minBy(inListCategories(), (p) => -p.price);
    const allPricier = products.length > 0 && products.every((p) => p.price > ceiling);
    const noneExists = !!priciest && priciest.price <= ceiling && ids.includes(priciest.id);
    if (!allPricier && !noneExists) fail(`not all pricier than ${ceiling}, and a pricier product exists`);
  }
  if (expect.betterRatedThanPrevious) {
    const mean = list.reduce((sum, p) => sum + (p.rating ?? 0), 0) / Math.max(1, list.length);
    const best = minBy(inListCategories(), (p) => -(p.rating ?? 0));
    const allBetter = products.length > 0 && products.every((p) => (p.rating ?? 0) > mean);
    if (!allBetter && !(best && ids.includes(best.id))) fail(`not all rated above ${mean.toFixed(2)}`);
  }
  if (expect.newBrand) {
    const before = new Set(list.map((p) => p.brand?.toLowerCase()).filter(Boolean));
    for (const p of products)
      if (p.brand && before.has(p.brand.toLowerCase())) fail(`"${p.title}" is ${p.brand}, shown before`);
  }
  if (expect.noRepeats)
    for (const p of products) if (memory.shown.has(p.id)) fail(`"${p.title}" was shown before`);
  if (expect.refersTo !== undefined) {
    const target = pick(list, expect.refersTo);
    if (!target) fail(`the last list has no product ${String(expect.refersTo)}`);
    else if (ids[0] !== target.id) fail(`refers to ${ids[0] ?? 'nothing'}, expected "${target.title}"`);
  }
  if (expect.compares) {
    const wanted = expect.compares.map((c) =>
      typeof c === 'number' ? pick(list, c)?.id : titled(index, c)?.id,
    );
    const got = reply.comparison?.productIds ?? [];
    if (wanted.some((id) => !id)) fail(`cannot resolve ${JSON.stringify(expect.compares)}`);
    else if (got.join() !== wanted.join())
      fail(`compares [${got.join(', ')}], expected [${wanted.join(', ')}]`);
    const rowsComplete = reply.comparison?.rows.every((r) => r.values.length === got.length) ?? false;
    if (!rowsComplete || (reply.comparison?.rows.length ?? 0) < 7) fail('comparison rows incomplete');
  }
  if (expect.addToCart !== undefined) {
    const target = expect.addToCart === 'focus' ? memory.focus : pick(list, expect.addToCart)?.id;
    const action = reply.actions?.find((a) => a.type === 'add_to_cart');
    if (!target) fail(`no product ${String(expect.addToCart)} to add`);
    else if (action?.productId !== target)
      fail(`cart action for ${action?.productId ?? 'nothing'}, expected ${target}`);
    if (expect.quantity !== undefined && action?.quantity !== expect.quantity)
      fail(`quantity ${action?.quantity}, expected ${expect.quantity}`);
  }
  if (expect.advice) {
    const catalog = index
      .search({ filters: { categories: [expect.advice] }, limit: 1000 })
      .map((h) => h.product);
    const quoted = new Set(
      [...reply.text.matchAll(PRICE)].map((m) => cents(Number((m[1] ?? '').replace(/,/g, '')))),
    );
    const low = minBy(catalog, (p) => p.price);
    const high = minBy(catalog, (p) => -p.price);
    if (!low || !quoted.has(cents(low.price)) || !high || !quoted.has(cents(high.price)))
      fail('the guide does not quote the category price range');
    const catalogPrices = new Set(catalog.map((p) => cents(p.price)));
    for (const amount of quoted)
      if (!catalogPrices.has(amount)) fail(`quoted ${amount / 100} is not a ${expect.advice} price`);
    if (new Set(products.map((p) => p.price)).size < 2) fail('fewer than two picks at different prices');
  }
  if (expect.pricesShown ?? !expect.advice) {
    const allowed = new Set(products.map((p) => cents(p.price)));
    for (const n of shopperText.match(/\d[\d,]*(?:\.\d+)?/g) ?? [])
      allowed.add(cents(Number(n.replace(/,/g, ''))));
    for (const m of reply.text.matchAll(PRICE)) {
      const amount = cents(Number((m[1] ?? '').replace(/,/g, '')));
      if (!allowed.has(amount)) fail(`quoted price ${amount / 100} is not a shown product's price`);
    }
  }
  return failures;
}

function needsProducts(expect: TurnExpectation): boolean {
  return !!(
    expect.categories ||
    expect.brand ||
    expect.refersTo !== undefined ||
    expect.addToCart !== undefined ||
    expect.compares
  );
}

/** The list after a reply: two or more products replace it, one product becomes the focus. */
export function remember(memory: DialogMemory, reply: EvalReply): DialogMemory {
  for (const p of reply.products) memory.shown.add(p.id);
  if (reply.products.length >= 2 || (reply.products.length === 1 && memory.list.length < 2))
    return {
      ...memory,
      list: reply.products,
      focus: reply.products.length === 1 ? reply.products[0]?.id : undefined,
    };
  if (reply.products.length === 1) return { ...memory, focus: reply.products[0]?.id };
  return memory;
}

function pick<T extends { price: number; rating?: number }>(list: T[], at: number | string): T | undefined {
  if (typeof at === 'number') return at < 0 ? list[list.length + at] : list[at - 1];
  if (at === 'cheapest') return minBy(list, (p) => p.price);
  if (at === 'most_expensive') return minBy(list, (p) => -p.price);
  return minBy(list, (p) => -(p.rating ?? 0));
}

function titled(index: SearchIndex, title: string): Product | undefined {
  const lower = title.toLowerCase();
  return index.search({ text: title, limit: 20 }).find((h) => h.product.title.toLowerCase() === lower)
    ?.product;
}

function minBy<T>(items: T[], key: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>(
    (best, item) => (best === undefined || key(item) < key(best) ? item : best),
    undefined,
  );
}
