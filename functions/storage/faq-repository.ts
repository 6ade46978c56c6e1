import type { FaqEntry } from '../faq/faq-entry';
import type { ClusterStore, FaqEntryStore, LoopState, StoredCluster } from '../faq/ports';
import { faqKeys } from './keys';
import { isConditionalCheckFailed, type Table } from './table';

type EntryItem = FaqEntry & { pk: string; sk: string; entity: 'faq-entry' };
type HistoryItem = FaqEntry & { pk: string; sk: string; entity: 'faq-history'; removed?: boolean };
type ClusterItem = StoredCluster & { pk: string; sk: string; entity: 'faq-cluster' };

function strip<T extends object>(item: T): Omit<T, 'pk' | 'sk' | 'entity'> {
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    ...rest
  } = item as T & { pk: string; sk: string; entity: string };
  return rest as Omit<T, 'pk' | 'sk' | 'entity'>;
}

/**
 * FAQ entries (one item each, with every version kept in a history partition) and a per-store version
 * counter that every write bumps, the same invalidation scheme as the catalog version. Single-item
 * conditional writes only: the entry first (the condition guards concurrent edits), then its history, then
 * the version, so a reader that sees the new version also sees the new entry.
 */
export class FaqRepository implements FaqEntryStore, ClusterStore {
  constructor(private readonly table: Table) {}

  async list(storeId: string): Promise<FaqEntry[]> {
    const items = await this.table.query<EntryItem>(faqKeys.entriesPartition(storeId), {
      beginsWith: faqKeys.entryPrefix,
      consistent: true,
    });
    return items.map((item) => strip(item));
  }

  async get(storeId: string, entryId: string): Promise<FaqEntry | undefined> {
    const item = await this.table.get<EntryItem>(faqKeys.entry(storeId, entryId));
    return item ? strip(item) : undefined;
  }

  async put(entry: FaqEntry): Promise<boolean> {
    const key = faqKeys.entry(entry.storeId, entry.entryId);
    try {
      await this.table.put(
        { ...key, entity: 'faq-entry', ...entry },
        entry.version === 1
          ? { ifNotExists: true }
          : { condition: 'version = :previous', values: { ':previous': entry.version - 1 } },
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
    await this.table.put({
      ...faqKeys.history(entry.storeId, entry.entryId, entry.version),
      entity: 'faq-history',
      ...entry,
    });
    await this.bump(entry.storeId);
    return true;
  }

  async remove(storeId: string, entryId: string, by: string, at: string): Promise<boolean> {
    const current = await this.get(storeId, entryId);
    if (!current) return false;
    await this.table.delete(faqKeys.entry(storeId, entryId));
    await this.table.put({
      ...faqKeys.history(storeId, entryId, current.version + 1),
      entity: 'faq-history',
      ...current,
      version: current.version + 1,
      author: by,
      updatedAt: at,
      removed: true,
    });
    await this.bump(storeId);
    return true;
  }

  async history(storeId: string, entryId: string): Promise<(FaqEntry & { removed?: boolean })[]> {
    const items = await this.table.query<HistoryItem>(faqKeys.historyPartition(storeId), {
      beginsWith: `${entryId}#`,
    });
    return items.map((item) => strip(item));
  }

  async version(storeId: string): Promise<number> {
    const item = await this.table.get<{ version?: number }>(faqKeys.version(storeId));
    return Number(item?.version ?? 0);
  }

  private async bump(storeId: string): Promise<void> {
    await this.table.update({
      Key: faqKeys.version(storeId),
      UpdateExpression: 'ADD version :one SET entity = :entity',
      ExpressionAttributeValues: { ':one': 1, ':entity': 'faq-version' },
    });
  }

  async listClusters(storeId: string): Promise<StoredCluster[]> {
    const items = await this.table.query<ClusterItem>(faqKeys.clustersPartition(storeId), {
      beginsWith: faqKeys.clusterPrefix,
      consistent: true,
    });
    return items.map((item) => strip(item));
  }

  async getCluster(storeId: string, clusterId: string): Promise<StoredCluster | undefined> {
    const item = await this.table.get<ClusterItem>(faqKeys.cluster(storeId, clusterId));
    return item ? strip(item) : undefined;
  }

  /**
   * Writes the clustering's result. Status, deliveries and who closed a cluster belong to the clicks, so an
   * update never overwrites them: only the questions and counts change here.
   */
  async saveClusters(storeId: string, clusters: StoredCluster[], removed: string[]): Promise<void> {
    for (const cluster of clusters) {
      await this.table.update({
        Key: faqKeys.cluster(storeId, cluster.clusterId),
        UpdateExpression:
          'SET entity = :entity, storeId = :store, clusterId = :id, questions = :questions, #count = :count, ' +
          'firstAt = :first, lastAt = :last, signature = :signature, #status = if_not_exists(#status, :status)',
        ExpressionAttributeNames: { '#count': 'count', '#status': 'status' },
        ExpressionAttributeValues: {
          ':entity': 'faq-cluster',
          ':store': storeId,
          ':id': cluster.clusterId,
          ':questions': cluster.questions,
          ':count': cluster.count,
          ':first': cluster.firstAt,
          ':last': cluster.lastAt,
          ':signature': cluster.signature,
          ':status': cluster.status,
        },
      });
    }
    for (const clusterId of removed) await this.table.delete(faqKeys.cluster(storeId, clusterId));
  }

  async transition(
    storeId: string,
    clusterId: string,
    from: StoredCluster['status'][],
    to: StoredCluster['status'],
    patch: Partial<Pick<StoredCluster, 'closedBy' | 'closedAt' | 'entryId' | 'deliveries'>> = {},
  ): Promise<boolean> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':to': to };
    const sets = ['#status = :to'];
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    from.forEach((status, i) => (values[`:from${i}`] = status));
    try {
      await this.table.update({
        Key: faqKeys.cluster(storeId, clusterId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `#status IN (${from.map((_s, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      });
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async getState(storeId: string): Promise<LoopState> {
    const item = await this.table.get<LoopState>(faqKeys.loopState(storeId));
    return { watermarkSk: item?.watermarkSk ?? '0', answeredByDay: item?.answeredByDay ?? {} };
  }

  async saveState(storeId: string, state: LoopState): Promise<void> {
    await this.table.put({ ...faqKeys.loopState(storeId), entity: 'faq-loop-state', storeId, ...state });
  }
}
