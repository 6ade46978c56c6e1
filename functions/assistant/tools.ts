import * as z from 'zod/mini';
import type { Product } from '../catalog/product';
import type { SearchIndex } from '../catalog/search-index';
import type { Preferences } from '../conversations/conversation';
import type { FaqIndex } from '../faq/faq-index';
import type { Order } from '../orders/order';
import type { OrderHistory } from '../ports/commerce';
import type { Store } from '../stores/store';
import type { GuidancePlan } from '../strategy/strategy';
import type { BoughtTogether } from './bought-together';
import { cartAction } from './conversation/cart';
import { buildComparison } from './conversation/comparison';
import type { ActiveConstraints } from './conversation/constraints';
import { MAX_RESULTS } from './tool-definitions';
import type { TurnLedger } from './turn-ledger';

/**
 * The assistant's tools. The store comes from the turn's context, never from the model's arguments, so no
 * prompt can reach another store's data.
 */
export interface ToolContext {
  store: Store;
  customerId?: string;
  index: SearchIndex;
  orders: OrderHistory;
  boughtTogether: BoughtTogether;
  plan: GuidancePlan;
  preferences: Preferences;
  /** Products shown in the previous reply, for "the first one". */
  lastProductIds: string[];
  /** What the shopper is looking for now, and every product shown for it (for "show more"). */
  constraints?: ActiveConstraints;
  shownIds?: string[];
  /** The product the last one-product reply was about: "it", "add it to my cart". */
  focusProductId?: string;
  /** Minutes a shopper typically waits for a person. */
  expectedWaitMinutes: number;
  /** This store's FAQ (the merchant's own answers), when it has one. */
  faq?: FaqIndex;
}

const searchArgs = z.object({
  query: z.optional(z.string().check(z.maxLength(200))),
  category: z.optional(z.string().check(z.maxLength(60))),
  brand: z.optional(z.string().check(z.maxLength(60))),
  price_min: z.optional(z.number().check(z.nonnegative())),
  price_max: z.optional(z.number().check(z.nonnegative())),
  in_stock: z.optional(z.boolean()),
  min_rating: z.optional(z.number().check(z.minimum(0), z.maximum(5))),
  sort: z.optional(z.enum(['relevance', 'price_asc', 'price_desc', 'rating'])),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(MAX_RESULTS))),
});
const productArgs = z.object({ product_id: z.string().check(z.maxLength(64)) });
const policyArgs = z.object({
  topic: z.enum(['shipping', 'returns', 'warranty']),
  product_id: z.optional(z.string().check(z.maxLength(64))),
});
const orderArgs = z.object({ order_id: z.optional(z.string().check(z.maxLength(64))) });
const recommendArgs = z.object({
  category: z.optional(z.string().check(z.maxLength(60))),
  budget_max: z.optional(z.number().check(z.nonnegative())),
  based_on_product_id: z.optional(z.string().check(z.maxLength(64))),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(MAX_RESULTS))),
});
const humanArgs = z.object({ reason: z.optional(z.string().check(z.maxLength(300))) });
const compareArgs = z.object({
  product_ids: z.array(z.string().check(z.maxLength(64))).check(z.minLength(2), z.maxLength(4)),
});
const cartArgs = z.object({
  product_id: z.string().check(z.maxLength(64)),
  quantity: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(99))),
});
const faqArgs = z.object({ question: z.string().check(z.minLength(1), z.maxLength(300)) });

export type ToolName =
  | 'search_products'
  | 'get_product'
  | 'get_policy'
  | 'order_status'
  | 'recommend'
  | 'compare_products'
  | 'add_to_cart'
  | 'store_faq'
  | 'request_human';

