import type { Product } from '../catalog/product';
import type { Language } from '../conversations/conversation';
import type { Order } from '../orders/order';
import type { Store } from '../stores/store';
import { stockLabel } from '../catalog/stock-wording';
import { formatPrice } from './format';

/**
 * Templated replies of the offline assistant, in the shopper's language. They only interpolate tool
 * results, so they are grounded by construction (and still pass through the grounding check).
 */

type Style = 'concise' | 'consultative';

export function productLine(product: Product, language: Language): string {
  const price = formatPrice(product.price, product.currency, language);
  const rating = product.rating
    ? language === 'zh'
      ? `，评分 ${product.rating.toFixed(1)}`
      : `, rated ${product.rating.toFixed(1)}/5`
    : '';
  return language === 'zh'
    ? `• ${product.title}：${price}，${stockLabel(product.stock, language)}${rating}`
    : `• ${product.title}: ${price}, ${stockLabel(product.stock, language)}${rating}`;
}

export function searchResultsText(
  products: Product[],
  language: Language,
  style: Style,
  description: { label: string; budget?: string },
): string {
  const lines = products.map((p) => productLine(p, language));
  const heading =
    language === 'zh'
      ? `为您找到这些${description.budget ? `${description.budget}的` : ''}${description.label}：`
      : `Here are ${description.label}${description.budget ? ` ${description.budget}` : ''} I found:`;
  if (style === 'concise' || products.length < 2) return [heading, ...lines].join('\n');
  const best = [...products].sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0))[0];
  const cheapest = [...products].sort((a, b) => a.price - b.price)[0];
  const advice =
    language === 'zh'
      ? best.id === cheapest.id
        ? `${best.title} 评分最高，价格也最低。`
        : `${best.title} 评分最高；想省钱的话，${cheapest.title} 最便宜。`
      : best.id === cheapest.id
        ? `${best.title} is both the best rated and the cheapest.`
        : `${best.title} is the best rated; ${cheapest.title} is the most affordable.`;
  const question =
    language === 'zh'
      ? '您更看重哪一点？我可以帮您进一步筛选。'
      : 'What matters most to you? I can narrow it down.';
  return [heading, ...lines, '', advice, question].join('\n');
}

export function noResultsText(language: Language, description: { label: string; budget?: string }): string {
  return language === 'zh'
    ? `抱歉，目前没有找到${description.budget ? `${description.budget}的` : '符合条件的'}${description.label}。可以放宽预算或换个关键词试试。`
    : `Sorry, I couldn't find ${description.label}${description.budget ? ` ${description.budget}` : ''} right now. Try a wider budget or other words.`;
}

export function clarifyText(language: Language, label: string): string {
  return language === 'zh'
    ? `好的，帮您挑${label}。您的预算大概是多少？主要用来做什么？`
    : `Happy to help you find ${label}. What's your budget, and what will you mainly use it for?`;
}

export function productDetailsText(product: Product, language: Language): string {
  const price = formatPrice(product.price, product.currency, language);
  const stock = stockLabel(product.stock, language);
  const description =
    product.description.length > 220 ? `${product.description.slice(0, 217)}...` : product.description;
  const extras = [product.warranty, product.shipping, product.returnPolicy].filter(Boolean).join(' · ');
  return language === 'zh'
    ? `${product.title}：${price}，${stock}。\n${description}${extras ? `\n${extras}` : ''}`
    : `${product.title}: ${price}, ${stock}.\n${description}${extras ? `\n${extras}` : ''}`;
}

export function policyText(
  topic: 'shipping' | 'returns' | 'warranty',
  store: Store,
  language: Language,
  product?: Product,
): string {
  const productPolicy = product
    ? topic === 'shipping'
      ? product.shipping
      : topic === 'returns'
        ? product.returnPolicy
        : product.warranty
    : undefined;
  const storePolicy = store.policies[topic];
  const names = {
    shipping: ['Shipping', '配送'],
    returns: ['Returns', '退货'],
    warranty: ['Warranty', '保修'],
  }[topic];
  if (language === 'zh') {
    return product && productPolicy
      ? `${product.title} 的${names[1]}信息：${productPolicy}。\n店铺政策：${storePolicy}`
      : `${names[1]}政策：${storePolicy}`;
  }
  return product && productPolicy
    ? `${names[0]} for ${product.title}: ${productPolicy}.\nStore policy: ${storePolicy}`
    : `${names[0]} policy: ${storePolicy}`;
}

