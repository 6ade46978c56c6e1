import type { Product } from '../catalog/product';
import { faqFactProblems } from './faq-grounding';
import type { TurnLedger } from './turn-ledger';

export interface GroundingResult {
  ok: boolean;
  problems: string[];
}

export interface GroundingInput {
  reply: string;
  ledger: TurnLedger;
  /** Every product title in the store, to catch products named without a tool result. */
  catalogTitles: Iterable<{ id: string; title: string }>;
  /** Numbers the shopper said this turn ("under $300") may be echoed back. */
  shopperText: string;
  /** The catalog's brand names: a title that is also a brand ("Apple") is read as the brand. */
  catalogBrands?: Iterable<string>;
  /** The store FAQ's answer to the shopper's question, when an entry answers it (see `faq-grounding.ts`). */
  storeAnswer?: string;
}

const AMOUNT_PATTERNS = [
  /(?:US|CA|A|HK|NZ|S)?[$€£¥￥]\s?(\d[\d,]*(?:\.\d+)?)/g,
  /(\d[\d,]*(?:\.\d+)?)\s?(?:美元|美金|块钱|元|dollars?|usd|eur|euros?)/gi,
];
const STOCK_PATTERNS = [
  /(\d+)\s?(?:left|in stock|units?|pieces|available|remaining)/gi,
  /(?:仅剩|还剩|只剩|库存|剩余)\s?(\d+)/g,
  /(\d+)\s?(?:件|台|个)?\s?(?:库存|现货)/g,
];

/**
 * Checks that every price, stock figure and product name in a reply comes from this turn's tool results,
 * and that a reply quoting the store's FAQ adds no place, payment method or figure the entry lacks.
 * The model's text is evidence-checked, not trusted: an ungrounded reply is regenerated or replaced.
 */
export function checkGrounding(input: GroundingInput): GroundingResult {
  const problems: string[] = [];
  const text = input.reply;
  // Comparison rows are part of what the shopper reads: their prices are checked like the text.
  const rowValues = input.ledger.comparison?.rows.flatMap((r) => r.values) ?? [];
  const products = [...input.ledger.products.values()];
  // The store's own answers: the entries quoted this turn, and the one that answers the question.
  const faqSources = [...input.ledger.faqTexts, ...(input.storeAnswer ? [input.storeAnswer] : [])];

  const allowedAmounts = new Set<number>();
  for (const p of products) {
    allowedAmounts.add(round(p.price));
    if (p.discountPercentage) allowedAmounts.add(round(p.price * (1 - p.discountPercentage / 100)));
  }
  for (const order of input.ledger.orders) {
    allowedAmounts.add(round(order.total));
    for (const line of order.items) {
      allowedAmounts.add(round(line.price));
      allowedAmounts.add(round(line.price * line.quantity));
    }
  }
  for (const source of [...input.ledger.policyTexts, ...faqSources, input.shopperText]) {
    for (const n of numbersIn(source)) allowedAmounts.add(round(n));
  }
  for (const amount of [text, ...rowValues].flatMap(amountsIn)) {
    if (!hasClose(allowedAmounts, amount))
      problems.push(`price ${amount} is not in this turn's tool results`);
  }

  const allowedStock = new Set(products.map((p) => p.stock));
  for (const source of [input.shopperText, ...faqSources])
    for (const n of numbersIn(source)) allowedStock.add(n);
  const faqText = faqSources.join('\n').toLowerCase();
  for (const pattern of STOCK_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const n = Number(match[1]);
      // Prices and years are not stock claims; the amount check above covers prices.
      if (Number.isFinite(n) && !allowedStock.has(n) && !isPartOfAmount(text, match.index ?? 0)) {
        problems.push(`stock figure ${n} is not in this turn's tool results`);
      }
    }
  }

  const lower = text.toLowerCase();
  // Titles of products the tools returned are masked first: "Apple" inside "Apple MacBook Pro" is not the
  // fruit. A title that is also a brand name is the brand when it stands alone ("what about Apple?").
  const masked = maskTitles(lower, products);
  const brands = new Set([...(input.catalogBrands ?? [])].map((b) => b.toLowerCase()));
  // A product named in the description of a returned product ("pairs with the Apple AirPods") is evidence.
  const descriptions = products.map((p) => p.description.toLowerCase()).join('\n');
  for (const { id, title } of input.catalogTitles) {
    if (title.length < 5 || input.ledger.products.has(id) || brands.has(title.toLowerCase())) continue;
    // The merchant's own FAQ answer may name a product: it is the store speaking, not the model guessing.
    if (faqText && containsTitle(faqText, title.toLowerCase())) continue;
    const lowerTitle = title.toLowerCase();
    if (containsTitle(masked, lowerTitle) && !containsTitle(descriptions, lowerTitle))
      problems.push(`product "${title}" was named without a tool result`);
  }

  for (const product of products) problems.push(...stockContradictions(lower, product));
  problems.push(...faqFactProblems(text, input.ledger, input.shopperText, input.storeAnswer));
  return { ok: problems.length === 0, problems: [...new Set(problems)] };
}

/** "X is out of stock" when X has stock, or "X is in stock" when it has none. */
function stockContradictions(lowerText: string, product: Product): string[] {
  const at = lowerText.indexOf(product.title.toLowerCase());
  if (at < 0) return [];
  const window = lowerText.slice(at, at + product.title.length + 60);
  const saysOut = /out of stock|sold out|缺货|无货|售罄/.test(window);
  const saysIn = /\bin stock\b|有货|现货/.test(window) && !saysOut;
  if (saysOut && product.stock > 0)
    return [`"${product.title}" is said to be out of stock but has ${product.stock}`];
  if (saysIn && product.stock <= 0) return [`"${product.title}" is said to be in stock but has none`];
  return [];
}

function maskTitles(lowerText: string, products: Product[]): string {
  let masked = lowerText;
  const titles = products.map((p) => p.title.toLowerCase()).sort((a, b) => b.length - a.length);
  for (const title of titles) {
    if (title.length < 3) continue;
    masked = masked.split(title).join(' '.repeat(title.length));
  }
  return masked;
}

function amountsIn(text: string): number[] {
  const out: number[] = [];
  for (const pattern of AMOUNT_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const n = Number((match[1] ?? '').replace(/,/g, ''));
      if (Number.isFinite(n)) out.push(n);
    }
  }
  return out;
}

function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)]
    .map((m) => Number(m[0].replace(/,/g, '')))
    .filter(Number.isFinite);
}

function isPartOfAmount(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 2), index);
  return /[$€£¥￥.]/.test(before);
}

function containsTitle(haystack: string, title: string): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(title, from);
    if (at < 0) return false;
    const before = haystack[at - 1];
    const after = haystack[at + title.length];
    if (!isWordChar(before) && !isWordChar(after)) return true;
    from = at + 1;
  }
}

function isWordChar(ch: string | undefined): boolean {
  return !!ch && /[a-z0-9]/i.test(ch);
}

const round = (n: number) => Math.round(n * 100) / 100;
function hasClose(set: Set<number>, value: number): boolean {
  for (const candidate of set) if (Math.abs(candidate - value) < 0.011) return true;
  return false;
}