/** Runs one tool call. Bad arguments and unknown tools are results the model can read, not exceptions. */
export async function runTool(name: string, rawArgs: unknown, context: ToolContext, ledger: TurnLedger) {
  ledger.toolCalls.push(name);
  const args = typeof rawArgs === 'string' ? safeJson(rawArgs) : rawArgs;
  switch (name) {
    case 'search_products': {
      const parsed = searchArgs.safeParse(args ?? {});
      return parsed.success ? searchProducts(parsed.data, context, ledger) : invalid(parsed.error);
    }
    case 'get_product': {
      const parsed = productArgs.safeParse(args);
      return parsed.success ? getProduct(parsed.data.product_id, context, ledger) : invalid(parsed.error);
    }
    case 'get_policy': {
      const parsed = policyArgs.safeParse(args);
      return parsed.success ? getPolicy(parsed.data, context, ledger) : invalid(parsed.error);
    }
    case 'order_status': {
      const parsed = orderArgs.safeParse(args ?? {});
      return parsed.success ? orderStatus(parsed.data.order_id, context, ledger) : invalid(parsed.error);
    }
    case 'recommend': {
      const parsed = recommendArgs.safeParse(args ?? {});
      return parsed.success ? recommend(parsed.data, context, ledger) : invalid(parsed.error);
    }
    case 'compare_products': {
      const parsed = compareArgs.safeParse(args);
      return parsed.success
        ? compareProducts(parsed.data.product_ids, context, ledger)
        : invalid(parsed.error);
    }
    case 'add_to_cart': {
      const parsed = cartArgs.safeParse(args);
      return parsed.success
        ? addToCart(parsed.data.product_id, parsed.data.quantity ?? 1, context, ledger)
        : invalid(parsed.error);
    }
    case 'store_faq': {
      const parsed = faqArgs.safeParse(args);
      return parsed.success ? storeFaq(parsed.data.question, context, ledger) : invalid(parsed.error);
    }
    case 'request_human': {
      const parsed = humanArgs.safeParse(args ?? {});
      ledger.handoffRequested = true;
      ledger.handoffReason = parsed.success ? parsed.data.reason : undefined;
      return { status: 'requested', expected_wait_minutes: context.expectedWaitMinutes };
    }
    default:
      return { error: `unknown tool ${name}` };
  }
}

/** The store's FAQ entries for a question; their answers become sources of this turn's reply. */
export function storeFaq(question: string, context: ToolContext, ledger: TurnLedger) {
  const match = context.faq?.match(question);
  if (!match) return { found: false, note: 'The store has no answer to this question.' };
  ledger.faqTexts.push(match.entry.answer);
  ledger.faqEntryIds.push(match.entry.entryId);
  return { found: true, question: match.question, answer: match.entry.answer };
}

/** `categories` is for internal callers (the offline assistant) that already resolved several categories. */
export function searchProducts(
  args: z.infer<typeof searchArgs> & { categories?: string[] },
  context: ToolContext,
  ledger: TurnLedger,
) {
  const categories = args.categories?.length
    ? args.categories
    : args.category
      ? resolveCategories(args.category, context.index)
      : undefined;
  const hits = context.index.search({
    text: args.query,
    filters: {
      categories,
      brand: args.brand,
      priceMin: args.price_min,
      priceMax: args.price_max,
      inStock: args.in_stock,
      minRating: args.min_rating,
    },
    limit: args.limit ?? 5,
    weights: context.plan.variant.weights,
    boosts: context.plan.boosts,
    sort: args.sort,
  });
  const products = hits.map((hit) => hit.product);
  ledger.addProducts(products);
  ledger.lastSearch = products;
  if (products.length === 0) ledger.unanswered = true;
  return { count: products.length, products: products.map(summarise) };
}

function getProduct(productId: string, context: ToolContext, ledger: TurnLedger) {
  const product = context.index.get(productId);
  if (!product) return { error: 'not_found' };
  ledger.addProducts([product]);
  return {
    product: {
      ...summarise(product),
      description: product.description.slice(0, 300),
      warranty: product.warranty,
      shipping: product.shipping,
      returnPolicy: product.returnPolicy,
    },
  };
}

function compareProducts(ids: string[], context: ToolContext, ledger: TurnLedger) {
  const products = [...new Set(ids)].map((id) => context.index.get(id)).filter((p): p is Product => !!p);
  if (products.length < 2) return { error: 'need_two_known_products' };
  ledger.addProducts(products);
  const { comparison, verdict } = buildComparison(products, 'en');
  ledger.comparison = comparison;
  ledger.lastSearch = products;
  return { products: products.map(summarise), rows: comparison.rows, verdict };
}

/**
 * Only a product this shopper has been shown (the last list, the product in focus, or a tool result of
 * this turn) can go to the cart: the cart outcome is then a signal about a reply of this conversation.
 */
function addToCart(productId: string, quantity: number, context: ToolContext, ledger: TurnLedger) {
  const product = context.index.get(productId);
  if (!product) return { error: 'not_found' };
  const shown =
    context.lastProductIds.includes(productId) ||
    context.focusProductId === productId ||
    (context.shownIds ?? []).includes(productId) ||
    ledger.products.has(productId);
  if (!shown) return { error: 'not_shown', detail: 'show the product (get_product) before adding it' };
  ledger.addProducts([product]);
  const action = cartAction(product, quantity, context.store.cartUrlTemplate);
  ledger.actions.push(action);
  return { added: { ...summarise(product), quantity }, checkout_url: action.url };
}

function getPolicy(args: z.infer<typeof policyArgs>, context: ToolContext, ledger: TurnLedger) {
  const storePolicy = context.store.policies[args.topic === 'returns' ? 'returns' : args.topic];
  ledger.policyTexts.push(storePolicy);
  const product = args.product_id ? context.index.get(args.product_id) : undefined;
  if (!product) return { topic: args.topic, store_policy: storePolicy };
  ledger.addProducts([product]);
  const productPolicy =
    args.topic === 'shipping'
      ? product.shipping
      : args.topic === 'returns'
        ? product.returnPolicy
        : product.warranty;
  if (productPolicy) ledger.policyTexts.push(productPolicy);
  return {
    topic: args.topic,
    store_policy: storePolicy,
    product_title: product.title,
    product_policy: productPolicy,
  };
}

