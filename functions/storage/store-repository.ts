import type { Store } from '../stores/store';
import { keys } from './keys';
import type { Table } from './table';

type StoreItem = Store & { pk: string; sk: string; gsi1pk: string; gsi1sk: string; entity: 'store' };

export class StoreRepository {
  constructor(private readonly table: Table) {}

  async get(storeId: string): Promise<Store | undefined> {
    const item = await this.table.get<StoreItem>(keys.store(storeId));
    return item ? stripStore(item) : undefined;
  }

  /** Creates the store; returns false when the id is taken. */
  async create(store: Store): Promise<boolean> {
    return this.table.putIfAbsent(toItem(store));
  }

  async save(store: Store): Promise<void> {
    await this.table.put(toItem(store));
  }

  async list(): Promise<Store[]> {
    const items = await this.table.query<StoreItem>(keys.storeList(), { index: 'gsi1' });
    return items.map(stripStore);
  }

  /** Atomically bumps the catalog version after an import, so warm search indexes rebuild. */
  async bumpCatalogVersion(storeId: string): Promise<number> {
    const out = await this.table.update({
      Key: keys.store(storeId),
      UpdateExpression: 'ADD catalogVersion :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':one': 1 },
    });
    return Number(out?.catalogVersion ?? 0);
  }
}

function toItem(store: Store): StoreItem {
  return { ...keys.store(store.id), gsi1pk: keys.storeList(), gsi1sk: store.id, entity: 'store', ...store };
}

function stripStore(item: StoreItem): Store {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, entity: _t, ...store } = item;
  return store;
}
