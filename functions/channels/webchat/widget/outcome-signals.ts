/**
 * What the shopper did with the products a reply showed: DOM events for the host page (`shopguide:product-click`;
 * `shopguide:add-to-cart` comes from the cart tracker) and outcome events for the store's feedback loop (`POST /events`).
 */
import type { WireProduct } from '../wire';
import type { ChatApi } from './api-client';

export class OutcomeSignals {
  /** A product is counted as clicked once per reply. */
  private readonly clicked = new Set<string>();

  constructor(
    private readonly storeId: string,
    private readonly api: ChatApi,
    private readonly sessionToken: () => Promise<string>,
  ) {}

  productClicked(product: WireProduct, replyId: string | undefined): void {
    this.emit('shopguide:product-click', product, replyId);
    const key = `${replyId ?? ''}:${product.id}`;
    if (this.clicked.has(key)) return;
    this.clicked.add(key);
    void this.record('click', product.id, replyId);
  }

  /** The card's button: recorded for the store (the cart tracker tells the host page). */
  addedToCart(product: WireProduct, replyId: string | undefined): void {
    void this.record('add_to_cart', product.id, replyId);
  }

  /** A new session starts counting afresh. */
  reset(): void {
    this.clicked.clear();
  }

  private async record(type: 'click' | 'add_to_cart', productId: string, replyId?: string): Promise<void> {
    try {
      await this.api.recordOutcome(await this.sessionToken(), {
        type,
        productId: String(productId),
        ...(replyId ? { replyId } : {}),
      });
    } catch {
      // Outcome signals are best effort: a lost click must never disturb the shopper.
    }
  }

  private emit(name: string, product: WireProduct, replyId?: string): void {
    window.dispatchEvent(
      new CustomEvent(name, { detail: { storeId: this.storeId, replyId, product: { ...product } } }),
    );
  }
}
