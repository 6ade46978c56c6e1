import { randomBytes } from 'node:crypto';
import type { Composition } from '../../functions/app/compose';
import { pullStoreFeed } from '../../functions/catalog-sync/feed-pull';
import { checkFeedUrl } from '../../functions/catalog-sync/safe-fetch';
import { ConflictError, NotFoundError, ValidationError } from '../../functions/errors/errors';
import { reportRowErrors } from './import';
import { cartTemplateProblem } from '../../functions/assistant/conversation/cart';
import { STORE_ID_PATTERN, type Store } from '../../functions/stores/store';
import { parse, UsageError, type CliIo } from './io';

const USAGE = `usage: shopguide store create <storeId> --name "Store name" [--currency USD] [--locale en-US] [--timezone UTC] [--cart-url <template>] [--json]
       shopguide store set --store <id> [--feed-url https://… | --no-feed] [--shopify-secret <secret> | --no-shopify] [--cart-url <template> | --cart-url ""]
       shopguide store pull --store <id> [--json]
       shopguide store rotate-identity-secret --store <id> [--json]`;
/** The new identity secret signs; the previous one keeps verifying until the next rotation. */
const KEPT_IDENTITY_SECRETS = 2;

const newSecret = () => randomBytes(24).toString('base64url');

/** `shopguide store create|set|pull|rotate-identity-secret`. */
export async function storeCommand(args: string[], io: CliIo, services: Composition): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'set') return storeSet(rest, io, services);
  if (sub === 'pull') return storePull(rest, io, services);
  if (sub === 'rotate-identity-secret') return rotateIdentitySecret(rest, io, services);
  if (sub !== 'create') throw new UsageError(USAGE);
  return storeCreate(rest, io, services);
}

/** A new store (partner) with default policies, a fresh webhook secret and a separate identity secret. */
async function storeCreate(rest: string[], io: CliIo, services: Composition): Promise<number> {
  const { values, positionals } = parse(rest, {
    'cart-url': { type: 'string' },
    name: { type: 'string' },
    currency: { type: 'string', default: 'USD' },
    locale: { type: 'string', default: 'en-US' },
    timezone: { type: 'string', default: 'UTC' },
    json: { type: 'boolean', default: false },
  });
  const storeId = positionals[0];
  if (!storeId || !values.name) throw new UsageError(USAGE);
  if (!STORE_ID_PATTERN.test(storeId)) {
    throw new ValidationError('Store id must be 2-40 characters of lowercase letters, digits and dashes');
  }
  if (!/^[A-Z]{3}$/.test(values.currency))
    throw new ValidationError('Currency must be an ISO code such as USD');
  try {
    new Intl.DateTimeFormat('en', { timeZone: values.timezone });
  } catch {
    throw new ValidationError(`Unknown timezone ${values.timezone}`);
  }
  const store: Store = {
    id: storeId,
    name: values.name,
    currency: values.currency,
    locale: values.locale,
    timezone: values.timezone,
    policies: {
      shipping: 'Orders ship within 2 business days.',
      returns: 'Unused items can be returned within 30 days of delivery.',
      warranty: "Products carry the manufacturer's warranty.",
    },
    secret: newSecret(),
    identitySecrets: [newSecret()],
    catalogVersion: 0,
    createdAt: services.now().toISOString(),
    handoff: { unclaimedMinutes: 5, idleMinutes: 15 },
    ...(values['cart-url'] ? { cartUrlTemplate: checkedCartUrl(values['cart-url']) } : {}),
  };
  if (!(await services.stores.create(store))) throw new ConflictError(`Store ${storeId} already exists`);
  if (values.json) {
    io.out(
      JSON.stringify({
        id: store.id,
        name: store.name,
        secret: store.secret,
        identitySecret: store.identitySecrets?.[0],
      }),
    );
  } else {
    io.out(`Created store ${store.id} (${store.name}).`);
    io.out(`Webhook secret (shown once, keep it safe): ${store.secret}`);
    io.out(`Shopper-identity secret (shown once, keep it safe): ${store.identitySecrets?.[0]}`);
    io.out(`Next: shopguide import products <file> --store ${store.id}`);
  }
  return 0;
}

async function rotateIdentitySecret(args: string[], io: CliIo, services: Composition): Promise<number> {
  const { values } = parse(args, { store: { type: 'string' }, json: { type: 'boolean', default: false } });
  if (!values.store) throw new UsageError(USAGE);
  const store = await services.stores.get(values.store, { fresh: true });
  if (!store) throw new ValidationError(`Unknown store ${values.store}`);
  const secret = newSecret();
  const identitySecrets = [secret, ...(store.identitySecrets ?? [])].slice(0, KEPT_IDENTITY_SECRETS);
  await services.stores.save({ ...store, identitySecrets });
  if (values.json) io.out(JSON.stringify({ id: store.id, identitySecret: secret }));
  else {
    io.out(`New shopper-identity secret for ${store.id} (shown once): ${secret}`);
    io.out('The previous secret keeps verifying until the next rotation; switch your backend now.');
  }
  return 0;
}

