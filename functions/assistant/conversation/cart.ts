import type { Product } from '../../catalog/product';

/** An action the reply asks the channel to perform: today, adding a product to the store's cart. */
export interface CartAction {
  type: 'add_to_cart';
  productId: string;
  quantity: number;
  /** The store's cart link for this product, when the store configured a cart URL template. */
  url?: string;
}

const PLACEHOLDERS = /\{(productId|quantity|sku)\}/g;

/**
 * Checks a store's cart URL template: an http(s) URL with a `{productId}` placeholder (and optionally
 * `{quantity}` and `{sku}`). Returns the reason it is unusable, or undefined when it is fine.
 */
export function cartTemplateProblem(template: string): string | undefined {
  if (!template.includes('{productId}') && !template.includes('{sku}'))
    return 'the cart URL template needs a {productId} or {sku} placeholder';
  let url: URL;
  try {
    url = new URL(template.replace(PLACEHOLDERS, 'x'));
  } catch {
    return 'the cart URL template is not a URL';
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && /^(?:localhost|127\.0\.0\.1)$/.test(url.hostname))
  )
    return 'the cart URL template must use https';
  return undefined;
}

/** The cart link for a product: placeholders filled in, each value URL-encoded. */
export function cartUrl(template: string, product: Product, quantity: number): string {
  const values: Record<string, string> = {
    productId: product.id,
    quantity: String(quantity),
    sku: product.sku ?? product.id,
  };
  return template.replace(PLACEHOLDERS, (_, key: string) => encodeURIComponent(values[key] ?? ''));
}

export function cartAction(product: Product, quantity: number, template: string | undefined): CartAction {
  const action: CartAction = { type: 'add_to_cart', productId: product.id, quantity };
  if (template && !cartTemplateProblem(template)) action.url = cartUrl(template, product, quantity);
  return action;
}
