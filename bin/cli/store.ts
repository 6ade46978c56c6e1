import { randomBytes } from 'node:crypto';
import type { Composition } from '../../functions/app/compose';
import { ConflictError, ValidationError } from '../../functions/errors/errors';
import { cartTemplateProblem } from '../../functions/assistant/conversation/cart';
import { STORE_ID_PATTERN, type Store } from '../../functions/stores/store';
import { parse, UsageError, type CliIo } from './io';

const USAGE =
  'usage: shopguide store create <storeId> --name "Store name" [--currency USD] [--locale en-US] [--timezone UTC] [--cart-url <template>] [--json]\n' +
  '       shopguide store set <storeId> --cart-url <template>   ("" removes it)';

/** `shopguide store create|set`: a new store with default policies and a fresh secret; or its cart link. */
export async function storeCommand(args: string[], io: CliIo, services: Composition): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'set') return setStore(rest, io, services);
  if (sub !== 'create') throw new UsageError(USAGE);
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
    secret: randomBytes(24).toString('base64url'),
    catalogVersion: 0,
    createdAt: services.now().toISOString(),
    handoff: { unclaimedMinutes: 5, idleMinutes: 15 },
    ...(values['cart-url'] ? { cartUrlTemplate: checkedCartUrl(values['cart-url']) } : {}),
  };
  if (!(await services.stores.create(store))) throw new ConflictError(`Store ${storeId} already exists`);
  if (values.json) {
    io.out(JSON.stringify({ id: store.id, name: store.name, secret: store.secret }));
  } else {
    io.out(`Created store ${store.id} (${store.name}).`);
    io.out(`Webhook and shopper-identity secret (shown once, keep it safe): ${store.secret}`);
    io.out(`Next: shopguide import products <file> --store ${store.id}`);
  }
  return 0;
}

/** `shopguide store set <id> --cart-url <template>`: the link cart actions carry (see docs/conversation.md). */
async function setStore(args: string[], io: CliIo, services: Composition): Promise<number> {
  const { values, positionals } = parse(args, { 'cart-url': { type: 'string' } });
  const storeId = positionals[0];
  const template = values['cart-url'];
  if (!storeId || template === undefined) throw new UsageError(USAGE);
  const store = await services.stores.get(storeId, { fresh: true });
  if (!store) throw new ValidationError(`Unknown store ${storeId}`);
  const next: Store = { ...store };
  if (template) next.cartUrlTemplate = checkedCartUrl(template);
  else delete next.cartUrlTemplate;
  await services.stores.save(next);
  io.out(template ? `Cart links for ${storeId}: ${template}` : `Cart links removed for ${storeId}.`);
  return 0;
}

function checkedCartUrl(template: string): string {
  const problem = cartTemplateProblem(template);
  if (problem) throw new ValidationError(problem.charAt(0).toUpperCase() + problem.slice(1));
  return template;
}