/** Catalog-sync settings: the HTTPS feed the schedule pulls, and the Shopify webhook secret. */
async function storeSet(args: string[], io: CliIo, services: Composition): Promise<number> {
  const { values } = parse(args, {
    store: { type: 'string' },
    'feed-url': { type: 'string' },
    'no-feed': { type: 'boolean', default: false },
    'shopify-secret': { type: 'string' },
    'no-shopify': { type: 'boolean', default: false },
    'cart-url': { type: 'string' },
  });
  if (!values.store) throw new UsageError(USAGE);
  const store = await services.stores.get(values.store);
  if (!store) throw new NotFoundError(`Unknown store ${values.store}`);
  const feedUrl = values['feed-url'];
  if (feedUrl && values['no-feed']) throw new UsageError('give --feed-url or --no-feed, not both');
  // The address is checked again at every pull, after DNS resolution; this catches mistakes early.
  if (feedUrl) checkFeedUrl(feedUrl);
  const secret = values['shopify-secret'];
  if (secret !== undefined && secret.trim().length < 16) {
    throw new ValidationError("The Shopify webhook secret looks too short: copy it from the app's settings");
  }
  const settings = {
    feed: values['no-feed'] ? null : feedUrl ? { url: feedUrl } : undefined,
    shopify: values['no-shopify'] ? null : secret ? { webhookSecret: secret.trim() } : undefined,
  };
  const cartUrl = values['cart-url'];
  if (settings.feed === undefined && settings.shopify === undefined && cartUrl === undefined)
    throw new UsageError(USAGE);
  if (cartUrl !== undefined) await setCartUrl(store.id, cartUrl, io, services);
  if (settings.feed !== undefined || settings.shopify !== undefined)
    await services.stores.updateSync(store.id, settings);
  if (settings.feed)
    io.out(
      `Feed for ${store.id}: ${feedUrl} (pulled on the stack's schedule; now: shopguide store pull --store ${store.id})`,
    );
  if (settings.feed === null) io.out(`Feed removed for ${store.id}.`);
  if (settings.shopify) io.out(`Shopify webhooks for ${store.id} are verified with the new secret.`);
  if (settings.shopify === null) io.out(`Shopify webhooks removed for ${store.id}.`);
  return 0;
}

/** Pulls the store's feed now, as the schedule does. */
async function storePull(args: string[], io: CliIo, services: Composition): Promise<number> {
  const { values } = parse(args, { store: { type: 'string' }, json: { type: 'boolean', default: false } });
  if (!values.store) throw new UsageError(USAGE);
  const store = await services.stores.get(values.store, { fresh: true });
  if (!store) throw new NotFoundError(`Unknown store ${values.store}`);
  io.err(`pulling ${store.feed?.url ?? 'the feed'}...`);
  const result = await pullStoreFeed(services, store, {
    maxBytes: services.config.catalog.feedMaxBytes,
    timeoutMs: services.config.catalog.feedTimeoutMs,
  });
  if (values.json) {
    const { errors, ...counts } = result;
    io.out(JSON.stringify({ ...counts, rejected: errors.length, errors: errors.slice(0, 20) }));
    return 0;
  }
  reportRowErrors(result.errors, io);
  io.out(
    `Pulled the feed of ${store.id}: ${result.upserted} new or changed, ${result.markedUnavailable} now unavailable, ${result.unchanged} unchanged, ${result.errors.length} rejected. Catalog version ${result.catalogVersion ?? 0}.`,
  );
  return 0;
}

/** The store's add-to-cart link (docs/conversation.md); an empty template removes it. */
async function setCartUrl(storeId: string, template: string, io: CliIo, services: Composition) {
  const fresh = await services.stores.get(storeId, { fresh: true });
  if (!fresh) throw new NotFoundError(`Unknown store ${storeId}`);
  const next: Store = { ...fresh };
  if (template) next.cartUrlTemplate = checkedCartUrl(template);
  else delete next.cartUrlTemplate;
  await services.stores.save(next);
  io.out(template ? `Cart links for ${storeId}: ${template}` : `Cart links removed for ${storeId}.`);
}

function checkedCartUrl(template: string): string {
  const problem = cartTemplateProblem(template);
  if (problem) throw new ValidationError(problem.charAt(0).toUpperCase() + problem.slice(1));
  return template;
}
