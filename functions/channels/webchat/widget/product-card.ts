/** A product card in a reply: thumbnail, title, brand and rating, price, stock, and an add-to-cart button. */
import type { WireProduct } from '../wire';
import { checkoutLink } from './cart';
import { button, el } from './dom';
import { categoryIcon, icon } from './icons';
import { stockLevel } from '../../../catalog/stock-wording';
import type { Strings } from './strings';
import { formatPrice } from './text';

/** What the host widget does when the shopper acts on a card. */
export interface ProductCardActions {
  onClick(): void;
  /** Returns the store's checkout link for it, when there is one. */
  onAddToCart(): string | undefined;
}

export function renderProductCard(
  product: WireProduct,
  strings: Strings,
  actions: ProductCardActions,
): HTMLElement {
  const title = String(product.title ?? '');
  const price = Number(product.price);
  const stock = Number.isFinite(Number(product.stock)) ? Number(product.stock) : 0;
  const inStock = product.inStock !== false && stock > 0;
  const card = el('div', {
    className: 'shopguide-card',
    testId: 'sg-product-card',
    attrs: {
      'data-product-id': String(product.id),
      'data-category': String(product.category ?? ''),
      'data-price': String(price),
      'data-currency': String(product.currency ?? ''),
      'data-in-stock': String(inStock),
    },
  });

  const thumb = el('div', { className: 'shopguide-thumb', attrs: { 'aria-hidden': 'true' } });
  thumb.appendChild(icon(categoryIcon(String(product.category ?? '')), 28, 1.6));
  if (typeof product.thumbnail === 'string' && /^https:\/\//i.test(product.thumbnail)) {
    const image = el('img', {
      attrs: { alt: '', loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' },
    });
    image.addEventListener('load', () => thumb.replaceChildren(image));
    image.src = product.thumbnail;
  }

  const titleButton = button(
    { className: 'shopguide-card-title', text: title, testId: 'sg-product-title' },
    [],
  );
  titleButton.setAttribute('aria-label', strings.viewProduct(title));

  const meta = el('div', { className: 'shopguide-card-meta' });
  if (product.brand) meta.appendChild(el('span', { text: product.brand }));
  if (typeof product.rating === 'number' && Number.isFinite(product.rating)) {
    const rating = product.rating.toFixed(1);
    if (product.brand) meta.appendChild(el('span', { text: '·', attrs: { 'aria-hidden': 'true' } }));
    meta.appendChild(
      el('span', { attrs: { 'aria-label': strings.rating(rating) } }, [
        el('span', { className: 'shopguide-star', text: '★ ', attrs: { 'aria-hidden': 'true' } }),
        document.createTextNode(rating),
      ]),
    );
  }

  // The server's wording (catalog/stock-wording.ts), so the card says what the CLI and Slack say.
  const level = stockLevel(inStock ? stock : 0);
  const stockLabel = strings.stock(inStock ? stock : 0);
  const cartButton = button(
    { className: 'shopguide-cart-btn', testId: 'sg-add-to-cart', label: strings.addToCartLabel(title) },
    [icon('cart', 15, 2.2), el('span', { text: strings.addToCart })],
  );
  cartButton.disabled = !inStock;
  cartButton.addEventListener('click', (event) => {
    event.stopPropagation();
    cartButton.disabled = true;
    cartButton.setAttribute('data-state', 'added');
    cartButton.replaceChildren(icon('check', 15, 2.4), el('span', { text: strings.added }));
    const url = actions.onAddToCart();
    if (url) body.appendChild(checkoutLink(url, strings));
  });

  const reason =
    typeof product.reason === 'string' && product.reason.trim()
      ? el('div', { className: 'shopguide-card-reason', text: product.reason, testId: 'sg-product-reason' })
      : null;
  const body = el('div', { className: 'shopguide-card-body' }, [
    titleButton,
    meta.childNodes.length > 0 ? meta : null,
    reason,
    el('div', { className: 'shopguide-card-foot' }, [
      el('span', {
        className: 'shopguide-price',
        text: formatPrice(price, product.currency, strings.locale),
        testId: 'sg-product-price',
      }),
      el('span', {
        className: 'shopguide-stock',
        text: stockLabel,
        testId: 'sg-product-stock',
        attrs: { 'data-stock': level },
      }),
      cartButton,
    ]),
  ]);
  card.append(thumb, body);
  card.addEventListener('click', () => {
    actions.onClick();
  });
  return card;
}
