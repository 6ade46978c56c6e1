import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rememberShown, type ShownContext } from '../../../functions/assistant/conversation/constraints';
import type { DraftReply } from '../../../functions/assistant/draft';
import { answerOffline } from '../../../functions/assistant/offline-assistant';
import { understand } from '../../../functions/assistant/query-understanding';
import type { ToolContext } from '../../../functions/assistant/tools';
import { TurnLedger } from '../../../functions/assistant/turn-ledger';
import { parseProducts } from '../../../functions/catalog/import';
import { SearchIndex } from '../../../functions/catalog/search-index';
import type { OrderRepository } from '../../../functions/storage/order-repository';
import type { Store } from '../../../functions/stores/store';
import { DEFAULT_VARIANTS, type GuidanceVariant } from '../../../functions/strategy/strategy';

const root = path.join(__dirname, '..', '..', '..');
export const demoIndex = SearchIndex.build(
  parseProducts(readFileSync(path.join(root, 'data/demo-store/products.json'), 'utf8'), 'json', 'USD')
    .products,
);

export const demoStore: Store = {
  id: 'demo',
  name: 'Demo Store',
  currency: 'USD',
  locale: 'en-US',
  timezone: 'UTC',
  policies: { shipping: 'Ships in 3 days.', returns: '30 day returns.', warranty: '1 year.' },
  secret: 'test',
  catalogVersion: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
};

/** Orders play no part in these turns: a repository with no orders. */
const noOrders = {
  get: async () => undefined,
  listByCustomer: async () => [],
} as unknown as OrderRepository;

export interface Turn {
  reply: DraftReply;
  ledger: TurnLedger;
}

/**
 * A conversation through the pure core: understanding, the offline assistant and the shown-list memory,
 * exactly as the shopper assistant folds them between turns, without storage.
 */
export class Dialog {
  memory: ShownContext = { lastProductIds: [], shownIds: [] };
  readonly turns: Turn[] = [];

  constructor(
    private readonly options: { variant?: 'concise' | 'consultative'; store?: Partial<Store> } = {},
  ) {}

  async say(text: string): Promise<DraftReply> {
    const variant = DEFAULT_VARIANTS.find(
      (v) => v.id === (this.options.variant ?? 'concise'),
    ) as GuidanceVariant;
    const context: ToolContext = {
      store: { ...demoStore, ...this.options.store },
      index: demoIndex,
      orders: noOrders,
      boughtTogether: { forProducts: async () => [] },
      plan: { variant, boosts: {}, strategyVersion: 0 },
      preferences: {},
      lastProductIds: this.memory.lastProductIds,
      focusProductId: this.memory.focusProductId,
      shownIds: this.memory.shownIds,
      constraints: this.memory.constraints,
      expectedWaitMinutes: 5,
    };
    const ledger = new TurnLedger();
    const reply = await answerOffline(text, understand(text, demoIndex), context, ledger);
    this.memory = rememberShown(
      this.memory,
      reply.products.map((p) => p.id),
      reply.search?.constraints,
      !!reply.search?.fresh,
    );
    this.turns.push({ reply, ledger });
    return reply;
  }

  /** The product ids of the list the shopper last saw. */
  get list(): string[] {
    return this.memory.lastProductIds;
  }
}

export const product = (id: string) => {
  const found = demoIndex.get(id);
  if (!found) throw new Error(`no product ${id}`);
  return found;
};
