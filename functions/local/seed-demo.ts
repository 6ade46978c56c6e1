import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Composition } from '../app/compose';
import { parseProducts } from '../catalog/import';
import { demoOrdersFromCarts } from '../orders/demo-orders';
import type { Store } from '../stores/store';

export const DEMO_DATA_DIR = path.resolve(__dirname, '../../data/demo-store');

export function demoStore(now: Date): Store {
  return {
    id: 'demo',
    name: 'ShopGuide Demo Store',
    currency: 'USD',
    locale: 'en-US',
    timezone: 'America/New_York',
    policies: {
      shipping:
        'Standard shipping is free on orders over $50 and arrives in 3-5 business days; express delivery in 1-2 business days costs $9.99.',
      returns:
        'Unused items in their original packaging can be returned within 30 days of delivery for a full refund.',
      warranty:
        "Products carry the manufacturer's warranty shown on the product page; contact us with your order number to start a claim.",
      contact: 'support@demo.shopguide.example',
    },
    secret: randomBytes(24).toString('base64url'),
    identitySecrets: [randomBytes(24).toString('base64url')],
    catalogVersion: 0,
    createdAt: now.toISOString(),
    handoff: { unclaimedMinutes: 5, idleMinutes: 15 },
  };
}

/**
 * Seeds the demo store (catalog and demo orders from data/demo-store) when it does not exist yet.
 * Returns true when it seeded. Safe to call on every start: an existing store is left alone.
 */
export async function seedDemoStore(
  services: Composition,
  onProgress?: (message: string) => void,
): Promise<boolean> {
  if (await services.stores.get('demo')) return false;
  const now = services.now();
  const store = demoStore(now);
  const { products } = parseProducts(
    readFileSync(path.join(DEMO_DATA_DIR, 'products.json'), 'utf8'),
    'json',
    store.currency,
  );
  onProgress?.(`Seeding demo store: ${products.length} products`);
  await services.products.putMany(store.id, products);
  const orders = demoOrdersFromCarts(
    JSON.parse(readFileSync(path.join(DEMO_DATA_DIR, 'carts.json'), 'utf8')),
    {
      storeId: store.id,
      currency: store.currency,
      now,
    },
  );
  onProgress?.(`Seeding demo store: ${orders.length} orders`);
  await services.orders.putMany(orders);
  // The store record goes last: its presence means the seed completed.
  await services.stores.create({ ...store, catalogVersion: 1 });
  return true;
}