export function orderStatusText(orders: Order[], language: Language): string {
  const statusNames: Record<Order['status'], [string, string]> = {
    placed: ['placed', '已下单'],
    paid: ['paid, being prepared', '已付款，备货中'],
    shipped: ['shipped', '已发货'],
    delivered: ['delivered', '已送达'],
    cancelled: ['cancelled', '已取消'],
    refunded: ['refunded', '已退款'],
  };
  return orders
    .map((o) => {
      const status = statusNames[o.status][language === 'zh' ? 1 : 0];
      const total = formatPrice(o.total, o.currency, language);
      const tracking = o.trackingNumber
        ? language === 'zh'
          ? `，${o.carrier ?? '物流'}单号 ${o.trackingNumber}`
          : `, ${o.carrier ?? 'tracking'} ${o.trackingNumber}`
        : '';
      const eta = o.estimatedDelivery
        ? language === 'zh'
          ? `，预计 ${o.estimatedDelivery.slice(0, 10)} 送达`
          : `, expected ${o.estimatedDelivery.slice(0, 10)}`
        : '';
      return language === 'zh'
        ? `订单 #${o.id}（${total}）：${status}${tracking}${eta}。`
        : `Order #${o.id} (${total}): ${status}${tracking}${eta}.`;
    })
    .join('\n');
}

export const TEXT = {
  identityRequired: {
    en: 'For your privacy I can only look up orders once you are signed in to the store. Please sign in, or ask for a person and we will verify you.',
    zh: '为保护您的隐私，登录店铺账号后我才能查询订单。请先登录，或转人工由客服为您核实。',
  },
  orderNotFound: {
    en: "I couldn't find that order on your account. Please check the order number.",
    zh: '在您的账号下没有找到这个订单，请核对订单号。',
  },
  handoff: {
    en: (minutes: number) =>
      `I've asked a person from our team to join. The usual wait is about ${minutes} minutes; you can keep writing here.`,
    zh: (minutes: number) => `已为您转接人工客服，通常约 ${minutes} 分钟内回复，您可以继续在这里留言。`,
  },
  handoffPending: {
    en: 'A person from our team has been asked and will reply here soon.',
    zh: '已通知人工客服，稍后会在这里回复您。',
  },
  greeting: {
    en: (store: string) =>
      `Hi! I'm the ${store} shopping assistant. Tell me what you're looking for, your budget, or ask about an order.`,
    zh: (store: string) => `您好！我是 ${store} 的导购助手。告诉我您想买什么、预算多少，或者查询订单。`,
  },
  thanks: { en: "You're welcome! Anything else I can help with?", zh: '不客气！还有什么可以帮您？' },
  sizesNotListed: {
    en: "Our catalog doesn't list sizes for these products, so I can't tell which sizes are available. A person from our team can check for you.",
    zh: '我们的商品目录里没有这些商品的尺码信息，我无法确认有哪些尺码。可以请店员为您查询。',
  },
  catalogOverview: {
    en: (store: string, kinds: number, lines: string[]) =>
      `${store} carries ${kinds} kinds of products. The largest:\n${lines.map((l) => `• ${l}`).join('\n')}\nTell me what you need, or pick one to browse.`,
    zh: (store: string, kinds: number, lines: string[]) =>
      `${store} 共有 ${kinds} 类商品，主要有：\n${lines.map((l) => `• ${l}`).join('\n')}\n告诉我您需要什么，或者选一类看看。`,
  },
  notUnderstood: {
    en: 'I\'m not sure I understood. You can ask for a product ("running shoes under $100"), shipping or returns, or an order.',
    zh: '抱歉，我没太明白。您可以问商品（比如“300美元以内的手机”）、配送退货政策，或者查询订单。',
  },
} as const;

export function suggestionsFor(
  kind: 'greeting' | 'results' | 'details' | 'none' | 'order' | 'handoff',
  language: Language,
): string[] {
  const en: Record<typeof kind, string[]> = {
    greeting: ['Cheap smartphone under $300', 'Best-rated perfume', 'Where is my order?'],
    results: ['Show cheaper options', 'Only in-stock items', 'Shipping & returns', 'Talk to a person'],
    details: ['Shipping for this', 'Return policy', 'Similar products'],
    none: ['Show popular products', 'Talk to a person'],
    order: ['Return policy', 'Talk to a person'],
    handoff: [],
  };
  const zh: Record<typeof kind, string[]> = {
    greeting: ['300美元以内的手机', '评分最高的香水', '我的订单到哪了？'],
    results: ['看看更便宜的', '只看有货的', '运费和退货政策', '转人工'],
    details: ['这个怎么配送', '退货政策', '类似的商品'],
    none: ['看看热门商品', '转人工'],
    order: ['退货政策', '转人工'],
    handoff: [],
  };
  return (language === 'zh' ? zh : en)[kind];
}
