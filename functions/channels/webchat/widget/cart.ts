/**
 * The shopper's cart as the widget sees it: a badge counting what was added in this session, the
 * `shopguide:add-to-cart` DOM event the host page listens to, and checkout links from the store's cart
 * URL template.
 */
import type { WireProduct } from '../wire';
import { el } from './dom';
import type { Strings } from './strings';

export class CartTracker {
  private count = 0;

  constructor(
    private readonly storeId: string,
    private readonly badge: HTMLElement,
    private readonly template: () => string | undefined,
  ) {
    this.render();
  }

  /**
   * Something went into the cart (the card's button, or an action of a reply): the host page hears of it,
   * the badge counts it. Returns the checkout link when the store has a cart URL template.
   */
  added(
    product: WireProduct | { id: string },
    quantity: number,
    replyId?: string,
    url?: string,
  ): string | undefined {
    this.count += quantity;
    this.render();
    window.dispatchEvent(
      new CustomEvent('shopguide:add-to-cart', {
        detail: {
          productId: String(product.id),
          quantity,
          storeId: this.storeId,
          replyId,
          product: { ...product },
        },
      }),
    );
    return url ?? this.urlFor(String(product.id), quantity);
  }

  /** A new session starts with an empty badge. */
  reset(): void {
    this.count = 0;
    this.render();
  }

  private urlFor(productId: string, quantity: number): string | undefined {
    const template = this.template();
    if (!template) return undefined;
    return template
      .replace(/\{productId\}|\{sku\}/g, encodeURIComponent(productId))
      .replace(/\{quantity\}/g, String(quantity));
  }

  private render(): void {
    this.badge.textContent = String(this.count);
    this.badge.hidden = this.count === 0;
    this.badge.setAttribute('data-count', String(this.count));
  }
}

/** "Checkout" as a link that opens the store's cart in a new tab. */
export function checkoutLink(url: string, strings: Strings): HTMLElement {
  const link = el('a', {
    className: 'shopguide-checkout',
    text: strings.checkout,
    testId: 'sg-checkout',
    attrs: { href: url, target: '_blank', rel: 'noopener noreferrer' },
  });
  return link;
}
