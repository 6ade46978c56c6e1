/** A store (a partner of the platform) and the policies the assistant quotes. */
export interface StorePolicies {
  shipping: string;
  returns: string;
  warranty: string;
  contact?: string;
}

export interface Store {
  id: string;
  name: string;
  currency: string;
  locale: string;
  timezone: string;
  policies: StorePolicies;
  /** HMAC secret the store's backend signs order (and catalog) webhooks with. */
  secret: string;
  /**
   * Secrets the store's backend signs shopper identities with, newest first; separate from `secret` so a
   * leaked page signature never forges webhooks, and rotatable (`shopguide store rotate-identity-secret`).
   */
  identitySecrets?: string[];
  /** Bumped on every catalog import, so warm processes know to rebuild their search index. */
  catalogVersion: number;
  createdAt: string;
  /** Minutes before an unclaimed handoff tells the shopper; minutes of silence before a claim returns to the bot. */
  handoff?: { unclaimedMinutes: number; idleMinutes: number };
  /**
   * The store's add-to-cart link, e.g. `https://shop.example/cart/add?id={productId}&qty={quantity}`
   * (placeholders `{productId}`, `{quantity}`, `{sku}`). With it, cart actions carry a checkout `url`.
   */
  cartUrlTemplate?: string;
  /** Shopify webhooks: the app's signing secret (`store set --shopify-secret`). */
  shopify?: { webhookSecret: string };
  /** The HTTPS catalog feed the schedule pulls (`store set --feed-url`), and how the last pull went. */
  feed?: StoreFeed;
}

export interface StoreFeed {
  url: string;
  lastPulledAt?: string;
  /** One line: counts of a good pull, or the reason a pull failed. */
  lastResult?: string;
  lastOk?: boolean;
}

export const STORE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;
