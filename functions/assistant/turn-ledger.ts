import type { Product } from '../catalog/product';
import type { Order } from '../orders/order';

/**
 * What the tools returned during one turn. A reply may only state products, prices, stock and policies
 * recorded here: this is the evidence the grounding check compares the reply against.
 */
export class TurnLedger {
  readonly products = new Map<string, Product>();
  /** Products in the order the last search ranked them. */
  lastSearch: Product[] = [];
  readonly policyTexts: string[] = [];
  /** Answers of store FAQ entries quoted this turn: a source like the policies. */
  readonly faqTexts: string[] = [];
  readonly faqEntryIds: string[] = [];
  readonly orders: Order[] = [];
  readonly toolCalls: string[] = [];
  handoffRequested = false;
  handoffReason?: string;
  /** The shopper asked for something the catalog has nothing for: a latent-demand signal. */
  unanswered = false;

  addProducts(products: Product[]): void {
    for (const product of products) this.products.set(product.id, product);
  }
}