async function orderStatus(orderId: string | undefined, context: ToolContext, ledger: TurnLedger) {
  // Order data is personal: without a verified shopper identity nothing is looked up at all.
  if (!context.customerId) return { error: 'identity_required' };
  let orders: Order[];
  if (orderId) {
    const order = await context.orders.get(context.store.id, orderId.replace(/^#/, ''));
    // Someone else's order is reported exactly like a missing one, so ids cannot be probed.
    orders = order && order.customerId === context.customerId ? [order] : [];
  } else {
    orders = await context.orders.listByCustomer(context.store.id, context.customerId, 3);
  }
  if (orders.length === 0) return { error: 'not_found' };
  ledger.orders.push(...orders);
  return {
    orders: orders.map((o) => ({
      id: o.id,
      status: o.status,
      created_at: o.createdAt,
      total: o.total,
      currency: o.currency,
      carrier: o.carrier,
      tracking_number: o.trackingNumber,
      estimated_delivery: o.estimatedDelivery,
      items: o.items.map((i) => ({ title: i.title, quantity: i.quantity })),
    })),
  };
}

async function recommend(args: z.infer<typeof recommendArgs>, context: ToolContext, ledger: TurnLedger) {
  const limit = args.limit ?? 4;
  const history = context.customerId
    ? await context.orders.listByCustomer(context.store.id, context.customerId, 10)
    : [];
  const owned = new Set(history.flatMap((o) => o.items.map((i) => i.productId)));
  const anchorIds = [args.based_on_product_id, ...context.lastProductIds, ...owned].filter(
    (id): id is string => !!id,
  );
  const together = await context.boughtTogether.forProducts(context.store.id, anchorIds.slice(0, 5));
  const budgetMax = args.budget_max ?? context.preferences.budgetMax;
  const categories = args.category
    ? resolveCategories(args.category, context.index)
    : context.preferences.categories?.length
      ? context.preferences.categories
      : undefined;
  const candidates = new Map<string, { product: Product; score: number; why: string }>();
  for (const { productId, count } of together) {
    const product = context.index.get(productId);
    if (!product || owned.has(productId) || !fits(product, budgetMax, categories)) continue;
    candidates.set(productId, { product, score: 2 + Math.log1p(count), why: 'bought_together' });
  }
  const historyCategories = [
    ...new Set(history.flatMap((o) => o.items.map((i) => context.index.get(i.productId)?.category))),
  ].filter((c): c is string => !!c);
  const hits = context.index.search({
    text: context.preferences.brands?.join(' '),
    filters: {
      categories: categories ?? (historyCategories.length ? historyCategories : undefined),
      priceMax: budgetMax,
      inStock: true,
    },
    limit: limit * 2,
    weights: context.plan.variant.weights,
    boosts: context.plan.boosts,
  });
  for (const hit of hits) {
    if (owned.has(hit.product.id) || candidates.has(hit.product.id)) continue;
    candidates.set(hit.product.id, { product: hit.product, score: 1 + hit.score / 10, why: 'preferences' });
  }
  const ranked = [...candidates.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  const products = ranked.map((r) => r.product);
  ledger.addProducts(products);
  ledger.lastSearch = products;
  return {
    count: products.length,
    products: ranked.map((r) => ({ ...summarise(r.product), reason: r.why })),
  };
}

function fits(product: Product, budgetMax: number | undefined, categories: string[] | undefined) {
  if (product.stock <= 0) return false;
  if (budgetMax !== undefined && product.price > budgetMax) return false;
  return !categories || categories.includes(product.category);
}

/** The model may say "phones" or "手机": map to catalog categories, or keep an exact id. */
function resolveCategories(category: string, index: SearchIndex): string[] {
  const wanted = category.trim().toLowerCase();
  const all = index.categories();
  if (all.includes(wanted)) return [wanted];
  const matches = all.filter((c) => c.includes(wanted) || wanted.includes(c.replace(/s$/, '')));
  return matches.length ? matches : [wanted];
}

function summarise(product: Product) {
  return {
    id: product.id,
    title: product.title,
    brand: product.brand,
    category: product.category,
    price: product.price,
    currency: product.currency,
    stock: product.stock,
    in_stock: product.stock > 0,
    rating: product.rating,
  };
}

function invalid(error: z.core.$ZodError) {
  return { error: 'invalid_arguments', detail: error.issues[0]?.message ?? 'invalid' };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return undefined;
  }
}
